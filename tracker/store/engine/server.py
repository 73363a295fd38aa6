"""A tracker database on a PostgreSQL server: its one owner of connections, and its Store.

`open_store(url)` (tracker.store.engine.store) comes here for a `postgresql://` URL. The
`ServerDatabase` makes every connection (psycopg 3; the engine's pool gets them through
`creator`, as on SQLite), checks the schema and the user's group on opening, and turns server
errors into one sentence. The `ServerStore` is the `Store` with `dialect = "postgresql"`: only
the portable queries run on it (no `raw()`, no SQLite variant), and it never migrates on its own:
the database's owner runs `tracker db init` / `tracker db upgrade`
(`tracker.store.engine.server_admin`).

Access control is the server's (row-level security, `tracker.store.migrations.row_security`):
this code only says it in plain words first. An advisor's store refuses writes before trying;
the server would refuse them anyway. An advisor looking at one student opens the store with
`student=`: the session setting `tracker.student` then narrows every read to that student.

Timeouts: connecting gives up after `CONNECT_TIMEOUT` seconds (unless the URL says otherwise);
waiting for a lock gives up after the busy timeout (`TRACKER_BUSY_TIMEOUT_MS`, as on SQLite) and a
statement after `STATEMENT_FACTOR` times it: both end in SQLite's one-line "busy" message.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import StoreError
from tracker.store.engine.server_errors import ADVISOR_READS, NO_GROUP, explain_connect, explain_server
from tracker.store.engine.server_url import display, parse
from tracker.store.engine.sqlite_file import busy_timeout_ms

if TYPE_CHECKING:
    from sqlalchemy import Engine

CONNECT_TIMEOUT = 10
STATEMENT_FACTOR = 6

_CHECK = """
SELECT current_user::text,
       pg_get_userbyid(d.datdba)::text,
       to_regclass('alembic_version') IS NOT NULL,
       (SELECT count(*) FROM pg_class AS c WHERE c.relkind = 'r'
            AND c.relnamespace = current_schema()::regnamespace),
       array(SELECT r.rolname::text FROM pg_roles AS r
             WHERE r.rolname IN ('tracker_student', 'tracker_advisor')
               AND pg_has_role(current_user, r.oid, 'MEMBER') ORDER BY r.rolname)
FROM pg_database AS d WHERE d.datname = current_database()"""


def _option(name: str, value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace(" ", "\\ ")
    return f"-c {name}={escaped}"


class ServerDatabase:
    """The tracker database at one URL: the only code that connects to it."""

    def __init__(self, url: str, *, student: str | None = None) -> None:
        self.url = url
        self.params = parse(url)
        self.path = display(self.params)
        """Server and database for people (never a password); what `Database.path` is for a file."""
        self.student = student
        """The student an advisor is looking at (every read narrowed to their rows), else None."""
        self.read_only: str | None = None
        self.user: str | None = self.params.get("user")
        """The login role (known from the URL, else after the first connection)."""
        self.role: str | None = None
        """"owner", "student" or "advisor", after `check`."""
        self._watcher: Any = None
        self._lock = threading.Lock()

    def connect(self, *, autocommit: bool = False) -> Any:
        """A new psycopg connection with tracker's timeouts (and `tracker.student` when set)."""
        import psycopg

        timeout = busy_timeout_ms()
        options = [self.params.get("options", ""), _option("lock_timeout", str(timeout)),
                   _option("statement_timeout", str(timeout * STATEMENT_FACTOR if timeout else 0))]
        if self.student:
            options.append(_option("tracker.student", self.student))
        try:
            return psycopg.connect(self._conninfo(), autocommit=autocommit,
                                   connect_timeout=int(self.params.get("connect_timeout") or CONNECT_TIMEOUT),
                                   options=" ".join(o for o in options if o))
        except psycopg.Error as err:
            raise StoreError(explain_connect(err, self.params, self.path)) from None

    def _conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        params = {k: v for k, v in self.params.items() if k not in ("options", "connect_timeout")}
        return make_conninfo("", **params)

    def check(self) -> str | None:
        """The schema's revision (None: no tracker schema yet), after checking the user may use it.

        Raises StoreError: not tracker's database, written by a newer tracker, or a role in no group.
        """
        from tracker.store.migrations import REVISIONS

        conn = self.connect(autocommit=True)
        try:
            user, owner, has_version, tables, groups = conn.execute(_CHECK).fetchone()
            revision = None
            if has_version and user != owner and not groups:
                raise StoreError(NO_GROUP.format(user=user))
            if has_version:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        except StoreError:
            raise
        except Exception as err:  # psycopg.Error: a server that cannot even answer this
            raise StoreError(self.explain(err)) from None
        finally:
            conn.close()
        self.user = user
        if not has_version and tables:
            raise StoreError(f"the database {self.path} is not tracker's (it holds other tables)")
        if revision is not None and revision not in REVISIONS:
            raise StoreError(f"{self.path} was written by a newer tracker (schema {revision}); "
                             f"upgrade tracker to open it")
        if user == owner:
            self.role = "owner"
        elif "tracker_student" in groups:
            self.role = "student"
        elif "tracker_advisor" in groups:
            self.role = "advisor"
        return revision

    @property
    def writable(self) -> bool:
        """False when every write would be refused (`require_writable`): an advisor, or a student's view."""
        return self.role != "advisor" and self.student is None

    def require_writable(self) -> None:
        """Refuse, in one sentence, a write that the server would refuse (an advisor's)."""
        if not self.writable:
            raise StoreError(ADVISOR_READS)

    def explain(self, err: BaseException) -> str:
        return explain_server(err, self.user)

    def data_version(self) -> int:
        """The sum of the change counters this user can see: theirs, and their students' for an advisor."""
        with self._lock:
            if self._watcher is None or self._watcher.closed:
                self._watcher = self.connect(autocommit=True)
            try:
                return int(self._watcher.execute("SELECT coalesce(sum(counter), 0) FROM tracker_change")
                           .fetchone()[0])
            except Exception as err:  # psycopg.Error
                self._watcher.close()
                raise StoreError(self.explain(err)) from None

    def close(self) -> None:
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None


def make_server_engine(database: ServerDatabase) -> Engine:
    """The SQLAlchemy engine (postgresql+psycopg) whose pool gets its connections from `database`."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return create_engine("postgresql+psycopg://", creator=database.connect, poolclass=QueuePool,
                         pool_pre_ping=True)


__all__ = ["CONNECT_TIMEOUT", "ServerDatabase", "make_server_engine"]
