"""Upgrades: a database of every schema revision opens upgraded to the newest, its data intact.

For each revision R in `tracker.store.migrations.REVISIONS` (so a new revision is covered the
day it is listed), a fixture database is made by the migrations themselves: a fresh file
upgraded to R with Alembic, then filled with SQL valid at R. Opening it with `open_store`
must bring it to HEAD, keep every row and every value of every column that still exists,
leave `PRAGMA foreign_key_check` empty, and first take an automatic backup.

Two fillings per revision:
- realistic: a student's season written as SQL (`REALISTIC_SQL`, keyed by the first
  revision it is valid at; a migration that makes the old SQL invalid adds an entry);
  afterwards the real commands must still work on it;
- synthetic: every column of every table of R filled (and one row of NULLs where allowed),
  generated from the schema itself, so new tables and columns are covered without edits.

A migration that rewrites values on purpose lists the column in `TRANSFORMED`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli
from tracker.domain.errors import StoreError
from tracker.store.migrations import HEAD, REVISIONS
from tracker.store import open_store
from tracker.store.safety.backup import backups_dir, list_backups, record_tables
from tracker.store.engine.opening import file_engine, migrate

TRANSFORMED: set[tuple[str, str]] = set()
"""(table, column) pairs a migration rewrites on purpose: not compared value for value."""

REALISTIC_SQL: dict[str, list[str]] = {
    "0001": [
        "INSERT INTO profile (id, name, gpa, home_institution, timezone, follow_up_email_days, "
        " follow_up_linkedin_days) VALUES (1, 'Aarav Sharma', '7.1/10', 'IIT Delhi', 'Asia/Kolkata', 7, 5)",
        "INSERT INTO organization (id, name, country, city, website) VALUES "
        " (1, 'GIST', 'South Korea', 'Gwangju', 'https://www.gist.ac.kr'),"
        " (2, 'NTU Singapore', 'Singapore', 'Singapore', NULL)",
        "INSERT INTO person (id, name, role, organization_id, lab, email, linkedin, research_areas, how_met, "
        " keep_in_touch_days, notes, added_on) VALUES "
        " (1, 'Prof. Kim Minsoo', 'professor', 1, 'Computer Vision Lab', 'kim@gist.ac.kr', NULL, "
        "  'video retrieval', 'cold email', 60, 'answers on Fridays', '2026-08-01'),"
        " (2, 'Lim Jia Hui', 'phd-student', 2, 'Rapid Object Search Lab', NULL, "
        "  'https://linkedin.com/in/limjiahui', 'object search', 'LinkedIn', NULL, NULL, '2026-08-03'),"
        " (3, 'Dr. Meera Iyer', 'writer', NULL, NULL, 'meera@iitd.ac.in', NULL, NULL, 'my advisor', "
        "  NULL, 'letter writer', '2026-08-05')",
        "INSERT INTO opportunity (id, title, kind, organization_id, lab, contact_id, cycle, stage, deadline, "
        " deadline_at, deadline_tz, applied_on, letters_required, min_gpa, location_rule, stipend, url, notes, "
        " created_on) VALUES "
        " (1, 'GIST CV Lab', 'outreach', 1, 'Computer Vision Lab', 1, 'Summer 2027', 'contacted', NULL, NULL, "
        "  NULL, NULL, 0, NULL, NULL, NULL, NULL, 'mention the retrieval paper', '2026-08-01'),"
        " (2, 'NTU India Connect', 'program', 2, NULL, 2, 'Summer 2027', 'applied', '2026-12-15', "
        "  '2026-12-15 15:59:00.000000', 'Asia/Singapore', '2026-11-01', 2, '8/10', 'India only', "
        "  'SGD 1000/month', 'https://ntu.edu.sg/ic', NULL, '2026-08-03')",
        "INSERT INTO stagechange (id, opportunity_id, from_stage, to_stage, changed_on, recorded_at) VALUES "
        " (1, 1, NULL, 'shortlisted', '2026-08-01', '2026-08-01 04:00:00.000000'),"
        " (2, 1, 'shortlisted', 'contacted', '2026-11-10', '2026-11-10 05:00:00.000000'),"
        " (3, 2, NULL, 'shortlisted', '2026-08-03', '2026-08-03 04:00:00.000000'),"
        " (4, 2, 'shortlisted', 'applied', '2026-11-01', '2026-11-01 06:30:00.000000')",
        "INSERT INTO interaction (id, \"on\", channel, direction, person_id, opportunity_id, subject, paper, notes, "
        " follow_up_on) VALUES "
        " (1, '2026-11-10', 'email', 'sent', 1, 1, 'Summer internship: video retrieval', "
        "  'Fast Video Retrieval', NULL, '2026-11-17'),"
        " (2, '2026-08-04', 'linkedin', 'sent', 2, 2, 'Hello from IIT Delhi', NULL, NULL, NULL),"
        " (3, '2026-08-06', 'linkedin', 'received', 2, 2, 'Re: Hello', NULL, 'apply through the program', NULL)",
        "INSERT INTO interview (id, opportunity_id, at, tz, format, with_person_id, notes, outcome) VALUES "
        " (1, 2, '2026-12-01 05:00:00.000000', 'Asia/Seoul', 'present your previous work', 2, NULL, NULL)",
        "INSERT INTO letterrequest (id, opportunity_id, writer_id, status, alerted_on, agreed_on) VALUES "
        " (1, 2, 3, 'agreed', '2026-10-20', '2026-10-22')",
        "INSERT INTO offer (id, opportunity_id, received_on, respond_by, start, \"end\", stipend, currency, "
        " decision, reasons, score_topic) VALUES "
        " (1, 2, '2026-11-20', '2026-12-10', '2027-05-15', '2027-07-31', 1000.0, 'SGD', 'pending', NULL, 4)",
        "INSERT INTO reminder (id, text, due, person_id, opportunity_id, created_at) VALUES "
        " (1, 'Thank Dr. Iyer', '2026-12-20', 3, NULL, '2026-11-01 10:00:00.000000')",
        "INSERT INTO reminderstate (key, snoozed_until, dismissed_at) VALUES "
        " ('deadline:2', '2026-11-25', NULL)",
    ],
}


def _make_at(path: Path, revision: str) -> None:
    engine = file_engine(path)
    try:
        migrate(engine.execution_options(tracker_write=True), revision)
    finally:
        engine.dispose()


def _realistic_sql(revision: str) -> list[str]:
    valid = [r for r in REALISTIC_SQL if REVISIONS.index(r) <= REVISIONS.index(revision)]
    return REALISTIC_SQL[max(valid, key=REVISIONS.index)]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, int]]:
    """(name, declared type, not null, primary-key position) of each column."""
    return [(r[1], (r[2] or "").upper(), bool(r[3]), r[5]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _references(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    return {r[3]: r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')}


def _in_dependency_order(conn: sqlite3.Connection) -> list[str]:
    tables = record_tables(conn)
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in ordered
                 and all(ref in ordered or ref == t for ref in _references(conn, t).values())]
        assert ready, f"circular foreign keys among {set(tables) - set(ordered)}"
        ordered += ready
    return ordered


def _value(table: str, column: str, declared: str, i: int) -> Any:
    if "INT" in declared:
        return 7 + i
    if "BOOL" in declared:
        return i % 2
    if any(word in declared for word in ("REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL")):
        return 1.25 + i
    if "DATETIME" in declared or "TIMESTAMP" in declared:
        return f"2026-0{i + 1}-15 09:30:00.000000"
    if "DATE" in declared:
        return f"2026-0{i + 1}-15"
    return f"{table}.{column} #{i}: Jürgen Müller, 김민수 — \"quoted\", 'x'"


def _fill_every_column(conn: sqlite3.Connection, rows: int = 3) -> None:
    """`rows` rows in every table, every column set; the last row leaves nullable columns NULL."""
    for table in _in_dependency_order(conn):
        refs = _references(conn, table)
        for i in range(rows):
            sparse = i == rows - 1
            values: dict[str, Any] = {}
            for name, declared, not_null, pk in _columns(conn, table):
                if name in refs:
                    values[name] = None if sparse and not not_null else i + 1
                elif pk and "INT" in declared:
                    values[name] = i + 1
                elif sparse and not not_null and not pk:
                    values[name] = None
                else:
                    values[name] = _value(table, name, declared, i)
            names = ", ".join(f'"{n}"' for n in values)
            marks = ", ".join("?" for _ in values)
            conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))


def _snapshot(path: Path) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    """Every row of every record table, keyed by primary key, as {column: value}."""
    with sqlite3.connect(path) as conn:
        shot = {}
        for table in record_tables(conn):
            columns = _columns(conn, table)
            key = [c[0] for c in sorted(columns, key=lambda c: c[3]) if c[3]] or ["rowid"]
            names = [c[0] for c in columns]
            rows = conn.execute(f'SELECT {", ".join(f"{chr(34)}{k}{chr(34)}" for k in key)}, '
                                f'{", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)} FROM "{table}"').fetchall()
            shot[table] = {tuple(r[:len(key)]): dict(zip(names, r[len(key):], strict=True)) for r in rows}
        return shot


def _assert_intact(before: dict[str, Any], after: dict[str, Any]) -> int:
    """Every row and value of `before` is in `after` (columns dropped since are ignored). Returns values compared."""
    compared = 0
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        assert set(rows) <= set(after[table]), f"rows of {table} lost: {set(rows) - set(after[table])}"
        for key, values in rows.items():
            for column, value in values.items():
                if (table, column) in TRANSFORMED or column not in after[table][key]:
                    continue
                assert after[table][key][column] == value, f"{table} {key} {column}"
                compared += 1
    return compared


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _assert_sound(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_realistic_database_of_every_revision_upgrades_intact(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    _make_at(path, revision)
    with sqlite3.connect(path) as conn:
        for statement in _realistic_sql(revision):
            conn.execute(statement)
    before = _snapshot(path)

    cli = Cli(path)
    people = cli.json("list", "people")
    remind = cli.ok("remind", "--within", "30d").stdout

    _assert_sound(path)
    compared = _assert_intact(before, _snapshot(path))
    assert compared > 50
    print(f"\nrealistic season at {revision} -> {HEAD}: {compared} values compared, 0 lost")
    assert {p["name"] for p in people} == {"Prof. Kim Minsoo", "Lim Jia Hui", "Dr. Meera Iyer"}  # type: ignore[index]
    assert "Kim Minsoo" in remind  # the unanswered e-mail of Nov 10 is still due a follow-up
    backups = list_backups(path)
    if revision == HEAD:
        assert backups == []
    else:
        [backup] = backups
        assert backup.name.endswith("-before-migration.db")
        assert _revision(backup) == revision and _snapshot(backup) == before


@pytest.mark.parametrize("revision", REVISIONS)
def test_every_column_of_every_table_survives_the_upgrade(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    _make_at(path, revision)
    with sqlite3.connect(path) as conn:
        _fill_every_column(conn)
    before = _snapshot(path)
    assert all(len(rows) == 3 for rows in before.values())

    open_store(path).close()

    _assert_sound(path)
    compared = _assert_intact(before, _snapshot(path))
    print(f"\nrevision {revision} -> {HEAD}: {len(before)} tables, {compared} values compared, 0 lost")


def test_a_failed_backup_stops_the_migration(tmp_path: Path) -> None:
    if len(REVISIONS) < 2:
        pytest.skip("needs an older schema revision")
    path = tmp_path / "tracker.db"
    _make_at(path, REVISIONS[0])
    with sqlite3.connect(path) as conn:
        for statement in _realistic_sql(REVISIONS[0]):
            conn.execute(statement)
    before = _snapshot(path)
    backups_dir(path).write_text("a file where the backups folder would go\n")
    with pytest.raises(StoreError, match="backups folder"):
        open_store(path)
    assert _revision(path) == REVISIONS[0] and _snapshot(path) == before


def test_a_database_from_a_newer_tracker_is_refused_byte_for_byte_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    cli = Cli(path)
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert sorted(os.listdir(tmp_path)) == ["tracker.db"]
    before = path.read_bytes()
    for command in (["list", "people"], ["remind"], ["add", "person", "X", "--role", "postdoc"]):
        result = cli(*command)
        assert result.exit_code == 2 and "newer tracker" in result.stderr and "9999" in result.stderr
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["tracker.db"]  # no backup, no -wal left behind


def test_revisions_are_what_the_fixtures_iterate() -> None:
    """Guard for this module: the parametrized tests above cover every listed revision."""
    assert REVISIONS[-1] == HEAD and len(set(REVISIONS)) == len(REVISIONS)
    assert all(r in REVISIONS for r in REALISTIC_SQL)
    print(json.dumps({"revisions": list(REVISIONS)}))


def test_names08_keeps_a_hyphenated_spelling_without_its_hyphen_for_search(tmp_path: Path) -> None:
    """A database of keep01 with "Park Ji-won" (kept as "park ji-won"): after the upgrade "jiwon" finds her,
    in the portable search and the trigram index alike, and nobody else's keys changed."""
    path = tmp_path / "tracker.db"
    _make_at(path, "keep01")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO person (id, name, role, added_on, search_name, aliases) VALUES "
                     "(1, 'Park Ji-won', 'phd-student', '2026-08-01', 'park ji-won', NULL), "
                     "(2, 'Kim Minsoo', 'professor', '2026-08-01', 'kim minsoo', NULL), "
                     "(3, 'Lee Minjun', 'professor', '2026-08-01', 'lee minjun\nlee min-jun', 'Lee Min-jun')")
    cli = Cli(path)
    assert [p["name"] for p in cli.json("list", "people", "--search", "jiwon")] == ["Park Ji-won"]  # type: ignore[index]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id, search_name FROM person ORDER BY id").fetchall() == [
            (1, "park ji-won\npark jiwon"), (2, "kim minsoo"), (3, "lee minjun\nlee min-jun")]
        assert conn.execute("SELECT rowid FROM fts_person WHERE fts_person MATCH '\"jiwon\"'").fetchall() == [(1,)]
