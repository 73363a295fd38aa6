"""The rendered queries read over sqlite3: the SQL that the portable queries compile to for SQLite
(`tracker.store.queries.rendering` explains and writes it), run without SQLAlchemy, each row's
values as the ORM gives them (dates as dates, not text). The Store's `rendered_rows` runs them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from typing import Any

from tracker.store.queries.one_step import all_rows
from tracker.store.queries.rendered_sqlite import QUERIES


def _instant(text: str) -> datetime:
    """A `UTCDateTime` column as the ORM gives it: an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


CONVERT: dict[str, Callable[[Any], Any]] = {
    "date": date.fromisoformat, "datetime": datetime.fromisoformat, "instant": _instant, "bool": bool,
}


def rows(conn: sqlite3.Connection, name: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of the rendered query `name` (`params`: a page's limit and offset, for those that take them)."""
    sql, kinds = QUERIES[name]
    found = all_rows(conn, sql, tuple(params))
    converting = [(index, CONVERT[kind]) for index, kind in enumerate(kinds) if kind]
    if not converting:
        return found
    converted = []
    for row in found:
        values = list(row)
        for index, convert in converting:
            if values[index] is not None:
                values[index] = convert(values[index])
        converted.append(tuple(values))
    return converted
