"""Recording an import made over `sqlite3` alone (`tracker.store.writes.import_sqlite`) for `tracker undo`.

The command line's fast import path does not load SQLAlchemy, so it cannot use
`tracker.store.safety.undo.recording`. `record_lean_import(conn, plan, source)` does the same job
with the standard library: inside the import's transaction, before `write_plan`, it notes the
highest id of every table and keeps the rows the plan will update (the people and
opportunities it changes, the first history entry of those it backdates); after, it writes
the same `undoentry` row (`tracker.store.safety.undo_format`) that the full path writes, so
`tracker undo` reverses either.

    with transaction(conn), record_lean_import(conn, plan, path) as undo:
        write_plan(conn, plan)
        undo.description = f"import of {path.name}: {report.summary()}"
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

from tracker.store.safety.undo_format import KEEP, TABLES, TEXT_KEYED, Row, diff, payload, to_ranges

BATCH = 500


def _key(table: str) -> str:
    return TEXT_KEYED.get(table, "id")


class LeanRecording:
    """Before-images and id marks over one `sqlite3` transaction (see the module's doc)."""

    def __init__(self, conn: sqlite3.Connection, description: str) -> None:
        self.conn = conn
        self.description = description
        """What the action did, for people."""
        self.instants = {
            table: {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[2].upper() == "DATETIME"}
            for table in TABLES
        }
        self.marks = {table: conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
                      for table in TABLES if table not in TEXT_KEYED}
        self.before: dict[str, dict[Any, Row]] = {table: {} for table in TABLES}

    def _encode(self, table: str, row: sqlite3.Row) -> Row:
        """A row as `tracker.store.safety.changes.encode` writes it: instants with their UTC offset."""
        out = dict(row)
        for column in self.instants[table] & out.keys():
            if out[column] is not None:
                out[column] = datetime.fromisoformat(out[column]).replace(tzinfo=timezone.utc).isoformat()
        return out

    def read(self, table: str, ids: Iterable[Any]) -> dict[Any, Row]:
        """The rows of `table` with these ids, as the payload stores them."""
        key, found = _key(table), {}
        it = iter(ids)
        factory = self.conn.row_factory
        self.conn.row_factory = sqlite3.Row
        try:
            while batch := list(islice(it, BATCH)):
                marks = ", ".join("?" * len(batch))
                for row in self.conn.execute(f'SELECT * FROM "{table}" WHERE "{key}" IN ({marks})', batch):
                    found[row[key]] = self._encode(table, row)
        finally:
            self.conn.row_factory = factory
        return found

    def keep(self, table: str, ids: Iterable[Any]) -> None:
        """Keep the rows of `table` with these ids as they are now, before the action changes them."""
        wanted = [i for i in ids if i not in self.before[table]]
        self.before[table].update(self.read(table, wanted))

    def keep_where(self, table: str, where: str, params: Iterable[tuple[Any, ...]]) -> None:
        """Keep the rows matching `where` (SQL with `?`), once per parameter tuple."""
        ids: set[Any] = set()
        for each in params:
            ids.update(r[0] for r in self.conn.execute(f'SELECT "{_key(table)}" FROM "{table}" WHERE {where}', each))
        self.keep(table, ids)

    def save(self, action: str) -> None:
        """Work out what changed and write the undo entry (nothing when nothing changed)."""
        removed, changed = diff(self.before, self.read)
        added = {}
        for table, mark in self.marks.items():
            ids = [r[0] for r in self.conn.execute(f'SELECT id FROM "{table}" WHERE id > ?', (mark,))]
            if ids:
                added[table] = to_ranges(ids)
        if not (removed or added or changed):
            return
        now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        cursor = self.conn.execute(
            "INSERT INTO undoentry (created_at, action, description, payload) VALUES (?, ?, ?, ?)",
            (now, action, self.description or action, payload(removed, added, changed)),
        )
        self.conn.execute("DELETE FROM undoentry WHERE id <= ?", ((cursor.lastrowid or 0) - KEEP,))


@contextmanager
def record_lean_import(conn: sqlite3.Connection, plan: Any, source: str | Path) -> Iterator[LeanRecording]:
    """Record the import `plan` (an `import_records.Plan` or a `faculty_records.FacultyPlan`) written in
    the block; see the module's doc.

    Enter it inside the import's transaction, before anything is written. Nothing is recorded
    when the block raises.
    """
    recording = LeanRecording(conn, f"import of {Path(source).name}")
    for table, ids in plan.kept().items():
        recording.keep(table, ids)
    recording.keep_where("stagechange", "opportunity_id = ? AND from_stage IS NULL",
                         ((opp_id,) for opp_id in plan.backdates))
    yield recording
    recording.save("import")
