"""The Store of a tracker database on a PostgreSQL server: the same interface as a file's, the
portable queries only (no SQLite variant runs here: `raw()` refuses), no automatic backups
(the server's administrator runs pg_dump), and an advisor's read-only view of one student.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import StoreError
from tracker.store.engine.store import Store
from tracker.store.migrations import HEAD

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.store.engine.server import ServerDatabase


class ServerStore(Store):
    """A tracker database on a PostgreSQL server (`tracker.store.engine.server`): the portable queries only."""

    dialect = "postgresql"

    def __init__(self, database: ServerDatabase) -> None:
        super().__init__(database)  # type: ignore[arg-type]
        self.server = database

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    from tracker.store.engine.server import make_server_engine

                    self._engine = make_server_engine(self.server)
        return self._engine

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        raise StoreError("internal error: an SQLite-only path was asked of a server database")
        yield  # pragma: no cover

    def advises(self) -> bool:
        return self.server.role == "advisor"

    def auto_backup(self, reason: str) -> Path | None:
        """Nothing: a server is backed up by its administrator (pg_dump), not by tracker before each change."""
        return None

    def for_student(self, student: str) -> ServerStore:
        """The same database seen by an advisor as `student` sees it (read-only)."""
        from tracker.store.engine.server import ServerDatabase

        database = ServerDatabase(self.server.url, student=student)
        database.user, database.role = self.server.user, self.server.role
        return ServerStore(database)



def open_server_store(url: str) -> ServerStore:
    """Open the tracker database at `url`; never migrates (its owner runs `tracker db upgrade`)."""
    from tracker.store.engine.server import ServerDatabase

    database = ServerDatabase(url)
    revision = database.check()
    if revision != HEAD:
        if database.role == "owner":
            what = "run `tracker db init`" if revision is None else "run `tracker db upgrade`"
            raise StoreError(f"the database {database.path} needs setting up for this tracker: {what}")
        raise StoreError(f"the database {database.path} needs upgrading to this tracker's schema: ask its "
                         f"owner to run `tracker db {'init' if revision is None else 'upgrade'}`")
    return ServerStore(database)


__all__ = ["ServerStore", "open_server_store"]
