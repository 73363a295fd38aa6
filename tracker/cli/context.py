"""Per-invocation state: which database, opened lazily, and the user's today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

import typer

from tracker.system import clock
from tracker.system.paths import resolve_db_path
from tracker.store import Store, open_store


@dataclass
class State:
    """What the global options chose; the store opens on first use."""

    db_option: str | None = None
    _store: Store | None = field(default=None, repr=False)
    _zone: tzinfo | None = field(default=None, repr=False)
    _wrote: Callable[[], bool] | None = field(default=None, repr=False)
    """Whether the command committed a write (`tracker.io.calendar_file.watch_writes`)."""

    def db_path(self) -> tuple[Path, str]:
        """The database path and where the choice came from."""
        return resolve_db_path(self.db_option)

    @property
    def store(self) -> Store:
        """The open store (opened, and migrated if needed, on first use)."""
        if self._store is None:
            path, source = self.db_path()
            self._store = open_store(path, create_dirs=source == "default location")
            from tracker.io.calendar_file import watch_writes

            self._wrote = watch_writes(self._store)
        return self._store

    @property
    def zone(self) -> tzinfo:
        """The user's time zone (profile, else the machine's)."""
        if self._zone is None:
            from tracker.store.queries.reminders import user_zone

            with self.store.read() as session:
                self._zone = user_zone(session)
        return self._zone

    def today(self) -> date:
        """Today in the user's zone."""
        return clock.today(self.zone)

    def now(self) -> datetime:
        """Now, aware, in the user's zone."""
        return clock.now(self.zone)

    def finish(self) -> None:
        """After a command: keep the profile's calendar file if the command wrote, then close the store."""
        try:
            if self._store is not None and self._wrote is not None and self._wrote():
                from tracker.io.calendar_file import keep_calendar

                keep_calendar(self._store, today=self.today(), now=self.now(), zone=self.zone)
        except OSError as err:
            from tracker.cli.output import warn

            warn(f"the calendar file was not written: {err.strerror or err}")
        finally:
            self.close()

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()


def state(ctx: typer.Context) -> State:
    """The State of this invocation, from the root context."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
