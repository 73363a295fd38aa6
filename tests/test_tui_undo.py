"""Deleting from the detail screens asks first (`D`), and ctrl+z undoes the last destructive action.

Driven with the Pilot over a real database file; the assertions are on the database and on
what the app shows (the question, the notifications).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from conftest import TODAY, demo_database
from tracker.tui.app import TrackerApp
from tracker.tui.forms.confirm_delete import ConfirmDelete
from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
from tracker.tui.screens.person_detail import PersonDetailScreen
from undo_helpers import dump


@pytest.fixture
def demo(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    return demo_database(db_path)  # the demo season as of TODAY in India time


def one(db: Path, sql: str, *params: Any) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()


async def settle(app: Any, pilot: Any, until: Callable[[], bool] = lambda: True) -> None:
    for _ in range(300):
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.store is not None and until():
            return
    raise AssertionError("the app did not settle")


def notes(app: Any) -> list[tuple[str, str]]:
    return [(n.severity, n.message) for n in app._notifications]


def run(db: Path, test: Callable[[Any, Any], Awaitable[None]]) -> None:
    class App(TrackerApp):
        DEFAULT_MODE = "people"

    async def main() -> None:
        app = App(db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await test(app, pilot)

    asyncio.run(main())


def test_delete_a_person_asks_with_counts_then_ctrl_z_brings_them_back(demo: Path) -> None:
    before = dump(demo)
    ident, name = one(demo, "SELECT id, name FROM person WHERE name = 'Tan Wei Ming'")
    messages = one(demo, "SELECT count(*) FROM interaction WHERE person_id = ?", ident)[0]
    assert messages > 0

    async def test(app: Any, pilot: Any) -> None:
        detail = PersonDetailScreen(ident)
        app.push_screen(detail)
        await settle(app, pilot, lambda: detail.view is not None)
        await pilot.press("D")
        await settle(app, pilot, lambda: isinstance(app.screen, ConfirmDelete) and app.screen.summary is not None)
        question = str(app.screen.query_one("#delete-question", Static).render())
        assert f'Deletes person "{name}"' in question and f"{messages} messages" in question
        assert "ctrl+z" in question
        await pilot.press("n")  # keep
        await settle(app, pilot, lambda: app.screen is detail)
        assert dump(demo) == before
        await pilot.press("D")
        await settle(app, pilot, lambda: isinstance(app.screen, ConfirmDelete) and app.screen.summary is not None)
        await pilot.press("y")
        await settle(app, pilot, lambda: any("Deleted person" in m for _, m in notes(app)))
        assert app.screen is not detail  # the screen of a deleted person closes
        assert one(demo, "SELECT count(*) FROM person WHERE id = ?", ident)[0] == 0
        assert one(demo, "SELECT count(*) FROM interaction WHERE person_id = ?", ident)[0] == 0
        await pilot.press("ctrl+z")
        await settle(app, pilot, lambda: any(m.startswith("Undone: deleted person") for _, m in notes(app)))
        assert dump(demo) == before

    run(demo, test)


def test_delete_an_opportunity_then_undo(demo: Path) -> None:
    before = dump(demo)
    ident = one(demo, "SELECT id FROM opportunity WHERE title LIKE 'Research Intern%'")[0]

    async def test(app: Any, pilot: Any) -> None:
        detail = OpportunityDetailScreen(ident)
        app.push_screen(detail)
        await settle(app, pilot, lambda: detail.view is not None)
        await pilot.press("D")
        await settle(app, pilot, lambda: isinstance(app.screen, ConfirmDelete) and app.screen.summary is not None)
        question = str(app.screen.query_one("#delete-question", Static).render())
        assert "Deletes opportunity" in question and "stage changes" in question and "letter request" in question
        await pilot.click("#delete-yes")
        await settle(app, pilot, lambda: any("Deleted opportunity" in m for _, m in notes(app)))
        assert one(demo, "SELECT count(*) FROM opportunity WHERE id = ?", ident)[0] == 0
        assert one(demo, "SELECT count(*) FROM stagechange WHERE opportunity_id = ?", ident)[0] == 0
        await pilot.press("ctrl+z")
        await settle(app, pilot, lambda: any(m.startswith("Undone: deleted opportunity") for _, m in notes(app)))
        assert dump(demo) == before

    run(demo, test)


def test_ctrl_z_with_nothing_to_undo_says_so_and_writes_nothing(demo: Path) -> None:
    before = dump(demo)

    async def test(app: Any, pilot: Any) -> None:
        await pilot.press("ctrl+z")
        await settle(app, pilot, lambda: bool(notes(app)))
        assert notes(app)[-1] == ("information", "Nothing to undo: no change has been recorded")

    run(demo, test)
    assert dump(demo) == before


def test_escape_keeps_everything(demo: Path) -> None:
    before = dump(demo)
    ident = one(demo, "SELECT id FROM person WHERE name = 'Tan Wei Ming'")[0]

    async def test(app: Any, pilot: Any) -> None:
        detail = PersonDetailScreen(ident)
        app.push_screen(detail)
        await settle(app, pilot, lambda: detail.view is not None)
        await pilot.press("D")
        await settle(app, pilot, lambda: isinstance(app.screen, ConfirmDelete) and app.screen.summary is not None)
        await pilot.press("escape")
        await settle(app, pilot, lambda: app.screen is detail)

    run(demo, test)
    assert dump(demo) == before
