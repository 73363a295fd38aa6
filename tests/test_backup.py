"""`tracker backup` and the automatic backups: consistent, private copies made while in use."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli, table_counts
from tracker.store import open_store
from tracker.store.backup import KEEP, auto_backup, backups_dir, list_backups


def _people(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(row[0] for row in conn.execute("SELECT name FROM person"))


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _state(path: Path) -> tuple[dict[str, int], list[str]]:
    """What a test compares to say "nothing changed": row counts and every person's name."""
    return table_counts(path), _people(path)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo season, made once per module (`tracker demo`), closed cleanly: one file."""
    path = tmp_path_factory.mktemp("template") / "tracker.db"
    Cli(path).ok("demo")
    return path


@pytest.fixture
def demo(cli: Cli, demo_template: Path) -> Cli:
    """The CLI on a fresh copy of the demo season."""
    cli.db.touch(mode=0o600)  # as tracker creates it
    cli.db.write_bytes(demo_template.read_bytes())
    return cli


# --- backup ------------------------------------------------------------------------------


def test_backup_to_a_file_is_a_private_checked_copy(demo: Cli, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    result = demo.ok("backup", "-o", str(target))
    assert "Backed up" in result.stdout and "14 people" in result.stdout
    assert _mode(target) == 0o600
    assert table_counts(target) == table_counts(demo.db)
    assert _integrity(target) == "ok"
    with sqlite3.connect(target) as conn:  # one self-contained file: no -wal needed to read it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(tmp_path.glob("*.partial*"))


def test_backup_without_output_goes_to_the_private_backups_folder(demo: Cli) -> None:
    demo.ok("backup")
    folder = backups_dir(demo.db)
    assert folder == demo.db.parent / "backups" and _mode(folder) == 0o700
    [made] = list(folder.iterdir())
    assert made.name.startswith("tracker-") and made.name.endswith("-manual.db")
    assert _mode(made) == 0o600 and table_counts(made) == table_counts(demo.db)


def test_backup_while_another_process_writes_is_consistent_and_complete(demo: Cli, tmp_path: Path) -> None:
    """A writer commits pairs (person + message to them) as fast as it can while we back up.

    Every copy must hold whole pairs only, and at least every pair committed before the
    copy started. (A file copy of the main file alone misses what is still in the WAL.)
    """
    code = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)\n"
        "conn.execute('PRAGMA journal_mode=WAL')\n"
        "for i in range(100000):\n"
        "    conn.execute('BEGIN IMMEDIATE')\n"
        "    cur = conn.execute(\"INSERT INTO person (name, role, added_on) VALUES (?, 'professor', '2026-11-01')\","
        " (f'Writer {i}',))\n"
        "    conn.execute(\"INSERT INTO interaction (\\\"on\\\", channel, direction, person_id) "
        "VALUES ('2026-11-02', 'email', 'sent', ?)\", (cur.lastrowid,))\n"
        "    conn.execute('COMMIT')\n"
        "    if i == 50: print('going', flush=True)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(demo.db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "going"
        for n in range(4):
            with sqlite3.connect(demo.db) as conn:
                before = conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Writer %'").fetchone()[0]
            target = tmp_path / f"live-{n}.db"
            demo.ok("backup", "-o", str(target))
            with sqlite3.connect(target) as conn:
                people = conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Writer %'").fetchone()[0]
                messages = conn.execute("SELECT count(*) FROM interaction i JOIN person p ON p.id = i.person_id "
                                        "WHERE p.name LIKE 'Writer %'").fetchone()[0]
            assert people == messages >= before > 0
            assert _integrity(target) == "ok"
    finally:
        writer.kill()
        writer.wait()


def test_backup_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    result = Cli(tmp_path / "none.db")("backup", "-o", str(tmp_path / "copy.db"))
    assert result.exit_code == 2 and "no database" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_backup_refuses_to_overwrite_the_database_itself(demo: Cli) -> None:
    before = _state(demo.db)
    result = demo("backup", "-o", str(demo.db))
    assert result.exit_code == 2 and "the database itself" in result.stderr
    assert _state(demo.db) == before


# --- automatic backups -------------------------------------------------------------------


def test_automatic_backups_keep_the_newest_few_per_database(demo: Cli, tmp_path: Path) -> None:
    other = tmp_path / "tracker-old.db"  # a name that starts like ours: its backups are not ours
    Cli(other).ok("add", "person", "Someone Else", "--role", "professor")
    other_backup = auto_backup(other, "import")
    demo.ok("backup")
    made = []
    for n in range(KEEP + 3):
        demo.ok("add", "person", f"Person {n}", "--role", "postdoc")
        made.append(auto_backup(demo.db, "import"))
    kept = list_backups(demo.db, automatic_only=True)
    assert kept == made[-KEEP:]
    assert all(p is not None and not p.exists() for p in made[:-KEEP])
    assert "Person 7" in _people(kept[-1])
    assert "Person 3" in _people(kept[0]) and "Person 4" not in _people(kept[0])
    assert len(list_backups(demo.db)) == KEEP + 1  # the manual backup stays
    assert other_backup is not None and other_backup.exists() and list_backups(other) == [other_backup]


def test_automatic_backup_skips_a_missing_or_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    assert auto_backup(path, "import") is None
    open_store(path).close()
    assert auto_backup(path, "import") is None
    assert not backups_dir(path).exists()


def test_automatic_backup_inside_a_write_holds_the_state_before_it(demo: Cli) -> None:
    """The import calls auto_backup inside its transaction: the copy is what it is about to change."""
    from tracker.models import Person

    store = open_store(demo.db)
    try:
        with store.write() as session:
            session.add(Person(name="Being Imported", role="professor"))
            session.flush()
            copy = auto_backup(demo.db, "import")
    finally:
        store.close()
    assert copy is not None and "Being Imported" not in _people(copy)
    assert "Being Imported" in _people(demo.db)
