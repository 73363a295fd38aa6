"""The database file as given, and nothing else: odd names, FIFOs, read-only mounts, restore's lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MULTI_PROCESS, Cli

pytestmark = MULTI_PROCESS  # bind mounts, and a writer racing `restore`
NO_TRACEBACK = "Traceback"


def console_script(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real `tracker` entry point (its lean paths included) in a new process."""
    code = "import sys; from tracker.entry import main; sys.exit(main())"
    env = {**os.environ, "TRACKER_TODAY": "2026-11-22"}
    return subprocess.run([sys.executable, "-c", code, "--db", str(db), *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def people(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM person ORDER BY name")]


# --- a path is exactly that file ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pct%41.db", "q?mode=ro.db", "hash#1.db", "sp ace&x=1.db"])
def test_every_db_path_is_exactly_that_file(tmp_path: Path, name: str) -> None:
    db = tmp_path / name
    cli = Cli(db)
    cli.ok("add", "person", "Prof. Literal Path", "--role", "professor")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]
    assert people(db) == ["Prof. Literal Path"]
    assert (db.stat().st_mode & 0o777) == 0o600
    assert str(db) in cli.ok("locate").stdout.replace("\n", "")
    cli.ok("backup", "-o", str(tmp_path / "copy.db"))
    assert people(tmp_path / "copy.db") == ["Prof. Literal Path"]
    assert "Prof. Literal Path" in console_script(db, "list", "people").stdout
    assert console_script(db, "export", "csv", "--what", "people").stdout.count("Prof. Literal Path") == 1


# --- only regular files ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("list", "people"), ("remind",), ("export", "csv"), ("backup",),
                                  ("add", "person", "Prof. X", "--role", "professor")])
def test_a_fifo_is_refused_at_once(tmp_path: Path, args: tuple[str, ...]) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    result = console_script(fifo, *args, timeout=30)  # before the fix: blocked for ever on open()
    assert result.returncode == 2
    assert result.stderr.replace("\n", " ").split() == (
        f"error: {fifo} is a named pipe, not a database file; give the path of a file").split()


# --- restore: the backup of what it replaces and the install under one lock -----------------------


def test_a_write_committed_during_a_restore_is_kept_in_the_backup_or_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write committed while `restore` runs is in its before-restore backup or in the result."""
    import tracker.store.safety.backup as backup_module

    db = tmp_path / "t.db"
    cli = Cli(db)
    cli.ok("add", "person", "Prof. Before", "--role", "professor")
    saved = tmp_path / "saved.db"
    cli.ok("backup", "-o", str(saved))
    cli.ok("add", "person", "Prof. After The Backup", "--role", "professor")

    committed: list[str] = []
    real_prune = backup_module.prune

    def another_tracker_writes_now(path: Path, keep: int = backup_module.KEEP) -> list[Path]:
        """Another process commits while restore is between its steps (after a backup is pruned)."""
        name = f"Prof. Concurrent {len(committed)}"
        writer = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=30);"
             " c.execute(\"INSERT INTO person (name, role, added_on, keep_in_touch_days) VALUES (?, 'postdoc',"
             " '2026-11-22', 0)\", (sys.argv[2],)); c.commit()", str(db), name],
            capture_output=True, text=True, timeout=60)
        assert writer.returncode == 0, writer.stderr
        committed.append(name)
        return real_prune(path, keep)

    monkeypatch.setattr(backup_module, "prune", another_tracker_writes_now)
    import tracker.store.safety.restore as restore_module

    monkeypatch.setattr(restore_module, "prune", another_tracker_writes_now)
    cli.ok("restore", str(saved), "--yes")
    assert committed, "the test did not get a write in"
    (before_restore,) = sorted((tmp_path / "backups").glob("*before-restore.db"))
    kept = set(people(before_restore)) | set(people(db))
    assert set(committed) <= kept, f"lost: {set(committed) - kept}"
    assert "Prof. After The Backup" in people(before_restore)


# --- read-only folders and mounts -----------------------------------------------------------------


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a demo database, bind-mounted read-only (needs root and mount rights)."""
    source, mount = tmp_path / "source", tmp_path / "ro"
    source.mkdir()
    mount.mkdir()
    Cli(source / "t.db").ok("demo")
    Cli(source / "t.db").ok("add", "person", "Prof. Quiet Person", "--role", "professor")  # no message yet
    Cli(source / "t.db").ok("add", "opportunity", "Summer Lab Internship", "--kind", "posting", "--letters", "2")
    Cli(source / "t.db").ok("backup", "-o", str(tmp_path / "saved.db"))
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    made = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {made.stderr.decode().strip()}")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remount.stderr.decode().strip()}")
        yield mount / "t.db"
    finally:  # a file still open there keeps the mount busy: then detach it lazily, never leave it behind
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_the_tui_on_a_read_only_mount_shows_the_agenda_and_no_key_that_writes(read_only_mount: Path) -> None:
    import asyncio

    from tui_helpers import make_app, settle

    async def scenario() -> None:
        app = make_app(read_only_mount, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            agenda = app.screen.query_one("#agenda-list")
            await settle(pilot, lambda: agenda.option_count > 10)
            assert app.writable is False
            shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
            assert {"Quit", "Help", "Open"} <= shown and not shown & {"Followed up", "Got a reply", "Snooze"}

    asyncio.run(scenario())


def test_a_read_only_detail_says_what_is_missing_without_a_key_to_press(read_only_mount: Path) -> None:
    import asyncio
    import sqlite3

    from tui_helpers import make_app, settle, text_of

    from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
    from tracker.tui.screens.person_detail import PersonDetailScreen

    conn = sqlite3.connect(f"file:{read_only_mount}?immutable=1", uri=True)
    try:  # closed before the fixture unmounts the folder (`with` would only commit)
        (person,) = conn.execute("SELECT id FROM person WHERE name = 'Prof. Quiet Person'").fetchone()
        (posting,) = conn.execute("SELECT id FROM opportunity WHERE title = 'Summer Lab Internship'").fetchone()
    finally:
        conn.close()

    async def scenario() -> None:
        app = make_app(read_only_mount, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await app.push_screen(PersonDetailScreen(person))
            timeline = app.screen.query_one("#person-timeline")
            await settle(pilot, lambda: "No message" in text_of(timeline))
            assert text_of(timeline).strip() == "No message logged yet."
            app.pop_screen()
            await app.push_screen(OpportunityDetailScreen(posting))
            letters = app.screen.query_one("#detail-letters")
            await settle(pilot, lambda: "required" in text_of(letters))
            assert text_of(letters).strip() == "2 required, none asked."
            assert text_of(app.screen.query_one("#detail-timeline")).strip() == "No message logged yet."

    asyncio.run(scenario())


def test_reads_work_on_a_read_only_mount_and_writes_say_read_only(read_only_mount: Path, tmp_path: Path) -> None:
    db = read_only_mount
    listed = console_script(db, "list", "people")
    assert listed.returncode == 0, listed.stderr
    assert "Kim" in listed.stdout
    assert console_script(db, "remind").returncode == 0
    assert console_script(db, "export", "csv", "--what", "log").stdout.count("\n") > 10
    for args in (("add", "person", "Prof. Nowhere", "--role", "professor"),
                 ("restore", str(tmp_path / "saved.db"), "--yes"),
                 ("import", "csv", str(tmp_path / "log.csv"), "--what", "log")):
        if args[0] == "import":
            (tmp_path / "log.csv").write_text("date,person,channel,direction,subject\n"
                                              "2026-11-20,Prof. Kim Minsoo,email,sent,Hello\n")
        result = console_script(db, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert NO_TRACEBACK not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) <= 2 and "read-only file system" in result.stderr.replace("\n", " "), result.stderr
