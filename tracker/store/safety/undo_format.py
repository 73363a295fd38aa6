"""The undo log's format, shared by the SQLAlchemy store and the `sqlite3`-only import path. Pure.

An `undoentry` row holds one destructive action: `action`, `description`, `created_at`,
`undone_at`, and `payload`, this JSON:

    {"v": 1,
     "removed": {table: [row, ...]},                  rows the action deleted
     "added":   {table: [[first_id, last_id], ...]},  ids of the rows it inserted, as runs
                                                      (text keys: one [key, key] per row)
     "changed": {table: [{"id": id, "before": {column: value}, "after": {column: value}}]}}

Rows are column -> value: JSON numbers, strings and nulls; days "YYYY-MM-DD"; instants in
ISO 8601 with their offset ("2026-11-22T10:00:00+00:00"). `tracker.store.safety.changes` writes
it through SQLAlchemy, `tracker.store.safety.undo_sqlite` over `sqlite3`; `tracker.store.safety.undo` reads it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

TABLES: tuple[str, ...] = (
    "profile", "organization", "person", "opportunity", "stagechange", "interaction", "interview", "offer", "letterrequest",
    "reminder", "reminderstate", "mailseen", "mailunknown",
)
"""The tables an undoable action may change, each after the tables it refers to."""
TEXT_KEYED: dict[str, str] = {"reminderstate": "key", "mailseen": "message_id", "mailunknown": "message_id"}
"""Tables whose key is not a number (new rows cannot be told by their id), and their key column."""
NEVER_ADDED = frozenset({"mailseen", "mailunknown"})
"""Tables no undoable action adds rows to: mail sync's bookkeeping (the messages it logged, the replies
from unknown addresses), written by `tracker mail sync`/`import`, which are not undoable. A delete
changes or removes their rows (a person's), and that is recorded; but their keys, one per message
ever logged, are not listed at the start of every action to find rows added."""
KEEP = 20
"""Undo entries kept (undone newest first; older ones are forgotten)."""

Row = dict[str, Any]


def to_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Ids as sorted [first, last] runs: [1, 2, 3, 7] -> [[1, 3], [7, 7]]."""
    runs: list[list[int]] = []
    for ident in sorted(ids):
        if runs and ident == runs[-1][1] + 1:
            runs[-1][1] = ident
        else:
            runs.append([ident, ident])
    return runs


def from_ranges(runs: Iterable[Iterable[int]]) -> Iterator[int]:
    """The ids of `to_ranges` runs."""
    for first, last in runs:
        yield from range(first, last + 1)


def diff(before: Mapping[str, Mapping[Any, Row]],
         read: Callable[[str, list[Any]], Mapping[Any, Row]]) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """(removed, changed): the rows of `before` that are gone now, and the columns that changed in the others.

    `read(table, ids)` returns the rows as they are now, by id. Each table's rows are listed in the
    order of their ids, whatever order they were kept in, so that both writers of the log write the
    same payload for the same change.
    """
    removed: dict[str, list[Row]] = {}
    changed: dict[str, list[Row]] = {}
    for table in TABLES:
        images = before.get(table)
        if not images:
            continue
        now = read(table, list(images))
        for ident in sorted(images):  # by id: the same payload whichever order the rows were kept in
            old = images[ident]
            new = now.get(ident)
            if new is None:
                removed.setdefault(table, []).append(old)
                continue
            columns = [c for c in old if old[c] != new.get(c)]
            if columns:
                changed.setdefault(table, []).append(
                    {"id": ident, "before": {c: old[c] for c in columns}, "after": {c: new[c] for c in columns}})
    return removed, changed


def payload(removed: Mapping[str, Any], added: Mapping[str, Any], changed: Mapping[str, Any]) -> str:
    """The JSON text of an undo entry."""
    return json.dumps({"v": 1, "removed": removed, "added": added, "changed": changed})
