"""Large CSV imports over sqlite3 (tracker.store.writes.bulk_sqlite): the search rows written in one
statement and the interaction indexes rebuilt leave the database the portable import leaves, into an
empty database and into one that already holds rows; a small import into a large table keeps its
indexes; and an import that fails after those steps leaves the database as it was.

The thresholds are lowered so that a few hundred rows take the bulk paths.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

import pytest

from conftest import SQLITE_FILE, TODAY
from csv_lean_helpers import copy, dump, import_both_ways, lean
from tracker.store.engine.database import Database
from tracker.store.writes import bulk_sqlite

HEADER = ["date", "channel", "direction", "person", "role", "organization", "lab", "opportunity", "stage",
          "subject", "notes", "follow_up_due"]
NAMES = ["Kim Minsoo", "Prof. 山本 翔太", "Müller, José", "김영훈", "Ayşe Yılmaz", "=Evil", "Rao"]
ORGS = ["GIST", "TU München", "NTU, Singapore", "IIT Bombay", ""]


def write_log(path: Path, rows: int, seed: int, people: int = 120) -> Path:
    """A log of `rows` rows about `people` people and about as many opportunities, in the export's columns."""
    rnd = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for _ in range(rows):
            who = rnd.randrange(people)
            org = ORGS[who % len(ORGS)]
            day = f"2026-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}"
            sent = rnd.random() < 0.7
            out.writerow([day, rnd.choice(["email", "linkedin"]), "sent" if sent else "received",
                          f"{NAMES[who % len(NAMES)]} {who}", rnd.choice(["professor", "postdoc", ""]), org,
                          rnd.choice(["Vision Lab", "", "NLP Lab"]),
                          f"Internship {rnd.randrange(people)}" if rnd.random() < 0.8 else "",
                          rnd.choice(["", "", "contacted", "replied"]), rnd.choice(["Hello", "Follow-up", ""]),
                          rnd.choice(["", "cited the paper", "naïve café"]), ""])
    return path


def folder(parent: Path, name: str) -> Path:
    (parent / name).mkdir()
    return parent / name


@pytest.fixture
def low_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_sqlite, "BULK_SEARCH", 20)
    monkeypatch.setattr(bulk_sqlite, "BULK_INDEX", 100)


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement the store's connections run (sqlite3's trace callback), in order."""
    seen: list[str] = []
    connect = Database.connect

    def traced(self: Database, **options: bool) -> sqlite3.Connection:
        conn = connect(self, **options)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(Database, "connect", traced)
    return seen


def bulk_steps(seen: list[str]) -> set[str]:
    """The indexes and triggers the import dropped (to create them again)."""
    return {s.split('"')[1] for s in seen if s.startswith(('DROP INDEX "', 'DROP TRIGGER "'))}


def indexes(db: Path, *tables: str) -> set[str]:
    """The indexes of `tables` that a CREATE INDEX made (not those of a key)."""
    with sqlite3.connect(db) as conn:
        return {name for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                                     "AND sql IS NOT NULL") if table in tables}


SEARCH_TRIGGERS = {"fts_person_insert", "fts_opportunity_insert"}


def test_a_large_log_into_an_empty_database_is_what_the_portable_import_writes(
        low_thresholds: None, statements: list[str], tmp_path: Path) -> None:
    log = write_log(tmp_path / "log.csv", 600, seed=1)
    portable, lean_outcome, portable_db, lean_db = import_both_ways(None, log, "log", tmp_path)
    assert lean_outcome == portable and portable[0].startswith("600 rows: 120 people")
    # Every table the import filled had its indexes rebuilt, and its search rows written in one go.
    assert bulk_steps(statements) == SEARCH_TRIGGERS | indexes(lean_db, "person", "opportunity", "stagechange",
                                                               "interaction")
    assert dump(lean_db) == dump(portable_db)  # rows, search rows, and the same indexes and triggers
    with sqlite3.connect(lean_db) as conn:
        found = conn.execute("SELECT p.name FROM fts_person AS f JOIN person AS p ON p.id = f.rowid "
                             "WHERE fts_person MATCH ? ORDER BY p.id", ('"山本 翔太 1"',)).fetchall()
        named = conn.execute("SELECT name FROM person WHERE name LIKE ? ORDER BY id", ("%山本 翔太 1%",)).fetchall()
        assert found == named and ("Prof. 山本 翔太 15",) in found  # every new person is in the search index
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_large_log_into_a_database_with_rows_matches_them_as_the_portable_import(
        low_thresholds: None, statements: list[str], tmp_path: Path) -> None:
    first = write_log(tmp_path / "first.csv", 300, seed=2)
    *_outcomes, holding = import_both_ways(None, first, "log", folder(tmp_path, "first"))
    statements.clear()
    # The same people and opportunities again (matched, not added), 300 rows already there, 600 new ones.
    more = write_log(tmp_path / "more.csv", 600, seed=3, people=150).read_text(encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(first.read_text(encoding="utf-8") + more.split("\n", 1)[1], encoding="utf-8")
    portable, lean_outcome, portable_db, lean_db = import_both_ways(holding, second, "log", folder(tmp_path, "second"))
    assert lean_outcome == portable
    assert "600 interactions added" in portable[0] and "300 interactions already there" in portable[0]
    # 600 new interactions into a table of 300: rebuilt; 39 new people into a table of 120: not.
    assert bulk_steps(statements) == SEARCH_TRIGGERS | indexes(lean_db, "stagechange", "interaction")
    assert dump(lean_db) == dump(portable_db)


def test_a_small_import_into_a_large_table_keeps_its_indexes_and_triggers(
        low_thresholds: None, statements: list[str], tmp_path: Path) -> None:
    first = write_log(tmp_path / "first.csv", 600, seed=3)
    *_outcomes, holding = import_both_ways(None, first, "log", folder(tmp_path, "first"))
    statements.clear()
    small = write_log(tmp_path / "small.csv", 150, seed=4, people=10)  # fewer rows than the table holds
    portable, lean_outcome, portable_db, lean_db = import_both_ways(holding, small, "log", folder(tmp_path, "small"))
    assert lean_outcome == portable and "150 interactions added" in portable[0]
    assert bulk_steps(statements) == set()
    assert dump(lean_db) == dump(portable_db)


@SQLITE_FILE
def test_an_import_that_fails_after_the_bulk_steps_leaves_the_database_as_it_was(
        low_thresholds: None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.store.safety.undo_sqlite import LeanRecording

    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    db = copy(None, tmp_path / "t.db")
    before = dump(db)

    def full_disk(self: LeanRecording, action: str) -> None:  # the last write of the transaction fails
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(LeanRecording, "save", full_disk)
    log = write_log(tmp_path / "log.csv", 600, seed=5)
    status, out, err = lean(["--db", str(db), "import", "csv", str(log)], capsys)
    assert (status, out) == (2, b"")
    assert err.count("\n") == 1 and err.startswith("error: ") and "full" in err
    assert dump(db) == before  # no row, and every index and trigger as it was


pytestmark = SQLITE_FILE
"""About SQLite files: skipped when TRACKER_TEST_PG runs the suite on PostgreSQL."""
