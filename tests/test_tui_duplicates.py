"""The duplicate guard in the TUI: the person, opportunity and interaction forms, and "Find duplicates".

Driven by the Pilot over a real database file (the seed of form_helpers: Prof. Kim Minsoo at
GIST, Tan Wei Ming at NTU Singapore, "GIST CV Lab summer", "DAAD WISE").
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select

from conftest import table_counts
from form_helpers import TODAY, open_form, rows, run, save, seed, settle, type_text, wait_for
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.forms.interaction_form import InteractionForm
from tracker.tui.forms.opportunity_form import OpportunityForm
from tracker.tui.forms.person_form import PersonForm


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    path = tmp_path / "t.db"
    seed(path)
    return path


def note(form: Any, key: str) -> str:
    """The line under field `key` that is not an error (the guard's warning)."""
    return " ".join(str(form.field(key).query_one(".field-note").render()).split())


def status(form: Any) -> str:
    return " ".join(str(form.query_one("#form-status").render()).split())


def people_named(db: Path, pattern: str) -> list[str]:
    return [r[0] for r in rows(db, "SELECT name FROM person WHERE name LIKE ? ORDER BY id", pattern)]


# --- the person form ------------------------------------------------------------------------------


def test_a_close_name_is_shown_and_needs_a_second_save(db: Path) -> None:
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(), results)
        await type_text(pilot, "Kim Minsoo")
        await wait_for(pilot, lambda: form.guard_matches_shown)
        assert note(form, "name") == "Already have Prof. Kim Minsoo (professor, GIST: same name)"
        await save(pilot)
        assert pilot.app.screen is form and results == []
        assert "Already have Prof. Kim Minsoo (professor, GIST): press ctrl+s again to add anyway" in status(form)
        assert people_named(db, "%Minsoo%") == ["Prof. Kim Minsoo"]  # nothing written yet
        await save(pilot)
        assert results == [True]

    run(db, test)
    assert people_named(db, "%Minsoo%") == ["Prof. Kim Minsoo", "Kim Minsoo"]


def test_saving_before_the_check_answered_still_asks(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm())
        await type_text(pilot, "Minsoo Kim")
        await pilot.press("ctrl+s")  # at once, before the live check runs
        await wait_for(pilot, lambda: "press ctrl+s again" in status(form))
        await settle(pilot)
        assert pilot.app.screen is form

    run(db, test)
    assert table_counts(db) == before


def test_changing_the_name_after_the_warning_asks_again(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm())
        await type_text(pilot, "Kim Minsoo")
        await save(pilot)
        assert "press ctrl+s again" in status(form)
        form.widget("name").value = "Prof. Kim Min-soo"
        await wait_for(pilot, lambda: form.guard_matches_shown)
        assert status(form) == ""  # the old warning is gone with the old name
        await save(pilot)
        assert pilot.app.screen is form
        assert "Already have Prof. Kim Minsoo" in status(form)

    run(db, test)
    assert table_counts(db) == before


def test_a_name_at_another_organization_only_counts_when_it_is_the_same(db: Path) -> None:
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(), results)
        await type_text(pilot, "Kim Minsu")  # a different name: nothing to say
        form.widget("organization").focus()
        await type_text(pilot, "KAIST")
        await pilot.pause(0.5)
        await settle(pilot)
        assert note(form, "name") == ""
        await save(pilot)
        assert results == [True]

    run(db, test)
    assert people_named(db, "Kim Minsu") == ["Kim Minsu"]


def test_editing_without_renaming_saves_at_once(db: Path) -> None:
    store = open_store(db)
    with store.write() as session:
        records.add_person(session, name="Minsoo Kim", role="professor", organization="GIST")  # a duplicate
        kim_id = records.find_person(session, "Prof. Kim Minsoo").id
    store.close()
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(kim_id), results)
        form.widget("email").value = "minsoo.kim@gist.ac.kr"
        await pilot.pause(0.5)
        await settle(pilot)
        assert note(form, "name") == ""
        await save(pilot)
        assert results == [True]

    run(db, test)
    assert rows(db, "SELECT email FROM person WHERE id = ?", kim_id) == [("minsoo.kim@gist.ac.kr",)]


# --- the opportunity form ---------------------------------------------------------------------------


def test_a_close_title_at_the_same_organization_is_shown_and_needs_a_second_save(db: Path) -> None:
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm(), results)
        await type_text(pilot, "Computer Vision Lab")
        form.widget("organization").focus()
        await type_text(pilot, "GIST")
        await wait_for(pilot, lambda: form.guard_matches_shown)
        assert note(form, "title") == "Already have GIST CV Lab summer (outreach, GIST, shortlisted: same words)"
        await save(pilot)
        assert results == [] and "press ctrl+s again to add anyway" in status(form)
        await save(pilot)
        assert results == [True]

    run(db, test)
    assert rows(db, "SELECT count(*) FROM opportunity WHERE title = 'Computer Vision Lab'") == [(1,)]


# --- the interaction form ----------------------------------------------------------------------------


def test_logging_a_message_shows_what_was_sent_recently_and_never_refuses(db: Path) -> None:
    store = open_store(db)
    with store.write() as session:
        records.log_interaction(session, channel="email", direction="sent", person="Prof. Kim Minsoo",
                                on=TODAY - timedelta(days=3), subject="Summer internship")
    store.close()
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Prof. Kim Minsoo"), results)
        await wait_for(pilot, lambda: form.recent_lines)
        assert note(form, "person") == ('You wrote to Prof. Kim Minsoo 3 days ago (Thu 2026-11-19, email: '
                                        '"Summer internship")')
        form.widget("direction").value = "received"
        await wait_for(pilot, lambda: not form.recent_lines)
        assert note(form, "person") == ""
        form.widget("direction").value = "sent"
        await wait_for(pilot, lambda: form.recent_lines)
        await save(pilot)  # one ctrl+s: the message was sent already
        assert results == [True]

    run(db, test)
    assert rows(db, "SELECT count(*) FROM interaction") == [(2,)]


def test_the_channel_decides_whether_recent_contact_is_shown(db: Path) -> None:
    store = open_store(db)
    with store.write() as session:
        records.log_interaction(session, channel="linkedin", direction="sent", person="Tan Wei Ming",
                                on=TODAY - timedelta(days=1))
    store.close()

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Tan Wei Ming", channel="call"))
        await pilot.pause(0.5)
        await settle(pilot)
        assert form.recent_lines == []
        form.widget("channel").value = "linkedin"
        await wait_for(pilot, lambda: form.recent_lines)
        assert form.recent_lines == ["You wrote to Tan Wei Ming yesterday (Sat 2026-11-21, LinkedIn)"]
        assert isinstance(form.widget("channel"), Select)

    run(db, test)


# --- "Find duplicates" ----------------------------------------------------------------------------------


def test_find_duplicates_lists_the_pairs_and_opens_them(db: Path) -> None:
    store = open_store(db)
    with store.write() as session:
        records.add_person(session, name="Minsoo Kim", role="professor", organization="GIST")
    store.close()

    async def test(pilot: Pilot[Any]) -> None:
        from tracker.tui.screens.duplicates import DuplicatesScreen
        from tracker.tui.screens.person_detail import PersonDetailScreen
        from tracker.tui.stats_commands import COMMANDS

        await settle(pilot)
        [command] = [c for name, _help, c in COMMANDS if name == "Find duplicates"]
        command(pilot.app)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DuplicatesScreen) and pilot.app.screen.rows)
        screen = pilot.app.screen
        table = screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(0)] == [
            "person", "Prof. Kim Minsoo (professor, GIST)", "Minsoo Kim (professor, GIST)", "same name"
        ]
        assert "1 pair of people" in " ".join(str(screen.query_one("#duplicates-summary").render()).split())
        table.focus()
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PersonDetailScreen))
        assert pilot.app.screen.person_id == screen.rows[0][1].second.id

    run(db, test)
