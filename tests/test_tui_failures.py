"""The TUI never dies on a database error: one sentence, the screen and the form's input kept."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from textual.pilot import Pilot

from form_helpers import open_form, rows, run, save, seed, type_text
from tracker.tui.app import TrackerApp
from tracker.tui.forms.person_form import PersonForm
from tui_helpers import notifications, settle


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    path = tmp_path / "t.db"
    seed(path)
    return path


def disk_io_error(*_args: Any, **_kwargs: Any) -> Any:
    """What SQLAlchemy raises when SQLite reports a disk I/O error during a query."""
    raise OperationalError("SELECT opportunity.id FROM opportunity", {}, sqlite3.OperationalError("disk I/O error"))


def test_a_failed_screen_read_is_one_notification_and_the_app_stays(demo_db: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.tui.screens.board import BoardScreen

    async def main() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await app.switch_mode("board")
            await settle(pilot)
            with monkeypatch.context() as patch:
                patch.setattr(BoardScreen, "fetch", disk_io_error)
                await pilot.press("ctrl+r")
                await settle(pilot)
            assert app.is_running
            assert isinstance(app.screen, BoardScreen)
            said = [m for m in notifications(app) if m.startswith("Could not")]
            assert said == ["Could not refresh this screen: the database could not be read or written "
                            "(disk I/O error): is the disk full or gone?"]
            assert not any("sqlalche.me" in m or "Traceback" in m for m in notifications(app))
            await pilot.press("ctrl+r")  # the next refresh works again
            await settle(pilot)
            assert app.is_running

    asyncio.run(main())


def test_a_save_while_another_tracker_writes_keeps_the_form_and_says_so(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "200")
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(), results)
        await type_text(pilot, "Dr. Lee Hana")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another tracker is in the middle of a write
        try:
            await save(pilot)
            assert pilot.app.screen is form, "the form closed though nothing was saved"
            assert results == []
            assert form.widget("name").value == "Dr. Lee Hana"
            status = str(form.query_one("#form-status").render())
            assert "another tracker is writing" in status, status
            assert "sqlalche.me" not in status and "OperationalError" not in status
        finally:
            other.execute("ROLLBACK")
            other.close()
        await save(pilot)  # the lock is gone: the same input saves
        assert results == [True]

    run(db, test)
    assert rows(db, "SELECT name FROM person WHERE name = 'Dr. Lee Hana'") == [("Dr. Lee Hana",)]
