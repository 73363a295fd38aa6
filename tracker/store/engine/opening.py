"""Opening the database: `open_store(path)` is the one way in, `open_current` the fast paths' way.

`open_store` checks the path (`tracker.store.engine.database`), creates a missing file with mode
0600, refuses a file that is not a tracker database or is newer than this program, and brings an
older schema up to date with Alembic before anything else runs (after an automatic backup, see
`tracker.store.safety.backup`); a `postgresql://` URL opens a server's database instead.
Checking the schema needs only `sqlite3`: Alembic and SQLAlchemy are imported only to migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import StoreError
from tracker.store.engine.database import Database, explain
from tracker.store.engine.store import Store, make_engine
from tracker.store.migrations import HEAD, REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine


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
