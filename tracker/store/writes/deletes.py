"""Deleting a person or an opportunity, with what belongs to it, as one undoable action.

What goes with a record follows the foreign keys: rows that cannot exist without it are
deleted (a person's messages and the letters they write; an opportunity's stage history,
messages, interviews, offers and letter requests), rows that merely mention it keep going
without the link (the opportunities whose main contact a person was, an interview "with"
them, a reminder set by hand, the message ids mail sync logged for them). The snoozes and
dismissals of the reminders of every deleted record go too, so that a record that later reuses
an id does not inherit them. Every row goes or loses its link by a statement of ours, none by the
database's ON DELETE, so that the undo log sees it and `tracker undo` puts it back.

`impact()` says all that before anything is deleted (the CLI and the TUI ask with it);
`delete_person` / `delete_opportunity` do it inside `tracker.store.safety.undo.recording`, in the
caller's transaction, so `tracker undo` brings everything back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.errors import NotFound
from tracker.store.models import Opportunity, Organization, Person, ReminderState
from tracker.store.safety.changes import chunks, count, pk, references, tables
from tracker.store.queries.reminder_keys import key_record
from tracker.store.safety.undo import recording

OWNED: dict[str, frozenset[str]] = {"opportunity": frozenset({"interaction"})}
"""Rows deleted with their parent although their link could be emptied: an opportunity's messages."""

UNSAID = frozenset({"reminderstate", "mailseen"})
"""Bookkeeping that goes (or loses its link) unmentioned in the question: snoozes, the message ids mail sync kept."""

_KINDS: dict[str, tuple[type[Person] | type[Opportunity], str]] = {
    "person": (Person, "name"),
    "opportunity": (Opportunity, "title"),
}


@dataclass
class Impact:
    """What deleting one record takes with it."""

    kind: str
    """ "person" or "opportunity"."""
    id: int
    label: str
    """The person's name (and organization), or the opportunity's title."""
    deleted: dict[str, set[Any]] = field(default_factory=dict)
    """Table -> ids of the rows deleted with it (the record itself is not counted)."""
    unlinked: dict[tuple[str, str], set[Any]] = field(default_factory=dict)
    """(table, column) -> ids of the rows that keep going without the link."""

    def summary(self) -> str:
        """ 'person "Prof. Kim Minsoo" (GIST) with 12 messages, 1 letter request'."""
        shown = [count(t, len(ids)) for t, ids in self.deleted.items() if ids and t not in UNSAID]
        return f"{self.kind} {self.label}" + (f" with {', '.join(shown)}" if shown else "")

    def lines(self) -> list[str]:
        """What will go and what stays, for the question before deleting."""
        lines = [f"Deletes {self.summary()}."]
        kept: dict[str, set[Any]] = {}
        for (table, _column), ids in self.unlinked.items():
            if table not in UNSAID:
                kept.setdefault(table, set()).update(ids)
        if kept:
            lines.append(f"Keeps, without the link: {', '.join(count(t, len(i)) for t, i in kept.items())}.")
        return lines


def _label(session: Session, kind: str, ident: int) -> str:
    model, attr = _KINDS[kind]
    record = session.get(model, ident)
    if record is None:
        raise NotFound(f"no {kind} with id {ident} (was it deleted already?)")
    label = f'"{getattr(record, attr)}"'
    org_id = getattr(record, "organization_id", None)
    org = session.get(Organization, org_id) if kind == "person" and org_id else None
    return f"{label} ({org.name})" if org else label


def _ids(conn: sa.Connection, table: str, column: str, parents: set[Any]) -> set[Any]:
    t = tables()[table]
    found: set[Any] = set()
    for batch in chunks(sorted(parents)):
        found.update(conn.execute(sa.select(pk(t)).where(t.c[column].in_(batch))).scalars())
    return found


def _follow(conn: sa.Connection, parent: str, ids: set[Any], found: Impact) -> None:
    """Add to `found` the rows that go with rows `ids` of `parent`, and those that lose their link."""
    for child, column, _ in references()[parent]:
        rows = _ids(conn, child, column, ids)
        if not rows:
            continue
        if tables()[child].c[column].nullable and child not in OWNED.get(parent, frozenset()):
            found.unlinked.setdefault((child, column), set()).update(rows)
        else:
            new = rows - found.deleted.get(child, set())
            found.deleted.setdefault(child, set()).update(rows)
            if new:
                _follow(conn, child, new, found)


def impact(session: Session, kind: str, ident: int) -> Impact:
    """What deleting the person or opportunity with id `ident` takes with it (nothing is changed)."""
    if kind not in _KINDS:
        raise ValueError(f"cannot delete a {kind}")
    found = Impact(kind, ident, _label(session, kind, ident))
    session.flush()
    conn = session.connection()
    _follow(conn, kind, {ident}, found)
    gone = {t: set(ids) for t, ids in found.deleted.items()}
    gone.setdefault(kind, set()).add(ident)
    states = set()
    for key in conn.execute(sa.select(ReminderState.key)).scalars():  # type: ignore[call-overload]
        named = key_record(key)
        if named and named[1] in gone.get(named[0], ()):
            states.add(key)
    if states:
        found.deleted["reminderstate"] = states
    for key, ids in list(found.unlinked.items()):
        ids -= found.deleted.get(key[0], set())  # rows that are deleted anyway
        if not ids:
            del found.unlinked[key]
    return found


def _delete(session: Session, kind: str, ident: int) -> Impact:
    """Unlink, then delete children first, then the record: plain statements the recording sees."""
    found = impact(session, kind, ident)
    conn = session.connection()
    for (table, column), ids in found.unlinked.items():
        t = tables()[table]
        for batch in chunks(sorted(ids)):
            conn.execute(sa.update(t).where(pk(t).in_(batch)).values({column: None}))
    for table in [name for name in reversed(list(tables())) if name in found.deleted]:
        t = tables()[table]
        for batch in chunks(sorted(found.deleted[table])):
            conn.execute(sa.delete(t).where(pk(t).in_(batch)))
    t = tables()[kind]
    conn.execute(sa.delete(t).where(pk(t) == ident))
    session.expire_all()
    return found


def delete_person(session: Session, *, person_id: int) -> Impact:
    """Delete the person, their messages and the letters they write; undoable. Returns what went."""
    with recording(session, action="delete-person") as undo:
        found = _delete(session, "person", person_id)
        undo.description = f"deleted {found.summary()}"
    return found


def delete_opportunity(session: Session, *, opportunity_id: int) -> Impact:
    """Delete the opportunity with its history, messages, letters, interviews and offers; undoable."""
    with recording(session, action="delete-opportunity") as undo:
        found = _delete(session, "opportunity", opportunity_id)
        undo.description = f"deleted {found.summary()}"
    return found
