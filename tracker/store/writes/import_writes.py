"""CSV import through SQLAlchemy: load a snapshot of the store, write an import's plan in bulk.

The row logic is `tracker.io.import_rows` (pure); this module only reads what it needs once
and writes the result with a handful of bulk statements inside the caller's transaction:
one multi-row INSERT ... RETURNING per kind of parent record (so every new id is known before a
child refers to it), bulk UPDATEs by primary key, and executemany INSERTs for the history and
the interactions. Portable SQL: any database SQLAlchemy speaks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlmodel import Session

from tracker.domain.import_records import (INTERACTION_KEY, OPPORTUNITY_COLUMNS, PERSON_COLUMNS, OppRec, OrgRec, PersonRec,
                                    Plan, Snapshot)
from tracker.store.models import Interaction, Opportunity, Organization, Person, Profile, StageChange


def load_snapshot(session: Session, what: str) -> Snapshot:
    """What an import of a `what` file needs to know about the store, read once."""
    snapshot = Snapshot(
        orgs=[tuple(r) for r in session.execute(select(Organization.id, Organization.name).order_by(Organization.id))],
        people=[tuple(r) for r in session.execute(
            select(*(getattr(Person, c) for c in PERSON_COLUMNS)).order_by(Person.id))],
    )
    if what != "people":
        snapshot.opportunities = [tuple(r) for r in session.execute(
            select(*(getattr(Opportunity, c) for c in OPPORTUNITY_COLUMNS)).order_by(Opportunity.id))]
    if what == "log":
        key = [getattr(Interaction, c) for c in INTERACTION_KEY]
        snapshot.interactions = {tuple(r) for r in session.execute(select(*key))}
        profile = session.execute(select(Profile.follow_up_email_days, Profile.follow_up_linkedin_days)
                                  .where(Profile.id == 1)).first()
        snapshot.profile = (profile[0], profile[1]) if profile else None
    return snapshot


def insert_new(session: Session, model: Any, records: list[Any], rows: list[dict[str, Any]]) -> None:
    """Insert `rows` and give each record its new id, in order.

    SQLite (inside the import's BEGIN IMMEDIATE, so no one else inserts): the ids SQLite itself
    would choose, max(id) + 1 onwards, given explicitly, so that one executemany does it. Other
    databases: INSERT ... RETURNING in parameter order.
    """
    if not rows:
        return
    table = model.__table__
    if session.get_bind().dialect.name == "sqlite":
        start = (session.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        for offset, (record, row) in enumerate(zip(records, rows, strict=True)):
            record.id = row["id"] = start + offset
        session.execute(insert(table), rows)
        return
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    for record, new_id in zip(records, result.scalars(), strict=True):
        record.id = new_id


def _update(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Update stored records by id; each row holds "_id" and every column to set."""
    if rows:
        table = model.__table__
        columns = [key for key in rows[0] if key != "_id"]
        session.execute(update(table).where(table.c.id == bindparam("_id"))
                        .values({key: bindparam(key) for key in columns}), rows)


def write_plan(session: Session, plan: Plan) -> None:
    """Write everything `plan` holds, parents before children.

    Core statements on the tables (not ORM bulk inserts, which split rows into one statement per
    pattern of empty cells): one executemany per kind of record.
    """
    if plan.create_profile:
        session.execute(insert(Profile).values(id=1))
    orgs: list[OrgRec] = plan.new_orgs
    insert_new(session, Organization, orgs, [o.row() for o in orgs])
    people: list[PersonRec] = plan.new_people
    insert_new(session, Person, people, [p.row() | {"added_on": p.added_on} for p in people])
    opps: list[OppRec] = plan.new_opps
    insert_new(session, Opportunity, opps, [o.row() for o in opps])
    _update(session, Person, [{"_id": p.id, **p.row()} for p in plan.changed_people.values()])
    _update(session, Opportunity, [{"_id": o.id, **o.row()} for o in plan.changed_opps.values()])
    first = StageChange.__table__.c  # type: ignore[attr-defined]
    for opp_id, day in plan.backdates.items():
        session.execute(update(StageChange.__table__)  # type: ignore[arg-type]
                        .where(first.opportunity_id == opp_id, first.from_stage.is_(None), first.changed_on > day)
                        .values(changed_on=day))
    if plan.stages:
        session.execute(insert(StageChange.__table__), [s.row() for s in plan.stages])  # type: ignore[arg-type]
    if plan.interactions:
        session.execute(insert(Interaction.__table__), plan.interaction_rows())  # type: ignore[arg-type]
