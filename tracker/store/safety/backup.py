"""Backups: consistent copies of the database, made with SQLite's online backup API.

- `backup_to(db_path, target)` copies the database while other trackers use it (a
  reader in WAL mode sees one committed state, so the copy is consistent) into a
  private temporary file next to `target`, flushes it to disk and renames it into place.
- `auto_backup(db_path, reason)` is called before a migration and before an import: it
  puts a copy in the `backups/` folder next to the database,
  `<db name>-<UTC stamp>-before-<reason>.db`, and keeps the newest `KEEP` automatic
  backups of that database. `backup_now` (what `tracker backup` does without `-o`)
  writes `...-manual.db` there, which is never pruned.
- `restore_from` (in `tracker.store.safety.restore`, importable from here) checks a file and puts it back.

Backups are created with mode 0600 in a folder created with mode 0700 (`tracker.system.private_files`,
the one implementation of private files): they hold the same contact details as the database.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.errors import StoreError
from tracker.store.engine.database import Database, explain
from tracker.store.engine.sqlite_file import BUSY_MESSAGE, busy_timeout_ms, is_busy
from tracker.system import clock
from tracker.system.private_files import create_private_file, fsync_path, private_dir

KEEP = 5
"""Automatic backups kept per database (manual ones are never removed)."""
BACKUP_DIR = "backups"
MANUAL = "manual"
COUNTED = (("person", "person", "people"), ("opportunity", "opportunity", "opportunities"),
           ("interaction", "log entry", "log entries"))
"""Tables whose row counts describe a database to a person."""


@dataclass(frozen=True)
class BackupInfo:
    """What a database file holds: its schema revision and a few counts."""

    path: Path
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)
    """Rows by table ("person", "opportunity", "interaction")."""

    def summary(self) -> str:
        """One line for people: "schema 0001, 3 people, 4 opportunities, 12 log entries"."""
        parts = [f"schema {self.revision or 'none'}"]
        nouns = {table: (one, many) for table, one, many in COUNTED}
        parts += [f"{n} {nouns[table][n != 1]}" for table, n in self.counts.items()]
        return ", ".join(parts)


def backups_dir(db_path: Path) -> Path:
    """The folder of automatic and manual backups: `backups/` next to the database."""
    return Path(db_path).parent / BACKUP_DIR


def backup_base(db_path: Path) -> str:
    """The name backups of `db_path` start with: the stem for a .db file, else the whole name."""
    path = Path(db_path)
    return path.stem if path.suffix == ".db" else path.name


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(backup_base(db_path))}-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?-([a-z][a-z-]*)\.db$")


def list_backups(db_path: Path, *, automatic_only: bool = False) -> list[Path]:
    """Backups of `db_path` in its backups folder, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found: list[tuple[str, int, Path]] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match is None or (automatic_only and match.group(3) == MANUAL):
            continue
        found.append((match.group(1), int(match.group(2) or 1), entry))
    return [path for _stamp, _n, path in sorted(found)]


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the store's busy timeout, outside any transaction."""
    return sqlite3.connect(path, timeout=busy_timeout_ms() / 1000, isolation_level=None)


def unlink_with_sidecars(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
        path.with_name(name).unlink(missing_ok=True)


def busy_guard() -> Callable[[int, int, int], None]:
    """A progress callback that aborts a backup still locked out after the busy timeout.

    (Python's `Connection.backup` otherwise retries a busy step forever.)
    """
    deadline = time.monotonic() + busy_timeout_ms() / 1000

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status & 0xFF in (5, 6) and time.monotonic() > deadline:  # SQLITE_BUSY, SQLITE_LOCKED
            raise StoreError(BUSY_MESSAGE)

    return progress


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a self-contained copy of `source` to `target` (0600): temporary file, fsync, rename."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    unlink_with_sidecars(temp)
    create_private_file(temp)
    try:
        dest = sqlite3.connect(temp, isolation_level=None)
        try:
            source.backup(dest, progress=busy_guard(), sleep=0.05)
            dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal to lose
        finally:
            dest.close()
        fsync_path(temp)
        os.replace(temp, target)
        fsync_path(target.parent, directory=True)
    except sqlite3.Error as err:
        if is_busy(err):
            raise StoreError(BUSY_MESSAGE) from err
        raise StoreError(f"cannot back up to {target}: {err}") from err
    except OSError as err:
        raise StoreError(f"cannot write the backup {target}: {err.strerror}") from err
    finally:
        unlink_with_sidecars(temp)


def describe(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    """The revision and the counts of the database open on `conn`."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    revision = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    counts = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
              for table, _one, _many in COUNTED if table in tables}
    return BackupInfo(path=path, revision=revision, counts=counts)


def owner(db: Database | Path) -> Database:
    """The `Database` that opens connections to `db` (a path gets one of its own)."""
    if isinstance(db, Database):
        return db
    db_path = Path(db)
    if not os.path.lexists(db_path):
        raise StoreError(f"there is no database at {db_path}; nothing to back up")
    return Database.open(db_path)


def _open_source(db: Database | Path) -> sqlite3.Connection:
    """A connection to the tracker database `db`, for copying; StoreError if it is not SQLite.

    The check is SQLite's own ("file is not a database"): the file is never opened by hand.
    """
    database = owner(db)
    conn = database.connect(query_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        conn.close()
        raise StoreError(explain(err, database.path)) from err
    return conn


def backup_to(db: Database | Path, target: Path) -> BackupInfo:
    """Copy the database at `db_path` to `target` (replacing it), consistently, while in use.

    The copy is checked with `PRAGMA integrity_check`; a copy that fails is removed and
    StoreError says so. Returns what the copy holds.
    """
    database = owner(db)
    db_path, target = database.path, Path(target)
    if target.is_dir():
        raise StoreError(f"{target} is a directory; give a file name")
    if not target.parent.is_dir():
        raise StoreError(f"the directory {target.parent} does not exist")
    if target.exists() and db_path.exists() and os.path.samefile(target, db_path):
        raise StoreError(f"{target} is the database itself; choose another file")
    source = _open_source(database)
    try:
        copy_database(source, target)
    finally:
        source.close()
    check = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        fault = integrity_fault(check)
        info = describe(check, target)
    finally:
        check.close()
    if fault is not None:
        target.unlink(missing_ok=True)
        raise StoreError(f"{db_path} is damaged ({fault}); no backup was written, restore an earlier one")
    return info


def integrity_fault(conn: sqlite3.Connection) -> str | None:
    """The first fault `PRAGMA integrity_check` finds in the database on `conn` (SQLite lists every one, a
    line each: the first says enough in a sentence); None when it says ok."""
    verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return None if verdict == "ok" else verdict.splitlines()[0]


def reserve_backup_file(db_path: Path, reason: str) -> Path:
    """Create (0600, empty) and return a new, unused backup file name in the backups folder."""
    folder = backups_dir(db_path)
    try:
        private_dir(folder)
        names = os.listdir(folder)
    except OSError as err:
        raise StoreError(f"cannot use the backups folder {folder}: {err.strerror}") from err
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    base = backup_base(db_path)
    pattern = _pattern(db_path)
    taken = [int(m.group(2) or 1) for m in map(pattern.match, names) if m and m.group(1) == stamp]
    first = max(taken, default=0) + 1  # after the newest backup of this second: names sort in order
    for n in range(first, first + 1000):
        name = f"{base}-{stamp}-{reason}.db" if n == 1 else f"{base}-{stamp}-{n}-{reason}.db"
        try:
            create_private_file(folder / name)
        except FileExistsError:
            continue
        except OSError as err:
            raise StoreError(f"cannot write a backup in {folder}: {err.strerror}") from err
        return folder / name
    raise StoreError(f"too many backups of {db_path.name} this second in {folder}")


def record_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables that hold records: not Alembic's, not SQLite's, not a full-text index or its shadow tables,
    not the reminders kept for `tracker remind` (`kept_*`)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return [name for name, _sql in rows
            if name != "alembic_version" and not name.startswith(("sqlite_", "kept_")) and name not in virtual
            and not any(name.startswith(v + "_") for v in virtual)]


def _has_rows(conn: sqlite3.Connection) -> bool:
    return any(conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0] for name in record_tables(conn))


def _write_backup(database: Database, reason: str) -> Path:
    target = reserve_backup_file(database.path, reason)
    try:
        source = _open_source(database)
        try:
            copy_database(source, target)
        finally:
            source.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def prune(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` automatic backups of `db_path`; returns the removed files."""
    old = list_backups(db_path, automatic_only=True)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink(missing_ok=True)
    return old


def auto_backup(db: Database | Path, reason: str) -> Path | None:
    """Back up `db_path` before a risky change ("migration", "import", "restore").

    Writes `backups/<db name>-<UTC stamp>-before-<reason>.db` and keeps the newest `KEEP`
    automatic backups of that database. Returns None, writing nothing, when the database
    does not exist or holds no rows. Raises StoreError if the copy cannot be made: the
    caller then must not go on with the change.

    Safe to call inside the caller's own write transaction: the copy is the last
    committed state, which is what that transaction is about to change.
    """
    db_path = db.path if isinstance(db, Database) else Path(db)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    database = owner(db)
    database.require_writable()
    source = _open_source(database)
    try:
        if not _has_rows(source):
            return None
    finally:
        source.close()
    target = _write_backup(database, f"before-{reason}")
    prune(db_path)
    return target


def backup_now(db: Database | Path) -> BackupInfo:
    """A manual backup into the backups folder (never pruned); returns what it holds."""
    database = owner(db)
    _open_source(database).close()
    target = reserve_backup_file(database.path, MANUAL)
    try:
        return backup_to(database, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def __getattr__(name: str) -> object:
    """`restore_from` lives in `tracker.store.safety.restore`; importable from here too."""
    if name in ("restore_from", "RestoreResult"):
        from tracker.store.safety import restore

        return getattr(restore, name)
    raise AttributeError(name)
