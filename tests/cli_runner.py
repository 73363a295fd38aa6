"""The CLI as tests run it (`Cli`: Typer's CliRunner on one database) and a nothing-written check.

Tests import these from conftest, which imports them from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from db_helpers import db_rows

if TYPE_CHECKING:
    from typer.testing import Result

TODAY = date(2026, 11, 22)
"""The fixed 'today' of tests that do not use the real clock."""


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


def table_counts(path: Path | str) -> dict[str, int]:
    """Row counts of every table of the database at `path` (a file, or a server's URL), for nothing-written checks."""
    if isinstance(path, str):
        names = [n for (n,) in db_rows(path, "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")]
        return {n: db_rows(path, f'SELECT count(*) FROM "{n}"')[0][0] for n in names}
    import sqlite3

    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
