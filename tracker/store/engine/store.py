"""Opening the database: the Store over the database's one owner, migrations, sessions.

`open_store(path)` is the one way in. It checks the path (`tracker.store.engine.database`), creates
a missing file with mode 0600, refuses a file that is not a tracker database or is newer than
this program, and brings an older schema up to date with Alembic before anything else runs
(after an automatic backup, see `tracker.store.safety.backup`).

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
from tracker.store.engine.database import Database, explain
from tracker.store.migrations import HEAD, REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from tracker.domain.reminders import Reminder

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

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made, and SQLAlchemy imported, on first use); deferred transactions."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = make_engine(self.database)
        return self._engine

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
                          first: int | None = None) -> list[Reminder]:
        """The reminders due within `within_days`, overdue first (`tracker.domain.reminders`).

        With `first`, at least the first `first` of them, computed from the follow-up threads
        due soonest only (the agenda paints those, then asks for all). On SQLite the facts are
        read by the SQLite variant of the query (`tracker.store.queries.reminders_sqlite`, which
        leaves out in SQL what cannot fall due in the horizon); elsewhere by the portable one.
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.queries import reminders_sqlite

            with self.raw() as conn:
                return reminders_sqlite.current_reminders(conn, today=today, within_days=within_days, zone=zone,
                                                          first=first)
        from tracker.store.queries.reminders import current_reminders

        with self.read() as session:
            return current_reminders(session, today=today, within_days=within_days, zone=zone)

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
                     describe: Callable[[], str], dry_run: bool) -> None:
        """An import of a `what` file, in one write transaction: read what it is compared with (a
        `Snapshot`), make its `Plan` (`plan_for(snapshot)`, which raises to write nothing) and, unless
        `dry_run`, write it after an automatic backup, recorded for `tracker undo` as `describe()`.

        On SQLite over sqlite3 (`tracker.store.writes.import_sqlite`, `safety.undo_sqlite`); elsewhere
        through the ORM (`writes.import_writes`, `safety.undo`); tests/test_csv_lean.py proves the
        databases they leave equal.
        """
        if self.dialect == "sqlite" and self.variants:
            from tracker.store.safety.undo_sqlite import record_lean_import
            from tracker.store.writes import import_sqlite

            self.database.require_writable()
            with self.raw() as conn, import_sqlite.transaction(conn):
                plan = plan_for(import_sqlite.load_snapshot(conn, what))
                if not dry_run:
                    self.auto_backup("import")
                    with record_lean_import(conn, plan, path) as undo:
                        import_sqlite.write_plan(conn, plan)
                        undo.description = describe()
            return
        from tracker.store.safety.undo import record_import
        from tracker.store.writes.import_writes import load_snapshot, write_plan

        with self.write() as session:
            plan = plan_for(load_snapshot(session, what))
            if not dry_run:
                self.auto_backup("import")
                with record_import(session, path) as undo:
                    write_plan(session, plan)
                    undo.description = describe()

    def data_version(self) -> int:
        """Changes whenever anyone commits to the database (see `Database.data_version`)."""
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


def file_engine(path: Path) -> Engine:
    """An engine on the file at `path` (created if missing) with no Store around it: for migrating a copy."""
    return make_engine(Database.open(Path(path), create=True))


def migrate(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to `target` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    from tracker.store.migrations import FOLDER

    config.set_main_option("script_location", str(FOLDER))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        if conn.dialect.name == "postgresql":  # a data migration sees every student's rows
            from tracker.store.migrations import row_security

            forced = row_security.forced_tables(conn)
            row_security.set_forced(conn, forced, False)
            command.upgrade(config, target)
            row_security.set_forced(conn, row_security.forced_tables(conn) + forced, True)
        else:
            command.upgrade(config, target)


def _revision(database: Database) -> str | None:
    """The database's revision, checked on a connection of its own (the header check included)."""
    conn = database.connect()
    try:
        revision = database.schema(conn)
        if revision is not None and revision not in REVISIONS:
            raise StoreError(
                f"{database.path} was written by a newer tracker (schema {revision}); upgrade tracker to open it"
            )
        database.use_wal(conn)
        return revision
    finally:
        conn.close()


def open_current(path: str | Path) -> Store | None:
    """The store of the tracker database at `path` if it is already at this program's schema, else None.

    For the console script's fast paths, which start before SQLAlchemy is imported: None (having
    written nothing) means "leave it to the full command line", which creates, migrates or says
    what is wrong: the file is missing, not a regular file, not SQLite, not tracker's, older or
    newer, or cannot be read now.
    """
    from tracker.store.engine.server_url import is_url

    if is_url(path):  # a server: the full command line, over SQLAlchemy (no SQLite variant runs there)
        return None
    try:
        database = Database.open(Path(path))
        conn = database.connect(query_only=True)
    except StoreError:
        return None
    try:
        current = database.schema(conn) == HEAD
    except StoreError:
        current = False
    finally:
        conn.close()
    if not current:
        database.close()
        return None
    return Store(database)



def open_store(path: Path | str, *, create_dirs: bool = False, memory_map: bool = True) -> Store:
    """Open (creating if needed) the tracker database at `path`, migrated to the newest schema.

    Raises StoreError with a sentence for the user when the directory is missing
    (unless `create_dirs`), the path is not a regular file, the file is not a tracker
    database, or the database was written by a newer tracker. Before migrating a database
    that holds a schema it takes an automatic backup (`tracker.store.safety.backup.auto_backup`);
    if that fails, nothing is migrated. `memory_map=False`: connections read without mapping the
    file (`Database.memory_map`), for a long-lived process. A `postgresql://` URL opens a server's
    database instead (`tracker.store.engine.server_store.open_server_store`).
    """
    from tracker.store.engine.server_url import is_url

    if is_url(path):
        from tracker.store.engine.server_store import open_server_store

        return open_server_store(str(path))
    database = Database.open(Path(path), create=True, create_dirs=create_dirs)
    database.memory_map = memory_map
    store = Store(database)
    try:
        revision = _revision(database)
        if revision != HEAD:
            if database.read_only is not None:
                raise StoreError(f"{database.path} needs upgrading to this tracker's schema, but "
                                 f"{database.read_only}; open it where it can be written")
            if revision is not None:
                from tracker.store.safety.backup import auto_backup

                auto_backup(database, "migration")
            from sqlalchemy.exc import DBAPIError

            try:
                migrate(store.engine.execution_options(tracker_write=True))
            except DBAPIError as err:
                raise StoreError(explain(err, database.path)) from err
    except BaseException:
        store.close()
        raise
    return store
