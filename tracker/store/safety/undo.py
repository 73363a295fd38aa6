"""Undo: the last recorded actions (a delete, a bulk stage move, an import, any change made in the TUI), reversed.

An action runs inside `recording(session, action=..., description=...)`; when it ends
without an error, what it changed (`tracker.store.safety.changes`) is kept as an `UndoEntry`,
in the same transaction as the action itself. `undo_last(session)` reverses the newest
entry not undone yet, in the caller's transaction: it puts back the rows the action removed,
gives the rows it changed their old values, and removes the rows it added. Undoing again
reverses the one before, most recent first; each entry is undone once; the last `KEEP`
entries are kept.

An undo refuses (`UndoConflict`, nothing changed) when what it would reverse has changed
since: a value the action set was changed again, a message was logged with a person the
import added, a person of the same name was added again. Rows put back keep their ids
when they are free; otherwise they get new ones, and every reference to them follows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tracker.domain.errors import TrackerError
from tracker.store.models import UndoEntry, utcnow
from tracker.store.safety.changes import (
    Changes,
    Recorder,
    chunks,
    count,
    decode,
    noun,
    foreign_keys,
    in_ranges,
    int_keyed,
    pk,
    read_rows,
    references,
    tables,
)
from tracker.store.queries.reminder_keys import remap_key
from tracker.store.safety.undo_format import KEEP

ACTIONS = ("delete-person", "delete-opportunity", "bulk-move", "import", "edit")
"""What can be recorded: "edit" is any other change (the TUI records every write it makes)."""
_ACTIVE = "tracker.undo.recorder"


class NothingToUndo(TrackerError):
    """There is no action to undo, or the last one was already undone."""


class UndoConflict(TrackerError):
    """The action cannot be undone: what it changed was changed again since."""


class Recording:
    """What `recording` yields: set `description` once the action knows what it did."""

    def __init__(self, action: str, description: str) -> None:
        self.action = action
        """The kind of action (one of ACTIONS): a recording inside another one names the outer's entry."""
        self.description = description
        """What the action did, for people: set it once known (the default names the action)."""
        self.entry: UndoEntry | None = None
        """The entry written (None until the block ends, or when nothing changed)."""


@contextmanager
def recording(session: Session, *, action: str, description: str = "") -> Iterator[Recording]:
    """Record what the block changes as an undoable `action`; enter it before the action changes anything.

    Nothing is recorded when the block raises (its transaction is rolled back anyway) or
    changes nothing. Inside another recording (a delete run by a TUI change), this one records
    nothing itself: its action and description name the outer one's entry, being more precise.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown undoable action {action!r}")
    outer: Recording | None = session.info.get(_ACTIVE)
    if outer is not None:
        inner = Recording(action, description)
        yield inner
        outer.action = inner.action
        outer.description = inner.description or outer.description
        return
    recorder = Recorder(session)
    handle = Recording(action, description)
    session.info[_ACTIVE] = handle
    recorder.start()
    try:
        yield handle
        changes = recorder.changes()
    finally:
        recorder.stop()
        session.info.pop(_ACTIVE, None)
    if not changes.empty():
        handle.entry = _save(session, handle.action, handle.description or handle.action, changes)


def record_import(session: Session, source: str | Path) -> Any:
    """The recording of an import of `source`: `with record_import(session, path) as undo: ...`.

    Set `undo.description` to the import's summary before the block ends, if known.
    """
    return recording(session, action="import", description=f"import of {Path(source).name}")


def _save(session: Session, action: str, description: str, changes: Changes) -> UndoEntry:
    entry = UndoEntry(action=action, description=description, payload=changes.as_json())
    session.add(entry)
    session.flush()
    session.execute(sa.delete(UndoEntry).where(UndoEntry.id <= entry.id - KEEP))  # type: ignore[operator]
    return entry


# --- reading the log --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    """The action `undo_last` would reverse."""

    id: int
    action: str
    description: str
    created_at: datetime
    counts: dict[str, tuple[int, int, int]]
    """Table -> (rows to put back, rows to remove, rows to restore)."""

    def effects(self) -> list[str]:
        """ "brings back 1 person, 12 messages", "removes 40 messages", "reverts 3 opportunities"."""
        parts = []
        for verb, index in (("brings back", 0), ("removes", 1), ("reverts", 2)):
            items = [count(t, c[index]) for t, c in self.counts.items() if c[index]]
            if items:
                parts.append(f"{verb} {', '.join(items)}")
        return parts


def _newest(session: Session, *, undone: bool | None = None) -> UndoEntry | None:
    query = select(UndoEntry)
    if undone is False:
        query = query.where(UndoEntry.undone_at.is_(None))  # type: ignore[union-attr]
    return session.exec(query.order_by(UndoEntry.id.desc()).limit(1)).first()  # type: ignore[union-attr]


def pending(session: Session) -> Pending:
    """What `undo_last` would undo (the newest entry not undone yet); NothingToUndo when nothing can be."""
    entry = _newest(session, undone=False)
    if entry is None:
        last = _newest(session)
        if last is None:
            raise NothingToUndo("nothing to undo: no change has been recorded")
        raise NothingToUndo(f"nothing to undo: every change kept was already undone "
                            f"(the last: {last.description})")
    assert entry.id is not None
    changes = Changes.from_json(json.loads(entry.payload))
    return Pending(entry.id, entry.action, entry.description, entry.created_at, changes.counts())


# --- undoing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Undone:
    """What `undo_last` did."""

    description: str
    effects: list[str]

    def __str__(self) -> str:
        done = "; ".join(self.effects)
        return f"Undone: {self.description}" + (f" ({done})" if done else "")


def undo_last(session: Session, *, expected: int | None = None, now: datetime | None = None) -> Undone:
    """Reverse the newest undo entry in the caller's transaction.

    `expected` is the id of the entry the user was shown (`pending().id`); if another
    action was recorded since, nothing is undone (UndoConflict). Raises NothingToUndo,
    or UndoConflict when the records changed since.
    """
    plan = pending(session)
    if expected is not None and plan.id != expected:
        raise UndoConflict(f"nothing was undone: another action was recorded since ({plan.description}); "
                           "run undo again to see it")
    entry = session.get(UndoEntry, plan.id)
    assert entry is not None
    changes = Changes.from_json(json.loads(entry.payload))
    conn = session.connection()
    session.flush()
    _check_changed(conn, changes)
    _check_added(conn, changes)
    try:
        mapping = _put_back(conn, changes)
        _restore(conn, changes, mapping)
        _remove(conn, changes)
        _refresh_search_keys(conn, changes, mapping)
    except IntegrityError as err:
        raise UndoConflict(f"cannot undo {plan.description}: records added since conflict with it "
                           f"({getattr(err, 'orig', err)})") from None
    entry.undone_at = now or utcnow()
    session.add(entry)
    session.flush()
    session.expire_all()
    return Undone(plan.description, plan.effects())


def _label(table: str, row: dict[str, Any] | None, ident: Any) -> str:
    if row is not None:
        for column in ("name", "title", "text", "key"):
            if row.get(column):
                return f'"{row[column]}"'
    return f"{noun(table, 1)} {ident}"


def _check_changed(conn: sa.Connection, changes: Changes) -> None:
    """Every value the action set must still be there."""
    for name, items in changes.changed.items():
        table = tables()[name]
        now = read_rows(conn, table, [item["id"] for item in items])
        for item in items:
            row = now.get(item["id"])
            if row is None:
                raise UndoConflict(f"cannot undo: {_label(name, None, item['id'])} was deleted since")
            for column, value in item["after"].items():
                if row.get(column) != value:
                    shown = column.replace("_", " ")
                    raise UndoConflict(f"cannot undo: the {shown} of {_label(name, row, item['id'])} was changed "
                                       f"since (now {row.get(column)!r}); change it back first, or leave it")


def _check_added(conn: sa.Connection, changes: Changes) -> None:
    """No row outside the action may refer to a row it added (that row is about to go).

    Rows the action added go with it, and rows it pointed there itself (a person an import moved to an
    organization it added) get their old value back first (`_check_changed` made sure they still hold
    the action's): neither counts."""
    for parent, runs in changes.added.items():
        for child, column, _ in references().get(parent, []):
            table = tables()[child]
            query = sa.select(sa.func.count()).select_from(table).where(in_ranges(table.c[column], runs))
            if child in changes.added:
                query = query.where(sa.not_(in_ranges(pk(table), changes.added[child])))
            repointed = [item["id"] for item in changes.changed.get(child, []) if column in item["after"]]
            for batch in chunks(repointed):
                query = query.where(pk(table).not_in(batch))
            found = conn.execute(query).scalar() or 0
            if found:
                raise UndoConflict(
                    f"cannot undo: {count(child, found)} added since refer to {noun(parent, 2)} it added; "
                    "delete them first, or leave it"
                )


def _put_back(conn: sa.Connection, changes: Changes) -> dict[str, dict[Any, Any]]:
    """Insert the removed rows, parents first; returns table -> {old id: new id} for ids that were taken."""
    mapping: dict[str, dict[Any, Any]] = {}
    for name, table in tables().items():
        rows = changes.removed.get(name)
        if not rows:
            continue
        key = pk(table)
        links = foreign_keys(table)
        taken = set(read_rows(conn, table, [r[key.name] for r in rows]))
        for row in rows:
            values = decode(table, row)
            for column, parent in links.items():
                values[column] = mapping.get(parent, {}).get(values[column], values[column])
            if name == "reminderstate":
                values["key"] = remap_key(values["key"], mapping)
            if not int_keyed(table) and read_rows(conn, table, [values[key.name]]):
                continue  # the same reminder snoozed again, the same reply recorded again since: keep that
            _check_unique(conn, name, table, values)
            old = values[key.name]
            if old in taken and int_keyed(table):
                del values[key.name]
                new = conn.execute(sa.insert(table).values(**values)).inserted_primary_key[0]
                mapping.setdefault(name, {})[old] = new
            else:
                conn.execute(sa.insert(table).values(**values))
    return mapping


def _check_unique(conn: sa.Connection, name: str, table: sa.Table, values: dict[str, Any]) -> None:
    """A person or opportunity of the same name added since would make two: refuse."""
    if name == "person":
        same = sa.and_(sa.func.lower(table.c.name) == values["name"].lower(),
                       table.c.organization_id.is_(None) if values["organization_id"] is None
                       else table.c.organization_id == values["organization_id"])
        what = f'a person named "{values["name"]}"'
    elif name == "opportunity":
        same = sa.func.lower(table.c.title) == values["title"].lower()
        what = f'an opportunity titled "{values["title"]}"'
    else:
        return
    if conn.execute(sa.select(sa.func.count()).select_from(table).where(same)).scalar():
        raise UndoConflict(f"cannot undo: {what} was added since; rename or delete it first")


def _restore(conn: sa.Connection, changes: Changes, mapping: dict[str, dict[Any, Any]]) -> None:
    """Give the changed rows their old values (references to rows put back follow their new ids)."""
    for name, items in changes.changed.items():
        table = tables()[name]
        links = foreign_keys(table)
        for item in items:
            values = decode(table, item["before"])
            for column in values.keys() & links.keys():
                values[column] = mapping.get(links[column], {}).get(values[column], values[column])
            conn.execute(sa.update(table).where(pk(table) == item["id"]).values(**values))


def _refresh_search_keys(conn: sa.Connection, changes: Changes, mapping: dict[str, dict[Any, Any]]) -> None:
    """Fold the search keys of the rows put back or restored again (an entry recorded before the
    keys existed holds none)."""
    from tracker.store.queries.search_keys import refresh

    def touched(name: str) -> list[int]:
        ids = [row["id"] for row in changes.removed.get(name, [])] + [item["id"] for item in changes.changed.get(name, [])]
        return [mapping.get(name, {}).get(i, i) for i in ids]

    refresh(conn, people=touched("person"), opportunities=touched("opportunity"),
            organizations=touched("organization"))


def _remove(conn: sa.Connection, changes: Changes) -> None:
    """Delete the rows the action added, children first."""
    for name in reversed(list(tables())):
        runs = changes.added.get(name)
        if runs:
            table = tables()[name]
            conn.execute(sa.delete(table).where(in_ranges(pk(table), runs)))
