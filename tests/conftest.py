"""Shared fixtures. Tests never touch the real user directories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tracker.store import Store, open_store

TODAY = date(2026, 11, 22)
"""The fixed 'today' of tests that do not use the real clock."""


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG/platformdirs locations and TRACKER_DB at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("TRACKER_DB", str(home / "tracker.db"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("COLUMNS", "200")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temporary directory (the file does not exist yet)."""
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An open, migrated, empty store on a real SQLite file."""
    opened = open_store(db_path)
    yield opened
    opened.close()


class Cli:
    """Runs the real `tracker` command line (Typer's CliRunner) against one database file."""

    def __init__(self, db: Path, today: date | None = TODAY) -> None:
        self.db = db
        self.today = today

    def __call__(self, *args: str, input: str | None = None) -> "Result":
        from typer.testing import CliRunner

        from tracker.cli import app

        env = {"TRACKER_TODAY": self.today.isoformat()} if self.today else {}
        result = CliRunner().invoke(app, ["--db", str(self.db), *args], input=input, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def ok(self, *args: str) -> "Result":
        """Run and require exit status 0."""
        result = self(*args)
        assert result.exit_code == 0, f"{args} exited {result.exit_code}: {result.output}"
        return result

    def json(self, *args: str) -> object:
        """Run with --json and parse standard output."""
        import json

        return json.loads(self.ok(*args, "--json").stdout)


if TYPE_CHECKING:
    from typer.testing import Result


@pytest.fixture
def cli(db_path: Path) -> Cli:
    """The CLI bound to a fresh database file, with today pinned to TODAY."""
    return Cli(db_path)


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table of the database at `path` (for nothing-written checks)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin tracker's today to TODAY (TRACKER_TODAY)."""
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())


@pytest.fixture
def demo_db(tmp_path: Path, pinned: None) -> Path:
    """A database file holding the demo season as of TODAY."""
    from tui_helpers import make_demo_db

    return make_demo_db(tmp_path / "t.db")


@pytest.fixture
def empty_db(tmp_path: Path, pinned: None) -> Path:
    """A migrated, empty database file."""
    path = tmp_path / "t.db"
    open_store(path).close()
    return path


@pytest.fixture(scope="module")
def demo_season_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo season, made once per module (`tracker demo`), closed cleanly: one file."""
    path = tmp_path_factory.mktemp("template") / "tracker.db"
    Cli(path).ok("demo")
    return path


@pytest.fixture
def demo_cli(cli: Cli, demo_season_file: Path) -> Cli:
    """The CLI on a fresh copy of the demo season."""
    cli.db.touch(mode=0o600)  # as tracker creates it
    cli.db.write_bytes(demo_season_file.read_bytes())
    return cli
