"""Shared fixtures. Tests never touch the real user directories.

Databases are made once per test process (each pytest-xdist worker is one) through the real
code, `open_store` and `tracker demo`, and copied for each test: see `Templates`. A test about
creating, migrating or protecting a new file uses `db_path` (no file yet) or its own path instead.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cli_runner import TODAY, Cli, table_counts  # noqa: F401  (tests import them from here)
from db_helpers import db_dicts, db_rows, generated_cohort  # noqa: F401  (tests import them from here too)
from db_templates import (  # noqa: F401  (tests import the helpers from here too)
    TEMPLATES, Templates, copy_database, demo_database, isolate, new_database,
)
from tracker.store import Store, open_store
from tracker.tui.warm_up import GC_THRESHOLDS


MULTI_PROCESS = pytest.mark.xdist_group("multi-process")
"""For tests that race real processes on one file (concurrency, crashes, locks, mounts): no two of
them run at the same time, so they do not compete for the CPU and the disk while they time their
kills and locks. Other tests still run beside them. `--dist loadgroup` sends them to one worker;
as that grouping is silently lost with pytest 9.2 and pytest-xdist 3.8 (pytest-dev/pytest-xdist#1386),
`_one_multi_process_test_at_a_time` also makes each hold a lock shared by the workers."""


# --- the garbage collector as the app sets it --------------------------------------------------------

# The collector's thresholds in a test process are the app's once it is warm: with Python's (700, 10, 10)
# the collector walked the modules and the apps of earlier tests again and again (13% of the CPU of the
# TUI tests). tests/test_tui_launch.py restores this after the tests that change it.
gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is loaded by now lives as long as the process: out of the collector's sight, as the app does."""
    gc.collect()
    gc.freeze()


# --- in parallel by default ------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """With `-p no:xdist` (pytest-xdist not loaded), accept pyproject's `--numprocesses=auto
    --dist=loadgroup` and ignore them: everything runs in this one process, as with `-n0`."""
    if not pluginmanager.has_plugin("xdist"):
        group = parser.getgroup("xdist", "pytest-xdist is not loaded (-p no:xdist): these are ignored")
        group.addoption("--numprocesses", dest="numprocesses", default=None, help="ignored")
        group.addoption("--dist", dest="dist", default="no", help="ignored")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker per CPU, and one more. The TUI's tests wait on frames, the mail and
    PostgreSQL tests on their servers, and the CLI's on child processes: two workers kept this
    2-core machine's cores busy 63% of the run (5 min 54 s), three 74% (4 min 29 s)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus + 1


def _slow(item: pytest.Item) -> bool:
    """Tests that take seconds each: the TUI's (Pilot, snapshots)."""
    return item.path.name.startswith("test_tui_") or "snap_compare" in getattr(item, "fixturenames", ())


def _multi_process(item: pytest.Item) -> bool:
    """Marked MULTI_PROCESS (by the test, its class or its module)."""
    return any(mark.args == MULTI_PROCESS.args for mark in item.iter_markers("xdist_group"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the order in which tests are handed out to the workers.

    The slow tests go first, so that at the end the workers share the quick ones instead of one
    finishing a long test alone; the MULTI_PROCESS tests (slow too) are spread evenly among the
    other slow ones, so that a worker seldom waits for another to finish one. Within each kind the
    order is as collected; in one process (`-n0`, `-p no:xdist`), or with `--ff`/`--nf`, nothing is
    reordered.
    """
    if PG_MODE:
        _only_server_tests(items)
    if not hasattr(config, "workerinput") or config.getoption("failedfirst", False) or config.getoption(
            "newfirst", False):
        return
    one_at_a_time = [item for item in items if _multi_process(item)]
    others = sorted((item for item in items if not _multi_process(item)), key=lambda item: not _slow(item))
    step = max(1, sum(map(_slow, others)) // (len(one_at_a_time) + 1))
    items[:] = []
    for n, item in enumerate(others):
        items.append(item)
        if one_at_a_time and (n + 1) % step == 0:
            items.append(one_at_a_time.pop(0))
    items.extend(one_at_a_time)


def _only_server_tests(items: list[pytest.Item]) -> None:
    """With TRACKER_TEST_PG: the tests that take a database fixture run on the server; the others ran on SQLite."""
    elsewhere = pytest.mark.skip(reason="takes no database fixture: it runs in the SQLite pass")
    about_files = pytest.mark.skip(reason="about SQLite files (marked sqlite_file): it runs in the SQLite pass")
    for item in items:
        if item.get_closest_marker("sqlite_file") is not None:
            item.add_marker(about_files)
        elif not (BACKEND_FIXTURES | {"pg"}) & set(getattr(item, "fixturenames", ())):
            item.add_marker(elsewhere)


@pytest.fixture(autouse=True)
def _one_multi_process_test_at_a_time(request: pytest.FixtureRequest,
                                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Under pytest-xdist, a MULTI_PROCESS test holds a lock that all the workers of this run share."""
    if not _multi_process(request.node) or "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    import fcntl

    # The workers' basetemps (popen-gw0, ...) are in one folder per run: the lock is the run's own.
    lock = tmp_path_factory.getbasetemp().parent / "multi-process.lock"
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG/platformdirs locations and TRACKER_DB at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    isolate(monkeypatch, home)
    return home


# --- databases made once per process (tests/db_templates.py), copied per test ---------------------------


@pytest.fixture(scope="session", autouse=True)
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """The process's template databases; each is made when first wanted, not here."""
    TEMPLATES.bind(tmp_path_factory)
    yield TEMPLATES
    TEMPLATES.close()


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small benchmark cohort (`db_helpers.generated_cohort`), made once per test process; read only."""
    return generated_cohort(tmp_path_factory.mktemp("generated") / "tracker.db", TODAY)


@pytest.fixture(scope="session")
def empty_template(templates: Templates) -> Path:
    """The migrated, empty template (made in session set-up, before any test's monkeypatching)."""
    return templates.empty()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temporary directory (the file does not exist yet)."""
    return tmp_path / "tracker.db"


@pytest.fixture
def fresh_db(db_path: Path, empty_template: Path) -> Path:
    """`db_path` holding a migrated, empty database (a copy of the template)."""
    return copy_database(empty_template, db_path)


@pytest.fixture
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An open, migrated, empty store on a real SQLite file (with TRACKER_TEST_PG: on the server, as a student)."""
    opened = open_store(backend(request, "empty"))
    yield opened
    opened.close()


if TYPE_CHECKING:
    from pg_server import ServerDatabases


@pytest.fixture
def cli(request: pytest.FixtureRequest) -> Cli:
    """The CLI bound to a migrated, empty database file (or server database), with today pinned to TODAY."""
    return Cli(backend(request, "empty"))  # type: ignore[arg-type]


@pytest.fixture
def new_file_cli(db_path: Path) -> Cli:
    """The CLI bound to a path where no file exists yet: the first command that opens it creates it."""
    return Cli(db_path)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin tracker's today to TODAY (TRACKER_TODAY)."""
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """The Opportunities and People tables' small database (`tui_helpers.make_tables_db`)."""
    from tui_helpers import make_tables_db

    return make_tables_db(tmp_path / "t.db")


@pytest.fixture
def demo_db(request: pytest.FixtureRequest, pinned: None) -> Path:
    """A database file holding the demo season as of TODAY (with TRACKER_TEST_PG: a server's URL)."""
    return backend(request, "demo")  # type: ignore[return-value]


@pytest.fixture
def empty_db(request: pytest.FixtureRequest, pinned: None) -> Path:
    """A migrated, empty database file (with TRACKER_TEST_PG: a server's URL)."""
    return backend(request, "empty")  # type: ignore[return-value]


@pytest.fixture(scope="session")
def demo_season_file(templates: Templates) -> Path:
    """The demo season, made once per process (`tracker demo`), closed cleanly: one file. Copy it."""
    return templates.demo_season()


@pytest.fixture
def demo_cli(request: pytest.FixtureRequest) -> Cli:
    """The CLI on a fresh copy of the demo season (`tracker demo`)."""
    return Cli(backend(request, "demo-season"))  # type: ignore[arg-type]


# --- the backend of a test: SQLite, or the server of TRACKER_TEST_PG ---------------------------------------

PG_MODE = bool(os.environ.get("TRACKER_TEST_PG"))
"""TRACKER_TEST_PG names a server: the tests that take a database fixture run on it (`backend`)."""
BACKEND_FIXTURES = {"store", "cli", "demo_cli", "demo_db", "empty_db"}
"""The fixtures whose database is on the server when PG_MODE."""
SQLITE_FILE = pytest.mark.sqlite_file
"""For a test about SQLite files (their bytes, locks, backups, the lean sqlite3 paths): skipped when PG_MODE."""


def backend(request: pytest.FixtureRequest, kind: str) -> Path | str:
    """A new database of `kind` ("empty", "demo": load_demo in India time, "demo-season": `tracker demo`)
    for this test: a copy of a template file in its tmp_path, or with TRACKER_TEST_PG a copy of a
    template database on the server, as the student alice (a URL)."""
    made: dict[str, Path | str] = request.node.__dict__.setdefault("_tracker_backends", {})
    if kind in made:  # `store` and `cli` of one test are one database, as they always were
        return made[kind]
    if PG_MODE:
        pg = request.getfixturevalue("pg")
        made[kind] = pg.url(pg.copy(kind))
    else:
        templates: Templates = request.getfixturevalue("templates")
        source = {"empty": templates.empty, "demo": templates.demo, "demo-season": templates.demo_season}[kind]()
        made[kind] = copy_database(source, request.getfixturevalue("tmp_path") / "tracker.db")
    return made[kind]


# --- a PostgreSQL server (tests/pg_server.py) ---------------------------------------------------------


@pytest.fixture(scope="session")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerDatabases]:
    """The test server (TRACKER_TEST_PG, else a cluster of our own) with the test roles; skipped without one."""
    from pg_server import Server, ServerDatabases

    server = Server.from_env()
    own = server is None
    if server is None:
        try:
            server = Server.start()
        except LookupError as reason:
            from server_rule import server_missing

            server_missing(str(reason))
    try:
        server.prepare()
        databases = ServerDatabases(server)
        yield databases
        databases.close()
    finally:
        if own:
            server.stop()
