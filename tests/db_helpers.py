"""Reading a test's database directly, whichever backend it is: a SQLite file (sqlite3) or a server's URL (psycopg).

On a server the connection is the test's student role, so row-level security applies: what the
student's tracker would see. Values come back as SQLite gives them (dates and instants as text), so
one assertion holds on both.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path


def _as_sqlite(value: object) -> object:
    """A value read from PostgreSQL as SQLite gives it back: dates and instants as SQLAlchemy's text."""
    from datetime import datetime

    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def db_dicts(db: Path | str, sql: str, *params: object) -> list[dict[str, object]]:
    """As `db_rows`, each row a dict by column name."""
    if isinstance(db, str):
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(db, autocommit=True, row_factory=dict_row) as conn:
            cur = conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)
            return [{k: _as_sqlite(v) for k, v in r.items()} for r in cur.fetchall()]
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params).fetchall()]


def db_rows(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """The rows of `sql` (with `?` placeholders) on the database at `db`: a file (sqlite3), or a server's URL (psycopg,
    as the test's student, so row-level security applies)."""
    if isinstance(db, str):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            cur = conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)
            return [tuple(_as_sqlite(v) for v in r) for r in cur.fetchall()] if cur.description else []
    with closing(sqlite3.connect(db)) as conn, conn:
        return conn.execute(sql, params).fetchall()


def generated_cohort(path: Path, today: date) -> Path:
    """A small benchmark data set at `path` (benchmarks/gen_db.py): 600 people, 200 opportunities in
    every stage, 2,000 interactions, as of `today`."""
    import sys

    benchmarks = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        import gen_db
    finally:
        sys.path.remove(benchmarks)
    gen_db.build(path, scale=0.02, today=today, seed=7)
    return path
