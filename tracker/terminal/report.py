"""Errors and warnings on standard error: one line each, printed the same way by every entry point.

`error("...")` prints `error: ...`, `warn("...")` prints `warning: ...`. The message is never
wrapped or cut, whatever its length and whatever the width of the terminal, so a script that
reads standard error gets one error as one line (an import's list of bad rows is the one
message that holds line breaks of its own). Control characters from the data are shown as
escapes (`tracker.domain.sanitize.visible`). On a terminal the prefix is coloured as Rich would
colour it (bold red, yellow), unless NO_COLOR is set or the terminal is dumb; FORCE_COLOR
colours it anywhere.

Standard library only: the lean entry points (`tracker.entry.remind`, `tracker.entry.csv_files`) and
the Typer commands (`tracker.cli.output`) all print through here.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from tracker.domain.sanitize import visible

ERROR_STYLE = "\x1b[1;31m"
WARNING_STYLE = "\x1b[33m"
RESET = "\x1b[0m"
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)})
"""Errors of a write that failed for lack of room (or a broken device): reported, never a traceback."""


def _coloured(stream: TextIO) -> bool:
    environ = os.environ
    if "NO_COLOR" in environ:
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def line(prefix: str, style: str, message: str, stream: TextIO | None = None) -> None:
    """Print `prefix` (styled on a terminal) and `message` on one line of `stream` (standard error)."""
    out = sys.stderr if stream is None else stream
    head = f"{style}{prefix}{RESET}" if _coloured(out) else prefix
    out.write(f"{head}{visible(message)}\n")
    out.flush()


def error(message: str) -> None:
    """The one line printed for a user error (the caller exits with status 2)."""
    line("error: ", ERROR_STYLE, message)


def warn(message: str) -> None:
    """A warning; never stops the command."""
    line("warning: ", WARNING_STYLE, message)


def output_failed(err: OSError) -> int:
    """Report a write that failed for lack of room (`OUTPUT_ERRNOS`) in one line; the exit status, 2.

    An error that names no file was standard output's: it is then pointed at the null device,
    so the interpreter's last flush at exit finds nothing more to complain about.
    """
    from tracker.system.private_files import STDOUT, write_failed

    if err.filename is not None:
        error(str(write_failed(err, err.filename)))
        return 2
    error(str(write_failed(err, STDOUT)))
    detach_stdout()
    return 2


def detach_stdout(stream: TextIO | None = None) -> None:
    """Point standard output (or `stream`) at the null device, after a broken pipe or a full disk."""
    try:
        fd = (sys.stdout if stream is None else stream).fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a real file (a test's capture): nothing will be flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
