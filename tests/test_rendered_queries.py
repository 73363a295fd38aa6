"""The screens' first reads on SQLite: the SQL their portable queries compile to, kept rendered.

Opportunities, People, Offers and Letters read their first rows through
`tracker.store.views.screen_data`, which on SQLite runs the SQL kept in
`tracker.store.queries.rendered_sqlite` over sqlite3, so a screen opened right after launch does
not wait for SQLAlchemy and the ORM to load. These tests fail when the kept SQL is not what the
portable queries compile to now (write it again: `uv run python -m tracker.store.queries.rendering`),
prove each screen's data the same read either way, and check that those reads load no SQLAlchemy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SQLITE_FILE, TODAY, new_database
from script_helpers import orm_modules_after
from tracker.store import open_store
from tracker.store.queries import rendered_sqlite, rendering
from tracker.store.queries.table_rows import (
    OPPORTUNITY_SORT, PEOPLE_SORT, OpportunityFilter, PeopleFilter, Sort,
)
from tracker.store.views import screen_data

pytestmark = SQLITE_FILE  # the rendered SQL against the portable queries, both on a SQLite file


def test_the_kept_sql_is_what_the_queries_compile_to() -> None:
    kept = Path(rendered_sqlite.__file__).read_text(encoding="utf-8")
    assert kept == rendering.module_text(), (
        "tracker/store/queries/rendered_sqlite.py is not what the portable queries compile to: "
        "run `uv run python -m tracker.store.queries.rendering`")


def reads(db: Path, *, variants: bool) -> dict[str, object]:
    """Every read of screen_data that the rendered SQL serves, on `db`."""
    store = open_store(db)
    store.variants = variants
    try:
        found: dict[str, object] = {}
        for offset, limit in ((0, 60), (0, 200), (200, 200), (9_990, 200), (50_000, 200)):
            found[f"opportunities {offset} {limit}"] = screen_data.opportunity_page(
                store, filters=OpportunityFilter(), sort=OPPORTUNITY_SORT, offset=offset, limit=limit)
            found[f"people {offset} {limit}"] = screen_data.people_page(
                store, filters=PeopleFilter(), sort=PEOPLE_SORT, offset=offset, limit=limit)
        found["opportunity choices"] = screen_data.opportunity_choices(store)
        found["people countries"] = screen_data.people_countries(store)
        found["offers"] = screen_data.offers_data(store)
        found["letters"] = screen_data.letters_overview(store)
        return found
    finally:
        store.close()


def test_each_screen_reads_the_same_either_way(generated: Path, demo_db: Path) -> None:
    for db in (generated, demo_db):
        rendered, portable = reads(db, variants=True), reads(db, variants=False)
        for what in rendered:
            assert rendered[what] == portable[what], what
    cohort = reads(generated, variants=True)
    first = cohort["opportunities 0 60"]
    assert len(first.rows) == 60 and first.total == 10_000 // 50 and first.offset == 0  # type: ignore[attr-defined]
    assert all(isinstance(row.deadline, date) for row in first.rows if row.deadline)  # type: ignore[attr-defined]
    assert cohort["people 0 200"].total > 200  # type: ignore[attr-defined]
    past_end = cohort["people 50000 200"]
    assert past_end.rows and past_end.offset == past_end.total - 1  # type: ignore[attr-defined]
    offers, besides = cohort["offers"]  # type: ignore[misc]
    assert offers and besides and all(type(o.has_offer) is bool for o in besides)
    assert cohort["letters"].writers and cohort["letters"].total_letters > 0  # type: ignore[attr-defined]
    demo = reads(demo_db, variants=True)
    assert any(o.has_offer for o in demo["offers"][1])  # type: ignore[index]
    assert any(letter.status_on for writer in demo["letters"].writers for letter in writer.letters)  # type: ignore[attr-defined]


def test_an_empty_database_and_names_in_korean_and_turkish(tmp_path: Path, pinned: None) -> None:
    from tracker.store.writes import records

    path = new_database(tmp_path / "t.db")
    assert reads(path, variants=True) == reads(path, variants=False)
    store = open_store(path)
    with store.write() as session:
        for name, org in (("김민지", "연세대학교"), ("İlkay Şahin", "Boğaziçi Üniversitesi"), ("ılgaz Öztürk", None)):
            records.add_person(session, name=name, role="professor", organization=org)
            records.add_opportunity(session, title=f"Lab of {name}", kind="outreach", organization=org, on=TODAY)
    store.close()
    rendered, portable = reads(path, variants=True), reads(path, variants=False)
    assert rendered == portable
    names = [row.name for row in rendered["people 0 60"].rows]  # type: ignore[attr-defined]
    assert sorted(names) == sorted(["김민지", "İlkay Şahin", "ılgaz Öztürk"])


def test_the_first_reads_load_no_sqlalchemy(demo_db: Path) -> None:
    """The four screens pressed right after launch do not wait for the ORM to load."""
    code = ("import sys; from tracker.store import open_store; from tracker.store.views import screen_data as d;"
            " from tracker.store.queries.table_rows import *; s = open_store(sys.argv[1]);"
            " o = d.opportunity_page(s, filters=OpportunityFilter(), sort=OPPORTUNITY_SORT, offset=0, limit=60);"
            " p = d.people_page(s, filters=PeopleFilter(), sort=PEOPLE_SORT, offset=0, limit=60);"
            " c = d.opportunity_choices(s), d.people_countries(s); f = d.offers_data(s); l = d.letters_overview(s);"
            " print(bool(o.rows and p.rows and f[0] and l.writers))")
    assert orm_modules_after(code, demo_db) == ("True", [])


def test_a_filter_or_another_sort_reads_through_the_orm(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        assert store.rendered_rows("people_countries") is not None
        sorted_otherwise = screen_data.people_page(store, filters=PeopleFilter(), sort=Sort("name", descending=True),
                                                   offset=0, limit=60)
        store.variants = False
        assert store.rendered_rows("people_countries") is None
        assert screen_data.people_page(store, filters=PeopleFilter(), sort=Sort("name", descending=True),
                                       offset=0, limit=60) == sorted_otherwise
    finally:
        store.close()
