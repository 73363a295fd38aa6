"""Forms take every key: focus starts where typing starts, a burst of keys lands in order, nothing
typed is selected (and wiped) unless it is a default, ctrl+u clears, the palette never stacks a
form on a form, a failed save names the field, and Save and Cancel are visible buttons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from form_helpers import SIZE, notifications, open_form, rows, run, save, seeded_db, settle, type_text  # noqa: F401
from tracker.tui.forms.interaction_form import InteractionForm
from tracker.tui.forms.person_form import PersonForm
from tui_helpers import burst, screen_lines, typed


@pytest.fixture
def db(seeded_db: Path) -> Path:
    return seeded_db


def test_a_whole_form_typed_at_once_lands_in_order(db: Path) -> None:
    """As `tmux send-keys` types it: person, tab, opportunity, tab, date, tab, subject, tab, paper, ctrl+s."""

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm())
        assert pilot.app.focused is form.widget("person").input  # not Channel, not Date
        burst(pilot.app, *typed("Tan Wei Ming"), "tab", *typed("DAAD WISE"), "tab", *typed("2 days ago"), "tab",
              *typed("Internship enquiry"), "tab", *typed("Slice Discovery"), "ctrl+s")
        await settle(pilot)
        for _ in range(50):
            if pilot.app.screen is not form:
                break
            await pilot.pause(0.05)
        assert pilot.app.screen is not form, [f.widget.value for f in form.query("Field")]

    run(db, test)
    assert rows(db, 'SELECT p.name, o.title, i."on", i.subject, i.paper FROM interaction i '
                    "JOIN person p ON p.id = i.person_id JOIN opportunity o ON o.id = i.opportunity_id") == [
        ("Tan Wei Ming", "DAAD WISE", "2026-11-20", "Internship enquiry", "Slice Discovery")
    ]


def test_a_default_is_selected_on_focus_what_was_typed_is_not_and_ctrl_u_clears(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Kim"))
        date = form.widget("on").input
        assert pilot.app.focused is date and date.selected_text == "today"  # a default: typing replaces it
        await type_text(pilot, "yesterday")
        assert date.value == "yesterday"
        await pilot.press("tab")
        await type_text(pilot, "Internship")
        await pilot.press("shift+tab", "tab")  # back to the date, then to the subject again
        subject = form.widget("subject")
        assert subject.selected_text == ""
        await type_text(pilot, " enquiry")  # appended, not replacing what was typed
        assert subject.value == "Internship enquiry"
        await pilot.press("shift+tab")
        assert date.selected_text == ""  # typed by the user now: not selected
        await pilot.press("ctrl+u")
        assert date.value == ""

    run(db, test)


def test_the_palette_does_not_stack_a_form_on_a_form(db: Path) -> None:
    from tracker.tui.commands import _push

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm())
        _push("tracker.tui.forms.person_form:PersonForm")(pilot.app)  # what the palette's "New person…" runs
        await settle(pilot)
        assert pilot.app.screen is form and len(pilot.app.screen_stack) == 2
        assert any("Finish this form first" in n for n in notifications(pilot.app))

    run(db, test)


def test_a_failed_save_names_the_field_and_the_buttons_save_and_cancel(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm())
        await type_text(pilot, "Nobody Known")
        await save(pilot)
        assert pilot.app.screen is form
        status = str(form.query_one("#form-status").render())
        assert status.startswith("Not saved: Person: "), status
        assert notifications(pilot.app) == []  # said once, in the form: no toast over its buttons
        lines = "\n".join(screen_lines(pilot.app))
        assert "Save  ctrl+s" in lines and "Cancel  esc" in lines
        await pilot.click("#form-cancel")
        await settle(pilot)
        assert pilot.app.screen is not form
        form = await open_form(pilot, PersonForm())
        await type_text(pilot, "Dr. Button Clicked")
        await pilot.click("#form-save")
        await settle(pilot)
        assert pilot.app.screen is not form

    run(db, test, size=SIZE)
    assert rows(db, "SELECT name FROM person WHERE name = 'Dr. Button Clicked'") == [("Dr. Button Clicked",)]


def test_notes_take_several_lines_and_an_interview_its_outcome(db: Path) -> None:
    from tracker.tui.forms.interview_form import InterviewForm

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Kim"))
        form.widget("notes").focus()
        await type_text(pilot, "Asked about the summer")
        await pilot.press("enter")  # a new line, not the next field
        await type_text(pilot, "He suggested the ICCV paper")
        await pilot.press("tab")
        assert pilot.app.focused is form.widget("follow_up").input
        await save(pilot)
        assert pilot.app.screen is not form
        form = await open_form(pilot, InterviewForm("GIST"))
        burst(pilot.app, *typed("2026-11-30 10:00 KST"), "tab", *typed("present your work"), "tab", "tab",
              *typed("read the paper"), "enter", *typed("slides"), "tab", *typed("went well"), "ctrl+s")
        await settle(pilot)
        for _ in range(50):
            if pilot.app.screen is not form:
                break
            await pilot.pause(0.05)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT notes FROM interaction") == [("Asked about the summer\nHe suggested the ICCV paper",)]
    assert rows(db, "SELECT format, notes, outcome FROM interview") == [
        ("present your work", "read the paper\nslides", "went well")
    ]


@pytest.mark.parametrize("leave", ["tab", "shift+tab"])
def test_only_the_field_being_typed_in_has_its_label_lit(db: Path, leave: str) -> None:
    """The label of the focused field is lit; typing in a field then leaving it left its label lit
    beside the next one (Textual restyled `Field:focus-within` only when nothing in the field had
    changed), so two fields looked focused."""
    from tracker.tui.forms.opportunity_form import OpportunityForm

    def lit(form: Any) -> list[str]:
        return [field.key for field in form.query("Field") if field.query_one(".field-label").styles.text_style.bold]

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        form.widget("min_gpa").focus()
        await pilot.pause()
        assert lit(form) == ["min_gpa"]
        await type_text(pilot, "8/10")
        await pilot.press(leave)
        await pilot.pause()
        focused = next(field.key for field in form.query("Field") if field.has_focus_within)
        assert focused != "min_gpa"
        assert lit(form) == [focused]

    run(db, test)


def test_the_key_gate_knows_where_textareas_come_from() -> None:
    """The gate tells a character typed into a notes field by `TEXT_AREA_MODULE` without loading it: if
    Textual moved TextArea, the gate would hold each character typed there for the one before."""
    from textual.widgets import TextArea

    from tracker.tui.key_gate import TEXT_AREA_MODULE

    assert TextArea.__module__ == TEXT_AREA_MODULE


def test_a_key_while_the_warm_up_is_loading_textarea_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up loads TextArea's module in its thread: a key at that moment found the module half made,
    without its class ("partially initialized module ... has no attribute 'TextArea'", a crash)."""
    import sys
    import types
    from types import SimpleNamespace

    from textual import events

    from tracker.tui import key_gate

    monkeypatch.setitem(sys.modules, "half_made_text_area", types.ModuleType("half_made_text_area"))
    monkeypatch.setattr(key_gate, "TEXT_AREA_MODULE", "half_made_text_area")
    gate = key_gate.KeyGate(SimpleNamespace(focused=object()))
    assert gate._typed_into(events.Key("a", "a")) is None


def test_an_organization_typed_without_its_accents_completes_to_the_one_that_has_them(db: Path) -> None:
    """The line under the field named "Boğaziçi University" but the faded completion, compared with the
    accents as typed, offered nothing: right arrow kept "bogazici", saved as a second organization."""
    from tracker.store import open_store
    from tracker.store.queries.lookup import get_or_create_organization
    from tracker.tui.forms.opportunity_form import OpportunityForm

    store = open_store(db)
    with store.write() as session:
        get_or_create_organization(session, "Boğaziçi University")
    store.close()

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "Turkish NLP Lab")
        organization = form.widget("organization")
        organization.focus()
        await type_text(pilot, "bogazici")
        await settle(pilot)
        await pilot.press("right")
        assert organization.value == "Boğaziçi University"
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT g.name FROM opportunity o JOIN organization g ON g.id = o.organization_id "
                    "WHERE o.title = 'Turkish NLP Lab'") == [("Boğaziçi University",)]
    assert rows(db, "SELECT count(*) FROM organization WHERE name LIKE 'Bo%' OR name LIKE 'bo%'") == [(1,)]
