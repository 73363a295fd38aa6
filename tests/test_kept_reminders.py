"""The reminders `tracker remind` keeps for its next run (migration keep01, `tracker.store.queries.kept_reminders`).

A kept list is printed only while it is what the rules would work out again: nothing written since by
any program, the same day, look-ahead, zone and rules. Each test compares what `tracker remind`
prints with what it prints on a copy of the same data that never kept anything.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SQLITE_FILE, TODAY
from tracker.entry import remind as fastpath
from tracker.store.queries import kept_reminders, reminders_sqlite
from tracker.store.safety.backup import record_tables

pytestmark = SQLITE_FILE


def remind(db: Path, *args: str, today=TODAY) -> tuple[int | None, str]:
    """`tracker remind --json` by the console script's path, in process: (status, stdout)."""
    out = io.StringIO()
    status = fastpath.run(["--db", str(db), "remind", "--json", *args], out=out,
                          environ={"TRACKER_TODAY": today.isoformat(), "COLUMNS": "100"})
    return status, out.getvalue()


def never_kept(db: Path, *args: str, today=TODAY) -> str:
    """What `remind --json` prints on a copy of `db` without its kept list."""
    copy = db.with_name("copy.db")
    copy.unlink(missing_ok=True)
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM kept_reminders")
    status, printed = remind(copy, *args, today=today)
    assert status == 0
    return printed


def kept_row(db: Path) -> tuple[int, str] | None:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT writes, worked_out_for FROM kept_reminders").fetchone()


def writes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT writes FROM kept_stamp").fetchone()[0]


def no_facts(*_args: object, **_kwargs: object) -> None:
    """In place of `reminders_sqlite.gather_inputs`: a run that reads the facts fails."""
    raise AssertionError("the facts were read again")


@pytest.fixture
def season(demo_db: Path) -> Path:
    """The demo season, on a file."""
    return demo_db


def test_the_second_run_prints_the_kept_list_without_reading_the_facts(season: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    status, first = remind(season)
    assert status == 0 and len(json.loads(first)) > 5
    assert kept_row(season)[0] == writes(season)

    monkeypatch.setattr(reminders_sqlite, "gather_inputs", no_facts)
    assert remind(season) == (0, first)


def test_the_kept_reminders_equal_those_worked_out_field_for_field(season: Path) -> None:
    from tracker.store import open_store

    store = open_store(season)
    try:
        asked = {"today": TODAY, "within_days": 30, "zone": ZoneInfo("Asia/Kolkata")}
        worked_out = store.current_reminders(**asked)
        assert store.current_reminders(**asked, kept=True) == worked_out  # worked out, and kept
        assert kept_row(season) is not None
        assert store.current_reminders(**asked, kept=True) == worked_out  # read back: ids of people too
        assert any(r.person_id for r in worked_out) and any(r.opportunity_id for r in worked_out)
    finally:
        store.close()


def test_a_write_by_another_program_is_printed_at_the_next_run(season: Path) -> None:
    _status, before = remind(season)
    person = next(r["person"] for r in json.loads(before) if r["person"])
    with sqlite3.connect(season) as conn:  # not tracker: a script, a sync tool, another version
        assert conn.execute("UPDATE person SET name = ? WHERE name = ?", ("Ayşe Öztürk", person)).rowcount == 1
    status, after = remind(season)
    assert status == 0 and "Ayşe Öztürk" in after and person not in after
    assert after == never_kept(season)


def test_another_day_and_another_look_ahead_are_worked_out_again(season: Path) -> None:
    remind(season)
    tomorrow = TODAY + timedelta(days=1)
    assert remind(season, today=tomorrow)[1] == never_kept(season, today=tomorrow)
    assert remind(season, "--within", "30d")[1] == never_kept(season, "--within", "30d")
    assert remind(season)[1] == never_kept(season)


def test_each_look_ahead_keeps_its_list_and_a_write_clears_them_all(season: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    week, month = remind(season)[1], remind(season, "--within", "30d")[1]
    with sqlite3.connect(season) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT within_days FROM kept_reminders")) == [7, 30]

    with monkeypatch.context() as patched:
        patched.setattr(reminders_sqlite, "gather_inputs", no_facts)
        assert remind(season) == (0, week) and remind(season, "--within", "30d") == (0, month)
    with sqlite3.connect(season) as conn:
        conn.execute("UPDATE person SET notes = 'met at CVPR' WHERE id = (SELECT min(id) FROM person)")
    remind(season)
    with sqlite3.connect(season) as conn:  # the month's list, stale now, went with the week's new one kept
        assert [r[0] for r in conn.execute("SELECT within_days FROM kept_reminders")] == [7]


def test_every_table_that_holds_records_counts_its_writes(season: Path) -> None:
    with sqlite3.connect(season) as conn:
        tables = record_tables(conn)
        triggers = {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
        assert {"person", "opportunity", "interaction", "reminderstate", "profile"} <= set(tables)
        assert kept_reminders.NOT_COUNTED <= set(tables)
        for table in tables:
            for event in ("insert", "update", "delete"):
                if table in kept_reminders.NOT_COUNTED:
                    assert f"kept_{table}_{event}" not in triggers
                else:
                    assert f'AFTER {event.upper()} ON "{table}"' in triggers[f"kept_{table}_{event}"], (table, event)
        before = conn.execute("SELECT writes FROM kept_stamp").fetchone()[0]
        conn.execute("UPDATE interaction SET subject = subject WHERE id = (SELECT min(id) FROM interaction)")
        assert conn.execute("SELECT writes FROM kept_stamp").fetchone()[0] == before + 1


def test_the_reminders_read_no_table_whose_writes_are_not_counted(season: Path) -> None:
    from tracker.store.engine.database import Database

    conn = Database.open(season).connect()
    read: set[str] = set()

    def note(action: int, table: str | None, *_rest: object) -> int:
        if action == sqlite3.SQLITE_READ and table:
            read.add(table)
        return sqlite3.SQLITE_OK

    conn.set_authorizer(note)
    try:
        for first in (None, 60):
            reminders_sqlite.current_reminders(conn, today=TODAY, within_days=36500, zone=ZoneInfo("Asia/Kolkata"),
                                               first=first)
    finally:
        conn.close()
    assert {"interaction", "opportunity", "person", "reminderstate"} <= read
    assert not read & kept_reminders.NOT_COUNTED


def test_a_mail_sync_that_logs_nothing_new_keeps_the_list(season: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(season) as conn:  # an account synced before
        conn.execute("INSERT INTO mailaccount (id, name, url) VALUES (1, 'uni', 'imaps://me@mail.uni.example.edu')")
        conn.execute("INSERT INTO mailfolder (account_id, folder, uidvalidity, last_uid) VALUES (1, 'INBOX', 7, 120)")
    _status, first = remind(season)
    with sqlite3.connect(season) as conn:  # the next sync: newsletters only, and a reply from an unknown address
        conn.execute("UPDATE mailfolder SET last_uid = 131 WHERE account_id = 1")
        person = conn.execute("SELECT min(id) FROM person").fetchone()[0]
        conn.execute("INSERT INTO mailunknown (message_id, address, name, \"on\", subject, person_id) "
                     "VALUES ('<r1@lab.example.org>', 'assistant@lab.example.org', 'Lab Office', ?, 'Re: internship', ?)",
                     (TODAY.isoformat(), person))

    monkeypatch.setattr(reminders_sqlite, "gather_inputs", no_facts)
    assert remind(season) == (0, first)


def test_a_write_while_the_list_is_worked_out_leaves_it_unused(season: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.domain import reminders as rules

    worked_out = rules.compute_reminders
    person = next(r["person"] for r in json.loads(never_kept(season)) if r["person"])

    def with_a_write_meanwhile(*args, **kwargs):
        with sqlite3.connect(season) as conn:
            conn.execute("UPDATE person SET name = ? WHERE name = ?", ("Kim Ji-woo 김지우", person))
        return worked_out(*args, **kwargs)

    monkeypatch.setattr(rules, "compute_reminders", with_a_write_meanwhile)
    _status, stale = remind(season)
    assert person in stale  # read before the write, as any reader in that moment
    monkeypatch.setattr(rules, "compute_reminders", worked_out)
    status, after = remind(season)
    assert status == 0 and "김지우" in after and after == never_kept(season)


def test_a_busy_database_is_not_waited_for(season: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "20000")
    expected = never_kept(season)
    writer = sqlite3.connect(season, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another tracker in the middle of a write
    try:
        started = time.monotonic()
        assert remind(season) == (0, expected)
        assert time.monotonic() - started < 10
    finally:
        writer.rollback()
        writer.close()
    assert kept_row(season) is None


def test_a_large_import_counts_once_and_keeps_its_triggers(season: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from csv_lean_helpers import lean
    from test_csv_bulk_import import write_log
    from tracker.store.writes import bulk_sqlite

    monkeypatch.setattr(bulk_sqlite, "BULK_COUNT", 100)  # 600 rows count as a large import
    with sqlite3.connect(season) as conn:
        schema = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    remind(season)
    before = writes(season)
    log = write_log(tmp_path / "log.csv", 600, seed=7)
    status, _out, err = lean(["--db", str(season), "import", "csv", str(log), "--what", "log"], capsys)
    assert status == 0, err
    with sqlite3.connect(season) as conn:
        assert sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) == schema
    assert before < writes(season) < before + 600  # the interactions counted once, not a row at a time
    assert remind(season)[1] == never_kept(season)


def test_the_rules_code_is_part_of_what_a_list_was_worked_out_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "reminder_rules.py").write_text("# one version\n")
    monkeypatch.setattr(kept_reminders, "_RULES", (rules,))
    zone = ZoneInfo("Asia/Seoul")
    one = kept_reminders.worked_out_for(TODAY, 7, zone)
    assert "Asia/Seoul" in one and TODAY.isoformat() in one
    later = time.time() + 5
    os.utime(rules / "reminder_rules.py", (later, later))
    assert kept_reminders.worked_out_for(TODAY, 7, zone) != one


def test_the_machines_zone_is_told_apart_by_its_offset_not_only_its_abbreviation() -> None:
    from datetime import timezone

    china, chicago = timezone(timedelta(hours=8), "CST"), timezone(timedelta(hours=-6), "CST")
    assert kept_reminders.worked_out_for(TODAY, 7, china) != kept_reminders.worked_out_for(TODAY, 7, chicago)
