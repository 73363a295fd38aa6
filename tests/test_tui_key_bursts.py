"""A burst of keys that opens a screen or a form and goes on typing (`tmux send-keys`, a fast typist)
lands where it was typed for: nothing reaches the screen under a form, and the palette runs the
command typed, not the one listed first before its search finished (`tracker.tui.key_gate`)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import new_database
from form_helpers import rows
from tracker.tui.forms.base import FormScreen
from tui_helpers import burst, make_app, screen_lines, settle, typed

pytestmark = pytest.mark.usefixtures("pinned")


def play(db: Path, *keys: str, mode: str = "agenda", size: tuple[int, int] = (120, 40)) -> tuple[str, list[str]]:
    """Start the app on `db`, send `keys` in one burst, wait until no form is left open: the name of
    the screen shown then, and its lines."""

    async def main() -> Any:
        app = make_app(db, mode)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            burst(app, *keys)
            deadline = time.monotonic() + 60  # a burst of 50 keys and two saves: 12-16 s alone on a slow
            while time.monotonic() < deadline:  # machine, more beside other tests (200 looks were too few)
                await pilot.pause(0.02)
                gate = getattr(app, "key_gate", None)
                if (gate is None or not (gate.held or gate.current)) and not isinstance(app.screen, FormScreen):
                    break
            await settle(pilot)
            return type(app.screen).__name__, screen_lines(app)

    return asyncio.run(main())


PERSON = (*typed("Prof. Kim Minsoo"), "tab", "tab", *typed("GIST"), "tab", *typed("Computer Vision Lab"), "tab",
          *typed("kim@gist.ac.kr"), "ctrl+s")


def test_a_key_that_opens_a_form_then_the_form_typed_at_once(tmp_path: Path) -> None:
    db = new_database(tmp_path / "t.db")
    screen, lines = play(db, "4", "n", *PERSON)
    assert rows(db, "SELECT p.name, p.role, o.name, p.lab, p.email FROM person p "
                    "JOIN organization o ON o.id = p.organization_id") == [
        ("Prof. Kim Minsoo", "professor", "GIST", "Computer Vision Lab", "kim@gist.ac.kr")]
    assert screen == "PeopleScreen"
    # no letter of the name reached the People screen (`r` would have cycled its role filter away
    # from professors, `o` its sort): the new person is listed
    assert any("Prof. Kim Minsoo" in line and "professor" in line for line in lines), lines


def test_the_palette_runs_the_command_typed_then_the_form_takes_the_rest(tmp_path: Path) -> None:
    db = new_database(tmp_path / "t.db")
    play(db, "ctrl+p", *typed("New person"), "enter", *PERSON)
    assert rows(db, "SELECT name, email FROM person") == [("Prof. Kim Minsoo", "kim@gist.ac.kr")]


def test_letters_typed_on_a_closed_choice_pick_it(tmp_path: Path) -> None:
    """Role is a choice: `phd` picks phd-student, `pos` postdoc (`p` alone stays the first p: phd-student)."""
    db = new_database(tmp_path / "t.db")
    play(db, "4", "n", *typed("Lee Ji-woo"), "tab", *typed("phd"), "tab", *typed("KAIST"), "ctrl+s",
         "n", *typed("Dr. Omar Haddad"), "tab", *typed("pos"), "tab", *typed("EPFL"), "ctrl+s")
    assert rows(db, "SELECT p.name, p.role, o.name FROM person p JOIN organization o ON o.id = p.organization_id "
                    "ORDER BY p.id") == [("Lee Ji-woo", "phd-student", "KAIST"), ("Dr. Omar Haddad", "postdoc", "EPFL")]


def test_keys_after_ctrl_s_wait_for_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+s first looks for duplicates (in a worker), then saves: what follows is for the next form,
    not the e-mail field of this one (it was saved as "ananya.rao@vit.ac.innP" on a busy machine)."""
    from tracker.tui.forms.person_form import PersonForm

    look_up = PersonForm.guard_matches

    def slow(self: Any, session: Any, key: Any) -> Any:  # a busy machine, or a database on a server
        time.sleep(0.3)
        return look_up(self, session, key)

    monkeypatch.setattr(PersonForm, "guard_matches", slow)
    db = new_database(tmp_path / "t.db")
    # the organization typed last, just before ctrl+s: the look-up for duplicates runs at the save
    play(db, "4", "n", *typed("Dr. Ananya Rao"), "tab", "w", "tab", "tab", "tab", *typed("ananya.rao@vit.ac.in"),
         "shift+tab", "shift+tab", *typed("VIT"), "ctrl+s",
         "n", *typed("Prof. Suresh Iyer"), "tab", "w", "tab", "tab", "tab", *typed("suresh.iyer@vit.ac.in"),
         "shift+tab", "shift+tab", *typed("VIT"), "ctrl+s")
    assert rows(db, "SELECT name, role, email FROM person ORDER BY id") == [
        ("Dr. Ananya Rao", "writer", "ananya.rao@vit.ac.in"), ("Prof. Suresh Iyer", "writer", "suresh.iyer@vit.ac.in")]


def test_a_filter_typed_then_enter_opens_what_it_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`/ North enter enter` on Opportunities opens Northbridge, not the first row listed before the filter
    (the rows come from a worker: slow here, as on a busy machine or a large database)."""
    from conftest import TODAY
    from tracker.store import open_store
    from tracker.store.writes import records
    from tracker.tui.screens.opportunities import OpportunitiesScreen

    read_page = OpportunitiesScreen.fetch_page.__func__  # type: ignore[attr-defined]

    def slow(cls: type, *args: Any) -> Any:
        time.sleep(0.5)
        return read_page(cls, *args)

    monkeypatch.setattr(OpportunitiesScreen, "fetch_page", classmethod(slow))

    db = new_database(tmp_path / "t.db")
    store = open_store(db)
    with store.write() as session:
        for title, organization in (("GIST CV Lab summer", "GIST"), ("KAIST Visual Computing", "KAIST"),
                                    ("Northbridge AI Research intern", "Northbridge AI Research")):
            records.add_opportunity(session, title=title, kind="posting", organization=organization, on=TODAY)
    store.close()
    screen, lines = play(db, "3", "slash", *typed("North"), "enter", "enter")
    assert screen == "OpportunityDetailScreen"
    assert "Northbridge AI Research intern" in lines[0], lines[:3]


def test_export_csv_from_the_palette_typed_at_once(tmp_path: Path) -> None:
    """As the forms do: ctrl+s exports, and tab never lands on Cancel (enter there closed the dialog
    and wrote nothing, silently)."""
    db = new_database(tmp_path / "t.db")
    target = tmp_path / "people.csv"
    play(db, "ctrl+p", *typed("Export CSV"), "enter", "tab", "tab", "ctrl+u", *typed(str(target)), "ctrl+s")
    assert target.read_text(encoding="utf-8").startswith("date,")
