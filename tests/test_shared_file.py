"""One owner of the database file: the TUI, the CLI and other SQLite programs share it safely.

On Linux SQLite's locks are POSIX advisory locks, and closing any descriptor of a file
drops all of the process's locks on it. If tracker ever opens the database file by hand
while its connections are open, another process that closes its connection believes it is
the last user and deletes the WAL under us: committed writes are lost. These tests hold
the TUI's process to the rule (its lock on the file stays, the -wal stays) and play the
whole scenario with real processes.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import MULTI_PROCESS
from tracker.store.models import Person
from tracker.tui.app import TrackerApp
from tui_helpers import notifications, settle

LINUX_LOCKS = Path("/proc/locks")
pytestmark = [SQLITE_FILE, pytest.mark.skipif(not LINUX_LOCKS.exists(), reason="needs Linux's /proc/locks to see file locks"),
              MULTI_PROCESS]

SCREENS = ("agenda", "board", "opportunities", "people", "letters", "offers")


def held_locks(path: Path) -> list[str]:
    """The POSIX locks this process holds on `path` (as /proc/locks lists them)."""
    info = os.stat(path)
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    found = []
    for line in LINUX_LOCKS.read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter, not a holder
            continue
        if fields[1] == "POSIX" and fields[4] == str(os.getpid()) and fields[5] == wanted:
            found.append(line)
    return found


def assert_still_owned(db: Path, step: str) -> None:
    assert held_locks(db), f"after {step}: this process no longer holds its lock on {db.name}"
    assert db.with_name(db.name + "-wal").exists(), f"after {step}: the -wal file is gone"


def other_sqlite_program(db: Path) -> None:
    """What `sqlite3 db 'select 1'` does: open the file, read, close (as the last user, it may checkpoint)."""
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('select 1').fetchall(); c.close()"
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def tracker_cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRACKER_TODAY": "2026-11-22"}
    return subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), *args], capture_output=True,
                          text=True, env=env, timeout=120)


def names(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM person")}


def test_every_read_the_tui_does_keeps_the_lock_and_the_wal(demo_db: Path, tmp_path: Path) -> None:
    """Each screen, a detail page, an export, a backup and the watcher: none drops the lock."""

    async def main() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert_still_owned(demo_db, "opening on the agenda")
            for mode in SCREENS:
                await app.switch_mode(mode)
                await settle(pilot)
                assert_still_owned(demo_db, f"the {mode} screen")
            await app.switch_mode("opportunities")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert "Detail" in type(app.screen).__name__, type(app.screen).__name__
            assert_still_owned(demo_db, "an opportunity's page")
            await pilot.press("escape")
            app._check_external_changes()  # what the 2-second timer does
            await settle(pilot)
            assert_still_owned(demo_db, "the change watcher")
            from tracker.io.csv_export import export_csv
            from tracker.store.safety.backup import auto_backup

            with (tmp_path / "log.csv").open("w", newline="") as out:
                export_csv(app.store, "log", out)
            assert_still_owned(demo_db, "a CSV export")
            assert auto_backup(app.store.database, "test") is not None
            assert_still_owned(demo_db, "an automatic backup")
            other_sqlite_program(demo_db)
            assert_still_owned(demo_db, "another program opening and closing the file")

    asyncio.run(main())


def test_the_tui_and_other_processes_lose_no_write(demo_db: Path) -> None:
    """The scenario of the report: TUI open; other programs open, close and write; the TUI writes; quit."""
    before = names(demo_db)

    def add(name: str) -> Any:
        def change(session: Any) -> str:
            session.add(Person(name=name, role="professor"))
            return f"Added {name}"

        return change

    async def main() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            for _ in range(3):
                other_sqlite_program(demo_db)
                assert tracker_cli(demo_db, "list", "log").returncode == 0
            assert demo_db.with_name(demo_db.name + "-wal").exists()
            app.write(add("Prof. Written In The TUI"))
            await settle(pilot)
            for n in range(3):
                result = tracker_cli(demo_db, "add", "person", f"Dr. From The CLI {n}", "--role", "postdoc")
                assert result.returncode == 0, result.stderr
            assert "Prof. Written In The TUI" in names(demo_db), "another process cannot see the TUI's write"
            for mode in SCREENS:  # switching screens after all that: no disk I/O error, no crash
                await app.switch_mode(mode)
                await settle(pilot)
            app.write(add("Prof. Second TUI Write"))
            await settle(pilot)
            assert not [m for m in notifications(app) if "error" in m.lower()], notifications(app)
        other_sqlite_program(demo_db)

    asyncio.run(main())
    expected = {"Prof. Written In The TUI", "Prof. Second TUI Write"} | {f"Dr. From The CLI {n}" for n in range(3)}
    assert expected <= names(demo_db) - before
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
