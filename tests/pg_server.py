"""A PostgreSQL server for the tests: the one in TRACKER_TEST_PG, else a cluster of our own in a temp folder.

`Server.start()` runs initdb and pg_ctl (found on PATH or in /usr/lib/postgresql/*/bin, where Debian's
`postgresql` package puts them) as an unprivileged user: initdb refuses to run as root, so as root the
cluster belongs to the `postgres` system user (`runuser`). It listens on 127.0.0.1 only, on a free
port, with its socket in its own folder, and asks for passwords over TCP (scram-sha-256). `stop()`
stops it and removes its folder. Without initdb the tests that need a server are skipped, saying why.

On it, `Server.prepare()` makes the roles of the tests (idempotent, so workers sharing a server in
TRACKER_TEST_PG do not trip over each other): the database owner `tracker_owner` (CREATEROLE), the
students `alice` and `bob` and the advisor `carol`, each with the password `<name>-pw`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

ENV = "TRACKER_TEST_PG"
"""A server URL of a role with CREATEDB and CREATEROLE (a superuser will do): the tests use that server."""
OWNER = "tracker_owner"
STUDENTS = ("alice", "bob")
ADVISOR = "carol"


def password(role: str) -> str:
    return f"{role}-pw"


def find_program(name: str) -> str | None:
    """`name` on PATH, else in Debian's /usr/lib/postgresql/<version>/bin (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                         if Path(p).parent.name.isdigit() else 0, reverse=True):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server the tests may create databases and roles on."""

    def __init__(self, admin_url: str, folder: Path | None = None, run_as: list[str] | None = None,
                 pg_ctl: str | None = None) -> None:
        self.admin_url = admin_url
        self.folder = folder
        self._run_as = run_as or []
        self._pg_ctl = pg_ctl

    @classmethod
    def from_env(cls) -> Server | None:
        url = os.environ.get(ENV)
        return cls(url) if url else None

    @classmethod
    def start(cls) -> Server:
        """Start a cluster of our own; raises LookupError (the reason to skip) without the programs."""
        initdb, pg_ctl = find_program("initdb"), find_program("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise LookupError("PostgreSQL's initdb/pg_ctl are not installed (Debian: apt-get install postgresql), "
                              f"and {ENV} names no server")
        run_as: list[str] = []
        folder = Path(tempfile.mkdtemp(prefix="tracker-test-pg-"))
        if os.geteuid() == 0:  # initdb refuses root: the cluster is the postgres system user's
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(folder)
                raise LookupError("running as root and there is no `postgres` user to run the test cluster as")
            os.chown(folder, user.pw_uid, user.pw_gid)
            run_as = ["runuser", "-u", "postgres", "--"]
        admin_pw = "admin-pw"
        pwfile = folder / "pw"
        pwfile.write_text(admin_pw + "\n")
        if run_as:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        subprocess.run([*run_as, initdb, "-D", str(folder / "data"), "-U", "tracker_admin", "--pwfile", str(pwfile),
                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True)
        port = _free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off "
                   f"-c synchronous_commit=off -c max_connections=200")
        subprocess.run([*run_as, pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"),
                        "-w", "start"], check=True, capture_output=True)
        return cls(f"postgresql://tracker_admin:{admin_pw}@127.0.0.1:{port}/postgres", folder, run_as, pg_ctl)

    def stop(self) -> None:
        if self.folder is None or self._pg_ctl is None:
            return
        subprocess.run([*self._run_as, self._pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "-w",
                        "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- URLs and SQL -------------------------------------------------------------------------------

    def url(self, database: str, role: str | None = None, *, with_password: bool = True) -> str:
        """A URL of `database` on this server, as `role` (default: the admin of TRACKER_TEST_PG / ours)."""
        parts = urlsplit(self.admin_url)
        netloc = parts.netloc.rsplit("@", 1)[-1]
        if role is not None:
            netloc = f"{quote(role)}:{quote(password(role))}@{netloc}" if with_password else f"{quote(role)}@{netloc}"
        else:
            netloc = parts.netloc
        return urlunsplit((parts.scheme, netloc, "/" + database, parts.query, ""))

    def admin(self, *statements: str, database: str | None = None) -> None:
        """Run `statements` as the admin, each in autocommit (CREATE DATABASE needs it)."""
        import psycopg

        url = self.admin_url if database is None else self.url(database)
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def prepare(self) -> None:
        """The test roles and the group roles, made if missing (tracker db init makes the groups too)."""
        import psycopg

        wanted = [(OWNER, "CREATEROLE"), *((s, "") for s in STUDENTS), (ADVISOR, "")]
        for group in ("tracker_student", "tracker_advisor"):
            self._ignore_exists(f"CREATE ROLE {group} NOLOGIN", psycopg)
        for role, extra in wanted:
            self._ignore_exists(f"CREATE ROLE {role} LOGIN {extra} PASSWORD '{password(role)}'", psycopg)
        self.admin(*(f"GRANT tracker_student TO {s}" for s in STUDENTS), f"GRANT tracker_advisor TO {ADVISOR}")

    def _ignore_exists(self, statement: str, psycopg) -> None:  # type: ignore[no-untyped-def]
        try:
            self.admin(statement)
        except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
            pass  # made already (by another worker, or an earlier run on TRACKER_TEST_PG)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """A new database owned by `tracker_owner` (a copy of `template` if given); its name."""
        copy = f' TEMPLATE "{template}"' if template else ""
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" OWNER {OWNER}{copy}')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _worker() -> str:
    return f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"


class ServerDatabases:
    """Databases on the test server: templates made once per process through the real code, copied per test."""

    def __init__(self, server: object) -> None:
        assert isinstance(server, Server)
        self.server = server
        self._templates: dict[str, str] = {}
        self._made: list[str] = []
        self._count = 0

    def template(self, kind: str) -> str:
        """`empty` (after `tracker db init`), `demo-season` (alice's `tracker demo` as of TODAY) or `demo`
        (`load_demo` as of TODAY in India time), as `Templates` makes them in files."""
        if kind in self._templates:
            return self._templates[kind]
        from conftest import TODAY, Cli
        from tracker.store import open_store

        name = self.server.create_database(f"tracker_tmpl_{kind.replace('-', '_')}_{_worker()}")
        with pytest.MonkeyPatch.context() as mp:
            mp.delenv("TRACKER_BUSY_TIMEOUT_MS", raising=False)
            Cli(self.server.url(name, OWNER)).ok("db", "init")  # type: ignore[arg-type]
            student = self.server.url(name, STUDENTS[0])
            if kind == "demo-season":
                Cli(student).ok("demo")  # type: ignore[arg-type]
            elif kind == "demo":
                from zoneinfo import ZoneInfo

                from tracker.demo.season import load_demo

                opened = open_store(student)
                try:
                    load_demo(opened, today=TODAY, zone=ZoneInfo("Asia/Kolkata"))
                finally:
                    opened.close()
        self._templates[kind] = name
        return name

    def copy(self, kind: str = "empty") -> str:
        """The name of a new database holding a copy of the template `kind`."""
        self._count += 1
        name = self.server.create_database(f"tracker_t_{_worker()}_{self._count}", template=self.template(kind))
        self._made.append(name)
        return name

    def url(self, name: str, role: str | None = None) -> str:
        return self.server.url(name, role or STUDENTS[0])

    def close(self) -> None:
        for name in [*self._made, *self._templates.values()]:
            self.server.drop_database(name)


__all__ = ["ADVISOR", "ENV", "OWNER", "STUDENTS", "Server", "ServerDatabases", "find_program", "password"]

