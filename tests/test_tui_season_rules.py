"""The domain rules a season in the TUI leans on, played through the TUI (and so through the one rule
the CLI uses too): a message sent on a cold thread reopens it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.pilot import Pilot

from conftest import TODAY
from test_tui_agenda import highlight
from tracker.store import open_store
from tracker.store.models import Opportunity, StageChange
from tracker.tui.app import TrackerApp
from tracker.tui.forms.interaction_form import InteractionForm
from tui_helpers import KOLKATA, notifications, read, run, settle

pytestmark = pytest.mark.usefixtures("pinned")
IISC = "Video Analytics Lab, IISc"


def test_a_message_sent_on_a_no_response_thread_reopens_it_and_its_follow_up_falls_due(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        reminder = await highlight(pilot, app, lambda r: r.kind == "no-response")
        person = reminder.person
        await pilot.press("n")  # the thread goes cold
        await settle(pilot)
        form = InteractionForm(person=person, channel="email", direction="sent")
        app.push_screen(form)
        await settle(pilot, lambda: app.screen is form and form.ready)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is not form)
        due = TODAY + timedelta(days=7)
        assert any(f"follow up {due:%a %Y-%m-%d}" in n for n in notifications(app)), notifications(app)

    run(demo_db, test)
    history = read(demo_db, select(StageChange.from_stage, StageChange.to_stage, StageChange.changed_on)
                   .join(Opportunity, Opportunity.id == StageChange.opportunity_id)
                   .where(Opportunity.title == IISC).order_by(StageChange.id))
    assert [tuple(h) for h in history[-2:]] == [("contacted", "no-response", TODAY), ("no-response", "contacted", TODAY)]
    store = open_store(demo_db)
    try:
        due = store.current_reminders(today=TODAY + timedelta(days=7), within_days=0, zone=KOLKATA)
    finally:
        store.close()
    assert [(r.kind, r.opportunity) for r in due if r.kind in ("follow-up", "no-response") and r.opportunity == IISC] \
        == [("follow-up", IISC)]


def test_an_interview_with_someone_counts_as_contact_for_keep_in_touch(demo_db: Path) -> None:
    """An interview logged with the person whose keep-in-touch is due: the reminder goes, and the
    interview's day is the day the opportunity moved to interviewing (not the day it was typed)."""
    from tracker.tui.forms.interview_form import InterviewForm

    title = "Research Intern – Failure Explanation in ML"

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        reminder = await highlight(pilot, app, lambda r: r.kind == "keep-in-touch")
        person = reminder.person
        assert str(reminder.key).startswith(f"keep-in-touch:person:{reminder.person_id}:")
        form = InterviewForm(title)
        app.push_screen(form)
        await settle(pilot, lambda: app.screen is form and form.ready)
        form.widget("at").input.value = "2026-11-30 10:00 SGT"
        form.widget("with").input.value = person
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is not form)
        assert not any(n.startswith("Could not") for n in notifications(app)), notifications(app)
        due = f"keep-in-touch:person:{reminder.person_id}:"
        assert not [o for o in app.screen.query_one("#agenda-list").options if str(o.id).startswith(due)]

    run(demo_db, test)
    history = read(demo_db, select(StageChange.to_stage, StageChange.changed_on)
                   .join(Opportunity, Opportunity.id == StageChange.opportunity_id)
                   .where(Opportunity.title == title).order_by(StageChange.id))
    assert tuple(history[-1]) == ("interviewing", TODAY + timedelta(days=8))
