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
    student: str | None = None
    """`--student`: the advisor reads this student's records only."""
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
            store = open_store(path, create_dirs=source == "default location")
            self._store = store if self.student is None else _student_view(store, self.student)
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
            self._store = None


def _student_view(store: Store, student: str) -> Store:
    """`store` as `student` sees it, read-only, for the advisor who opened it (`ServerStore.for_student`)."""
    from tracker.domain.errors import InvalidInput

    try:
        if not store.advises():
            raise InvalidInput("--student is for an advisor on a shared server (docs/shared-database.md): "
                               "it reads one of their students' records")
        from tracker.store.views.cohort_view import students

        advised = students(store)  # type: ignore[arg-type]
        if student not in advised:
            listed = ", ".join(advised) if advised else "none yet (the owner links them: tracker db advise)"
            raise InvalidInput(f"you do not advise {student!r}; your students: {listed}")
        return store.for_student(student)  # type: ignore[attr-defined,no-any-return]
    finally:
        store.close()


def state(ctx: typer.Context) -> State:
    """The State of this invocation, from the root context."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
