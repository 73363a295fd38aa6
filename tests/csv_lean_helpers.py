"""Shared by the CSV fast-path tests (test_csv_lean.py, test_csv_lean_import.py): a store full of
cells that break CSV and spreadsheets, and running the console script's CSV path in this process."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conftest import TODAY, new_database
from tracker.entry import csv_files as io_fastpath
from tracker.store import open_store

WHATS = ("log", "opportunities", "people")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
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


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS shadow tables, wall-clock times and the count of writes the kept
    reminders go by aside: a bulk import moves it once a table), the undo log's too, the search index's
    rows and the schema (every table, index and trigger, by its SQL)."""
    with sqlite3.connect(path) as conn:
        schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE "
                                     "'sqlite%'"), key=repr)
        search = {table: conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
                  for table in ("fts_person", "fts_opportunity")
                  if any(table == name for _type, name, _t, _sql in schema)}
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                             "'sqlite%' AND name NOT LIKE 'fts%' AND name NOT LIKE 'kept%' "
                                             "ORDER BY name")]
        result = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                       if r[1] not in ("recorded_at", "created_at")]  # wall-clock times
            result[table] = conn.execute(f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} '
                                         f'FROM "{table}" ORDER BY rowid').fetchall()
    return {**result, **search, "schema": schema}


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
