"""CSV export (tracker.io.csv_export): the column contract, values, quoting and spreadsheet safety."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import Any

import pytest
from sqlmodel import select

from tracker.domain.errors import InvalidInput
from tracker.io.cells import neutralize, unneutralize
from tracker.io.csv_export import export_csv
from tracker.store.models import Interaction, Person
from tracker.store import Store
from tracker.store.writes import records as R

LOG_HEADER = ("date,channel,direction,person,role,organization,lab,opportunity,stage,subject,notes,"
              "follow_up_due")
OPPORTUNITIES_HEADER = ("title,kind,organization,lab,contact,cycle,stage,deadline,applied_on,letters_required,"
                        "letters_submitted,last_activity,next_follow_up,url,notes")
PEOPLE_HEADER = "name,role,organization,lab,email,linkedin,homepage,research_areas,notes"
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


def export(store: Store, what: str) -> str:
    """The text `tracker export` would write for `what`: the same from the portable rows and from
    SQLite's variant (cells made in SQL), which is checked here on every test's data."""
    written = []
    for variants in (False, True):
        store.variants = variants
        out = io.StringIO(newline="")
        try:
            export_csv(store, what, out)
        finally:
            store.variants = True
        written.append(out.getvalue())
    assert written[0] == written[1]
    return written[1]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def build(store: Store) -> None:
    with store.write() as s:
        R.add_person(s, name="Kim Minsoo", role="professor", organization="GIST", lab="Computer Vision Lab",
                     email="kim@gist.ac.kr", research_areas="computer vision", notes="cited his CVPR paper")
        R.add_person(s, name="Anita Rao", role="postdoc", organization="IISc", linkedin="linkedin.com/in/arao")
        R.add_person(s, name="Ravi Writer", role="writer", organization="My College")
        R.add_opportunity(s, title="GIST CV lab", kind="outreach", organization="GIST", contact="Kim Minsoo",
                          cycle="Summer 2027", on=date(2026, 8, 1))
        R.add_opportunity(s, title="MSR failure explanation", kind="posting", organization="Microsoft Research",
                          deadline=datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc), deadline_tz="Asia/Seoul",
                          letters_required=2, url="https://example.org/job", stage="applied", on=date(2026, 10, 2))
        R.set_letter(s, opportunity="MSR failure explanation", writer="Ravi Writer", status="submitted",
                     on=date(2026, 10, 5))
        R.log_interaction(s, channel="email", direction="sent", person="Kim Minsoo", opportunity="GIST CV lab",
                          on=date(2026, 8, 3), subject="Summer internship")
        R.log_interaction(s, channel="linkedin", direction="received", person="Anita Rao", on=date(2026, 8, 9),
                          notes="knows of an opening")


def test_log_export_writes_the_contract_header_and_values(store: Store) -> None:
    build(store)
    text = export(store, "log")
    assert text.split("\r\n")[0] == LOG_HEADER
    assert rows(text)[1:] == [
        ["2026-08-03", "email", "sent", "Kim Minsoo", "professor", "GIST", "Computer Vision Lab", "GIST CV lab",
         "contacted", "Summer internship", "", "2026-08-10"],
        ["2026-08-09", "linkedin", "received", "Anita Rao", "postdoc", "IISc", "", "", "", "", "knows of an opening",
         ""],
    ]


def test_opportunities_export_writes_the_contract_header_and_values(store: Store) -> None:
    build(store)
    text = export(store, "opportunities")
    assert text.split("\r\n")[0] == OPPORTUNITIES_HEADER
    assert rows(text)[1:] == [
        ["GIST CV lab", "outreach", "GIST", "", "Kim Minsoo", "Summer 2027", "contacted", "", "", "0", "0",
         "2026-08-03", "2026-08-10", "", ""],
        ["MSR failure explanation", "posting", "Microsoft Research", "", "", "", "applied",
         "2026-12-01T14:00:00+09:00", "2026-10-02", "2", "1", "", "", "https://example.org/job", ""],
    ]


def test_people_export_writes_the_contract_header_and_values(store: Store) -> None:
    build(store)
    text = export(store, "people")
    assert text.split("\r\n")[0] == PEOPLE_HEADER
    assert rows(text)[1:] == [
        ["Anita Rao", "postdoc", "IISc", "", "", "linkedin.com/in/arao", "", "", ""],
        ["Kim Minsoo", "professor", "GIST", "Computer Vision Lab", "kim@gist.ac.kr", "", "", "computer vision",
         "cited his CVPR paper"],
        ["Ravi Writer", "writer", "My College", "", "", "", "", "", ""],
    ]


def test_export_returns_the_row_count_and_ends_every_record_with_crlf(store: Store) -> None:
    build(store)
    out = io.StringIO(newline="")
    assert export_csv(store, "people", out) == 3
    assert out.getvalue().count("\r\n") == 4 and out.getvalue().endswith("\r\n")


def test_empty_store_exports_only_the_header(store: Store) -> None:
    assert export(store, "log") == LOG_HEADER + "\r\n"


def test_unknown_kind_is_an_error_naming_the_kinds(store: Store) -> None:
    with pytest.raises(InvalidInput, match="log, opportunities, people"):
        export_csv(store, "letters", io.StringIO())


def test_non_ascii_names_commas_quotes_and_newlines_survive(store: Store) -> None:
    with store.write() as s:
        R.add_person(s, name="김영훈", role="phd-student", organization="KAIST", notes="연구실 방문")
        R.add_person(s, name="Müller, José", role="professor", organization="TU München",
                     notes='He said "yes",\nthen "maybe"')
    text = export(store, "people")
    assert '"Müller, José"' in text
    assert '"He said ""yes"",\nthen ""maybe"""' in text
    assert not text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    by_name = {r[0]: r for r in rows(text)[1:]}
    assert by_name["김영훈"][2:3] == ["KAIST"] and by_name["김영훈"][8] == "연구실 방문"
    assert by_name["Müller, José"][8] == 'He said "yes",\nthen "maybe"'


@pytest.mark.parametrize("char", FORMULA_CHARS)
def test_formula_like_cells_get_a_leading_quote(store: Store, char: str) -> None:
    with store.write() as s:
        person = R.add_person(s, name="Kim", role="professor")
        person.notes = f"{char}HYPERLINK(\"http://evil\")"  # set directly: records strip tabs and CRs
        s.add(person)
    cell = rows(export(store, "people"))[1][8]
    assert cell == f"'{char}HYPERLINK(\"http://evil\")"


def test_a_value_that_already_starts_with_a_quote_keeps_its_quote(store: Store) -> None:
    with store.write() as s:
        R.add_person(s, name="'=x", role="professor", notes="'plain")
    assert rows(export(store, "people"))[1][0::8] == ["''=x", "'plain"]


@pytest.mark.parametrize("value", ["=1+1", "-2", "@SUM", "\tx", "\rx", "'=x", "''+y", "'a", "plain", "", "a=b"])
def test_neutralize_is_undone_by_unneutralize(value: str) -> None:
    assert unneutralize(neutralize(value)) == value
    assert not neutralize(value).startswith(FORMULA_CHARS)


def test_no_exported_cell_starts_like_a_formula(store: Store) -> None:
    dangerous = [f"{c}cmd|' /C calc'!A0" for c in FORMULA_CHARS]
    with store.write() as s:
        for i, text in enumerate(dangerous):
            org = f"{text} university"
            R.add_person(s, name=f"{text} {i}", role="professor", organization=org, lab=text, email=text,
                         linkedin=text, homepage=text, research_areas=text, notes=text)
            R.add_opportunity(s, title=f"{text} title {i}", kind="program", organization=org, lab=text,
                              contact=f"{text} {i}", cycle=text, url=text, notes=text, on=date(2026, 9, 1))
            R.log_interaction(s, channel="email", direction="sent", person=f"{text} {i}",
                              opportunity=f"{text} title {i}", on=date(2026, 9, 2), subject=text, notes=text)
        for person in s.exec(select(Person)):
            person.notes = "\t" + (person.notes or "")
            s.add(person)
        for interaction in s.exec(select(Interaction)):
            interaction.subject = "\r" + (interaction.subject or "")
            s.add(interaction)
    cells = 0
    for what in ("log", "opportunities", "people"):
        for row in rows(export(store, what))[1:]:
            for cell in row:
                cells += 1
                assert not cell.startswith(FORMULA_CHARS), (what, row)
    assert cells > 100


def test_export_streams_rows_instead_of_building_a_list(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO(newline="")
    seen: list[int] = []

    def fake_rows(session: Any) -> Iterator[dict[str, Any]]:
        for i in range(3):
            seen.append(out.getvalue().count("\r\n"))  # rows written before this one was produced
            yield {"name": f"P{i}", "role": "professor", "organization": None, "lab": None, "email": None,
                   "linkedin": None, "homepage": None, "research_areas": None, "notes": None}

    from tracker.store.queries import listings

    monkeypatch.setattr(listings, "people_rows", fake_rows)
    store.variants = False  # the portable rows (SQLite's variant streams from its cursor)
    assert export_csv(store, "people", out) == 3
    assert seen == [1, 2, 3]
