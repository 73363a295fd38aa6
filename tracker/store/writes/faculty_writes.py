"""Faculty import through SQLAlchemy: load a `FacultySnapshot`, write a `FacultyPlan` in bulk.

The rules are `tracker.io.faculty_plan` (pure); this module reads what they need once and
writes the plan inside the caller's transaction with Core statements (not ORM bulk inserts,
which split rows into one statement per pattern of empty cells), a batch of `BATCH` rows each.
Portable SQL: any database SQLAlchemy speaks. `faculty_sqlite` is its SQLite variant.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from tracker.domain.faculty_records import (ADDED_COLUMNS, BATCH, CHANGED_COLUMNS, KNOWN_COLUMNS, ORG_COLUMNS,
                                            FacultyPlan, FacultySnapshot)
from tracker.store.models import Organization, Person
from tracker.store.writes.import_writes import insert_new

Progress = Callable[[int, int], None]


def load_snapshot(session: Session) -> FacultySnapshot:
    """Every organization and person, as a faculty import compares them."""
    return FacultySnapshot(
        orgs=[tuple(r) for r in session.execute(  # type: ignore[misc]
            select(*(getattr(Organization, c) for c in ORG_COLUMNS)).order_by(Organization.id))],
        people=[tuple(r) for r in session.execute(
            select(*(getattr(Person, c) for c in KNOWN_COLUMNS)).order_by(Person.id))],
    )


def write_plan(session: Session, plan: FacultyPlan, progress: Progress | None) -> None:
    """Write `plan`: organizations, then people updated and added (`progress` after each batch), then countries."""
    insert_new(session, Organization, plan.new_orgs, [o.row() for o in plan.new_orgs])
    person = Person.__table__  # type: ignore[attr-defined]
    changes = [dict(zip(("_" + c for c in CHANGED_COLUMNS), row[:-1]), _id=row[-1]) for row in plan.change_rows()]
    people = [dict(zip(ADDED_COLUMNS, row)) for row in plan.added_rows(plan.today)]
    total, done = len(people) + len(changes), 0
    if progress:
        progress(0, total)
    by_id = update(person).where(person.c.id == bindparam("_id")).values(
        {c: bindparam("_" + c) for c in CHANGED_COLUMNS})
    # RETURNING makes SQLAlchemy write multi-row INSERT statements ("insertmanyvalues"): the search
    # index's triggers then run in a few statements instead of one per row, several times faster.
    adding = insert(person).returning(person.c.id).execution_options(insertmanyvalues_page_size=BATCH)
    for statement, rows in ((by_id, changes), (adding, people)):
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            result = session.execute(statement, batch)
            if result.returns_rows:
                result.all()
            done += len(batch)
            if progress:
                progress(done, total)
    if plan.located:
        organization = Organization.__table__  # type: ignore[attr-defined]
        session.execute(update(organization).where(organization.c.id == bindparam("_id"))
                        .values(country=bindparam("_country"), region=bindparam("_region")),
                        [{"_country": c, "_region": r, "_id": i} for c, r, i in plan.located_rows()])
