"""The count an open TUI goes by to notice other programs' changes (`Database.data_version`, on a file).

It moves when a record changes, whoever writes it (tracker, a script, the `sqlite3` shell), and not for a
commit that changes no record: `tracker remind` keeping its list (run from every new shell), the undo log
alone. A restore moves it past every count the file had, whatever count the backup was made at.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import SQLITE_FILE, TODAY, Cli
from test_kept_reminders import remind
from tracker.store import open_store
from tui_helpers import make_app, settle

pytestmark = SQLITE_FILE


def test_a_record_written_by_any_program_moves_the_count_and_a_kept_list_does_not(demo_db: Path) -> None:
    store = open_store(demo_db)
    try:
        seen = store.data_version()
        status, _printed = remind(demo_db)  # works its list out and keeps it: a commit
        assert status == 0
        with sqlite3.connect(demo_db) as conn:
            assert conn.execute("SELECT count(*) FROM kept_reminders").fetchone()[0] == 1
        assert store.data_version() == seen
        with sqlite3.connect(demo_db) as conn:  # another program changes one person
            conn.execute("UPDATE person SET notes = 'from a script' WHERE id = (SELECT min(id) FROM person)")
        moved = store.data_version()
        assert moved != seen
        with sqlite3.connect(demo_db) as conn:  # the undo log alone
            conn.execute("DELETE FROM undoentry")
        assert store.data_version() == moved
    finally:
        store.close()


def test_a_restore_moves_the_count_past_every_count_the_file_had(demo_cli: Cli, tmp_path: Path) -> None:
    """The backup was made at a count the open app has seen: restored, the count must differ from it."""
    saved = tmp_path / "saved.db"
    store = open_store(demo_cli.db)
    try:
        demo_cli.ok("backup", "-o", str(saved))
        at_backup = store.data_version()
        demo_cli.ok("add", "person", "Added Later", "--role", "professor")
        seen = {at_backup, store.data_version()}
        demo_cli.ok("restore", str(saved), "--yes")
        after = store.data_version()
        assert after not in seen and after > max(seen)
    finally:
        store.close()


def test_an_open_tui_reads_nothing_again_for_a_list_kept_by_remind(demo_db: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`tracker remind` from a new shell keeps its list: the open app's agenda is not read again, and the
    Board it made ahead opens as made, not made anew; a person added then is on the People screen."""
    from test_tui_read_ahead import counting_screen_reads, recording_shows, screen_text

    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 0.01)
    shows = recording_shows(monkeypatch, "board")

    async def scenario() -> None:
        app: Any = make_app(demo_db, "agenda")
        app.watch_interval = 0.05
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: shows == ["agenda"] and "offers" in app.made_modes, timeout=20)
            await settle(pilot)
            reads = counting_screen_reads(app)
            changes = app.changes
            status, _printed = remind(demo_db)
            assert status == 0
            await pilot.pause(0.3)  # six looks of the watcher
            await settle(pilot)
            assert app.changes == changes and reads == []
            await pilot.press("2")
            assert app.current_mode == "board"
            await settle(pilot)
            assert shows == ["agenda"] and reads == []
            store = open_store(demo_db)
            try:
                from tracker.store.writes import records

                with store.write() as session:
                    records.add_person(session, name="Zeynep Kaya", role="professor")
            finally:
                store.close()
            await pilot.press("4")
            await settle(pilot, lambda: " of 15 people" in screen_text(app))

    asyncio.run(scenario())
