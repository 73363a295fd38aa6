"""The interaction, stage, letter, interview and offer forms, driven by the Pilot over a real database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from conftest import table_counts
from form_helpers import notifications, open_form, rows, run, save, seed, type_text, wait_for
from tracker.tui.forms.interaction_form import InteractionForm
from tracker.tui.forms.interview_form import InterviewForm
from tracker.tui.forms.letter_form import LetterForm, next_status
from tracker.tui.forms.offer_form import OfferForm
from tracker.tui.forms.stage_form import StageForm


@pytest.fixture
def db(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeded database: a file, or with TRACKER_TEST_PG a server's (as the student alice)."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    seed(empty_db, new=False)
    return empty_db


def preview(form: Any, key: str) -> str:
    return str(form.widget(key).query_one(".date-preview").render())


def under(form: Any, key: str) -> str:
    return str(form.field(key).query_one(".field-error").render())


# --- InteractionForm ---------------------------------------------------------------------------


def test_date_preview_shows_next_friday(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm())
        assert preview(form, "on") == "Sun 2026-11-22 · today"  # prefilled with "today"
        form.widget("on").focus()
        await pilot.press("ctrl+u")  # clear the input, as a user would
        await type_text(pilot, "next fri")
        assert preview(form, "on") == "Fri 2026-11-27 · in 5 days"
        await type_text(pilot, "x")
        assert preview(form, "on").startswith("can't read \"next frix\" as a date")
        assert form.widget("on").has_class("-invalid")

    run(db, test)


def test_log_an_email_sent_with_the_profile_follow_up(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Kim"))
        assert pilot.app.focused is form.widget("on").input  # the person is known: start at the date
        assert "default for email: 7 days, on Sun 2026-11-29" in preview(form, "follow_up")
        await pilot.press("tab")
        await type_text(pilot, "Internship enquiry")
        await save(pilot)
        assert pilot.app.screen is not form
        assert any(n.startswith("Logged email to Prof. Kim Minsoo on Sun 2026-11-22; follow up Sun 2026-11-29")
                   for n in notifications(pilot.app))

    run(db, test)
    assert rows(db, "SELECT i.channel, i.direction, i.\"on\", i.subject, i.follow_up_on, o.title FROM interaction i "
                    "JOIN opportunity o ON o.id = i.opportunity_id") == [
        ("email", "sent", "2026-11-22", "Internship enquiry", "2026-11-29", "GIST CV Lab summer")
    ]
    assert rows(db, "SELECT stage FROM opportunity WHERE title = 'GIST CV Lab summer'") == [("contacted",)]


def test_log_linkedin_reply_typed_in_full(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(channel="linkedin", direction="received"))
        assert preview(form, "follow_up") == "no follow-up for a message received"
        assert pilot.app.focused is form.widget("person").input  # the first empty required field
        await type_text(pilot, "tan")
        await pilot.press("tab")
        await type_text(pilot, "DAAD")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "2 days ago")
        form.widget("follow_up").focus()
        await type_text(pilot, "3d")
        await save(pilot)
        assert pilot.app.screen is form  # a follow-up on a received message is refused
        assert "applies to messages you sent" in preview(form, "follow_up")
        await pilot.press("ctrl+u")
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT channel, direction, \"on\", follow_up_on FROM interaction") == [
        ("linkedin", "received", "2026-11-20", None)
    ]
    assert rows(db, "SELECT stage FROM opportunity WHERE title = 'DAAD WISE'") == [("replied",)]


def test_unknown_person_keeps_the_form_open(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InteractionForm(person="Nobody"))
        await save(pilot)
        assert pilot.app.screen is form
        assert 'no person named "Nobody"' in str(form.widget("person").query_one(".name-hint").render())

    run(db, test)
    assert table_counts(db) == before


# --- StageForm -------------------------------------------------------------------------------


def test_stage_form_preselects_the_current_stage_and_records_the_move(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, StageForm("gist"))
        assert form.widget("stage").value == "shortlisted"
        assert "GIST CV Lab summer: now shortlisted" in str(form.query_one("#form-subtitle").render())
        await save(pilot)
        assert pilot.app.screen is form and "already shortlisted" in under(form, "stage")
        await pilot.press("enter", "down", "down", "down", "enter")  # shortlisted -> applied
        assert form.widget("stage").value == "applied"
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "yesterday")
        await save(pilot)
        assert pilot.app.screen is not form
        assert 'Moved "GIST CV Lab summer" to applied on Sat 2026-11-21' in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT stage, applied_on FROM opportunity WHERE title = 'GIST CV Lab summer'") == [
        ("applied", "2026-11-21")
    ]
    assert rows(db, "SELECT from_stage, to_stage, changed_on FROM stagechange WHERE from_stage IS NOT NULL") == [
        ("shortlisted", "applied", "2026-11-21")
    ]


def test_escape_closes_an_open_menu_first_and_enter_on_the_last_field_saves(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, StageForm("DAAD"))
        await pilot.press("enter")  # opens the stage menu
        await pilot.press("escape")  # closes the menu, not the form
        assert pilot.app.screen is form
        await pilot.press("enter", "down", "enter", "tab")  # contacted; then to the date
        await pilot.press("enter")  # enter on the last field saves
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT stage FROM opportunity WHERE title = 'DAAD WISE'") == [("contacted",)]


def test_stage_form_for_a_missing_opportunity_says_so(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, StageForm("Nothing like this"))
        assert 'no opportunity named "Nothing like this"' in str(form.query_one("#form-status").render())
        await pilot.press("escape")
        assert pilot.app.screen is not form

    run(db, test)


# --- LetterForm ----------------------------------------------------------------------------------


def test_letter_form_advances_the_status(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, LetterForm(opportunity="GIST CV Lab summer", writer="Anna Berg"))
        assert form.widget("status").value == "alerted"  # not asked yet: warn the writer first
        await save(pilot)
        form = await open_form(pilot, LetterForm(opportunity="GIST CV Lab summer", writer="Anna Berg"))
        assert form.widget("status").value == "agreed"
        assert pilot.app.focused is form.widget("status")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "+2d")
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT status, alerted_on, agreed_on FROM letterrequest") == [
        ("agreed", "2026-11-22", "2026-11-24")
    ]


def test_a_letter_recorded_elsewhere_is_not_taken_back_by_the_open_form(db: Path) -> None:
    """The form opened on Anna's letter (agreed: it proposes "requested"); meanwhile the laptop records it
    submitted. Saving would have taken it back to requested: it is refused, the form says submitted, keeps
    the status chosen, and a second ctrl+s is the user's decision."""
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, LetterForm(opportunity="GIST CV Lab summer", writer="Anna Berg"))
        await save(pilot)  # alerted
        form = await open_form(pilot, LetterForm(opportunity="GIST CV Lab summer", writer="Anna Berg"))
        await save(pilot)  # agreed
        form = await open_form(pilot, LetterForm(opportunity="GIST CV Lab summer", writer="Anna Berg"))
        assert form.widget("status").value == "requested"
        rows(db, "UPDATE letterrequest SET status = 'submitted', submitted_on = '2026-11-22'")
        await save(pilot)
        assert pilot.app.screen is form
        await wait_for(pilot, lambda: form.ready and "Status changed here and elsewhere" in
                       str(form.query_one("#form-status").render()))
        assert "saved elsewhere meanwhile: submitted" in str(form.field("status")._note.render())
        assert form.widget("status").value == "requested"
        assert rows(db, "SELECT status FROM letterrequest") == [("submitted",)]
        await pilot.press("escape")

    run(db, test)
    assert rows(db, "SELECT status FROM letterrequest") == [("submitted",)]


def test_letter_form_typed_names(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, LetterForm())
        await save(pilot)
        assert set(form.errors) == {"opportunity", "writer"}
        form.widget("opportunity").focus()
        await type_text(pilot, "daad")
        await pilot.press("tab")
        await type_text(pilot, "berg")
        await save(pilot)
        assert pilot.app.screen is not form
        assert 'New letter request: Anna Berg for "DAAD WISE", alerted' in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT status FROM letterrequest") == [("alerted",)]
    assert [next_status(s) for s in (None, "not-asked", "submitted", "thanked")] == [
        "alerted", "alerted", "thanked", "thanked"
    ]


def test_letter_form_records_how_the_letter_goes_in_and_keeps_it(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, LetterForm(opportunity="DAAD WISE", writer="Anna Berg"))
        form.widget("via").value = "email"
        form.widget("submit_to").focus()
        await type_text(pilot, "wise@daad.example.de")
        form.widget("attachments").focus()
        await type_text(pilot, "CV, transcript")
        await save(pilot)
        assert pilot.app.screen is not form
        form = await open_form(pilot, LetterForm(opportunity="DAAD WISE", writer="Anna Berg"))
        assert (form.widget("via").value, form.widget("submit_to").value, form.widget("attachments").value) == (
            "email", "wise@daad.example.de", "CV, transcript")

    run(db, test)
    assert rows(db, "SELECT status, via, submit_to, attachments FROM letterrequest") == [
        ("alerted", "email", "wise@daad.example.de", "CV, transcript")
    ]


# --- InterviewForm --------------------------------------------------------------------------------


def test_interview_keeps_its_zone_and_shows_local_time(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InterviewForm("GIST"))
        await type_text(pilot, "2026-12-01 14:00 KST")
        assert preview(form, "at") == "Tue 2026-12-01 14:00 KST · Tue 10:30 IST your time · in 9 days"
        await pilot.press("tab")
        await type_text(pilot, "pres")
        await pilot.press("right")
        assert form.widget("format").value == "present your previous work"
        await pilot.press("tab")
        await type_text(pilot, "kim")
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT i.at, i.tz, i.format, p.name FROM interview i JOIN person p ON p.id = i.with_person_id") == [
        ("2026-12-01 05:00:00.000000", "Asia/Seoul", "present your previous work", "Prof. Kim Minsoo")
    ]
    assert rows(db, "SELECT stage FROM opportunity WHERE title = 'GIST CV Lab summer'") == [("interviewing",)]


def test_interview_needs_a_time(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, InterviewForm("GIST"))
        await save(pilot)
        assert preview(form, "at").startswith("required")
        await type_text(pilot, "2026-12-01")
        assert "no time of day given" in preview(form, "at")
        await save(pilot)
        assert pilot.app.screen is form

    run(db, test)
    assert table_counts(db) == before


# --- OfferForm --------------------------------------------------------------------------------------


def test_offer_form_checks_dates_and_currency_then_saves(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OfferForm("GIST"))
        await pilot.press("tab")
        await type_text(pilot, "+10d")
        await pilot.press("tab")
        await type_text(pilot, "1500")
        await pilot.press("tab")
        await type_text(pilot, "s1")
        await pilot.press("tab")
        await type_text(pilot, "2027-06-01")
        await pilot.press("tab")
        await type_text(pilot, "2027-05-01")
        await save(pilot)
        assert pilot.app.screen is form
        assert set(form.errors) == {"currency", "end"}
        assert "ends (2027-05-01) before it starts (2027-06-01)" in preview(form, "end")
        assert "not a currency code" in under(form, "currency")
        form.widget("currency").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "sgd")
        form.widget("end").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-08-15")
        await save(pilot)
        assert pilot.app.screen is not form
        assert 'Offer for "GIST CV Lab summer" recorded, respond by Wed 2026-12-02' in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT received_on, respond_by, stipend, currency, start, \"end\" FROM offer") == [
        ("2026-11-22", "2026-12-02", 1500.0, "SGD", "2027-06-01", "2027-08-15")
    ]
    assert rows(db, "SELECT stage FROM opportunity WHERE title = 'GIST CV Lab summer'") == [("offered",)]
