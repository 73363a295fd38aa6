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
from tui_helpers import KOLKATA, accept_first_offer, notifications, read, run, settle, shown

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
    """An interview logged with the person whose keep-in-touch is due: the reminder goes. Arranged for a
    day to come, the opportunity moves to interviewing today (tests/test_cli_records.py: the history
    holds no day that has not come)."""
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
    assert tuple(history[-1]) == ("interviewing", TODAY)


def test_after_accepting_the_agenda_asks_for_the_declines_and_the_writers(demo_db: Path) -> None:
    """Accept one offer (the others declined): a decline to send per declined offer, `m` drafts it;
    a thank-you to each letter writer; a message sent to them ends the reminder."""
    from tracker.tui.screens.draft import DraftScreen

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await accept_first_offer(pilot)
        await pilot.press("1")
        await settle(pilot)

        texts = shown(app)
        declines = [t for t in texts if "polite decline" in t]
        assert len(declines) == 2, texts
        assert any("Computer Vision Lab, GIST" in t for t in declines)
        assert any("Multimodal Learning Lab, University at Buffalo" in t for t in declines)
        writers = [t for t in texts if "Thank " in t and "you accepted Rapid Object Search Lab, NTU" in t]
        assert any("Thank Meera Nair for the letters" in w for w in writers), texts
        reminder = await highlight(pilot, app, lambda r: "polite decline" in r.message
                                   and "GIST" in (r.opportunity or ""))
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, DraftScreen))
        assert app.screen.template_name == "decline-offer"
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, DraftScreen))
        form = InteractionForm(person=reminder.person, opportunity=reminder.opportunity, channel="email",
                               direction="sent")
        app.push_screen(form)
        await settle(pilot, lambda: app.screen is form and form.ready)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is not form)
        texts = shown(app)
        assert not any("polite decline for Computer Vision Lab, GIST" in t for t in texts), texts
        assert any("polite decline for Multimodal" in t for t in texts)

    run(demo_db, test)
