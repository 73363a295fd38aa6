"""Writing the folded search keys of rows that were written without the ORM's events.

The ORM keeps `person.search_name`/`search_text`, `opportunity.search_text` and
`organization.search_text` on every write (`tracker.store.models`); imports compute them as they build
their rows. `refresh` recomputes them from the rows as stored: migration 0005 does it for every
row, `tracker undo` for the rows it puts back. A change to `tracker.domain.folding.fold` needs a
migration that calls `refresh()` for every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from tracker.domain.folding import opportunity_key, organization_key, person_keys

BATCH = 2000

_PERSON = sa.table("person", *(sa.column(c) for c in (
    "id", "name", "aliases", "lab", "research_areas", "email", "search_name", "search_text")))
_OPPORTUNITY = sa.table("opportunity", *(sa.column(c) for c in ("id", "title", "lab", "cycle", "notes", "search_text")))
_ORGANIZATION = sa.table("organization", *(sa.column(c) for c in ("id", "name", "search_text")))


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


def _rows(conn: sa.Connection, table: Any, columns: list[str], ids: Iterable[int] | None) -> Iterator[Any]:
    query = sa.select(*(table.c[c] for c in columns))
    if ids is None:
        yield from conn.execute(query)
        return
    for chunk in _chunks(sorted(set(ids))):
        yield from conn.execute(query.where(table.c.id.in_(chunk)))


def _write(conn: sa.Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    statement = sa.update(table).where(table.c.id == sa.bindparam("_id"))
    for start in range(0, len(rows), BATCH):
        conn.execute(statement, rows[start:start + BATCH])


def refresh(conn: sa.Connection, *, people: Iterable[int] | None = (), opportunities: Iterable[int] | None = (),
            organizations: Iterable[int] | None = ()) -> None:
    """Recompute the keys of these rows (of every row where None is given), as the ORM would."""
    if people is None or people:
        rows = []
        for pid, name, aliases, lab, areas, email in _rows(
                conn, _PERSON, ["id", "name", "aliases", "lab", "research_areas", "email"], people):
            search_name, search_text = person_keys(name, aliases, lab, areas, email)
            rows.append({"_id": pid, "search_name": search_name, "search_text": search_text})
        _write(conn, _PERSON, rows)
    if opportunities is None or opportunities:
        rows = [{"_id": oid, "search_text": opportunity_key(title, lab, cycle, notes)}
                for oid, title, lab, cycle, notes in _rows(
                    conn, _OPPORTUNITY, ["id", "title", "lab", "cycle", "notes"], opportunities)]
        _write(conn, _OPPORTUNITY, rows)
    if organizations is None or organizations:
        rows = [{"_id": oid, "search_text": organization_key(name)}
                for oid, name in _rows(conn, _ORGANIZATION, ["id", "name"], organizations)]
        _write(conn, _ORGANIZATION, rows)
