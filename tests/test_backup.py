"""`tracker backup` and the automatic backups: consistent, private copies made while in use."""

from __future__ import annotations

from conftest import SQLITE_FILE

import sqlite3
import subprocess
import sys
from pathlib import Path


from backup_helpers import integrity as _integrity
from backup_helpers import mode as _mode
from backup_helpers import people as _people
from backup_helpers import state as _state
from conftest import MULTI_PROCESS, Cli, table_counts
from tracker.store import open_store
from tracker.store.safety.backup import KEEP, auto_backup, backups_dir, list_backups


# --- backup ------------------------------------------------------------------------------


def test_backup_to_a_file_is_a_private_checked_copy(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    result = demo_cli.ok("backup", "-o", str(target))
    assert "Backed up" in result.stdout and "14 people" in result.stdout
    assert _mode(target) == 0o600
    assert table_counts(target) == table_counts(demo_cli.db)
    assert _integrity(target) == "ok"
    with sqlite3.connect(target) as conn:  # one self-contained file: no -wal needed to read it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(tmp_path.glob("*.partial*"))


def test_backup_without_output_goes_to_the_private_backups_folder(demo_cli: Cli) -> None:
    demo_cli.ok("backup")
    folder = backups_dir(demo_cli.db)
    assert folder == demo_cli.db.parent / "backups" and _mode(folder) == 0o700
    [made] = list(folder.iterdir())
    assert made.name.startswith("tracker-") and made.name.endswith("-manual.db")
    assert _mode(made) == 0o600 and table_counts(made) == table_counts(demo_cli.db)


@MULTI_PROCESS
def test_backup_while_another_process_writes_is_consistent_and_complete(demo_cli: Cli, tmp_path: Path) -> None:
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
    writer = subprocess.Popen([sys.executable, "-c", code, str(demo_cli.db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "going"
        for n in range(4):
            with sqlite3.connect(demo_cli.db) as conn:
                before = conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Writer %'").fetchone()[0]
            target = tmp_path / f"live-{n}.db"
            demo_cli.ok("backup", "-o", str(target))
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


def test_backup_refuses_to_overwrite_the_database_itself(demo_cli: Cli) -> None:
    before = _state(demo_cli.db)
    result = demo_cli("backup", "-o", str(demo_cli.db))
    assert result.exit_code == 2 and "the database itself" in result.stderr
    assert _state(demo_cli.db) == before


# --- automatic backups -------------------------------------------------------------------


def test_automatic_backups_keep_the_newest_few_per_database(demo_cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "tracker-old.db"  # a name that starts like ours: its backups are not ours
    Cli(other).ok("add", "person", "Someone Else", "--role", "professor")
    other_backup = auto_backup(other, "import")
    demo_cli.ok("backup")
    made = []
    for n in range(KEEP + 3):
        demo_cli.ok("add", "person", f"Person {n}", "--role", "postdoc")
        made.append(auto_backup(demo_cli.db, "import"))
    kept = list_backups(demo_cli.db, automatic_only=True)
    assert kept == made[-KEEP:]
    assert all(p is not None and not p.exists() for p in made[:-KEEP])
    assert "Person 7" in _people(kept[-1])
    assert "Person 3" in _people(kept[0]) and "Person 4" not in _people(kept[0])
    assert len(list_backups(demo_cli.db)) == KEEP + 1  # the manual backup stays
    assert other_backup is not None and other_backup.exists() and list_backups(other) == [other_backup]


def test_automatic_backup_skips_a_missing_or_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    assert auto_backup(path, "import") is None
    open_store(path).close()
    assert auto_backup(path, "import") is None
    assert not backups_dir(path).exists()


def test_automatic_backup_inside_a_write_holds_the_state_before_it(demo_cli: Cli) -> None:
    """The import calls auto_backup inside its transaction: the copy is what it is about to change."""
    from tracker.store.models import Person

    store = open_store(demo_cli.db)
    try:
        with store.write() as session:
            session.add(Person(name="Being Imported", role="professor"))
            session.flush()
            copy = auto_backup(demo_cli.db, "import")
    finally:
        store.close()
    assert copy is not None and "Being Imported" not in _people(copy)
    assert "Being Imported" in _people(demo_cli.db)


pytestmark = SQLITE_FILE
"""About SQLite files: skipped when TRACKER_TEST_PG runs the suite on PostgreSQL."""
