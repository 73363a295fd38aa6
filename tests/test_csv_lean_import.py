"""The CSV fast path's import (tracker.entry.csv_files): the same report and the same database as the
portable (SQLAlchemy) import, the same lines printed as the full CLI, and its errors as the full CLI's.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import sqlite3
from pathlib import Path

import pytest

from conftest import TODAY, Cli, new_database
from csv_lean_helpers import (copy, dump, import_both_ways, lean,  # noqa: F401  (tricky_db: a fixture)
                              tricky_db)
from tracker.entry import csv_files as io_fastpath


# --- import ---------------------------------------------------------------------------------------

SHEET = ("Professor,University,Research Area,Date Emailed,Status,Favourite colour,Notes\r\n"
         "Prof. Kim Minsoo,GIST,Computer Vision,2026-08-03,No reply,blue,cited his CVPR paper\r\n"
         "Tan Wei Ming,NTU Singapore,Object search,2026-09-10,Replied,red,\"asked for CV, transcript\"\r\n"
         "Tan Wei Ming,NTU Singapore,,2025-01-10,Emailed,,long before\r\n")


@pytest.fixture
def demo_db(demo_cli: Cli) -> Path:
    """`tracker demo`'s season (a copy of the one made once per process); the tests import into copies of it."""
    return demo_cli.db


@pytest.mark.parametrize(("source", "file", "what", "options", "writes"), [
    (None, "demo:log", "log", {}, True),
    (None, "demo:opportunities", "opportunities", {}, True),
    (None, "demo:people", "people", {}, True),
    ("demo", "demo:log", "log", {}, False),  # every row already there
    ("demo", "demo:opportunities", "opportunities", {}, True),  # stages move to today's
    ("demo", "tricky:log", "log", {}, True),
    ("tricky", "tricky:log", "log", {}, True),  # a few cells do not round-trip ("\tTab" is stripped)
    (None, "tricky:opportunities", "opportunities", {}, True),
    ("tricky", "tricky:people", "people", {}, True),
    ("demo", "sheet", "log", {"mapping": {"Favourite colour": "ignore"}}, True),  # one row backdates
    ("demo", "sheet", "log", {"dry_run": True}, False),
    ("demo", "bad", "log", {}, False),
    ("demo", "backdate", "log", {}, True),  # a stage change before a stored opportunity was added
])
def test_lean_import_writes_what_the_portable_import_writes(
        source: str | None, file: str, what: str, options: dict[str, object], writes: bool, demo_db: Path,
        tricky_db: Path, tmp_path: Path) -> None:
    dbs = {"demo": demo_db, "tricky": tricky_db}
    if file == "sheet":
        path = tmp_path / "sheet.csv"
        path.write_text(SHEET, encoding="utf-8")
    elif file == "backdate":
        path = tmp_path / "backdate.csv"
        path.write_text("Person,Organization,Opportunity,Date,Stage,Direction\r\n"
                        'Kim Young-hoon,GIST,"Computer Vision Lab, GIST",2025-02-01,Rejected,received\r\n'
                        'Anand Krishnamurthy,IISc Bangalore,"Video Analytics Lab, IISc",2025-03-01,,received\r\n')
    elif file == "bad":
        path = tmp_path / "bad.csv"
        path.write_text(SHEET + "Lee,KAIST,NLP,the 45th,Emailed,,\r\nCho,POSTECH,RL,2026-10-01,maybe,,\r\n")
    else:
        db, kind = file.split(":")
        path = tmp_path / f"{db}-{kind}.csv"
        Cli(dbs[db]).ok("export", "csv", "-w", kind, "-o", str(path))
    portable, lean_outcome, portable_db, lean_db = import_both_ways(
        dbs.get(source or ""), path, what, tmp_path, **options)
    assert lean_outcome == portable
    assert dump(lean_db) == dump(portable_db)
    before = dump(dbs[source]) if source else dump(copy(None, tmp_path / "empty.db"))
    assert (dump(lean_db) != before) == writes
    assert (portable[0] == "failed") == (file == "bad")


def test_import_through_the_fast_path_prints_what_the_full_cli_prints(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    sheet, bad = tmp_path / "sheet.csv", tmp_path / "bad.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    bad.write_text(SHEET + "Lee,KAIST,NLP,the 45th,Emailed,,\r\n", encoding="utf-8")
    printed = []
    for args in ([str(sheet)], [str(sheet), "--dry-run"], [str(bad)], [str(sheet), "-m", "Favourite colour=notes"]):
        full_db, lean_db = copy(demo_db, tmp_path / "full.db"), copy(demo_db, tmp_path / "lean.db")
        full = Cli(full_db)("import", "csv", *args)
        status, out, err = lean(["--db", str(lean_db), "import", "csv", *args], capsys)
        assert (status, out.decode(), err) == (full.exit_code, full.stdout, full.stderr), args
        assert dump(lean_db) == dump(full_db)
        printed.append((status, out.decode() + err))
        for db in (full_db, lean_db):
            db.unlink()
    assert printed[0][0] == 0 and "✓ Imported 3 rows: " in printed[0][1]
    assert 'warning: ignored column "Favourite colour"' in printed[0][1]
    assert printed[1][0] == 0 and "Dry run, nothing written: 3 rows" in printed[1][1]
    assert printed[2][0] == 2 and "error: 1 bad row" in printed[2][1] and "line 5: column \"Date Emailed\": can't read" in printed[2][1]
    assert printed[3][0] == 0 and 'ignored column "Notes": the notes comes from another column' in printed[3][1]


@pytest.mark.parametrize("length", [1, 60, 190, 198, 199, 200, 201, 260])
def test_short_lines_are_printed_as_rich_prints_them(length: int, capsys: pytest.CaptureFixture[str]) -> None:
    from tracker.cli import output

    for message in ("x" * length, f"Imported {'y' * length}", "path/with spaces " + "z" * length):
        for ours, theirs in ((io_fastpath.done, output.done), (io_fastpath.say, output.console.print)):
            ours(message)
            mine = capsys.readouterr()
            theirs(message)
            assert mine == capsys.readouterr(), (ours.__name__, len(message))
    # Errors and warnings are not copies: every entry point prints them through tracker.terminal.report.
    assert io_fastpath.error is output.error and io_fastpath.warn is output.warn


def test_utf16_without_a_byte_order_mark_is_refused_not_imported_as_nul_names(tmp_path: Path) -> None:
    from tracker.domain.errors import TrackerError
    from tracker.io.headers import read_csv_file

    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes("Professor,University\r\nKim,GIST\r\n".encode("utf-16-le"))
    with pytest.raises(TrackerError, match="looks like UTF-16 without a byte-order mark"):
        read_csv_file(sheet)
    sheet.write_bytes(b"Professor\r\n" + b"Kim\r\n" * 1000 + b"K\x00m\r\n")
    with pytest.raises(TrackerError, match="line 1002: a NUL byte; it is not a text CSV file"):
        list(read_csv_file(sheet)[1])  # the file is read as a stream: the NUL is met when its line is


def test_what_the_lean_modules_copy_still_agrees_with_the_originals(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    from tracker.cli import data_cmd
    from tracker.domain import dates
    from tracker.io import cells, headers
    from tracker.store.engine import sqlite_file
    from tracker.store.engine.opening import open_current
    from tracker.store.queries import listings as queries

    assert (headers.LOG_COLUMNS, headers.OPPORTUNITY_COLUMNS, headers.PEOPLE_COLUMNS) == (
        queries.LOG_COLUMNS, queries.OPPORTUNITY_COLUMNS, queries.PEOPLE_COLUMNS)
    assert cells._ISO_YEARS == (dates.MIN_YEAR, dates.MAX_YEAR)
    assert io_fastpath.WHATS == data_cmd.WHATS
    db = new_database(tmp_path / "t.db")
    monkeypatch.setenv(sqlite_file.BUSY_TIMEOUT_ENV, "250")
    store = open_current(db)
    assert store is not None
    with store.raw() as conn:
        assert conn.execute("PRAGMA busy_timeout").fetchone() == (250,)
    store.close()
    monkeypatch.setenv(sqlite_file.BUSY_TIMEOUT_ENV, "soon")  # the full CLI explains what is wrong with it
    assert open_current(db) is None


def test_a_busy_database_is_reported_as_the_full_cli_reports_it(demo_db: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "50")
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    db = copy(demo_db, tmp_path / "busy.db")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    before = dump(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another tracker is writing
    try:
        full = Cli(db)("import", "csv", str(sheet))
        status, out, err = lean(["--db", str(db), "import", "csv", str(sheet)], capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (status, out.decode(), err) == (full.exit_code, full.stdout, full.stderr)
    assert status == 2 and err.startswith("error: the database is busy")
    assert dump(db) == before


pytestmark = SQLITE_FILE
"""About SQLite files: skipped when TRACKER_TEST_PG runs the suite on PostgreSQL."""
