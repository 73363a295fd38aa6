"""A large import over `sqlite3`: the same rows, indexes and search rows, built in bulk.

Most of what SQLite spends on a 100,000-row log import goes into keeping indexes, not into the
rows themselves. `tracker.store.writes.import_sqlite` writes a large plan inside these
blocks, each of which leaves the database exactly as row-by-row inserts would (the same rows,
the same search rows, the same indexes and triggers, their SQL as the database had it), in the
import's one transaction: SQLite's schema changes are transactional, so an import that fails
rolls back to the schema and rows it started from, and other connections never see the
middle.

- `search_rows_in_bulk`: FTS5 writes its pending terms out as a new segment at every statement
  savepoint, and each row of an executemany whose trigger inserts into an FTS5 table is a
  statement of its own; 14,000 new people made 14,000 segments, merged again and again. So
  for many new rows, the table's insert trigger is dropped, the rows inserted, and the search
  rows of all of them written with one INSERT ... SELECT of the same keys
  (`tracker.store.queries.search_index.index_rows_after`); then the trigger is created again.
- `cache_for`: a page cache of `BULK_CACHE_KIB` instead of SQLite's 2 MiB while a large plan is
  written (memory for the length of one import; nothing about the file changes).
- `counted_once`: the trigger that counts each row written (`tracker.store.queries.kept_reminders`),
  for the kept reminders, is dropped for the block, and the count moved once.
- `indexes_rebuilt`: inserting 100,000 rows into a table's indexes is 100,000 random B-tree
  inserts per index; creating an index sorts the table once. When an import adds at least as
  many rows as the table holds (and at least `BULK_INDEX`), the table's indexes are dropped
  before the inserts and created again after. A small import into a large table keeps them.

The portable import (`tracker.store.writes.import_writes`) needs none of this: tests prove the
databases both leave equal, search rows and schema included (tests/test_csv_lean_import.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

BULK_SEARCH = 200
"""New people (or opportunities) from which their search rows are written in one statement."""
BULK_INDEX = 5000
"""New rows from which a table's indexes may be rebuilt (when the table holds no more rows than that)."""
BULK_COUNT = 5000
"""New rows from which the count of writes (for the kept reminders) is moved once instead of by a trigger per row
(1.5 µs a row: 7.5 ms at 5,000, more than dropping and creating the trigger costs)."""
BULK_CACHE_KIB = 65536
"""SQLite's page cache while a large import writes (its default is 2 MiB): dirty pages stay in memory
until the commit instead of spilling to the WAL halfway, and the index builds sort in memory."""


def _max_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0])


@contextmanager
def cache_for(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """A larger page cache on `conn` while the block writes `rows` rows, if that is many; then as it was."""
    if rows < BULK_INDEX:
        yield
        return
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def rows_in_bulk(conn: sqlite3.Connection, table: str, new: int) -> Iterator[None]:
    """Insert `new` rows into `table` in the block: its search rows and indexes made in bulk where that pays,
    and the count of writes that the kept reminders go by moved once (`counted_once`)."""
    counted = counted_once(conn, table) if new >= BULK_COUNT else nullcontext()
    with counted, search_rows_in_bulk(conn, table, new), indexes_rebuilt(conn, table, new):
        yield


@contextmanager
def _without_trigger(conn: sqlite3.Connection, name: str, table: str) -> Iterator[bool]:
    """The insert trigger `name` of `table` dropped for the block and created again after from its SQL, as the
    database had it; the block is told whether there was one (none: nothing is dropped)."""
    found = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
                         (name, table)).fetchone()
    if found is None:
        yield False
        return
    conn.execute(f'DROP TRIGGER "{name}"')
    yield True
    conn.execute(found[0])


@contextmanager
def search_rows_in_bulk(conn: sqlite3.Connection, table: str, new: int) -> Iterator[None]:
    """Insert `new` rows into `table` in the block; for people and opportunities, their search rows in one go."""
    from tracker.store.queries.search_index import INSERT_TRIGGERS, index_rows_after

    name = INSERT_TRIGGERS.get(table)
    if not name or new < BULK_SEARCH:
        yield
        return
    mark = _max_id(conn, table)
    with _without_trigger(conn, name, table) as dropped:  # (none: an SQLite without FTS5 trigram)
        yield
        if dropped:
            conn.execute(index_rows_after(table), (mark,))


@contextmanager
def counted_once(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Insert many rows into `table` in the block with one count of writes for all of them (migration keep01,
    `tracker.store.queries.kept_reminders`): its trigger adds one per row, 1.5 µs each (0.15 s of a
    100,000-row import); it is dropped for the block, and the count moved once."""
    from tracker.store.queries.kept_reminders import PREFIX

    with _without_trigger(conn, f"{PREFIX}{table}_insert", table) as dropped:
        yield
        if dropped:
            conn.execute("UPDATE kept_stamp SET writes = writes + 1 WHERE id = 1")


@contextmanager
def indexes_rebuilt(conn: sqlite3.Connection, table: str, new: int) -> Iterator[None]:
    """Insert `new` rows into `table` in the block; its indexes rebuilt after, when that is cheaper."""
    if new < BULK_INDEX or new < int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]):
        yield
        return
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                           "AND sql IS NOT NULL ORDER BY rowid", (table,)).fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        conn.execute(sql)
