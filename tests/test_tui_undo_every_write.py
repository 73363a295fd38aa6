"""ctrl+z undoes every write the TUI makes, most recent first, through the one undo journal.

Agenda actions (n, f, r, x, s), a board stage move, an offer accepted: each is undone in
turn, and every row of every table is then as it was before (`undo_helpers.dump`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from test_tui_agenda import highlight
from tracker.tui.app import TrackerApp
from tui_helpers import accept_first_offer, make_app, notifications, run, settle, shown
from undo_helpers import dump

pytestmark = pytest.mark.usefixtures("pinned")


def test_every_agenda_action_is_undone_most_recent_first(demo_db: Path) -> None:
    before = dump(demo_db)
    steps: list[dict[str, Any]] = []

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.kind == "no-response")
        await pilot.press("n")
        await settle(pilot)
        assert not any("No answer from Anand" in t for t in shown(app))
        steps.append(dump(demo_db))
        await highlight(pilot, app, lambda r: r.kind == "follow-up")
        await pilot.press("f")
        await settle(pilot)
        steps.append(dump(demo_db))
        await highlight(pilot, app, lambda r: r.kind == "eligibility")
        await pilot.press("x")
        await settle(pilot)
        steps.append(dump(demo_db))
        await highlight(pilot, app, lambda r: r.kind == "keep-in-touch")
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#snooze-until", Input).value = "+3d"
        await pilot.press("enter")
        await settle(pilot)
        assert dump(demo_db) != steps[-1]
        for expected in reversed([before, *steps]):
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert notifications(app)[-1].startswith("Undone: "), notifications(app)[-1]
            assert dump(demo_db) == expected
        assert any("No answer from Anand" in t for t in shown(app))  # the reminder is back
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "already undone" in notifications(app)[-1]

    run(demo_db, test)
    assert dump(demo_db) == before


def test_a_reply_then_undo(demo_db: Path) -> None:
    before = dump(demo_db)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await highlight(pilot, app, lambda r: r.kind == "follow-up")
        await pilot.press("r")
        await settle(pilot)
        assert dump(demo_db) != before
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1].startswith("Undone: Reply from")

    run(demo_db, test)
    assert dump(demo_db) == before


def test_a_board_move_and_an_accepted_offer_are_undone(demo_db: Path) -> None:
    import asyncio

    before = dump(demo_db)

    async def scenario() -> None:
        app = make_app(demo_db, "board")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("shift+right")
            await settle(pilot)
            moved = dump(demo_db)
            assert moved != before
            await accept_first_offer(pilot)
            assert dump(demo_db) != moved
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert dump(demo_db) == moved
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert dump(demo_db) == before

    asyncio.run(scenario())
