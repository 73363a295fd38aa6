"""Putting a backup back: check the file first, then replace the database in one step.

`restore_from(file, db_path)`:

1. copies the file (and its -wal, if any) into a private scratch folder next to the
   database, so what is checked is exactly what is installed and the file itself is
   never touched;
2. checks the copy: an SQLite file, `PRAGMA integrity_check` says ok, tracker's tables
   and an `alembic_version` this program knows; anything else is refused with one line
   and nothing is changed;
3. brings the copy to the newest schema if it is older;
4. copies the checked file INTO the open database with SQLite's backup API: one write
   transaction, so other trackers that have the database open see the old data or the
   new, a crash leaves one or the other, and -wal/-shm stay consistent;
5. backs up the database it replaces (`backups/...-before-restore.db`) *under the same
   write lock*: after the backup API's first step holds the destination's write lock, and
   before anything is committed, a second connection copies the last committed state. No
   write can land between that backup and the install, so every committed write is in
   one or the other.

Only when the current file is not a readable SQLite database is it replaced by rename
(temporary file, fsync, stale -wal/-shm removed, rename, fsync of the folder). The
database file is never opened by hand: `tracker.store.engine.database` makes every connection.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import StoreError
from tracker.store.engine.database import Database, check_path, explain, plain_os_error
from tracker.store.engine.sqlite_file import SQLITE_MAGIC
from tracker.store.migrations import HEAD, REVISIONS
from tracker.store.safety.backup import (BackupInfo, _has_rows, _write_backup, busy_guard, connect, describe,
                                         integrity_fault, prune, reserve_backup_file, unlink_with_sidecars)
from tracker.system.private_files import create_private_file, fsync_path, private_dir

REQUIRED_TABLES = frozenset({"organization", "person", "opportunity", "interaction"})
"""Tables every tracker schema has had: a file without them is not one of tracker's."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    restored: BackupInfo
    """The file as it was checked (its own revision and counts)."""
    replaced: Path | None
    """The backup of the database that was replaced (None if there was nothing in it)."""


def _check(conn: sqlite3.Connection, shown: Path) -> BackupInfo:
    try:
        fault = integrity_fault(conn)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{shown} cannot be restored: {err}; nothing was restored") from err
    if fault is not None:
        raise StoreError(f"{shown} is damaged (integrity check: {fault}); nothing was restored")
    info = describe(conn, shown)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if info.revision is None or not REQUIRED_TABLES <= tables:
        raise StoreError(f"{shown} is an SQLite database, but not one of tracker's; nothing was restored")
    if info.revision not in REVISIONS:
        raise StoreError(f"{shown} was written by a newer tracker (schema {info.revision}); "
                         "upgrade tracker to restore it; nothing was restored")
    return info


def _stage(file: Path, scratch: Path) -> Path:
    """Copy `file` (and its -wal) into `scratch` and return the private copy."""
    copy = scratch / "candidate.db"
    try:
        with file.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise StoreError(f"{file} is not a tracker backup (it is not an SQLite file); nothing was restored")
        shutil.copyfile(file, copy)
        wal = file.with_name(file.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    except OSError as err:
        raise StoreError(f"cannot read {file}: {err.strerror}") from err
    os.chmod(copy, 0o600)
    return copy


def _upgrade(copy: Path) -> None:
    from tracker.store.engine.opening import file_engine, migrate

    engine = file_engine(copy)
    try:
        migrate(engine.execution_options(tracker_write=True))
    finally:
        engine.dispose()


def _prepare(copy: Path, dest_page_size: int | None) -> None:
    """One self-contained file whose page size suits a WAL destination."""
    conn = connect(copy)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        if dest_page_size and conn.execute("PRAGMA page_size").fetchone()[0] != dest_page_size:
            conn.execute(f"PRAGMA page_size = {int(dest_page_size)}")
            conn.execute("VACUUM")
    finally:
        conn.close()


def _current(database: Database) -> tuple[int, BackupInfo] | None:
    """The page size and contents of the current database; None if it is not a readable SQLite file."""
    try:
        conn = database.connect(query_only=True)
    except StoreError as err:
        if "busy" in str(err):
            raise
        return None
    try:
        info = describe(conn, database.path)
        return int(conn.execute("PRAGMA page_size").fetchone()[0]), info
    except sqlite3.Error as err:
        if "locked" in str(err) or "busy" in str(err):
            raise StoreError(explain(err, database.path)) from err
        return None
    finally:
        conn.close()


def _save_unreadable(db_path: Path) -> Path | None:
    """Keep the bytes of a database the backup API cannot read, before it is replaced."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    target = reserve_backup_file(db_path, "before-restore")
    shutil.copyfile(db_path, target)
    os.chmod(target, 0o600)
    prune(db_path)
    return target


def _install_by_rename(copy: Path, db_path: Path) -> None:
    temp = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    unlink_with_sidecars(temp)
    create_private_file(temp)
    shutil.copyfile(copy, temp)  # into the private file: never readable by others, even for a moment
    fsync_path(temp)
    for side in ("-wal", "-shm", "-journal"):  # they belong to the unreadable file being replaced
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    os.replace(temp, db_path)
    fsync_path(db_path.parent, directory=True)


SQLITE_OK = 0


def _install_into(copy: Path, database: Database, *, keep: bool) -> Path | None:
    """Copy `copy` into the database with the backup API; with `keep`, back up what it replaces first.

    The copy goes one page a step. After the first step the destination's write lock is held
    and nothing is committed yet: that is when the before-restore backup is taken, by another
    connection, which sees the last committed state, with the count of writes the restore then moves
    past (`_count_past`). Returns that backup (None if not kept or the database held no rows). Only in
    WAL mode can another connection read then: a database that is not (a backup file copied into place
    is one file, in rollback mode) is put in it first, as tracker keeps every database it writes; it was
    waited for, for the busy timeout, and the restore refused. A new file (not `keep`) is not read: it
    held nothing (reading it waited the busy timeout, 10 s).
    """
    before: list[tuple[int | None, Path | None]] = []
    guard = busy_guard()

    def progress(status: int, remaining: int, total: int) -> None:
        guard(status, remaining, total)
        if keep and not before and status == SQLITE_OK:
            before.append(_before(database))

    source = connect(copy)
    try:
        dest = database.connect()
        try:
            if keep:
                database.use_wal(dest)
            source.backup(dest, pages=1, progress=progress, sleep=0.05)
        finally:
            dest.close()
    except sqlite3.Error as err:
        raise StoreError(f"cannot restore into {database.path}: {explain(err, database.path)}; "
                         "nothing was changed") from err
    finally:
        source.close()
    if keep and not before:  # a one-page file: impossible for a checked tracker database
        raise StoreError(f"{copy} is too small to be a tracker database; nothing was restored")
    count, replaced = before[0] if before else (None, None)  # a new file had no count, nor rows
    _count_past(database, count)
    return replaced


def _count_past(database: Database, before: int | None) -> None:
    """Move the restored database's count of writes past `before`, the count it had before the restore.

    The backup holds the count it was made at, perhaps one an open TUI has seen (`Database.data_version`):
    past every count the database had, the restore is a change to everyone watching it. Its lists of
    reminders, kept at the backup's count, are worked out again."""
    try:
        conn = database.connect()
    except StoreError:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE kept_stamp SET writes = max(writes, ?) + 1 WHERE id = 1", (before or 0,))
        conn.execute("COMMIT")
    except sqlite3.Error:  # the restore is done: busy past the timeout, the next write moves the count
        if conn.in_transaction:
            conn.rollback()
    finally:
        conn.close()


def _before(database: Database) -> tuple[int | None, Path | None]:
    """What the database held as last committed, read while the restore holds its write lock: its count of
    writes to records (None when it has none), and a backup of it (None when it held no rows)."""
    from tracker.store.queries.kept_reminders import writes

    reader = database.connect(query_only=True)
    try:
        count, rows = writes(reader), _has_rows(reader)
    finally:
        reader.close()
    return count, _write_backup(database, "before-restore") if rows else None


Confirm = Callable[[BackupInfo, "BackupInfo | None"], bool]
"""Asked, once the file has passed every check, with what it holds and what the database holds now."""


def restore_from(file: Path, db_path: Path, *, create_dirs: bool = False,
                 confirm: Confirm | None = None) -> RestoreResult | None:
    """Replace the database at `db_path` with the backup `file`, after checking it.

    Raises StoreError, changing nothing, when the file is not a sound tracker database
    this program can read, or when another tracker holds the write lock too long.
    `confirm(backup, current)` is called after the checks (current is None when there
    is no readable database); if it returns False nothing is changed and None returned.
    """
    file, db_path = Path(file), Path(db_path)
    if not file.is_file():
        raise StoreError(f"no file {file}")
    if db_path.exists() and os.path.samefile(file, db_path):
        raise StoreError(f"{file} is the database itself; give a backup file")
    if not db_path.parent.is_dir():
        if not create_dirs:
            raise StoreError(f"the directory {db_path.parent} does not exist; create it or choose another --db path")
        private_dir(db_path.parent)
    fresh = not db_path.exists() or db_path.stat().st_size == 0
    if db_path.exists():
        check_path(db_path)  # a directory, a FIFO...: refused before anything is read
    database = Database(db_path)
    if database.read_only is not None:
        raise StoreError(f"cannot restore into {db_path}: {database.read_only}; nothing was restored")
    current = None if fresh else _current(database)
    try:
        return _restore(file, database, fresh=fresh, current=current, confirm=confirm)
    except OSError as err:
        raise StoreError(f"cannot restore into {db_path}: {plain_os_error(err)}; nothing was restored") from err


def _restore(file: Path, database: Database, *, fresh: bool, current: tuple[int, BackupInfo] | None,
             confirm: Confirm | None) -> RestoreResult | None:
    db_path = database.path
    with tempfile.TemporaryDirectory(prefix=".tracker-restore-", dir=db_path.parent) as scratch:
        copy = _stage(file, Path(scratch))
        conn = connect(copy)
        try:
            info = _check(conn, file)
        finally:
            conn.close()
        if confirm is not None and not confirm(info, current[1] if current else None):
            return None
        if info.revision != HEAD:
            _upgrade(copy)
        _prepare(copy, current[0] if current else None)
        if fresh:
            if not db_path.exists():
                create_private_file(db_path)
            database = Database(db_path)
            replaced = _install_into(copy, database, keep=False)
        elif current is not None:
            replaced = _install_into(copy, database, keep=True)
            prune(db_path)
        else:
            replaced = _save_unreadable(db_path)
            _install_by_rename(copy, db_path)
    return RestoreResult(restored=info, replaced=replaced)


__all__ = ["Confirm", "RestoreResult", "restore_from"]
