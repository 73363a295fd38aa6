"""Headers from mailbox files: an mbox (Gmail's Takeout, Thunderbird) or a Maildir folder.

Only the header block of each message is read (and parsed later, by the `Logbook`, only when it
concerns a tracked person); bodies are read past, never kept. A message without a usable Date takes the mbox "From " line's date, or the
Maildir file's time (each worked out only for such a message).

An mbox is split as Python's `mailbox.mbox` splits it (every line that starts with "From " starts a
message), but by searching the mapped file rather than reading it line by line: a season's 10,000
messages in an eighth of the time. tests/test_mail_files.py compares the two on files with every
oddity.
"""

from __future__ import annotations

import mailbox
import mmap
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path

from tracker.domain.errors import InvalidInput

RawHead = tuple[bytes, "datetime | Callable[[], datetime | None] | None"]
"""A message's raw header block, and when it arrived (for a missing or malformed Date), or what
works that out when asked."""


def _from_line_date(line: str | None) -> datetime | None:
    """The date of an mbox "From sender Thu Dec  3 13:15:05 2026" line, as UTC."""
    if not line:
        return None
    parts = line.split()
    if len(parts) < 6:
        return None
    try:
        return parsedate_to_datetime(" ".join(parts[-5:])).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError, IndexError):
        return None


def is_maildir(path: Path) -> bool:
    """A folder with cur/ and new/: a Maildir."""
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


LEADING_BLANKS = 4096
"""How many bytes of blank lines an mbox may start with (some archives begin with one) before its
first "From " line."""


def check_mbox(path: Path) -> int:
    """Refuse a file that is not an mbox: one whose first line that is not blank is not a "From " line.

    Returns where that line starts (0 but for an archive that begins with blank lines)."""
    try:
        with open(path, "rb") as f:
            head = f.read(LEADING_BLANKS + 5)
    except OSError as err:
        raise InvalidInput(f"cannot read {path}: {err.strerror or err}") from None
    first = len(head) - len(head.lstrip(b"\r\n"))
    if head[first:first + 5] != b"From " and (first < len(head) or len(head) > LEADING_BLANKS):
        raise InvalidInput(f'{path} is not an mbox file (it does not start with a "From " line); '
                           "give an mbox file, a Maildir folder or LinkedIn's messages.csv")
    return first


def read_mbox(path: Path) -> Iterator[RawHead]:
    """The header block of every message of the mbox at `path`, in file order (bodies are skipped);
    a file that is not an mbox is refused at once, before the first message is asked for."""
    return _mbox_file(path, check_mbox(path))


def _mbox_file(path: Path, first: int) -> Iterator[RawHead]:
    with open(path, "rb") as file:
        try:
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file: no message
            return
        with data:
            yield from _mbox_heads(data, first)


def _mbox_heads(data: mmap.mmap, start: int) -> Iterator[RawHead]:
    size = len(data)  # `start` is where the first "From " line starts (check_mbox)
    while start < size:
        following = data.find(b"\nFrom ", start)
        stop = size if following < 0 else following + 1  # where the next message starts
        eol = data.find(b"\n", start, stop)
        line_end = stop if eol < 0 else eol + 1
        yield _head_lines(data, line_end, stop), partial(_from_line_date, data[start:line_end].decode("ascii", "replace"))
        start = stop


def _head_lines(data: mmap.mmap, start: int, end: int) -> bytes:
    """The lines from `start` up to the first empty one (or `end`), as `_read_head` reads them from a file."""
    first = data[start:min(start + 2, end)]
    if first[:1] == b"\n" or first == b"\r\n":
        return b"\n"
    stop = end
    for blank in (b"\n\n", b"\n\r\n"):
        found = data.find(blank, start, stop)
        if found >= 0:
            stop = found + 1
    return data[start:stop] + b"\n"


def read_maildir(path: Path) -> Iterator[RawHead]:
    """The header block of every message of the Maildir at `path` (its cur/ and new/)."""
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in box.iterkeys():
        try:
            with box.get_file(key) as f:
                raw = _read_head(f)
        except OSError:
            continue
        yield raw, _delivered(key)


def _delivered(key: str) -> datetime | None:
    """When a Maildir message was delivered: its unique name starts with the time in seconds."""
    head = key.split(".", 1)[0]
    return datetime.fromtimestamp(int(head), timezone.utc) if head.isdigit() else None


def _read_head(f: object) -> bytes:
    """Read a file's header block only, line by line."""
    lines: list[bytes] = []
    for line in f:  # type: ignore[attr-defined]
        if line in (b"\n", b"\r\n"):
            break
        lines.append(line)
    return b"".join(lines) + b"\n"


def read_path(path: Path) -> Iterator[RawHead]:
    """The header blocks of the mbox file or Maildir folder at `path`."""
    if path.is_dir():
        if not is_maildir(path):
            raise InvalidInput(f"{path} is a folder but not a Maildir (it has no cur/ and new/ folders)")
        return read_maildir(path)
    if not path.exists():
        raise InvalidInput(f"{path} does not exist")
    return read_mbox(path)
