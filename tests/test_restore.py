"""`tracker restore`: the file is checked before anything is replaced; what is replaced is kept."""

from __future__ import annotations

from conftest import SQLITE_FILE

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from backup_helpers import integrity as _integrity
from backup_helpers import mode as _mode
from backup_helpers import people as _people
from backup_helpers import state as _state
from conftest import Cli, table_counts
from tracker.store.migrations import HEAD, REVISIONS
from tracker.store import open_store
from tracker.store.safety.backup import backups_dir, list_backups


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(demo_cli: Cli, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    demo_cli.ok("add", "person", "Added Later", "--role", "professor")
    result = demo_cli.ok("restore", str(saved), "--yes")
    assert "Restored" in result.stdout
    assert "Added Later" not in _people(demo_cli.db)
    assert table_counts(demo_cli.db) == table_counts(saved)
    [replaced] = list_backups(demo_cli.db)
    assert replaced.name.endswith("-before-restore.db") and "Added Later" in _people(replaced)
    assert _mode(demo_cli.db) == 0o600 and _integrity(demo_cli.db) == "ok"
    demo_cli.ok("remind")


def test_restore_reaches_a_store_that_is_already_open(demo_cli: Cli, tmp_path: Path) -> None:
    """The TUI keeps the database open: after a restore it reads the restored data and can write."""
    from sqlmodel import select

    from tracker.store.models import Person

    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    store = open_store(demo_cli.db)
    try:
        with store.write() as session:
            session.add(Person(name="Only In The Open App", role="professor"))
        demo_cli.ok("restore", str(saved), "--yes")
        with store.read() as session:
            names = {p.name for p in session.exec(select(Person))}
        assert "Only In The Open App" not in names and len(names) == table_counts(saved)["person"]
        with store.write() as session:
            session.add(Person(name="After Restore", role="professor"))
    finally:
        store.close()
    assert "After Restore" in _people(demo_cli.db) and _integrity(demo_cli.db) == "ok"


def _stale_index_copy(source: Path, target: Path) -> None:
    """A copy whose tables read fine but whose index no longer matches them (integrity_check says so)."""
    target.write_bytes(source.read_bytes())
    with closing(sqlite3.connect(target)) as conn, conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_person_name ON person (role)' "
                     "WHERE name = 'ix_person_name'")
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] > 0


def _garbled_copy(source: Path, target: Path) -> None:
    data = bytearray(source.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # scribble over every third page
        data[start + 100:start + 400] = os.urandom(300)
    target.write_bytes(bytes(data))


def _foreign_db(target: Path) -> None:
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.execute("INSERT INTO songs VALUES ('one')")


def _newer_db(source: Path, target: Path) -> None:
    target.write_bytes(source.read_bytes())
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("text", "not an SQLite file"),
        ("stale-index", "integrity check"),
        ("garbled", "nothing was restored"),
        ("foreign", "not one of tracker's"),
        ("newer", "newer tracker"),
        ("missing", "no file"),
        ("itself", "the database itself"),
    ],
)
def test_restore_checks_the_file_before_it_replaces_anything(demo_cli: Cli, tmp_path: Path, kind: str,
                                                             message: str) -> None:
    good = tmp_path / "good.db"
    demo_cli.ok("backup", "-o", str(good))
    bad = tmp_path / f"{kind}.db"
    if kind == "text":
        bad.write_text("Name,Email\nKim,kim@gist.ac.kr\n")
    elif kind == "stale-index":
        _stale_index_copy(good, bad)
    elif kind == "garbled":
        _garbled_copy(good, bad)
    elif kind == "foreign":
        _foreign_db(bad)
    elif kind == "newer":
        _newer_db(good, bad)
    elif kind == "itself":
        bad = demo_cli.db
    before = _state(demo_cli.db)
    bad_bytes = bad.read_bytes() if bad.exists() and kind != "itself" else None
    result = demo_cli("restore", str(bad), "--yes")
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) <= 2  # one sentence (wrapped at most once)
    assert _state(demo_cli.db) == before
    assert list_backups(demo_cli.db) == []  # nothing was about to be replaced, so nothing was backed up
    if bad_bytes is not None:
        assert bad.read_bytes() == bad_bytes  # the file itself is never touched
    assert not [p for p in demo_cli.db.parent.iterdir() if p.name.startswith(".tracker-restore")]


def test_restore_asks_in_a_terminal_and_refuses_without_one(demo_cli: Cli, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.cli import safety_cmd

    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    demo_cli.ok("add", "person", "Added Later", "--role", "professor")
    before = _state(demo_cli.db)

    refused = demo_cli("restore", str(saved))  # CliRunner: not a terminal
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert _state(demo_cli.db) == before

    monkeypatch.setattr(safety_cmd, "_interactive", lambda: True)
    declined = demo_cli("restore", str(saved), input="n\n")
    assert declined.exit_code == 1 and "Replace" in declined.stdout and "Nothing was restored" in declined.stdout
    assert "15 people" in declined.stdout and "14 people" in declined.stdout
    assert _state(demo_cli.db) == before and list_backups(demo_cli.db) == []

    accepted = demo_cli("restore", str(saved), input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "Added Later" not in _people(demo_cli.db)


@pytest.mark.skipif(len(REVISIONS) < 2, reason="needs an older schema revision")
def test_restore_of_an_older_backup_upgrades_it(tmp_path: Path, demo_cli: Cli) -> None:
    from tracker.store.engine.opening import file_engine, migrate

    old = tmp_path / "old.db"
    engine = file_engine(old)
    migrate(engine.execution_options(tracker_write=True), REVISIONS[0])
    engine.dispose()
    with sqlite3.connect(old) as conn:
        conn.execute("INSERT INTO person (name, role, added_on) VALUES ('Old Friend', 'professor', '2025-01-01')")
    demo_cli.ok("restore", str(old), "--yes")
    assert _people(demo_cli.db) == ["Old Friend"]
    with sqlite3.connect(demo_cli.db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with sqlite3.connect(old) as conn:  # the file given is left as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == REVISIONS[0]


def test_restore_over_a_damaged_database_saves_its_bytes(demo_cli: Cli, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    garbage = b"this used to be a database" * 100
    demo_cli.db.write_bytes(garbage)
    demo_cli.ok("restore", str(saved), "--yes")
    assert table_counts(demo_cli.db) == table_counts(saved)
    [kept] = list_backups(demo_cli.db)
    assert kept.read_bytes() == garbage and _mode(kept) == 0o600


def test_restore_into_a_new_database_file(demo_cli: Cli, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    fresh = tmp_path / "elsewhere" / "new.db"
    fresh.parent.mkdir()
    Cli(fresh).ok("restore", str(saved), "--yes")
    assert table_counts(fresh) == table_counts(saved) and _mode(fresh) == 0o600
    Cli(fresh).ok("remind")


def test_restore_into_a_new_database_file_waits_for_no_lock(demo_cli: Cli, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Restoring onto another machine: the new file cannot be read while the restore writes it, and nothing
    waits for it (the count of writes it had before was read with the busy timeout: 10 s more)."""
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "60000")
    fresh = tmp_path / "new.db"
    started = time.monotonic()
    Cli(fresh).ok("restore", str(saved), "--yes")
    assert time.monotonic() - started < 30
    assert table_counts(fresh) == table_counts(saved)


def test_restore_into_a_backup_copied_into_place(demo_cli: Cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup file copied into place as the database is in rollback mode (one file): the restore puts it in
    WAL mode, keeps what it replaces and waits for nothing (it waited the busy timeout, then refused)."""
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    demo_cli.ok("add", "person", "Added Later", "--role", "professor")
    copied = tmp_path / "copied.db"
    demo_cli.ok("backup", "-o", str(copied))
    with closing(sqlite3.connect(copied)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "60000")
    started = time.monotonic()
    result = Cli(copied).ok("restore", str(saved), "--yes")
    assert time.monotonic() - started < 30
    assert "Added Later" not in _people(copied) and _integrity(copied) == "ok"
    before = sorted(backups_dir(copied).glob("*before-restore*"))
    assert len(before) == 1 and "Added Later" in _people(before[0]), result.stdout


def test_restore_of_a_file_with_another_page_size(demo_cli: Cli, tmp_path: Path) -> None:
    """The backup API cannot copy into a WAL database across page sizes; the copy is rebuilt."""
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    with sqlite3.connect(saved, isolation_level=None) as conn:
        conn.execute("PRAGMA page_size = 8192")
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    demo_cli.ok("add", "person", "Added Later", "--role", "professor")
    demo_cli.ok("restore", str(saved), "--yes")
    assert "Added Later" not in _people(demo_cli.db) and _integrity(demo_cli.db) == "ok"


def test_restore_while_another_tracker_holds_the_lock_changes_nothing(
    demo_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "saved.db"
    demo_cli.ok("backup", "-o", str(saved))
    demo_cli.ok("add", "person", "Added Later", "--role", "professor")
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "200")
    holder = sqlite3.connect(demo_cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        result = demo_cli("restore", str(saved), "--yes")
        assert result.exit_code == 2 and "database is busy" in result.stderr
        assert "nothing was written" in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Added Later" in _people(demo_cli.db)


pytestmark = SQLITE_FILE
"""About SQLite files: skipped when TRACKER_TEST_PG runs the suite on PostgreSQL."""
