"""Putting a backup back: check the file first, then replace the database in one step.

`restore_from(file, db_path)`:

1. copies the file (and its -wal, if any) into a private scratch folder next to the
   database, so what is checked is exactly what is installed and the file itself is
   never touched;
2. checks the copy: an SQLite file, `PRAGMA integrity_check` says ok, tracker's tables
   and an `alembic_version` this program knows; anything else is refused with one line
   and nothing is changed;
3. brings the copy to the newest schema if it is older;
4. backs up the database it is about to replace (`backups/...-before-restore.db`);
5. copies the checked file INTO the open database with SQLite's backup API: one write
   transaction, so other trackers that have the database open see the old data or the
   new, a crash leaves one or the other, and -wal/-shm stay consistent. Only when the
   current file is not a readable SQLite database is it replaced by rename (temporary
   file, fsync, stale -wal/-shm removed, rename, fsync of the folder).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import StoreError
from tracker.migrations import HEAD, REVISIONS
from tracker.private_files import create_private_file, fsync_path, private_dir
from tracker.store.backup import (BackupInfo, auto_backup, busy_guard, connect, describe, prune, reserve_backup_file,
                                  unlink_with_sidecars)
from tracker.store.sqlite_file import BUSY_MESSAGE, SQLITE_MAGIC, is_busy

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
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{shown} cannot be restored: {err}; nothing was restored") from err
    if verdict != "ok":
        raise StoreError(f"{shown} is damaged (integrity check: {verdict}); nothing was restored")
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
    from tracker.store.engine import _make_engine, migrate

    engine = _make_engine(copy)
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


def _current(db_path: Path) -> tuple[int, BackupInfo] | None:
    """The page size and contents of the current database; None if it is not a readable SQLite file."""
    try:
        with db_path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return None
        conn = connect(db_path)
        try:
            info = describe(conn, db_path)
            return int(conn.execute("PRAGMA page_size").fetchone()[0]), info
        finally:
            conn.close()
    except sqlite3.Error as err:
        if is_busy(err):
            raise StoreError(BUSY_MESSAGE) from err
        return None
    except OSError:
        return None


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


def _install_into(copy: Path, db_path: Path) -> None:
    source = connect(copy)
    try:
        dest = connect(db_path)
        try:
            source.backup(dest, progress=busy_guard(), sleep=0.05)
        finally:
            dest.close()
    except sqlite3.Error as err:
        if is_busy(err):
            raise StoreError(BUSY_MESSAGE) from err
        raise StoreError(f"cannot restore into {db_path}: {err}; nothing was changed") from err
    finally:
        source.close()


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
    current = None if fresh else _current(db_path)
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
            replaced = None
            _install_into(copy, db_path)
        elif current is not None:
            replaced = auto_backup(db_path, "restore")
            _install_into(copy, db_path)
        else:
            replaced = _save_unreadable(db_path)
            _install_by_rename(copy, db_path)
    return RestoreResult(restored=info, replaced=replaced)


__all__ = ["Confirm", "RestoreResult", "restore_from"]
