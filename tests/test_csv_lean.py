"""The CSV fast path (tracker.entry.csv_files over raw sqlite3) writes exactly what the full CLI writes.

Export: the same bytes, for every kind of file, to standard output and to a file, on demo data
and on generated data full of cells that break things. Import: the same report and the same
database as the portable (SQLAlchemy) import. Anything the fast path does not handle goes back
to the full CLI, which prints its error.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import random
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, Cli, new_database
from tracker.entry import csv_files as io_fastpath
from tracker.io.cells import FORMULA_QUOTE, FORMULA_STARTS, format_cell
from tracker.store import open_store
from tracker.store.queries.export_sqlite import _neutral

WHATS = ("log", "opportunities", "people")
TRICKY = ["=SUM(A1)", "+1 555", "-minus", "@handle", "\tTab", "\rCR", "'=quoted", "''+twice", "'plain", "'",
          'say "hi", ok', "line1\nline2", "line1\r\nline2", "naïve café", "김영훈 연구실", "Müller, José", "", None,
          "a=b", " padded "]


def make_tricky(path: Path, seed: int = 4) -> None:
    """A small store full of cells that break CSV and spreadsheets, written as SQLAlchemy stores values."""
    new_database(path)
    rnd = random.Random(seed)

    def text(base: str | None) -> str | None:
        return rnd.choice(TRICKY) if rnd.random() < 0.4 else base

    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO organization (id, name) VALUES (?, ?)",
                     [(i, name) for i, name in enumerate(["GIST", "=Evil Org", "TU München", "NTU, Singapore"], 1)])
    conn.executemany(
        "INSERT INTO person (id, name, role, organization_id, lab, email, linkedin, homepage, research_areas, notes, "
        "added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, f"{rnd.choice(['Kim', '-Dash', 'Müller', '김영훈', '@Tan', 'Rao'])} {i}",
          rnd.choice(["professor", "postdoc", "writer"]), rnd.choice([1, 2, 3, 4, None]), text("Lab"),
          text(f"p{i}@x.edu"), text(None), text(None), text("vision"), text("notes"), "2026-01-05")
         for i in range(1, 41)])
    zones = ["Asia/Seoul", "America/New_York", "+05:30", "UTC", "Bogus/Zone", None]
    opps = []
    for i in range(1, 21):
        zone = zones[i % len(zones)]  # every kind of zone, a bogus one too
        at = f"2026-12-{rnd.randint(1, 28):02d} {rnd.randint(0, 23):02d}:30:00.000000" if zone else None
        opps.append((i, f"{text('Opening')} {i}", rnd.choice(["outreach", "program"]), rnd.choice([1, 2, None]),
                     text("Lab"), rnd.randint(1, 40), text("Summer 2027"), rnd.choice(["contacted", "applied"]),
                     at[:10] if at else rnd.choice([None, "2027-01-15"]), at, zone, rnd.choice([None, "2026-10-02"]),
                     rnd.randint(0, 3), text("https://x.org"), text("note"), "2026-06-01"))
    conn.executemany(
        "INSERT INTO opportunity (id, title, kind, organization_id, lab, contact_id, cycle, stage, deadline, "
        "deadline_at, deadline_tz, applied_on, letters_required, url, notes, created_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", opps)
    conn.executemany("INSERT INTO stagechange (opportunity_id, from_stage, to_stage, changed_on, recorded_at) "
                     "VALUES (?, NULL, 'shortlisted', '2026-06-01', '2026-06-01 00:00:00.000000')",
                     [(i,) for i in range(1, 21)])
    conn.executemany("INSERT INTO letterrequest (opportunity_id, writer_id, status) VALUES (?, ?, ?)",
                     [(rnd.randint(1, 20), i, rnd.choice(["submitted", "thanked", "agreed"])) for i in range(1, 15)])
    rows = []
    for _ in range(150):
        day = date(2026, rnd.randint(5, 11), rnd.randint(1, 28))
        direction = rnd.choice(["sent", "received"])
        rows.append((day.isoformat(), rnd.choice(["email", "linkedin", "call"]), direction, rnd.randint(1, 40),
                     rnd.choice([None, rnd.randint(1, 20)]), text("Subject"), text("notes"),
                     f"2026-{day.month:02d}-28" if direction == "sent" else None))
    conn.executemany('INSERT INTO interaction ("on", channel, direction, person_id, opportunity_id, subject, notes, '
                     "follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def tricky_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tricky") / "tricky.db"
    make_tricky(path)
    return path


def lean(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, bytes, str]:
    """Run the fast path in this process: its status, standard output (bytes) and standard error."""
    capsys.readouterr()
    status = io_fastpath.dispatch(argv)
    out, err = capsys.readouterr()
    return status, out.encode("utf-8"), err


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


# --- import ---------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
SHEET = ("Professor,University,Research Area,Date Emailed,Status,Favourite colour,Notes\r\n"
         "Prof. Kim Minsoo,GIST,Computer Vision,2026-08-03,No reply,blue,cited his CVPR paper\r\n"
         "Tan Wei Ming,NTU Singapore,Object search,2026-09-10,Replied,red,\"asked for CV, transcript\"\r\n"
         "Tan Wei Ming,NTU Singapore,,2025-01-10,Emailed,,long before\r\n")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS shadow tables and wall-clock times aside), the undo log's too."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                             "'sqlite%' AND name NOT LIKE 'fts%' ORDER BY name")]
        result = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                       if r[1] not in ("recorded_at", "created_at")]  # wall-clock times
            result[table] = conn.execute(f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} '
                                         f'FROM "{table}" ORDER BY rowid').fetchall()
    return result


def copy(source: Path | None, target: Path) -> Path:
    if source is None:
        new_database(target)
    else:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
    return target


def import_both_ways(source: Path | None, file: Path, what: str, folder: Path, **options: object
                     ) -> tuple[object, object, Path, Path]:
    """Import `file` into two copies of `source`, with the portable import and with its SQLite variant:
    both outcomes and databases."""
    from tracker.io.csv_import import ImportFailed, import_csv

    portable_db, lean_db = copy(source, folder / "portable.db"), copy(source, folder / "lean.db")
    outcomes = []
    for db in (portable_db, lean_db):
        store = open_store(db)
        store.variants = db == lean_db  # the portable import (the ORM) into one copy, SQLite's into the other
        try:
            report = import_csv(store, file, what=what, today=TODAY, now=NOW, zone=timezone.utc, **options)
            outcomes.append((report.summary(), report.warnings(), report.created, report.updated, report.unchanged))
        except ImportFailed as err:
            outcomes.append(("failed", str(err)))
        finally:
            store.close()
    return outcomes[0], outcomes[1], portable_db, lean_db


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
    from tracker.store.engine.store import open_current
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
