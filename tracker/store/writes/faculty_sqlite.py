"""The SQLite variant of `tracker.store.writes.faculty_writes`: the faculty import's snapshot and plan over `sqlite3`.

Starting SQLAlchemy and the ORM costs more than writing 30,000 professors, and its parameter
handling as much again; the rules are shared (`tracker.io.faculty_plan`), only the SQL is here.
It writes what the portable path writes: the same rows with the same ids (new organizations
get max(id) + 1 onwards, inside BEGIN IMMEDIATE, as SQLite would choose), dates as
`YYYY-MM-DD`, the same search rows. Many new people are written with the log import's bulk
measures (`tracker.store.writes.bulk_sqlite`: their search rows in one statement, the table's
indexes built again after, a larger page cache), which leave the same database as row-by-row
inserts. tests/test_faculty_variants.py imports files both ways and compares the databases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import nullcontext

from tracker.domain.faculty_records import (ADDED_COLUMNS, BATCH, CHANGED_COLUMNS, KNOWN_COLUMNS, ORG_COLUMNS,
                                            FacultyPlan, FacultySnapshot)
from tracker.store.writes.bulk_sqlite import cache_for, rows_in_bulk
from tracker.store.writes.import_sqlite import new_ids

Progress = Callable[[int, int], None]


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _per_statement(conn: sqlite3.Connection, width: int) -> int:
    """Rows of `width` cells per statement: as many as SQLite takes parameters for, up to a batch.

    A statement's rows fire the search index's triggers in one go (people updated; many new
    people get their search rows in one statement after, `rows_in_bulk`): FTS5 writes what it has
    gathered at the start of each statement, so one row per statement is 4x slower, and 500 rows
    per statement 15% slower than 2,000."""
    return max(1, min(BATCH, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))


def _values(rows: list[tuple], width: int) -> tuple[str, list[object]]:  # type: ignore[type-arg]
    """A multi-row VALUES list for `rows` of `width` cells, and its parameters."""
    row = "(" + ", ".join("?" * width) + ")"
    return ", ".join([row] * len(rows)), [cell for each in rows for cell in each]


def _insert_people(conn: sqlite3.Connection, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    values, params = _values(rows, len(ADDED_COLUMNS))
    conn.execute(f"INSERT INTO person ({_names(ADDED_COLUMNS)}) VALUES {values}", params)


def _update_people(conn: sqlite3.Connection, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    """UPDATE ... FROM a VALUES list (SQLite 3.33 and later; one row per statement before)."""
    if sqlite3.sqlite_version_info < (3, 33):
        setting = ", ".join(f'"{c}" = ?' for c in CHANGED_COLUMNS)
        conn.executemany(f"UPDATE person SET {setting} WHERE id = ?", rows)
        return
    values, params = _values(rows, len(CHANGED_COLUMNS) + 1)
    setting = ", ".join(f'"{c}" = v.column{i}' for i, c in enumerate(CHANGED_COLUMNS, 1))
    conn.execute(f"UPDATE person SET {setting} FROM (VALUES {values}) AS v "
                 f"WHERE person.id = v.column{len(CHANGED_COLUMNS) + 1}", params)


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
    with cache_for(conn, total):
        for statement, rows, width in ((_update_people, changes, len(CHANGED_COLUMNS) + 1),
                                       (_insert_people, people, len(ADDED_COLUMNS))):
            per = _per_statement(conn, width)
            with rows_in_bulk(conn, "person", len(rows)) if rows is people else nullcontext():
                for start in range(0, len(rows), BATCH):
                    end = min(start + BATCH, len(rows))
                    for chunk in range(start, end, per):
                        statement(conn, rows[chunk:min(chunk + per, end)])
                    done += end - start
                    if progress:
                        progress(done, total)
    conn.executemany("UPDATE organization SET country = ?, region = ? WHERE id = ?", plan.located_rows())
