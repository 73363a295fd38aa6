"""The lean write path behind `tracker import csv`: the import's snapshot and plan over `sqlite3`.

`tracker.store.writes.import_writes` does the same through SQLAlchemy; this module exists because
starting SQLAlchemy and SQLModel costs about as much as importing 100k log rows. The row logic
is shared (`tracker.io.import_rows`); only the SQL is here, and it writes what the portable path
writes: the same rows with the same ids (SQLite's own choice, max(id) + 1 onwards, given
explicitly inside BEGIN IMMEDIATE) and values stored as SQLAlchemy stores them (dates
`YYYY-MM-DD`, instants naive UTC `YYYY-MM-DD HH:MM:SS.ffffff`). `tests/test_csv_lean.py` imports
files both ways and compares the databases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

from tracker.domain.import_records import INTERACTION_KEY, OPPORTUNITY_COLUMNS, PERSON_COLUMNS, PROFILE_DEFAULTS, Plan, Snapshot
from tracker.store.writes.bulk_sqlite import cache_for, rows_in_bulk

_DATES = ("deadline", "applied_on", "created_on")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _stored_instant(moment: datetime | None) -> str | None:
    """An aware instant as SQLAlchemy's UTCDateTime stores it in SQLite."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE, as `Store.write`): committed, or rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def load_snapshot(conn: sqlite3.Connection, what: str) -> Snapshot:
    """What an import of a `what` file needs to know about the store (see `import_writes.load_snapshot`)."""
    snapshot = Snapshot(
        orgs=conn.execute("SELECT id, name FROM organization ORDER BY id").fetchall(),
        people=conn.execute(f"SELECT {_names(PERSON_COLUMNS)} FROM person ORDER BY id").fetchall(),
    )
    if what != "people":
        at = OPPORTUNITY_COLUMNS.index("deadline_at")
        days = [OPPORTUNITY_COLUMNS.index(c) for c in _DATES]
        opportunities = []
        for row in conn.execute(f"SELECT {_names(OPPORTUNITY_COLUMNS)} FROM opportunity ORDER BY id"):
            values = list(row)
            for i in days:
                values[i] = _day(values[i])
            values[at] = _instant(values[at])
            opportunities.append(tuple(values))
        snapshot.opportunities = opportunities
    if what == "log":
        day = date.fromisoformat
        snapshot.interactions = {(day(on), *rest) for on, *rest in conn.execute(
            f"SELECT {_names(INTERACTION_KEY)} FROM interaction")}
        profile = conn.execute("SELECT follow_up_email_days, follow_up_linkedin_days FROM profile WHERE id = 1").fetchone()
        snapshot.profile = (profile[0], profile[1]) if profile else None
    return snapshot


def new_ids(conn: sqlite3.Connection, table: str, records: list[Any]) -> None:
    """Give new records the ids SQLite would: max(id) + 1 onwards (we hold the write lock)."""
    start = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
    for offset, record in enumerate(records):
        record.id = start + offset


def _opportunity(row: dict[str, Any]) -> dict[str, Any]:
    for key in _DATES:
        row[key] = _iso(row[key])
    row["deadline_at"] = _stored_instant(row["deadline_at"])
    return row


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        columns = tuple(rows[0])
        conn.executemany(f"INSERT INTO {table} ({_names(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [tuple(row.values()) for row in rows])


def _update(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        columns = [c for c in rows[0] if c != "id"]
        conn.executemany(f"UPDATE {table} SET {', '.join(f'{chr(34)}{c}{chr(34)} = ?' for c in columns)} WHERE id = ?",
                         [(*(row[c] for c in columns), row["id"]) for row in rows])


def write_plan(conn: sqlite3.Connection, plan: Plan) -> None:
    """Write everything `plan` holds, parents before children (see `import_writes.write_plan`); a large
    plan with the bulk measures of `tracker.store.writes.bulk_sqlite`."""
    with cache_for(conn, len(plan.interactions) + len(plan.stages) + len(plan.new_people) + len(plan.new_opps)):
        _write_plan(conn, plan)


def _write_plan(conn: sqlite3.Connection, plan: Plan) -> None:
    if plan.create_profile:
        conn.execute("INSERT INTO profile (id, follow_up_email_days, follow_up_linkedin_days) VALUES (1, ?, ?)",
                     (PROFILE_DEFAULTS["follow_up_email_days"], PROFILE_DEFAULTS["follow_up_linkedin_days"]))
    new_ids(conn, "organization", plan.new_orgs)
    _insert(conn, "organization", [{"id": o.id, **o.row()} for o in plan.new_orgs])
    new_ids(conn, "person", plan.new_people)
    with rows_in_bulk(conn, "person", len(plan.new_people)):
        _insert(conn, "person", [{"id": p.id, **p.row(), "added_on": _iso(p.added_on)} for p in plan.new_people])
    new_ids(conn, "opportunity", plan.new_opps)
    with rows_in_bulk(conn, "opportunity", len(plan.new_opps)):
        _insert(conn, "opportunity", [_opportunity({"id": o.id, **o.row()}) for o in plan.new_opps])
    _update(conn, "person", [{"id": p.id, **p.row()} for p in plan.changed_people.values()])
    _update(conn, "opportunity", [_opportunity({"id": o.id, **o.row()}) for o in plan.changed_opps.values()])
    conn.executemany("UPDATE stagechange SET changed_on = ? WHERE opportunity_id = ? AND from_stage IS NULL "
                     "AND changed_on > ?", [(day.isoformat(), opp_id, day.isoformat())
                                            for opp_id, day in plan.backdates.items()])
    with rows_in_bulk(conn, "stagechange", len(plan.stages)):
        conn.executemany("INSERT INTO stagechange (opportunity_id, from_stage, to_stage, changed_on, recorded_at) "
                         "VALUES (?, ?, ?, ?, ?)",
                         [(s.opp.id, s.from_stage, s.to_stage, s.changed_on.isoformat(),
                           _stored_instant(s.recorded_at)) for s in plan.stages])
    with rows_in_bulk(conn, "interaction", len(plan.interactions)):
        conn.executemany('INSERT INTO interaction ("on", channel, direction, person_id, opportunity_id, subject, '
                         "paper, notes, follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(on.isoformat(), channel, direction, person.id, opp.id if opp else None, subject, paper,
                           notes, follow_up.isoformat() if follow_up else None)
                          for on, channel, direction, person, opp, subject, paper, notes, follow_up
                          in plan.interactions])
