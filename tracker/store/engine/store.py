"""The Store: sessions and the SQLite variants' raw reads over the database's one owner.

A Store is opened by `tracker.store.engine.opening` (`open_store`, the one way in, or
`open_current` for the console script's fast paths).

Importing this module imports no SQLAlchemy: checking the schema needs only `sqlite3`, and the
SQLAlchemy engine is made the first time a session asks for it (`Store.engine`). So the TUI
opens the database and paints the agenda (through the SQLite variants, `Store.raw`) while
SQLAlchemy and the ORM load in the background. Every connection, the engine's pool's and
`raw`'s, is made by the `Database` (`creator=`): one owner of the file.

A writer waits for another process's write lock up to the busy timeout
(`TRACKER_BUSY_TIMEOUT_MS`, default 10 s), then gives up with `StoreError(BUSY_MESSAGE)`
having written nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import ChangedElsewhere, StoreError
from tracker.store.engine.database import Database

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from tracker.domain.reminders import Reminder
    from tracker.store.queries.people_keys_sqlite import PeopleKeys
    from tracker.store.views.board_cards import Lane

IDLE_RAW = 4
"""Idle `raw` connections kept for the next read."""


class Store:
    """An open tracker database: sessions (SQLAlchemy, made on first use) and raw SQLite reads, over one `Database`."""

    dialect = "sqlite"
    """Which SQL this store speaks: the SQLite variants of queries are used for "sqlite"."""
    variants = True
    """False: the portable queries only, on SQLite too (the tests that prove the variants equal)."""

    def __init__(self, database: Database, engine: Engine | None = None) -> None:
        self.database = database
        """The owner of the database file: every connection is made by it."""
        self.path = database.path
        """The database file."""
        self._engine = engine
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._people_keys: PeopleKeys | None = None
        self._people_keys_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made, and SQLAlchemy imported, on first use); deferred transactions."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._make_engine()
        return self._engine

    def _make_engine(self) -> Engine:
        return make_engine(self.database)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        with Session(self.engine) as session:
            try:
                yield session
            except DBAPIError as err:
                raise StoreError(self.database.explain(err)) from err

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is one transaction: all of it is committed, or none.

        The transaction starts with BEGIN IMMEDIATE, so a second writer waits for
        the lock (up to the busy timeout) instead of failing halfway through.
        A database error (busy, read-only, disk full) becomes a StoreError with one sentence.
        """
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        from sqlalchemy.orm.exc import StaleDataError

        self.database.require_writable()
        with Session(self.engine.execution_options(tracker_write=True), expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as err:
                session.rollback()
                raise StoreError(self.database.explain(err)) from err
            except StaleDataError:  # a versioned row changed by another writer since this session read it
                session.rollback()
                raise ChangedElsewhere("a record was changed elsewhere meanwhile; nothing was written, "
                                       "try again") from None
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A `sqlite3` connection for the SQLite variants of queries (no SQLAlchemy needed).

        In autocommit mode: the caller says BEGIN and COMMIT. It is kept for the next read after.
        """
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self.database.connect()
        try:
            yield conn
        except sqlite3.Error as err:
            raise StoreError(self.database.explain(err)) from err
        finally:
            if conn.in_transaction:
                conn.rollback()
            with self._lock:
                keep = len(self._idle) < IDLE_RAW
                if keep:
                    self._idle.append(conn)
            if not keep:
                conn.close()

    # --- reads with a SQLite variant (tests/test_lean_paths.py proves each equal to the portable one) --

    def current_reminders(self, *, today: date, within_days: int, zone: tzinfo,
                          first: int | None = None, give_way: Callable[[], None] | None = None,
                          kept: bool = False) -> list[Reminder]:
        """The reminders due within `within_days`, overdue first (`tracker.domain.reminders`).

        With `first`, at least the first `first` of them, computed from the follow-up threads
        due soonest only (the agenda paints those, then asks for all). On SQLite the facts are
        read by the SQLite variant of the query (`tracker.store.queries.reminders_sqlite`, which
        leaves out in SQL what cannot fall due in the horizon); elsewhere by the portable one.
        `give_way` is called between the reads and between the rules; what it raises stops the read
        (the agenda's rest stops so when its user has gone to another screen). `kept` (the commands
        that print reminders): on SQLite, the list the last of them kept when nothing has been written
        since, else this one kept for the next (`tracker.store.queries.kept_reminders`).
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.queries import reminders_sqlite

            with self.raw() as conn:
                return reminders_sqlite.current_reminders(conn, today=today, within_days=within_days, zone=zone,
                                                          first=first, give_way=give_way, kept=kept)
        from tracker.store.queries.reminders import current_reminders

        with self.read() as session:
            return current_reminders(session, today=today, within_days=within_days, zone=zone, give_way=give_way)

    def board_lanes(self, *, today: date, zone: tzinfo, limit: int) -> list[Lane]:
        """The board's lanes, one per stage, each with its first `limit` cards (`tracker.store.views.board`).

        On SQLite by the variant over sqlite3 (`tracker.store.queries.board_sqlite`): the Board's
        first visit does not wait for SQLAlchemy and the ORM to load; elsewhere the portable query.
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.domain.vocab import STAGES
            from tracker.store.queries import board_sqlite

            with self.raw() as conn:
                return board_sqlite.board_lanes(conn, today=today, zone=zone, limit=limit, stages=STAGES)
        from tracker.store.views.board import board_lanes

        with self.read() as session:
            return board_lanes(session, today=today, zone=zone, limit=limit)

    def rendered_rows(self, *queries: tuple[str, ...] | str) -> list[list[tuple[Any, ...]]] | None:
        """The rows of each of `queries`, portable queries rendered for SQLite (a name, or a name
        and its parameters), read together over sqlite3 (`tracker.store.queries.rendered`): a
        screen's first read does not wait for SQLAlchemy and the ORM to load. None elsewhere: the
        caller runs the portable queries."""
        if self.dialect != "sqlite" or not self.variants:
            return None
        from tracker.store.queries import rendered

        with self.raw() as conn:
            conn.execute("BEGIN")
            try:
                return [rendered.rows(conn, q) if isinstance(q, str) else rendered.rows(conn, q[0], q[1:])
                        for q in queries]
            finally:
                conn.commit()

    def keep_people_keys(self) -> None:
        """On SQLite, read every person's search keys into memory for the People filter, unless what is
        kept is current (`tracker.store.queries.people_keys_sqlite`: 0.1 s of a worker at 30,000 people)."""
        if self.dialect != "sqlite" or not self.variants:
            return
        from tracker.store.queries.people_keys_sqlite import read_keys

        with self._people_keys_lock:  # (two callers at once: the second finds the first's keys current)
            version = self.data_version()
            kept = self._people_keys
            if kept is None or kept.version != version:
                with self.raw() as conn:
                    self._people_keys = read_keys(conn, version)

    def people_found(self, text: str, role: str | None) -> list[int] | None:
        """The ids of the people whose keys hold every word of `text`, of `role` (None: any), in the
        People table's first sort, from the keys `keep_people_keys` read if nobody has committed
        since; None otherwise (and elsewhere than on SQLite): the caller runs the portable search."""
        kept = self._people_keys
        if kept is None or not self.variants or kept.version != self.data_version():
            return None
        from tracker.domain.folding import words

        return kept.found(words(text), role)

    def is_empty(self) -> bool:
        """True when the database holds no organization, person, opportunity, message or manual reminder."""
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.queries import reminders_sqlite

            with self.raw() as conn:
                return reminders_sqlite.is_empty(conn)
        from tracker.store.queries.listings import is_empty

        with self.read() as session:
            return is_empty(session)

    def user_zone(self) -> tzinfo:
        """The profile's time zone, else the machine's."""
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.queries import reminders_sqlite

            with self.raw() as conn:
                return reminders_sqlite.user_zone(reminders_sqlite.read_profile(conn)[1])
        from tracker.store.queries.reminders import user_zone

        with self.read() as session:
            return user_zone(session)

    def keeps_calendar(self) -> bool:
        """True when the profile names a calendar file to keep up to date after each change."""
        if self.dialect == "sqlite" and self.variants:
            with self.raw() as conn:
                row = conn.execute("SELECT calendar_file FROM profile WHERE id = 1").fetchone()
            return bool(row and row[0])
        from tracker.store.models import Profile

        with self.read() as session:
            profile = session.get(Profile, 1)
            return bool(profile is not None and profile.calendar_file)

    # --- export and import: the SQLite variants run the same rules as the portable code, over sqlite3 --

    @contextmanager
    def export_rows(self, what: str, *, columns: Sequence[str], cell: Callable[[object], str],
                    formula: tuple[str, str]) -> Iterator[Iterable[Sequence[object]]]:
        """Every row of the `what` export ("log", "opportunities", "people") in one snapshot, its
        `columns` written as `cell` writes a value; streamed, never all in memory.

        On SQLite the cells are made in SQL (`tracker.store.queries.export_sqlite`), formula-like text
        quoted by the rule `formula` = (first characters, quote) that `cell` applies
        (tests/test_csv_lean.py proves the bytes equal); elsewhere from `queries.listings`.
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.queries.export_sqlite import ROWS

            with self.raw() as conn:
                conn.execute("BEGIN")  # one snapshot for every query of the export
                yield ROWS[what](conn, "".join(formula[0]), formula[1])
            return
        from tracker.store.queries.listings import log_rows, opportunity_rows, people_rows

        rows = {"log": log_rows, "opportunities": opportunity_rows, "people": people_rows}[what]
        with self.read() as session:
            yield ([cell(row[name]) for name in columns] for row in rows(session))

    def write_import(self, what: str, plan_for: Callable[[Any], Any], *, path: Path,
                     describe: Callable[[], str], dry_run: bool,
                     progress: Callable[[int, int], None] | None = None) -> None:
        """An import of a `what` file ("log", "opportunities", "people", or "faculty": a faculty
        directory), in one write transaction: read what it is compared with (a `Snapshot`, or a
        `FacultySnapshot`), make its plan (`plan_for(snapshot)`, which raises to write nothing) and,
        unless `dry_run`, write it after an automatic backup, recorded for `tracker undo` as
        `describe()`; a faculty import calls `progress(written, total)` as it writes people.

        On SQLite over sqlite3 (`tracker.store.writes.import_sqlite`, `faculty_sqlite`,
        `safety.undo_sqlite`); elsewhere through the ORM (`writes.import_writes`, `faculty_writes`,
        `safety.undo`); tests/test_csv_lean_import.py and tests/test_faculty_variants.py prove the
        databases they leave equal.
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.safety.undo_sqlite import record_lean_import
            from tracker.store.writes import faculty_sqlite, import_sqlite

            self.database.require_writable()
            with self.raw() as conn, import_sqlite.transaction(conn):
                if what == "faculty":
                    plan = plan_for(faculty_sqlite.load_snapshot(conn))
                else:
                    plan = plan_for(import_sqlite.load_snapshot(conn, what))
                if not dry_run:
                    self.auto_backup("import")
                    with record_lean_import(conn, plan, path) as undo:
                        if what == "faculty":
                            faculty_sqlite.write_plan(conn, plan, progress)
                        else:
                            import_sqlite.write_plan(conn, plan)
                        undo.description = describe()
            return
        from tracker.store.safety.undo import record_import
        from tracker.store.writes import faculty_writes, import_writes

        with self.write() as session:
            if what == "faculty":
                plan = plan_for(faculty_writes.load_snapshot(session))
            else:
                plan = plan_for(import_writes.load_snapshot(session, what))
            if not dry_run:
                self.auto_backup("import")
                with record_import(session, path) as undo:
                    if what == "faculty":
                        faculty_writes.write_plan(session, plan, progress)
                    else:
                        import_writes.write_plan(session, plan)
                    undo.description = describe()

    def data_version(self) -> int:
        """Changes whenever anyone changes a record in the database (see `Database.data_version`)."""
        return self.database.data_version()

    def advises(self) -> bool:
        """True for an adviser on a shared server (who reads students' records and writes none)."""
        return False

    def auto_backup(self, reason: str) -> Path | None:
        """Back up the file before a risky change (`tracker.store.safety.backup.auto_backup`)."""
        from tracker.store.safety.backup import auto_backup

        return auto_backup(self.database, reason)

    def close(self) -> None:
        """Release every pooled connection, the raw ones and the watcher's."""
        if self._engine is not None:
            self._engine.dispose()
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        self.database.close()


def make_engine(database: Database) -> Engine:
    """The SQLAlchemy engine whose pool gets its connections from `database`.

    The URL (built with `URL.create`, never parsed from a string) only names the dialect;
    `creator` opens the file, exactly as given.
    """
    from sqlalchemy import URL, create_engine, event
    from sqlalchemy.pool import QueuePool

    engine = create_engine(URL.create("sqlite", database=str(database.path)), creator=database.connect,
                           poolclass=QueuePool)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("tracker_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
