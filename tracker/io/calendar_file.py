"""The calendar file kept up to date: `tracker profile --calendar-file PATH`.

Calendar programs that watch a file (khal through vdirsyncer's `singlefile` storage, calendar
apps subscribed to a local file) follow the hunt when tracker writes the export again after
every change. The CLI does it when a command committed a write (`watch_writes`); the TUI after
each of its writes. The file is written whole to a temporary file in its own directory (mode
0600: it names the people you write to), flushed to disk, then renamed over the old one, so a
reader never sees half a calendar and a crash never leaves one.

Only the export's stamp and sequence differ from one writing to the next when nothing else
changed; the file is then left as it is, so watchers are not woken for nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput

if TYPE_CHECKING:
    from tracker.store.engine.store import Store

_STAMPS = re.compile(r"^(DTSTAMP|SEQUENCE):.*$", re.MULTILINE)


def checked_path(text: str) -> Path:
    """The file `--calendar-file` names, absolute; InvalidInput when it cannot be written there."""
    path = Path(text).expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    if path.is_dir():
        raise InvalidInput(f"{path} is a directory; give a file name for the calendar, e.g. {path / 'tracker.ics'}")
    if not path.parent.is_dir():
        raise InvalidInput(f"the directory {path.parent} does not exist; create it first")
    if path.suffix.lower() != ".ics":
        raise InvalidInput(f"{path.name} does not end in .ics; calendar programs look for .ics files")
    return path


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, readable by its owner only (0600)."""
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _same(path: Path, text: str) -> bool:
    """True when `path` holds `text` but for the stamp and sequence lines."""
    try:
        old = path.read_bytes().decode("utf-8")  # as written: CRLF line ends
    except (OSError, UnicodeDecodeError):
        return False
    return _STAMPS.sub("", old) == _STAMPS.sub("", text)


def keep_calendar(store: Store, *, today: date, now: datetime, zone: tzinfo) -> Path | None:
    """Write the calendar to the profile's calendar file, if one is set; the file, or None."""
    from tracker.io.ics import calendar_text
    from tracker.store.models import Profile
    from tracker.store.views.calendar_view import calendar_events

    with store.read() as session:
        profile = session.get(Profile, 1)
        target = profile.calendar_file if profile is not None else None
        if not target:
            return None
        events = calendar_events(session, today=today, zone=zone)
    path = Path(target)
    text = calendar_text(events, now=now)
    if not _same(path, text):
        write_private(path, text)
    return path


def watch_writes(store: Store) -> Callable[[], bool]:
    """Start noting commits to the database; returns a function that says whether any happened since.

    By the store's change counter (`Store.data_version`: records changed), so a write through any of the store's
    connections counts (the SQLite variant of the import writes over `sqlite3`, not the ORM), as
    does another process's (the calendar then shows that too).
    """
    from tracker.domain.errors import StoreError

    try:
        before = store.data_version()
    except StoreError:
        return lambda: False

    def wrote() -> bool:
        try:
            return store.data_version() != before
        except StoreError:
            return False

    return wrote
