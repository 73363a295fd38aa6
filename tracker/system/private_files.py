"""Files and folders that hold the user's data: created private, written whole or not at all.

Exports, backups, draft templates and the database hold other people's names and e-mail
addresses, so every file tracker creates for them is mode 0600 and every folder 0700,
whatever the umask. A file that replaces another is written to a private temporary file
next to it, flushed to disk and renamed over it, so a failed write (a full disk, a file
size limit, a crash) leaves the old file or nothing, never half a file.

Standard library only: the store, the I/O modules and the command line's lean paths all
use it, and it imports nothing of tracker's but `tracker.domain.errors`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tracker.domain.errors import TrackerError

FILE_MODE = 0o600
DIR_MODE = 0o700


class WriteFailed(TrackerError):
    """A file could not be written (a full disk, a quota, a permission): nothing was left half-written."""


def write_failed(err: OSError, target: object) -> WriteFailed:
    """The one-line error for `err` raised while writing `target` (a path, or "standard output")."""
    code = err.errno
    if code == errno.ENOSPC:
        reason = "disk full"
    elif code == getattr(errno, "EDQUOT", None):
        reason = "disk quota exceeded"
    elif code == errno.EFBIG:
        reason = "file too large (over the system's limit on the size of a file)"
    elif code in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    elif code == errno.EROFS:
        reason = "read-only file system"
    else:
        reason = err.strerror or str(err)
    if target == STDOUT:
        return WriteFailed(f"{reason} while writing {STDOUT}; the output is incomplete")
    return WriteFailed(f"{reason}: nothing was written to {target}")


STDOUT = "standard output"
"""The `target` of `write_failed` for what a command prints."""


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600; FileExistsError if it exists."""
    os.close(_create(path))


def _create(path: Path) -> int:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # whatever the umask
    except BaseException:
        os.close(fd)
        raise
    return fd


def private_dir(path: Path) -> None:
    """Make the folder `path`, and any missing folder above it, with mode 0700; existing ones are left as they are."""
    path = Path(path)
    missing = []
    while not path.exists():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process
        os.chmod(folder, DIR_MODE)


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush the file (or folder) `path` to disk."""
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to the new file `path`, mode 0600; FileExistsError if it exists."""
    with os.fdopen(_create(path), "w", encoding="utf-8") as handle:
        handle.write(text)


def _is_special(path: Path) -> bool:
    """True when `path` is an existing device, pipe or socket (written in place: it cannot be replaced)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def replace_atomically(target: Path, *, newline: str | None = "") -> Iterator[TextIO]:
    """A text handle (UTF-8) whose contents become `target` when the block ends without an error.

    The text goes to a private temporary file next to `target`, which is flushed to disk and
    renamed over it; on any error the temporary file is removed and `target` is untouched.
    A symbolic link is followed (the file it points to is replaced, the link kept). A device
    or a pipe (`/dev/stdout`, a FIFO) is written in place. An OSError while writing becomes
    `WriteFailed`, one line naming the file.
    """
    named = target = Path(target)  # errors name the file as it was given
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if _is_special(target):
        try:
            with open(target, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        except OSError as err:
            raise write_failed(err, named) from None
        return
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        temp.unlink(missing_ok=True)
        with os.fdopen(_create(temp), "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as err:
        raise write_failed(err, named) from None
    finally:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
    try:
        fsync_path(target.parent, directory=True)
    except OSError:
        pass  # the file is in place; a folder that cannot be flushed (some network file systems) is not an error
