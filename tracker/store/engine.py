"""Opening the database: file checks, SQLite pragmas, migrations, sessions.

`open_store(path)` is the one way in. It creates a missing file with mode 0600,
refuses a file that is not a tracker database or is newer than this program, and
brings an older schema up to date with Alembic before anything else runs (after an
automatic backup, see `tracker.store.backup`).

A writer waits for another process's write lock up to the busy timeout
(`TRACKER_BUSY_TIMEOUT_MS`, default 10 s), then gives up with `StoreError(BUSY_MESSAGE)`
having written nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from tracker.errors import StoreError
from tracker.migrations import HEAD, REVISIONS
from tracker.private_files import create_private_file, private_dir
from tracker.store.sqlite_file import (BUSY_MESSAGE, BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS, SQLITE_MAGIC,  # noqa: F401
                                       busy_timeout_ms, is_busy)


class Store:
    """An open tracker database: the engine plus read and write sessions."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        """The SQLAlchemy engine; deferred transactions."""
        self.path = path
        """The database file."""
        self._write_engine = engine.execution_options(tracker_write=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is one transaction: all of it is committed, or none.

        The transaction starts with BEGIN IMMEDIATE, so a second writer waits for
        the lock (up to the busy timeout) instead of failing halfway through.
        """
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as err:
                session.rollback()
                if is_busy(err):
                    raise StoreError(BUSY_MESSAGE) from err
                raise
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _prepare_file(path: Path, *, create_dirs: bool) -> None:
    parent = path.parent
    if not parent.exists():
        if not create_dirs:
            raise StoreError(f"the directory {parent} does not exist; create it or choose another --db path")
        try:
            private_dir(parent)
        except OSError as err:
            raise StoreError(f"cannot create the directory {parent}: {err.strerror}") from err
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.exists():
        try:
            create_private_file(path)
        except FileExistsError:
            return
        except OSError as err:
            raise StoreError(f"cannot create the database {path}: {err.strerror}") from err
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as err:
        raise StoreError(f"cannot read the database {path}: {err.strerror}") from err
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a tracker database (it is not an SQLite file)")


def _make_engine(path: Path) -> Engine:
    timeout_ms = busy_timeout_ms()
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("tracker_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _schema_revision(engine: Engine, path: Path) -> str | None:
    """The database's Alembic revision, None for an empty database."""
    try:
        with engine.connect() as conn:
            tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise StoreError(f"{path} is an SQLite database, but not one of tracker's")
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except StoreError:
        raise
    except Exception as err:  # sqlite3.DatabaseError: "file is not a database", locked...
        if is_busy(err):
            raise StoreError(BUSY_MESSAGE) from err
        reason = str(getattr(err, "orig", err))
        raise StoreError(f"cannot open {path}: {reason}") from err


def migrate(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to `target` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent.parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def open_store(path: Path, *, create_dirs: bool = False) -> Store:
    """Open (creating if needed) the tracker database at `path`, migrated to the newest schema.

    Raises StoreError with a sentence for the user when the directory is missing
    (unless `create_dirs`), the file is not a tracker database, or the database
    was written by a newer tracker. Before migrating a database that holds a schema
    it takes an automatic backup (`tracker.store.backup.auto_backup`); if that fails,
    nothing is migrated.
    """
    path = Path(path)
    _prepare_file(path, create_dirs=create_dirs)
    engine = _make_engine(path)
    try:
        revision = _schema_revision(engine, path)
        if revision is not None and revision not in REVISIONS:
            raise StoreError(
                f"{path} was written by a newer tracker (schema {revision}); upgrade tracker to open it"
            )
        if revision != HEAD:
            if revision is not None:
                from tracker.store.backup import auto_backup

                auto_backup(path, "migration")
            try:
                migrate(engine.execution_options(tracker_write=True))
            except OperationalError as err:
                if is_busy(err):
                    raise StoreError(BUSY_MESSAGE) from err
                raise
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, path)
