"""Plain facts about tracker's SQLite file, shared by the engine, the backups and the lean paths.

Standard library only: the lean entry points (`tracker remind`, CSV import and export over raw
`sqlite3`) and `tracker.store.safety.backup` use these without importing SQLAlchemy.
"""

from __future__ import annotations

import os

from tracker.domain.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""
BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's lock before giving up (default)."""
BUSY_TIMEOUT_ENV = "TRACKER_BUSY_TIMEOUT_MS"
"""Environment variable that overrides BUSY_TIMEOUT_MS (milliseconds); the tests make it short."""
BUSY_MESSAGE = "the database is busy (another tracker is writing); nothing was written, try again"
"""What a writer that could not get the lock in time says (StoreError; exit status 2 in the CLI)."""


def busy_timeout_ms() -> int:
    """The busy timeout in milliseconds: TRACKER_BUSY_TIMEOUT_MS, else BUSY_TIMEOUT_MS."""
    text = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not text:
        return BUSY_TIMEOUT_MS
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise StoreError(f"{BUSY_TIMEOUT_ENV} must be a whole number of milliseconds, not {text!r}")
    return value


def is_busy(err: BaseException) -> bool:
    """True for SQLite's "database is locked" / "busy" errors (raw, or wrapped by SQLAlchemy)."""
    orig = getattr(err, "orig", None) or err
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED and their extended codes
    reason = str(orig)
    return "locked" in reason or "busy" in reason
