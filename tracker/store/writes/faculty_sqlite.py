"""The SQLite variant of `tracker.store.writes.faculty_writes`: the faculty import's snapshot and plan over `sqlite3`.

Starting SQLAlchemy and the ORM costs more than writing 30,000 professors, and its parameter
handling as much again; the rules are shared (`tracker.io.faculty_plan`), only the SQL is here.
It writes what the portable path writes: the same rows with the same ids (new organizations
get max(id) + 1 onwards, inside BEGIN IMMEDIATE, as SQLite would choose), dates as
`YYYY-MM-DD`; the person search index is kept by the same triggers. tests/test_faculty_variants.py
imports files both ways and compares the databases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tracker.domain.faculty_records import (ADDED_COLUMNS, BATCH, CHANGED_COLUMNS, KNOWN_COLUMNS, ORG_COLUMNS,
                                            FacultyPlan, FacultySnapshot)
from tracker.store.writes.import_sqlite import new_ids

Progress = Callable[[int, int], None]


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def load_snapshot(conn: sqlite3.Connection) -> FacultySnapshot:
    """Every organization and person, as a faculty import compares them."""
    return FacultySnapshot(
        orgs=conn.execute(f"SELECT {_names(ORG_COLUMNS)} FROM organization ORDER BY id").fetchall(),
        people=conn.execute(f"SELECT {_names(KNOWN_COLUMNS)} FROM person ORDER BY id").fetchall(),
    )


def write_plan(conn: sqlite3.Connection, plan: FacultyPlan, progress: Progress | None) -> None:
    """Write `plan`: organizations, then people updated and added (`progress` after each batch), then countries."""
    new_ids(conn, "organization", plan.new_orgs)
    conn.executemany("INSERT INTO organization (id, name, search_text) VALUES (?, ?, ?)",
                     [(o.id, *o.row().values()) for o in plan.new_orgs])
    changes = plan.change_rows()
    people = plan.added_rows(plan.today.isoformat())
    total, done = len(people) + len(changes), 0
    if progress:
        progress(0, total)
    setting = ", ".join(f'"{c}" = ?' for c in CHANGED_COLUMNS)
    statements = (f"UPDATE person SET {setting} WHERE id = ?",
                  f"INSERT INTO person ({_names(ADDED_COLUMNS)}) VALUES ({', '.join('?' * len(ADDED_COLUMNS))})")
    for statement, rows in zip(statements, (changes, people)):
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            conn.executemany(statement, batch)
            done += len(batch)
            if progress:
                progress(done, total)
    conn.executemany("UPDATE organization SET country = ?, region = ? WHERE id = ?", plan.located_rows())
