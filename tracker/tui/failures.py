"""A worker that fails says one sentence and leaves the screen as it was.

Every thread worker of the TUI that reads or writes the database is wrapped in `guarded`:
an exception (the database busy, read-only, damaged or gone; a disk I/O error; a bug)
becomes a `Failed` message to the app, which shows one sentence in a notification. The
screen keeps what it showed, and a form keeps its input: nothing the user typed is lost,
and no traceback ever reaches the terminal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.message import Message

F = TypeVar("F", bound=Callable[..., Any])


class Failed(Message):
    """A worker failed: `reason` is one sentence for people, `doing` what it was doing."""

    def __init__(self, doing: str, reason: str) -> None:
        super().__init__()
        self.doing = doing
        self.reason = reason


def sentence(err: BaseException) -> str:
    """One sentence about `err`: the user's error as it is, a database error in plain words."""
    import sqlite3

    from tracker.domain.dates import DateParseError
    from tracker.domain.gpa import GpaError
    from tracker.domain.errors import TrackerError

    if isinstance(err, (TrackerError, DateParseError, GpaError)):
        return str(err)
    if isinstance(err, sqlite3.Error) or hasattr(err, "orig"):
        from tracker.store.engine.database import explain

        return explain(err)
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return f"unexpected error ({type(err).__name__}: {err})"


def guarded(doing: str) -> Callable[[F], F]:
    """Wrap a worker method (of a widget or screen): an exception is reported, not raised.

    Put it under `@work(...)`. `doing` completes "Could not ..." ("refresh the list").
    """

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except Exception as err:  # noqa: BLE001 - reported to the user, one sentence
                self.app.post_message(Failed(doing, sentence(err)))
                return None

        return run  # type: ignore[return-value]

    return wrap


__all__ = ["Failed", "guarded", "sentence"]
