"""The database owner's commands on a server: `tracker db init`, `tracker db upgrade`, `tracker db advise`.

Only the database's owner (the role that owns it on the server, with CREATEROLE the first time,
to make the group roles) runs them; anyone else is told so in one sentence. Making login roles
and putting them in a group is the administrator's plain SQL (docs/shared-database.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.errors import InvalidInput, StoreError
from tracker.store.engine.server import ServerDatabase, make_server_engine
from tracker.store.migrations import HEAD
from tracker.system.paths import is_url


def _owner_database(url: str, command: str) -> tuple[ServerDatabase, str | None]:
    if not is_url(url):
        raise InvalidInput(f"`tracker db {command}` is for a database on a server: give --db postgresql://... "
                           f"(a SQLite file needs none of it)")
    database = ServerDatabase(url)
    revision = database.check()
    if database.role != "owner":
        raise StoreError(f"`tracker db {command}` is for the owner of the database {database.path}; "
                         f"{database.user} is not its owner")
    return database, revision


@dataclass(frozen=True)
class Setup:
    """What `init` or `upgrade` did."""

    where: str
    before: str | None
    after: str


def set_up(url: str, command: str = "init") -> Setup:
    """Migrate the server's database to this tracker's schema: roles, grants and policies included."""
    from sqlalchemy.exc import DBAPIError

    from tracker.store.engine.opening import migrate

    database, revision = _owner_database(url, command)
    if command == "upgrade" and revision is None:
        raise StoreError(f"the database {database.path} has no tracker schema yet: run `tracker db init`")
    if revision != HEAD:
        engine = make_server_engine(database)
        try:
            migrate(engine)
        except DBAPIError as err:
            text = database.explain(err)
            if "permission denied to create role" in text:
                text = (f"{database.user} cannot create the group roles: give it CREATEROLE, or create "
                        f"tracker_student and tracker_advisor (NOLOGIN) first; nothing was changed")
            raise StoreError(text) from None
        finally:
            engine.dispose()
    return Setup(database.path, revision, HEAD)


_ROLE_IN = """SELECT r.rolname IS NOT NULL, coalesce(pg_has_role(r.oid, g.oid, 'MEMBER'), false)
FROM (SELECT %(name)s::name AS wanted) AS w LEFT JOIN pg_roles AS r ON r.rolname = w.wanted
LEFT JOIN pg_roles AS g ON g.rolname = %(group)s"""


def advise(url: str, advisor: str, student: str, *, remove: bool = False) -> bool:
    """Let `advisor` read `student`'s rows (or no longer, with `remove`); True if that changed anything."""
    database, revision = _owner_database(url, "advise")
    if revision != HEAD:
        raise StoreError(f"the database {database.path} needs setting up first: run `tracker db "
                         f"{'init' if revision is None else 'upgrade'}`")
    conn = database.connect()
    try:
        if not remove:
            for name, group in ((advisor, "tracker_advisor"), (student, "tracker_student")):
                exists, member = conn.execute(_ROLE_IN, {"name": name, "group": group}).fetchone()
                if not exists:
                    raise InvalidInput(f"there is no role {name!r} on the server; create it first "
                                       f"(CREATE ROLE {name} LOGIN; GRANT {group} TO {name};)")
                if not member:
                    raise InvalidInput(f"{name} is not in {group}; GRANT {group} TO {name} first")
            cur = conn.execute("INSERT INTO tracker_advising (advisor, student) VALUES (%s, %s) "
                               "ON CONFLICT DO NOTHING", (advisor, student))
        else:
            cur = conn.execute("DELETE FROM tracker_advising WHERE advisor = %s AND student = %s",
                               (advisor, student))
        conn.commit()
        return cur.rowcount > 0
    except (InvalidInput, StoreError):
        raise
    except Exception as err:  # psycopg.Error
        raise StoreError(database.explain(err)) from None
    finally:
        conn.close()


def advising(url: str) -> list[tuple[str, str]]:
    """Every (advisor, student) link the current user can see (the owner: all of them)."""
    database = ServerDatabase(url)
    conn = database.connect(autocommit=True)
    try:
        return [(a, s) for a, s in conn.execute(
            "SELECT advisor::text, student::text FROM tracker_advising ORDER BY advisor, student")]
    except Exception as err:  # psycopg.Error
        raise StoreError(database.explain(err)) from None
    finally:
        conn.close()


def no_file_backups(url: str, command: str) -> str:
    """Why `tracker backup` / `tracker restore` do not run on a server database, and what does."""
    from tracker.store.engine.server_url import display, parse

    where = display(parse(url))
    if command == "backup":
        return (f"the database is on a server ({where}): its owner backs it up with pg_dump "
                f"(pg_dump --format=custom --file=tracker.dump DBNAME); tracker backs up SQLite files only")
    return (f"the database is on a server ({where}): its owner restores a pg_dump with pg_restore "
            f"(pg_restore --clean --dbname=DBNAME tracker.dump); tracker restores SQLite files only")


__all__ = ["Setup", "advise", "advising", "no_file_backups", "set_up"]
