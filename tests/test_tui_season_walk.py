"""What the season played in tmux found (docs/season-walkthrough.md), each checked here with the Pilot."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import TODAY, new_database
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
from tui_helpers import run, settle, text_of

pytestmark = pytest.mark.usefixtures("pinned")


def posting_db(tmp_path: Path, stage: str) -> tuple[Path, int]:
    """A posting whose deadline (23:59 KST) passed two weeks ago, moved on to `stage`."""
    db = new_database(tmp_path / "t.db")
    store = open_store(db)
    with store.write() as session:
        deadline = datetime.combine(TODAY - timedelta(days=15), datetime.min.time().replace(hour=23, minute=59),
                                    tzinfo=ZoneInfo("Asia/Seoul"))
        opp = records.add_opportunity(session, title="KAIST Visual Computing internship", kind="posting",
                                      organization="KAIST", deadline=deadline, deadline_tz="Asia/Seoul",
                                      on=TODAY - timedelta(days=30))
        if stage != "shortlisted":
            records.record_stage(session, opp, stage, on=TODAY - timedelta(days=20))
        opp_id = opp.id
    store.close()
    return db, opp_id  # type: ignore[return-value]


@pytest.mark.parametrize(("stage", "overdue"), [("interviewing", False), ("applied", False), ("replied", True)])
def test_a_deadline_is_overdue_only_until_you_apply(tmp_path: Path, stage: str, overdue: bool) -> None:
    db, opp_id = posting_db(tmp_path, stage)

    async def scenario(pilot: Any, app: Any) -> None:
        screen = OpportunityDetailScreen(opp_id)
        app.push_screen(screen)
        await settle(pilot, lambda: screen.view is not None)
        fields = text_of(screen.query_one("#detail-fields"))
        assert "(23:59 KST)" in fields
        assert ("overdue" in fields) is overdue, fields
        await pilot.press("escape", "3")
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        cell = table.get_row_at(0)[4]
        assert ("red" in str(cell.style)) is overdue, cell.style

    run(db, scenario)


def test_a_polite_decline_logged_from_the_agenda_asks_for_no_follow_up(demo_db: Path) -> None:
    """Accept an offer, `m` on a decline reminder, ctrl+s logs it: no "follow up … if no answer",
    no follow-up date (the thread is closed; nothing to chase)."""
    from sqlalchemy import select

    from test_tui_agenda import highlight
    from tracker.store.models import Interaction
    from tracker.tui.screens.draft import DraftScreen
    from tui_helpers import accept_first_offer, notifications

    async def scenario(pilot: Any, app: Any) -> None:
        await accept_first_offer(pilot)
        await pilot.press("1")
        await settle(pilot)
        await highlight(pilot, app, lambda r: "polite decline" in r.message and "GIST" in (r.opportunity or ""))
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, DraftScreen) and app.screen.draft is not None)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not isinstance(app.screen, DraftScreen))
        logged = [n for n in notifications(app) if n.startswith("Logged email")]
        assert logged and "follow up" not in logged[-1], logged

    run(demo_db, scenario)
    with open_store(demo_db).read() as session:
        newest = session.execute(select(Interaction).order_by(Interaction.id.desc())).scalars().first()
        assert newest.direction == "sent" and newest.on == TODAY and newest.follow_up_on is None

