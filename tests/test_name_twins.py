"""Two people of the same name (two professors called Kim Minsoo, at GIST and at KAIST): every way of
naming one of them reaches that one, in the TUI and the CLI."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from conftest import Cli, db_rows
from form_helpers import open_form, run, save, seed, type_text
from tracker.store import open_store
from tracker.store.writes import edits, records
from tracker.tui.forms.interaction_form import InteractionForm
from tracker.tui.widgets.paged_table import PagedTable
from tui_helpers import make_app, settle


@pytest.fixture
def twins(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int, int]:
    """The seeded database with a second Prof. Kim Minsoo, at KAIST: (database, GIST's id, KAIST's id)."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    seed(empty_db, new=False)
    store = open_store(empty_db)  # type: ignore[arg-type]
    with store.write() as session:
        records.add_person(session, name="Prof. Kim Minsoo", role="professor", organization="KAIST")
    store.close()
    ids = dict(db_rows(empty_db, "SELECT o.name, p.id FROM person p JOIN organization o ON o.id = p.organization_id "
                                 "WHERE p.name = 'Prof. Kim Minsoo'"))
    return empty_db, ids["GIST"], ids["KAIST"]


def logged(db: Path) -> list[tuple[Any, ...]]:
    return db_rows(db, "SELECT person_id, subject FROM interaction ORDER BY id")


def test_l_on_the_second_twins_row_logs_to_that_one(twins: tuple[Path, int, int]) -> None:
    db, _gist, kaist = twins

    async def scenario() -> None:
        app = make_app(db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 4)
            await pilot.press("slash", *"kim", "enter")
            await settle(pilot, lambda: table.row_count == 2)
            row = 1 if str(table.get_row_at(1)[2]) == "KAIST" else 0
            table.move_cursor(row=row)
            await pilot.press("l")
            await settle(pilot, lambda: isinstance(app.screen, InteractionForm) and app.screen.ready)
            form = app.screen
            assert form.widget("person").value == "Prof. Kim Minsoo"
            assert "match" not in str(form.widget("person")._hint.render())  # no "2 match ...; type more"
            await pilot.press("tab")
            await type_text(pilot, "Hello KAIST")
            await save(pilot)
            assert app.screen is not form

    asyncio.run(scenario())
    assert logged(db) == [(kaist, "Hello KAIST")]


def test_a_name_changed_in_the_form_is_looked_up_again(twins: tuple[Path, int, int]) -> None:
    db, gist, _kaist = twins

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Prof. Kim Minsoo", person_id=gist))
        form.widget("person").value = "Tan"
        form.widget("subject").value = "To Tan"
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    (tan,), = db_rows(db, "SELECT id FROM person WHERE name = 'Tan Wei Ming'")
    assert logged(db) == [(tan, "To Tan")]


def test_the_names_suggested_tell_twins_apart_and_each_label_saves_to_its_person(twins: tuple[Path, int, int]) -> None:
    db, gist, kaist = twins
    store = open_store(db)  # type: ignore[arg-type]
    with store.read() as session:
        names = edits.person_names(session)
    store.close()
    assert f"Prof. Kim Minsoo (#{kaist}, KAIST)" in names and f"Prof. Kim Minsoo (#{gist}, GIST)" in names
    assert "Prof. Kim Minsoo" not in names and "Tan Wei Ming" in names

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm())
        await type_text(pilot, "kim")
        assert "2 match" in str(form.widget("person")._hint.render())
        form.widget("person").value = f"Prof. Kim Minsoo (#{gist}, GIST)"
        form.widget("subject").value = "Hello GIST"
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert logged(db) == [(gist, "Hello GIST")]


def test_the_cli_takes_a_twin_as_its_candidate_is_listed(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "KAIST", "--force")
    error = cli("log", "email", "--to", "kim", "--subject", "Hi").stderr
    listed = dict((org, f"Prof. Kim Minsoo (#{pid}, {org})") for pid, org in re.findall(r"\(#(\d+), (\w+)\)", error))
    assert sorted(listed) == ["GIST", "KAIST"]
    cli.ok("log", "email", "--to", listed["KAIST"], "--subject", "Hi")
    assert db_rows(cli.db, "SELECT o.name FROM interaction i JOIN person p ON p.id = i.person_id "
                           "JOIN organization o ON o.id = p.organization_id") == [("KAIST",)]
    wrong = cli("log", "email", "--to", listed["KAIST"].replace("Kim Minsoo", "Someone Else"), "--subject", "Hi")
    assert wrong.exit_code == 2 and "no person named" in wrong.stderr


def test_a_title_is_not_where_a_name_starts(cli: Cli) -> None:
    """"Prof. Arzucan Özgür" typed by hand and "Arzucan Ozgur" from a faculty directory: `--to arzucan`
    names both (it chose the untitled one without asking, as if the title were part of the name);
    the full name typed with its accents is the titled one."""
    cli.ok("add", "person", "Prof. Arzucan Özgür", "--role", "professor", "--org", "Boğaziçi Üniversitesi")
    cli.ok("add", "person", "Arzucan Ozgur", "--role", "professor", "--org", "Bogazici University", "--force")
    asked = cli("log", "linkedin", "--to", "arzucan", "--subject", "Merhaba")
    assert asked.exit_code == 2 and "matches several" in asked.stderr
    assert '"Prof. Arzucan Özgür"' in asked.stderr and '"Arzucan Ozgur"' in asked.stderr
    assert db_rows(cli.db, "SELECT count(*) FROM interaction") == [(0,)]
    cli.ok("log", "linkedin", "--to", "Arzucan Özgür", "--subject", "Merhaba")
    assert db_rows(cli.db, "SELECT p.name FROM interaction i JOIN person p ON p.id = i.person_id") == [
        ("Prof. Arzucan Özgür",)]


def test_an_opportunity_whose_contact_has_a_twin_is_edited_and_saved(twins: tuple[Path, int, int]) -> None:
    """The edit form names the contact so that the save finds them again (was: "several match", not saved)."""
    from tracker.tui.forms.opportunity_form import OpportunityForm

    db, gist, _kaist = twins
    (opportunity_id,), = db_rows(db, "SELECT id FROM opportunity WHERE title = 'GIST CV Lab summer'")

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm(opportunity_id))
        assert form.widget("contact").value == f"Prof. Kim Minsoo (#{gist}, GIST)"
        form.widget("lab").value = "CV Lab, room 301"
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert db_rows(db, "SELECT contact_id, lab FROM opportunity WHERE id = ?", opportunity_id) == [
        (gist, "CV Lab, room 301")]


def test_a_contact_without_a_twin_is_shown_by_name(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlmodel import select

    from tracker.store.models import Person
    from tracker.store.queries.lookup import person_reference

    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    seed(empty_db, new=False)
    store = open_store(empty_db)  # type: ignore[arg-type]
    with store.read() as session:
        tan = session.exec(select(Person).where(Person.name == "Tan Wei Ming")).one()
        assert person_reference(session, tan) == "Tan Wei Ming"
    store.close()
