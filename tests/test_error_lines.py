"""One error, one line: what a script reading standard error gets, from every entry point.

The console script runs in a subprocess with standard error on a pipe and no COLUMNS, the way
cron or a shell script runs it; Rich would wrap at 80 columns there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from script_helpers import one_line, run_tracker
from tracker.store import open_store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("COLUMNS", raising=False)
    path = tmp_path / "t.db"
    open_store(path).close()
    return path


def test_a_long_error_from_a_typer_command_is_one_line(db: Path) -> None:
    role = "a-role-that-nobody-has-" * 12
    result = run_tracker("--db", db, "add", "person", "Kim", "--role", role)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f'error: unknown role "{role}"; use one of: professor, phd-student, postdoc, researcher, recruiter, writer')


def test_a_long_error_and_a_long_warning_from_the_lean_import_are_one_line_each(db: Path, tmp_path: Path) -> None:
    column = ("A column nobody knows " * 8).strip()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"name,{column}\nKim,x\n", encoding="utf-8")
    result = run_tracker("--db", db, "import", "csv", sheet, "--what", "people")
    assert result.returncode == 0, result.stderr
    assert one_line(result.stderr).startswith(f'warning: ignored column "{column}"; to import it, use --map')
    missing = tmp_path / ("a-folder-with-a-long-name-" * 5) / "sheet.csv"
    missing.parent.mkdir()
    missing.write_text("title\nLab\n", encoding="utf-8")
    result = run_tracker("--db", db, "import", "csv", missing, "--what", "people")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line.startswith(f'error: {missing} has no name column (columns: "title")')


@pytest.mark.parametrize(("args", "expected"), [
    (["add", "person"], "error: missing argument 'name' (see 'tracker add person -h')"),
    (["remind", "--bogus"], "error: no such option: --bogus (see 'tracker remind -h')"),
    (["list", "peple"], "error: no such command 'peple'. Did you mean 'people'? (see 'tracker list -h')"),
])
def test_a_command_line_mistake_is_one_line_naming_where_help_is(db: Path, args: list[str], expected: str) -> None:
    result = run_tracker("--db", db, *args)
    assert result.returncode == 2
    assert one_line(result.stderr) == expected
    assert result.stdout == b""


@pytest.mark.parametrize(("args", "expected"), [
    (["--db"], "error: option '--db' requires an argument"),
    (["--bogus", "list", "people"], "error: no such option: --bogus (see 'tracker -h')"),
])
def test_a_mistake_in_the_root_options_is_one_line_too(args: list[str], expected: str) -> None:
    result = run_tracker(*args)
    assert result.returncode == 2
    assert one_line(result.stderr) == expected
    assert result.stdout == b""
