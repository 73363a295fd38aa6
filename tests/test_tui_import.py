"""Import CSV in the TUI (the palette's "Import CSV…"): looked at first, then imported, undone with ctrl+z."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Select

from conftest import db_rows, table_counts
from tracker.tui.forms.import_form import ImportForm
from tui_helpers import make_app, notifications, settle, text_of

pytestmark = pytest.mark.usefixtures("pinned")

SHEET = ("\ufeffProfessor,University,Email,Date Emailed,Status,Notes\r\n"
         "Prof. 김영훈,KAIST,yh@kaist.example.ac.kr,03/11/2026,Emailed,cited the CVPR paper\r\n"
         "Doç. Dr. Çağla Yılmaz,Boğaziçi Üniversitesi,cagla@boun.example.edu.tr,05/11/2026,Replied,\"asked for CV\"\r\n"
         "Doc. Dr. Cagla Yilmaz,Bogazici Universitesi,,20/11/2026,Interview scheduled,\r\n")
"""As Excel's "CSV UTF-8" saves it: a byte-order mark, CRLF, day-first dates (20/11 says so)."""


async def open_import(pilot: Any, path: Path | None = None) -> ImportForm:
    """The palette's Import CSV…, with `path` typed in (if given)."""
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"import csv")
    await pilot.pause(0.3)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ImportForm))
    form: ImportForm = pilot.app.screen
    if path is not None:
        form.path_input.value = str(path)
    return form


def status(form: ImportForm) -> str:
    return text_of(form.query_one("#import-status"))


def test_a_spreadsheet_is_looked_at_then_imported_then_undone(empty_db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "outreach.csv"
    sheet.write_text(SHEET, encoding="utf-8", newline="")
    before = table_counts(empty_db)

    async def scenario() -> None:
        app = make_app(empty_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            form = await open_import(pilot, sheet)
            await pilot.press("ctrl+s")  # the first look writes nothing
            await settle(pilot, lambda: "would be added" in status(form))
            assert "3 rows: 2 people, 2 opportunities, 3 interactions would be added" in status(form)
            assert table_counts(empty_db) == before
            assert "Import" in str(form.query_one("#import-ok", Button).label)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: app.screen is not form)
            assert any("Imported 3 rows: 2 people" in n for n in notifications(app))
            assert sorted(db_rows(empty_db, "SELECT name FROM person")) == [("Doç. Dr. Çağla Yılmaz",),
                                                                              ("Prof. 김영훈",)]
            assert db_rows(empty_db, "SELECT count(*) FROM organization") == [(2,)]  # Bogazici is Boğaziçi
            await pilot.press("ctrl+z")
            await settle(pilot, lambda: any("removes" in n for n in notifications(app)))
            assert db_rows(empty_db, "SELECT count(*) FROM person") == [(0,)]

    asyncio.run(scenario())


def test_bad_rows_are_listed_and_a_new_choice_is_looked_at_again_before_anything_is_written(
        empty_db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "amb.csv"
    sheet.write_text("Name,University,Date Emailed,Status\nKim Minsoo,GIST,03/08/2026,Emailed\n"
                     "Anita Rao,IISc,04/09/2026,Replied\n", encoding="utf-8")
    before = table_counts(empty_db)

    async def scenario() -> None:
        app = make_app(empty_db, "agenda")
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_import(pilot, sheet)
            await pilot.press("enter")
            await settle(pilot, lambda: "nothing was imported" in status(form))
            assert "Dates: day first" in status(form) and "--dayfirst" not in status(form)
            assert form.query_one("#import-status").has_class("-error")
            assert form.query_one("#import-ok", Button).region.bottom <= 23  # the error leaves the buttons on screen
            form.query_one("#import-dates", Select).value = "day-first"
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "would be added" in status(form))
            assert table_counts(empty_db) == before  # a new choice is looked at first
            assert form.query_one("#import-ok", Button).region.bottom <= 24  # every part fits 80x24
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: app.screen is not form)

    asyncio.run(scenario())
    assert sorted(db_rows(empty_db, 'SELECT p.name, i."on" FROM interaction i JOIN person p ON p.id = i.person_id')) \
        == [("Anita Rao", "2026-09-04"), ("Kim Minsoo", "2026-08-03")]


def test_a_faculty_directory_and_a_missing_file(empty_db: Path, tmp_path: Path) -> None:
    directory = tmp_path / "csrankings.csv"
    directory.write_text("name,affiliation,homepage,scholarid\n"
                         "Arzucan Özgür,Bogazici University,https://www.cmpe.boun.edu.tr/~ozgur,NOSCHOLARPAGE\n"
                         "김영훈,KAIST,https://kaist.ac.kr/~kim,NOSCHOLARPAGE\n", encoding="utf-8")

    async def scenario() -> None:
        app = make_app(empty_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            form = await open_import(pilot)
            form.query_one("#import-path", Input).value = str(tmp_path / "nowhere.csv")
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "does not exist" in status(form))
            form.query_one("#import-what", Select).value = "faculty"
            form.query_one("#import-path", Input).value = str(directory)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "would be added" in status(form))
            assert "2 rows: 2 would be added" in status(form)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: app.screen is not form)

    asyncio.run(scenario())
    assert sorted(db_rows(empty_db, "SELECT name, role FROM person")) == [("Arzucan Özgür", "professor"),
                                                                          ("김영훈", "professor")]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_a_faculty_directory_takes_its_countries_file(empty_db: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    directory, countries = tmp_path / "csrankings.csv", tmp_path / "country-info.csv"
    directory.write_text("name,affiliation,homepage,scholarid\n"
                         "Arzucan Özgür,Bogazici University,https://www.cmpe.boun.edu.tr/~ozgur,NOSCHOLARPAGE\n"
                         "김영훈,KAIST,https://kaist.ac.kr/~kim,NOSCHOLARPAGE\n"
                         "Aaron Roth,University of Pennsylvania,,NOSCHOLARPAGE\n", encoding="utf-8")
    countries.write_text("institution,region,countryabbrv\n"  # as CSRankings writes it: no accents, no US rows
                         "Bogazici University,europe,tr\nKAIST,asia,kr\n", encoding="utf-8")

    async def scenario() -> None:
        app = make_app(empty_db, "agenda")
        async with app.run_test(size=size) as pilot:
            form = await open_import(pilot)
            field = form.query_one("#import-countries", Input)
            assert not field.display  # only for a faculty directory
            form.query_one("#import-what", Select).value = "faculty"
            await settle(pilot)
            assert field.display
            assert field.region.y > form.query_one("#import-path", Input).region.y  # under the directory's path
            form.query_one("#import-path", Input).value = str(directory)
            field.value = str(tmp_path / "no-such-countries.csv")
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "countries file" in status(form))
            assert "no file" in status(form)
            field.value = str(countries)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "would be added" in status(form))
            assert "3 organizations would be given a country" in status(form)
            for button in ("#import-ok", "#import-cancel"):
                assert form.query_one(button, Button).region.bottom <= size[1]
            bad = tmp_path / "bad.csv"  # every row wrong: a long list under the countries field too
            bad.write_text("name,affiliation,homepage,scholarid\n" + ",KAIST,,\n" * 12, encoding="utf-8")
            form.path_input.value = str(bad)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "nothing was imported" in status(form) or "empty" in status(form))
            for button in ("#import-ok", "#import-cancel"):
                assert form.query_one(button, Button).region.bottom <= size[1], status(form)
            form.path_input.value = str(directory)
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: "would be added" in status(form))
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: app.screen is not form)

    asyncio.run(scenario())
    assert sorted(db_rows(empty_db, "SELECT name, country, region FROM organization")) == [
        ("Bogazici University", "TR", "europe"), ("KAIST", "KR", "asia"),
        ("University of Pennsylvania", "US", "northamerica")]
