"""All the rows of a query in one step of SQLite, for the reads the TUI makes in its worker threads.

`sqlite3` lets go of the interpreter lock around each step of a statement, one per row, and takes it
back when the step is done. With another thread busy in Python meanwhile (the UI thread painting,
the warm-up loading the ORM, the agenda's rest), taking it back waits for that thread's switch
interval (5 ms) at every row: beside a thread busy in Python the Board's 10,000 rows took 80 s
instead of 0.09 s. Read as one JSON array, the rows cost one step, and the same read took 0.14 s.
The values come back as sqlite3 gives them (integers, reals, text, None; no blobs here).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


_ONE_STEP: dict[str, str] = {}
"""The one-step form of each query read so far (its columns come from its text, not its parameters)."""


def all_rows(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
    """The rows of `sql`, in its order, as tuples: what `conn.execute(sql, params).fetchall()` gives."""
    wrapped = _ONE_STEP.get(sql)
    if wrapped is None:
        names = [column[0] for column in conn.execute(f"SELECT * FROM ({sql}) LIMIT 0", params).description]
        columns = ", ".join('"' + name.replace('"', '""') + '"' for name in names)
        wrapped = _ONE_STEP[sql] = f"SELECT json_group_array(json_array({columns})) FROM ({sql})"
    return [tuple(row) for row in json.loads(conn.execute(wrapped, params).fetchone()[0])]
