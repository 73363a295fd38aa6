"""The CSV fast path (tracker.entry.csv_files, before Typer is loaded) writes exactly what the full CLI writes.

Export: the same bytes, for every kind of file, to standard output and to a file, on demo data
and on generated data full of cells that break things, and the same from SQLite's variant as from
the portable rows. Anything the fast path does not handle goes back to the full CLI, which prints
its error. The import side: test_csv_lean_import.py.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Cli, new_database
from csv_lean_helpers import TRICKY, WHATS, lean, make_tricky, tricky_db  # noqa: F401  (tricky_db: a fixture)
from tracker.io.cells import FORMULA_QUOTE, FORMULA_STARTS, format_cell
from tracker.store import open_store
from tracker.store.queries.export_sqlite import _neutral


# --- export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("what", WHATS)
def test_export_to_stdout_is_byte_identical(what: str, demo_cli: Cli, tricky_db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    cli = demo_cli
    for db in (cli.db, tricky_db):
        full = Cli(db)("export", "csv", "--what", what)
        status, out, _ = lean(["--db", str(db), "export", "csv", "--what", what], capsys)
        assert (status, full.exit_code) == (0, 0)
        assert out == full.stdout_bytes and out.count(b"\r\n") > 3


@pytest.mark.parametrize("what", WHATS)
def test_export_to_a_file_is_byte_identical_and_says_so(what: str, tricky_db: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    full = Cli(tricky_db)("export", "csv", "-w", what, "-o", str(tmp_path / "full.csv"))
    status, out, err = lean(["--db", str(tricky_db), "export", "csv", f"--what={what}", "--output",
                             str(tmp_path / "lean.csv")], capsys)
    assert status == 0 and err == ""
    assert (tmp_path / "lean.csv").read_bytes() == (tmp_path / "full.csv").read_bytes()
    assert out.decode().replace("lean.csv", "full.csv") == full.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.csv", "lean.csv"]  # no .partial left


@pytest.mark.parametrize("what", WHATS)
def test_the_sqlite_export_is_byte_for_byte_the_portable_one(what: str, demo_cli: Cli, tricky_db: Path) -> None:
    """`Store.export_rows` on SQLite (cells made in SQL) writes what the portable rows (listings and
    `format_cell`) write, which is what a PostgreSQL store uses."""
    import io

    from tracker.io.csv_export import export_csv

    for db in (demo_cli.db, tricky_db):
        written = []
        for variants in (False, True):
            store = open_store(db)
            store.variants = variants
            out = io.StringIO(newline="")
            try:
                count = export_csv(store, what, out)
            finally:
                store.close()
            written.append((count, out.getvalue()))
        assert written[0] == written[1] and written[0][0] > 3


def test_the_tricky_data_really_is_tricky(tricky_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = b"".join(lean(["--db", str(tricky_db), "export", "csv", "-w", w], capsys)[1] for w in WHATS).decode()
    for cell in ("'=SUM(A1)", "''=quoted", "'''+twice", "'\tTab", "'-Dash", '"say ""hi"", ok"', "김영훈",
                 "+09:00", "-05:00", "+05:30", "+00:00", ",'=Evil Org,"):
        assert cell in out, cell


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.integers(-10**6, 10**6),
                 st.text(st.sampled_from([*FORMULA_STARTS, FORMULA_QUOTE, "a", " ", "é", "\n", "1"]), max_size=6)))
def test_sql_neutralizing_is_format_cell(value: object) -> None:
    conn = sqlite3.connect(":memory:")
    (cell,) = conn.execute(f"WITH t(v) AS (VALUES (?)) SELECT {_neutral('v', ''.join(FORMULA_STARTS), FORMULA_QUOTE)}"
                           " FROM t", (value,)).fetchone()
    assert ("" if cell is None else str(cell)) == format_cell(value)


@pytest.mark.parametrize("args", [
    ["export", "csv", "--what", "banana"],
    ["export", "csv", "-o", "{tmp}/no/such/dir/out.csv"],
    ["export", "csv", "-o", "{tmp}"],
])
def test_bad_export_input_goes_to_the_full_cli_which_prints_one_line_and_exits_2(
        args: list[str], demo_cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = demo_cli
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert lean(["--db", str(cli.db), *argv], capsys)[0] is None
    result = subprocess.run([sys.executable, "-m", "tracker", "--db", str(cli.db), *argv],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert ("banana" in result.stderr) if "banana" in args else ("director" in result.stderr)


def test_the_fast_path_leaves_anything_else_to_the_full_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    missing = tmp_path / "missing.db"
    assert lean(["--db", str(missing), "export", "csv"], capsys)[0] is None
    assert not missing.exists()  # the full CLI creates it, not the fast path
    (tmp_path / "not.db").write_text("hello")
    old = new_database(tmp_path / "old.db")
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    for argv in (["--db", str(tmp_path / "not.db"), "export", "csv"], ["--db", str(old), "export", "csv"],
                 ["--db", str(old), "export", "csv", "--help"], ["--db", str(old), "export", "csv", "--bogus"],
                 ["--db", str(old), "import", "csv"], ["--db", str(old), "list", "log"], ["export", "json"]):
        assert lean(argv, capsys)[0] is None, argv


def test_the_fast_path_imports_nothing_heavy(tricky_db: Path, tmp_path: Path) -> None:
    """In a fresh interpreter: no Typer, Click, Rich, SQLAlchemy, SQLModel, Alembic or dateutil."""
    csv_file = tmp_path / "sheet.csv"
    csv_file.write_text("Professor,University,Date Emailed,Status\nKim,GIST,2026-08-03,Emailed\n", encoding="utf-8")
    db = tmp_path / "copy.db"
    with sqlite3.connect(tricky_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    script = f"""
import sys
from tracker.entry.csv_files import dispatch
assert dispatch(["--db", {str(db)!r}, "export", "csv", "-w", "people", "-o", {str(tmp_path / "p.csv")!r}]) == 0
assert dispatch(["--db", {str(db)!r}, "import", "csv", {str(csv_file)!r}]) == 0
print(sorted(m for m in ("sqlalchemy", "sqlmodel", "typer", "click", "rich", "textual", "dateutil", "alembic")
             if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    with sqlite3.connect(db) as conn:  # it did import (and record the import for `tracker undo`)
        assert conn.execute("SELECT count(*) FROM person WHERE name = 'Kim'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM undoentry").fetchone() == (1,)


pytestmark = SQLITE_FILE
