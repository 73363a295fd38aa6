"""Before-images: what one action changed in the database, recorded so that it can be reversed.

A `Recorder` watches one transaction from its start. It notes the highest id of every
table (rows above it were *added* by the action), and keeps the first image of every row
the action updates or deletes: a `before_execute` hook on the transaction's connection sees
every UPDATE and DELETE statement (the ORM's flushes and Core's bulk statements alike) and
reads the rows its WHERE clause matches before it runs. At the end, `changes()` compares
those images with the rows as they are now, and returns a `Changes`:

- `removed`: full rows the action deleted (to insert again),
- `added`: ids of rows it inserted, as ranges (an import of 100,000 messages is one range;
  a table keyed by text, the snoozes and dismissals, has one [key, key] range per row added),
- `changed`: for rows it updated, only the columns that changed, before and after.

Rows are stored as JSON (dates and instants in ISO 8601) and decoded by column type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session, SQLModel

from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    MailSeen,
    MailUnknown,
    Offer,
    Opportunity,
    Organization,
    Person,
    Profile,
    Reminder,
    ReminderState,
    StageChange,
    UTCDateTime,
)
from tracker.store.safety.undo_format import NEVER_ADDED, TABLES, diff, payload, to_ranges

TRACKED: tuple[type[SQLModel], ...] = (
    Profile, Organization, Person, Opportunity, StageChange, Interaction, Interview, Offer, LetterRequest, Reminder,
    ReminderState, MailSeen, MailUnknown,
)
"""The tables an undoable action may change."""

NOUNS: dict[str, tuple[str, str]] = {
    "profile": ("profile", "profiles"),
    "organization": ("organization", "organizations"),
    "person": ("person", "people"),
    "opportunity": ("opportunity", "opportunities"),
    "stagechange": ("stage change", "stage changes"),
    "interaction": ("message", "messages"),
    "interview": ("interview", "interviews"),
    "offer": ("offer", "offers"),
    "letterrequest": ("letter request", "letter requests"),
    "reminder": ("reminder", "reminders"),
    "reminderstate": ("snoozed or dismissed reminder", "snoozed or dismissed reminders"),
    "mailseen": ("message id kept by mail sync", "message ids kept by mail sync"),
    "mailunknown": ("reply from an unknown address", "replies from unknown addresses"),
}
"""What a row of each table is called, singular and plural."""

BATCH = 500
"""Ids per IN (...) query."""

Row = dict[str, Any]
"""A row as JSON: column name -> value (dates and instants as ISO strings)."""


def noun(table: str, n: int) -> str:
    """What `n` rows of `table` are called: "message", "messages"."""
    singular, plural = NOUNS.get(table, (table, table + "s"))
    return singular if n == 1 else plural


def count(table: str, n: int) -> str:
    """ "1 message", "3 messages"."""
    return f"{n} {noun(table, n)}"


@cache
def tables() -> dict[str, sa.Table]:
    """The tracked tables by name, parents before the tables that refer to them (`undo_format.TABLES`)."""
    by_name = {model.__table__.name: model.__table__ for model in TRACKED}  # type: ignore[attr-defined]
    return {name: by_name[name] for name in TABLES}


def pk(table: sa.Table) -> sa.Column[Any]:
    """The table's one primary-key column."""
    (column,) = table.primary_key.columns
    return column


def int_keyed(table: sa.Table) -> bool:
    """Whether the table's rows are numbered (its new rows can be told by their id)."""
    return isinstance(pk(table).type, sa.Integer)


@cache
def references() -> dict[str, list[tuple[str, str, str]]]:
    """Table -> the (child table, column, referenced table) pairs of every foreign key to it."""
    found: dict[str, list[tuple[str, str, str]]] = {name: [] for name in tables()}
    for child in tables().values():
        for column in child.columns:
            for key in column.foreign_keys:
                parent = key.column.table.name
                if parent in found:
                    found[parent].append((child.name, column.name, parent))
    return found


def foreign_keys(table: sa.Table) -> dict[str, str]:
    """Column -> referenced table, for the table's foreign keys to tracked tables."""
    return {
        column.name: key.column.table.name
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name in tables()
    }


# --- rows as JSON ---------------------------------------------------------------------------------


def encode(row: Mapping[str, Any]) -> Row:
    """A row as JSON values."""
    return {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in row.items()}


def decode(table: sa.Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """JSON values back to what the columns take."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        kind = table.columns[name].type
        if value is not None and isinstance(kind, (UTCDateTime, sa.DateTime)):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, sa.Date):
            value = date.fromisoformat(value)
        out[name] = value
    return out


def chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    """`items` in lists of at most `size`."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def read_rows(conn: sa.Connection, table: sa.Table, ids: Iterable[Any]) -> dict[Any, Row]:
    """The rows of `table` with these ids, as JSON, by id (missing ids are left out)."""
    key = pk(table)
    found: dict[Any, Row] = {}
    for batch in chunks(ids):
        for row in conn.execute(sa.select(table).where(key.in_(batch))):
            found[row._mapping[key.name]] = encode(row._mapping)
    return found


def in_ranges(column: sa.ColumnElement[Any], runs: list[list[int]]) -> sa.ColumnElement[bool]:
    """SQL: `column` is one of the ids of `runs`."""
    return sa.or_(sa.false(), *(column.between(first, last) for first, last in runs))


# --- recording ------------------------------------------------------------------------------------


@dataclass
class Changes:
    """What one action changed: the rows it removed, the ids it added, the columns it changed."""

    removed: dict[str, list[Row]] = field(default_factory=dict)
    added: dict[str, list[list[Any]]] = field(default_factory=dict)
    changed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Table -> [{"id": id, "before": {column: value}, "after": {column: value}}]."""

    def empty(self) -> bool:
        return not (self.removed or self.added or self.changed)

    def as_json(self) -> str:
        return payload(self.removed, self.added, self.changed)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Changes:
        return cls(dict(data.get("removed", {})), dict(data.get("added", {})), dict(data.get("changed", {})))

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """Table -> (removed, added, changed) row counts."""
        names = [n for n in tables() if n in self.removed or n in self.added or n in self.changed]
        return {
            n: (len(self.removed.get(n, [])),
                sum(b - a + 1 if isinstance(a, int) else 1 for a, b in self.added.get(n, [])),
                len(self.changed.get(n, [])))
            for n in names
        }


class Recorder:
    """Watches one transaction of `session` and works out its `Changes` (see the module's doc)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self.marks: dict[str, int] = {
            name: self.conn.execute(sa.select(sa.func.max(pk(t)))).scalar() or 0
            for name, t in tables().items() if int_keyed(t)
        }
        """The highest id of each table when the action began."""
        self.keys: dict[str, set[Any]] = {
            name: set(self.conn.execute(sa.select(pk(t))).scalars())
            for name, t in tables().items() if not int_keyed(t) and name not in NEVER_ADDED
        }
        """The keys of each table not numbered (snoozes and dismissals, a few rows) when the action began."""
        self.before: dict[str, dict[Any, Row]] = {name: {} for name in tables()}
        """The first image of each row the action touched, by table and id."""

    def start(self) -> None:
        event.listen(self.conn, "before_execute", self._before_execute)

    def stop(self) -> None:
        event.remove(self.conn, "before_execute", self._before_execute)

    def _new(self, name: str, ident: Any) -> bool:
        """True for a row this action added (rows it added are not before-imaged)."""
        mark = self.marks.get(name)
        return mark is not None and isinstance(ident, int) and ident > mark

    def _keep(self, name: str, ids: Iterable[Any]) -> None:
        wanted = [i for i in ids if i not in self.before[name] and not self._new(name, i)]
        if wanted:
            self.before[name].update(read_rows(self.conn, tables()[name], wanted))

    def _before_execute(self, conn: sa.Connection, statement: Any, multiparams: Any, params: Any,
                        _options: Any) -> None:
        """Before an UPDATE or DELETE of a tracked table: keep the rows it is about to change."""
        if not isinstance(statement, (sa.Update, sa.Delete)):
            return
        table = statement.table
        if not isinstance(table, sa.Table) or table.name not in self.before:
            return
        query = sa.select(pk(table))
        if statement.whereclause is not None:
            query = query.where(statement.whereclause)
        ids: set[Any] = set()
        for each in (multiparams if isinstance(multiparams, list) and multiparams else [params or {}]):
            ids.update(conn.execute(query, each).scalars())
        self._keep(table.name, ids)

    def changes(self) -> Changes:
        """What the action changed, compared with the images kept (flushes the session first)."""
        self.session.flush()
        removed, changed = diff(self.before, lambda name, ids: read_rows(self.conn, tables()[name], ids))
        result = Changes(removed=removed, changed=changed)
        for name, mark in self.marks.items():
            key = pk(tables()[name])
            added = list(self.conn.execute(sa.select(key).where(key > mark)).scalars())
            if added:
                result.added[name] = to_ranges(added)
        for name, keys in self.keys.items():
            new_keys = set(self.conn.execute(sa.select(pk(tables()[name]))).scalars()) - keys
            if new_keys:
                result.added[name] = [[key, key] for key in sorted(new_keys)]
        return result
