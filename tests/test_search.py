"""Text search: the FTS5 index gives exactly the plain LIKE search's results, and stays in step."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, text
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, select

from conftest import SQLITE_FILE, Cli
from tracker.store.models import Opportunity, Organization, Person
from tracker.store import Store, open_store
from tracker.store.engine.opening import migrate
from tracker.store.writes.records import add_opportunity, add_person
from tracker.domain.folding import fold, person_keys
from tracker.store.queries.search import (OPPORTUNITIES, PEOPLE, has_index, opportunity_ids_matching, people_matching,
                                  person_ids_matching)
from tracker.store.queries.search_index import TABLES
from tracker.store.queries.people_table import count_people, people_page
from tracker.store.queries.table_rows import PeopleFilter, Sort

DAY = date(2026, 11, 22)


def reference(rows: dict[int, dict[str, str | None]], text: str) -> set[int]:
    """The meaning of a search, in Python: every folded word is in one of the person's folded fields."""
    fields = ("name", "organization", "lab", "research_areas", "email")
    return {i for i, row in rows.items()
            if all(any(w in fold(row[c] or "") for c in fields) for w in fold(text).split())}


def index_rows(session: Session, table: str) -> list[tuple[object, ...]]:
    columns = ", ".join(TABLES[table])
    return [tuple(r) for r in session.execute(text(f"SELECT rowid, {columns} FROM {table} ORDER BY rowid"))]


def person_source_rows(session: Session) -> list[tuple[object, ...]]:
    """What the index must hold for each person: the keys the ORM wrote, folded from the fields."""
    rows = []
    for pid, name, aliases, lab, areas, email, org in session.execute(text(
            "SELECT p.id, p.name, p.aliases, p.lab, p.research_areas, p.email, o.name FROM person p "
            "LEFT JOIN organization o ON o.id = p.organization_id ORDER BY p.id")):
        rows.append((pid, *person_keys(name, aliases, lab, areas, email), fold(org) if org else None))
    return rows


def opportunity_source_rows(session: Session) -> list[tuple[object, ...]]:
    from tracker.domain.folding import key

    rows = []
    for oid, title, lab, cycle, notes, org, contact, aliases in session.execute(text(
            "SELECT x.id, x.title, x.lab, x.cycle, x.notes, o.name, c.name, c.aliases FROM opportunity x "
            "LEFT JOIN organization o ON o.id = x.organization_id LEFT JOIN person c ON c.id = x.contact_id "
            "ORDER BY x.id")):
        rows.append((oid, key((title, lab, cycle, notes)), fold(org) if org else None,
                     person_keys(contact, aliases, None, None, None)[0] if contact else None))
    return rows


def assert_index_in_step(store: Store) -> None:
    with store.read() as session:
        assert index_rows(session, "fts_person") == person_source_rows(session)
        assert index_rows(session, "fts_opportunity") == opportunity_source_rows(session)


# --- equivalence with the plain LIKE search, on generated data ---------------------------------------

_LETTERS = list("aAbBkKmMuUeEzZ üÜöÖßéÉıİ김영훈이민수李王%_\"'\\-.")
words = st.text(alphabet=st.sampled_from(_LETTERS) | st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=12)
cell = st.none() | words


@st.composite
def people_and_queries(draw: st.DrawFn) -> tuple[list[dict[str, str | None]], list[str]]:
    people = draw(st.lists(st.fixed_dictionaries({
        "name": st.sampled_from(["Hans Müller", "김영훈", "Wei Wang 0001", "MÜLLER", "Ana"]) | words,
        "organization": cell, "lab": cell, "research_areas": cell, "email": cell,
    }), min_size=1, max_size=8))
    values = [v for p in people for v in p.values() if v]

    @st.composite
    def fragment(draw: st.DrawFn) -> str:
        source = draw(st.sampled_from(values))
        start = draw(st.integers(0, len(source) - 1))
        piece = source[start:start + draw(st.integers(1, 6))]
        flips = draw(st.lists(st.booleans(), min_size=len(piece), max_size=len(piece)))
        return "".join(c.swapcase() if f else c for c, f in zip(piece, flips, strict=True))

    queries = draw(st.lists(fragment() | words | st.sampled_from(["mül", "MÜL", "영훈", "ü", "wa", "  "]),
                            min_size=1, max_size=5))
    return people, queries


def fill_people(session: Session, people: list[dict[str, str | None]]) -> dict[int, dict[str, str | None]]:
    """Replace every person and organization by `people` (name, organization, lab, research_areas, email;
    aliases and role when given, else none and professor); each one's fields by their new id."""
    session.execute(delete(Person))
    session.execute(delete(Organization))
    rows: dict[int, dict[str, str | None]] = {}
    orgs: dict[str, int] = {}
    for entry in people:
        org_name = entry["organization"]
        if org_name is not None and org_name not in orgs:
            org = Organization(name=org_name)
            session.add(org)
            session.flush()
            orgs[org_name] = org.id  # type: ignore[assignment]
        person = Person(name=entry["name"], aliases=entry.get("aliases"), role=entry.get("role") or "professor",
                        organization_id=orgs.get(org_name or ""), lab=entry["lab"],
                        research_areas=entry["research_areas"], email=entry["email"], added_on=DAY)
        session.add(person)
        session.flush()
        rows[person.id] = dict(entry)  # type: ignore[index]
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=people_and_queries())
def test_indexed_search_equals_the_portable_like_search(store: Store, data: tuple[list, list[str]]) -> None:
    people, queries = data
    with store.write() as session:
        rows = fill_people(session, people)
        for query in queries:
            expected = reference(rows, query)
            found = person_ids_matching(session, query)
            plain = person_ids_matching(session, query, use_index=False)
            assert found == expected == plain, query


@SQLITE_FILE  # the FTS5 index
def test_the_index_narrows_long_words_and_like_alone_serves_short_ones(store: Store) -> None:
    with store.write() as session:
        add_person(session, name="Hans Müller", role="professor", organization="TU München", added_on=DAY)
        long = str(people_matching(session, "müll"))
        short = str(people_matching(session, "mü"))
        assert "MATCH" in long and "LIKE" in long
        assert "MATCH" not in short and "LIKE" in short
        assert person_ids_matching(session, "ü") == person_ids_matching(session, "MÜLLER") != set()
        assert person_ids_matching(session, "muller munchen") == person_ids_matching(session, "MÜNCHEN hans") != set()


def test_a_given_name_is_found_written_with_or_without_its_hyphen(store: Store) -> None:
    """"seoyeon" found no "Prof. Kim Seo-yeon" (her e-mail aside), "ji-won" no "Park Jiwon": the same person
    writes both."""
    with store.write() as session:
        add_person(session, name="Prof. Kim Seo-yeon", role="professor", organization="KAIST", added_on=DAY)
        add_person(session, name="Park Jiwon", role="phd-student", added_on=DAY)
        seo = {p.id for p in session.exec(select(Person).where(Person.name == "Prof. Kim Seo-yeon"))}
        for typed in ("seoyeon", "kim seoyeon", "seo-yeon", "seo yeon", "SEOYEON kaist"):
            assert person_ids_matching(session, typed) == seo, typed
        assert person_ids_matching(session, "seoyeon", use_index=False) == seo  # the portable search agrees
        assert person_ids_matching(session, "eony") == set()
        jiwon = {p.id for p in session.exec(select(Person).where(Person.name == "Park Jiwon"))}
        for typed in ("ji-won", "park ji-won", "JI-WON"):  # typed with a hyphen, stored without
            assert person_ids_matching(session, typed) == jiwon, typed
            assert person_ids_matching(session, typed, use_index=False) == jiwon, typed
        assert person_ids_matching(session, "seo-yeon kaist") == seo  # and with, as stored


def test_the_portable_search_is_a_plain_like_on_the_folded_keys() -> None:
    from tracker.store.queries.search import _keys_like, opportunity_keys  # no PostgreSQL here: compile for it

    keys = list(opportunity_keys().values())
    sql = str(_keys_like("50%_x", keys).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert "ILIKE" not in sql and "coalesce(opportunity.search_text, lower(opportunity.title)) LIKE" in sql
    assert "opportunity.contact_id IN (SELECT person_1.id" in sql  # each contact compared once, not per row
    assert "'%%50\\%%\\_x%%'" in sql


# --- the index stays in step with every write ----------------------------------------------------------


@SQLITE_FILE  # the FTS5 index
def test_triggers_keep_the_index_in_step_with_edits_and_deletes(store: Store) -> None:
    from tracker.store.writes.edits import update_opportunity, update_person

    with store.write() as session:
        kim = add_person(session, name="Kim Minsoo", role="professor", organization="GIST",
                         research_areas="computer vision", added_on=DAY)
        lee = add_person(session, name="Lee Jiwoo", role="phd-student", organization="KAIST", added_on=DAY)
        opp = add_opportunity(session, title="Vision internship", kind="outreach", organization="GIST",
                              contact="Kim Minsoo", on=DAY)
        kim_id, lee_id, opp_id = kim.id, lee.id, opp.id
    assert_index_in_step(store)
    with store.write() as session:
        assert person_ids_matching(session, "vision") == {kim_id}
        assert opportunity_ids_matching(session, "minsoo") == {opp_id}
        update_person(session, person_id=kim_id, name="Kim Youngsoo", research_areas="robotics")
        update_opportunity(session, opportunity_id=opp_id, title="Robot internship")
    assert_index_in_step(store)
    with store.write() as session:
        assert person_ids_matching(session, "vision") == set()
        assert person_ids_matching(session, "robot") == {kim_id}
        assert opportunity_ids_matching(session, "minsoo") == set()
        assert opportunity_ids_matching(session, "youngsoo") == {opp_id}
        assert opportunity_ids_matching(session, "vision") == set()
        gist = session.get(Organization, session.get(Person, kim_id).organization_id)  # type: ignore[union-attr]
        gist.name = "Gwangju Institute"  # type: ignore[union-attr]
        session.add(gist)
    assert_index_in_step(store)
    with store.write() as session:
        assert person_ids_matching(session, "gwangju") == {kim_id}
        assert opportunity_ids_matching(session, "gwangju") == {opp_id}
        assert person_ids_matching(session, "gist") == set()
        session.execute(delete(Opportunity).where(Opportunity.id == opp_id))
        session.execute(delete(Person).where(Person.id == lee_id))
    assert_index_in_step(store)
    with store.read() as session:
        assert person_ids_matching(session, "jiwoo") == set()
        assert opportunity_ids_matching(session, "robot") == set()
        assert len(index_rows(session, "fts_person")) == 1


def test_a_database_from_before_the_index_is_searchable_after_the_upgrade(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")  # a database made by the tracker of revision 0001
    migrate(engine, "0001")
    engine.dispose()
    with sqlite3.connect(db_path) as conn:
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'fts%'").fetchall()
        conn.execute("INSERT INTO organization (id, name) VALUES (1, 'Nanyang Technological University')")
        conn.execute("INSERT INTO person (id, name, role, organization_id, lab, added_on) "
                     "VALUES (7, 'Lin Weisi', 'professor', 1, 'Rapid Object Search Lab', '2026-08-01')")
        conn.execute("INSERT INTO opportunity (id, title, kind, organization_id, contact_id, stage, "
                     "letters_required, created_on) VALUES (3, 'NTU India Connect', 'program', 1, 7, "
                     "'shortlisted', 0, '2026-08-01')")
    store = open_store(db_path)
    try:
        with store.read() as session:
            assert has_index(session, PEOPLE) and has_index(session, OPPORTUNITIES)
            assert person_ids_matching(session, "object search") == {7}
            assert person_ids_matching(session, "search object") == {7}
            assert opportunity_ids_matching(session, "weisi") == {3}
            assert str(session.execute(text("SELECT count(*) FROM fts_person WHERE fts_person MATCH '\"nanyang\"'"))
                       .scalar()) == "1"
        assert_index_in_step(store)
    finally:
        store.close()


@SQLITE_FILE  # the FTS5 index
def test_without_the_index_search_falls_back_to_like(store: Store) -> None:
    with store.write() as session:
        add_person(session, name="Hans Müller", role="professor", organization="TU München", added_on=DAY)
        session.execute(text("DROP TABLE fts_person"))
        assert not has_index(session, PEOPLE)
        assert len(person_ids_matching(session, "muller")) == 1
        session.rollback()


# --- what people see -------------------------------------------------------------------------------------


def test_list_people_search_and_the_people_table_filter(cli: Cli, store: Store) -> None:
    with store.write() as session:
        add_person(session, name="Hans Müller", role="professor", organization="TU München",
                   lab="Vision Lab", research_areas="3D vision", added_on=DAY)
        add_person(session, name="김영훈", role="professor", organization="KAIST", added_on=DAY)
        add_person(session, name="Wei Wang 0001", role="professor", organization="UCLA",
                   research_areas="data mining", added_on=DAY)
    people = cli.json("list", "people", "--search", "MÜNCHEN".lower())
    assert [p["name"] for p in people] == ["Hans Müller"]  # type: ignore[index]
    assert [p["name"] for p in cli.json("list", "people", "--search", "영훈")] == ["김영훈"]  # type: ignore[index]
    assert [p["name"] for p in cli.json("list", "people", "--search", "MINING")] == ["Wei Wang 0001"]  # type: ignore[index]
    assert [p["name"] for p in cli.json("list", "people", "--search", "lab vision tu")] == ["Hans Müller"]  # type: ignore[index]
    with store.read() as session:
        page = people_page(session, filters=PeopleFilter(text="vision tu"), sort=Sort("name"))
        assert [r.name for r in page.rows] == ["Hans Müller"] and page.total == 1
        assert count_people(session, filters=PeopleFilter(text="a")) == 3  # "a": LIKE alone (KAIST too)
        assert count_people(session, filters=PeopleFilter(text="0001 ucla")) == 1


@pytest.mark.parametrize("query", ['"', "\\", "%", "_", "a\"b", "NEAR(", "x AND y", "{name}:", "*"])
def test_fts_syntax_in_the_text_is_taken_literally(store: Store, query: str) -> None:
    with store.write() as session:
        add_person(session, name=f"Odd {query} Name", role="professor", added_on=DAY)
        add_person(session, name="Plain Name", role="professor", added_on=DAY)
        assert len(person_ids_matching(session, query)) == 1
        assert len(person_ids_matching(session, f"odd {query}")) == 1
