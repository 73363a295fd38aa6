"""The Agenda in the real app (Pilot): grouping, the one-key actions, help, the welcome on an empty DB."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from textual.pilot import Pilot
from textual.widgets import Input, Static

from conftest import TODAY, new_database
from tracker.store.models import Interaction, Opportunity, Person, ReminderState, StageChange
from tracker.store import open_store
from tracker.tui.app import TrackerApp
from tui_helpers import listing, notifications, read, run, settle, shown












async def highlight(pilot: Pilot[Any], app: TrackerApp, wanted: Callable[[Any], bool]) -> Any:
    """Move the cursor down (keyboard) until the highlighted reminder satisfies `wanted`."""
    await pilot.press("home")
    for _ in range(40):
        current = app.screen.current  # type: ignore[attr-defined]
        if current is not None and wanted(current):
            return current
        await pilot.press("down")
    raise AssertionError("no such reminder on the agenda")


def interactions(db: Path, name: str) -> list[Any]:
    return read(
        db,
        select(Interaction.on, Interaction.channel, Interaction.direction, Opportunity.title, Interaction.follow_up_on)
        .join(Person, Person.id == Interaction.person_id)
        .outerjoin(Opportunity, Opportunity.id == Interaction.opportunity_id)
        .where(Person.name == name)
        .order_by(Interaction.id),
    )




# --- what the agenda shows ------------------------------------------------------------------


def test_agenda_groups_reminders_and_has_focus(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.agenda import AgendaScreen

        assert isinstance(app.screen, AgendaScreen)
        assert app.focused is listing(app)
        texts = shown(app)
        headings = [t for t in texts if t.startswith(("Today", "This week", "Later"))]
        assert headings == ["Today and overdue (4)", "This week (4)", "Later (5)"]
        first = texts.index("Today and overdue (4)")
        assert "10 weeks overdue" in texts[first + 1] and "no-response" in texts[first + 1]
        assert any("yesterday" in t and "Jürgen Müller" in t for t in texts)
        title = app.screen.query_one("#agenda-title", Static).render()
        assert "Sun 22 Nov 2026 · 13 reminders within 30 days" in str(title)
        # the first reminder (not the heading) is highlighted
        assert app.screen.current is not None and app.screen.current.kind == "no-response"  # type: ignore[attr-defined]

    run(demo_db, test)


def test_the_line_under_the_agenda_names_the_reminder_in_the_frame_the_cursor_moves_in(demo_db: Path) -> None:
    """It followed the list's OptionHighlighted message, handled after the moved cursor was painted."""
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        about = app.screen.query_one("#agenda-about", Static)
        first = app.screen.current  # type: ignore[attr-defined]
        assert f"(id {first.id})" in str(about.render())
        listing(app).action_cursor_down()  # no message handled in between
        now = app.screen.current  # type: ignore[attr-defined]
        assert now.id != first.id and f"(id {now.id})" in str(about.render())

    run(demo_db, test)


def test_overdue_rows_are_styled_as_errors(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        error = app.get_css_variables()["text-error"]
        option = listing(app).get_option_at_index(1)
        due = option.prompt.due
        assert due.plain == "10 weeks overdue"
        assert error.lower() in str(due.spans[0].style).lower()

    run(demo_db, test)


# --- f, r, n: logged at once ----------------------------------------------------------------


def test_f_logs_the_follow_up_email_today(demo_db: Path) -> None:
    before = interactions(demo_db, "Jürgen Müller")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        reminder = await highlight(pilot, app, lambda r: r.person == "Jürgen Müller")
        assert reminder.kind == "follow-up"
        await pilot.press("f")
        await settle(pilot)
        assert any("Follow-up email to Jürgen Müller logged" in n for n in notifications(app))
        assert reminder.key not in [o.id for o in listing(app).options]
        assert not any("Jürgen Müller" in t and "yesterday" in t for t in shown(app))

    run(demo_db, test)
    after = interactions(demo_db, "Jürgen Müller")
    assert len(after) == len(before) + 1
    on, channel, direction, opportunity, follow_up_on = after[-1]
    assert (on, channel, direction) == (TODAY, "email", "sent")
    assert opportunity == "Explainable Vision Group, TU Darmstadt"
    assert follow_up_on == date(2026, 11, 29)


@pytest.mark.parametrize(("key", "person"), [("f", "Jürgen Müller"), ("r", "Jürgen Müller"),
                                             ("n", "Anand Krishnamurthy")])
def test_a_thread_answered_elsewhere_since_the_agenda_showed_it_is_left_alone(demo_db: Path, key: str,
                                                                              person: str) -> None:
    """A follow-up (Jürgen) or a no-response suggestion (Anand) on the agenda; the laptop logs their reply
    before this agenda refreshes (it is not watching the file here): f, r and n write nothing and say why
    (f logged a follow-up nobody needed, r a second reply, n marked a thread that had just been answered
    no-response)."""
    from db_helpers import db_rows

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.person == person)
        db_rows(demo_db, "INSERT INTO interaction (\"on\", channel, direction, person_id) "
                         "SELECT ?, 'email', 'received', id FROM person WHERE name = ?", TODAY, person)
        before = interactions(demo_db, person)
        stages = read(demo_db, select(func.count()).select_from(StageChange))
        await pilot.press(key)
        await settle(pilot, lambda: any("changed elsewhere" in n for n in notifications(app)))
        assert any(f"{person}'s thread changed elsewhere (a reply dated" in n for n in notifications(app))
        assert interactions(demo_db, person) == before
        assert read(demo_db, select(func.count()).select_from(StageChange)) == stages

    run(demo_db, test)


def test_f_keeps_the_thread_channel_linkedin(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.person == "Goh Kai Xiang")
        await pilot.press("f")
        await settle(pilot)
        assert any("Follow-up LinkedIn message to Goh Kai Xiang" in n for n in notifications(app))

    run(demo_db, test)
    on, channel, direction, opportunity, _ = interactions(demo_db, "Goh Kai Xiang")[-1]
    assert (on, channel, direction, opportunity) == (TODAY, "linkedin", "sent", "Trustworthy Vision Group, NUS")


def test_r_logs_a_reply_and_moves_the_opportunity_to_replied(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.person == "Jürgen Müller")
        await pilot.press("r")
        await settle(pilot)
        assert any("Reply from Jürgen Müller logged" in n for n in notifications(app))

    run(demo_db, test)
    on, channel, direction, opportunity, follow_up_on = interactions(demo_db, "Jürgen Müller")[-1]
    assert (on, channel, direction, follow_up_on) == (TODAY, "email", "received", None)
    stages = read(
        demo_db,
        select(StageChange.from_stage, StageChange.to_stage, StageChange.changed_on)
        .join(Opportunity, Opportunity.id == StageChange.opportunity_id)
        .where(Opportunity.title == opportunity)
        .order_by(StageChange.id),
    )
    assert tuple(stages[-1]) == ("contacted", "replied", TODAY)


def test_f_without_a_person_explains_and_writes_nothing(demo_db: Path) -> None:
    count = select(func.count()).select_from(Interaction)
    before = read(demo_db, count)[0][0]

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.kind == "deadline")
        await pilot.press("f")
        await pilot.press("r")
        await settle(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 2
        assert "not about a person" in warnings[0].message

    run(demo_db, test)
    assert read(demo_db, count)[0][0] == before


def test_n_marks_a_cold_thread_no_response(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.kind == "follow-up")
        assert "n" not in app.screen.active_bindings  # only offered on no-response reminders
        await highlight(pilot, app, lambda r: r.kind == "no-response")
        assert "n" in app.screen.active_bindings
        await pilot.press("n")
        await settle(pilot)
        assert any("contacted → no-response" in n for n in notifications(app))
        assert not any("No answer from Anand" in t for t in shown(app))

    run(demo_db, test)
    rows = read(
        demo_db,
        select(Opportunity.stage, StageChange.to_stage, StageChange.changed_on)
        .join(StageChange, StageChange.opportunity_id == Opportunity.id)
        .where(Opportunity.title == "Video Analytics Lab, IISc")
        .order_by(StageChange.id.desc()),
    )
    assert tuple(rows[0]) == ("no-response", "no-response", TODAY)


# --- s and x: snooze and dismiss ------------------------------------------------------------


def test_s_snoozes_with_a_live_parsed_date(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.forms.snooze import SnoozeForm

        reminder = await highlight(pilot, app, lambda r: r.kind == "keep-in-touch")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeForm)
        field = app.screen.query_one("#snooze-until", Input)
        field.value = ""
        await pilot.press("s", "o", "o", "n")
        parsed = str(app.screen.query_one("#snooze-parsed", Static).render())
        assert 'can\'t read "soon" as a date' in parsed
        await pilot.press("enter")  # refused: the form stays
        assert isinstance(app.screen, SnoozeForm)
        field.value = ""
        await pilot.press("+", "3", "d")
        await pilot.pause()
        assert "Wed 25 Nov 2026 (in 3 days)" in str(app.screen.query_one("#snooze-parsed", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SnoozeForm)
        assert "Snoozed until Wed 25 Nov 2026" in notifications(app)
        assert reminder.key not in [o.id for o in listing(app).options]

    run(demo_db, test)
    states = read(demo_db, select(ReminderState.key, ReminderState.snoozed_until, ReminderState.dismissed_at))
    assert [(s[1], s[2]) for s in states] == [(date(2026, 11, 25), None)]
    assert states[0][0].startswith("keep-in-touch:person:")


def test_escape_cancels_the_snooze(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("s")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "AgendaScreen"

    run(demo_db, test)
    assert read(demo_db, select(ReminderState.key)) == []


def test_x_dismisses_and_keeps_the_cursor_in_place(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        reminder = await highlight(pilot, app, lambda r: r.kind == "eligibility")
        await pilot.press("x")
        await settle(pilot)
        assert any(n.startswith("Dismissed: Your GPA 7.1/10") for n in notifications(app))
        assert reminder.key not in [o.id for o in listing(app).options]
        assert "Later (4)" in shown(app)
        assert app.screen.current is not None  # type: ignore[attr-defined]

    run(demo_db, test)
    states = read(demo_db, select(ReminderState.key, ReminderState.dismissed_at))
    assert len(states) == 1 and states[0][0].startswith("eligibility:opp:") and states[0][1] is not None


# --- enter, number keys, help ---------------------------------------------------------------


def test_enter_opens_the_opportunity_of_the_thread(demo_db: Path) -> None:
    detail = pytest.importorskip("tracker.tui.screens.opportunity_detail")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        reminder = await highlight(pilot, app, lambda r: r.person == "Jürgen Müller")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, detail.OpportunityDetailScreen)
        assert reminder.opportunity_id is not None

    run(demo_db, test)


def test_enter_opens_the_person_when_there_is_no_opportunity(demo_db: Path) -> None:
    detail = pytest.importorskip("tracker.tui.screens.person_detail")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.kind == "keep-in-touch")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, detail.PersonDetailScreen)

    run(demo_db, test)


def test_quick_log_works_with_two_people_of_the_same_name(tmp_path: Path, pinned: None) -> None:
    from tracker.store.writes import records
    from tracker.store.views.board import log_quick

    store = open_store(new_database(tmp_path / "t.db"))
    with store.write() as session:
        records.add_person(session, name="Li Wei", role="professor", organization="NUS")
        other = records.add_person(session, name="Li Wei", role="postdoc", organization="KAIST")
        logged = log_quick(session, person_id=other.id, opportunity_id=None, direction="sent", on=TODAY)
        assert (logged.person_id, logged.channel, logged.follow_up_on) == (other.id, "email", date(2026, 11, 29))
    store.close()


def test_an_agenda_with_nothing_due_says_what_will_fill_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """People added, nothing logged yet: past the welcome, the agenda said only "Nothing due in the next 30
    days." (issue 13: every screen has an empty state that says what to do first)."""
    from tracker.store.writes.records import add_person

    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    db = new_database(tmp_path / "t.db")
    store = open_store(db)
    with store.write() as session:
        add_person(session, name="Prof. Kim Seo-yeon", role="professor", organization="KAIST", added_on=TODAY)
    store.close()

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await settle(pilot)
        lines = [str(listing(app).get_option_at_index(i).prompt) for i in range(listing(app).option_count)]
        assert lines[0] == "Nothing due in the next 30 days."
        assert lines[1].startswith("A message logged as sent (ctrl+p: Log email to…) gets its follow-up here")

    run(db, test)
