"""Listings: the rows behind `tracker list`, `--json` and CSV export.

Each listing yields plain dicts whose keys are the CSV columns of docs/csv-formats.md,
in order, with dates as `date`/`datetime` objects (formatting is the caller's job).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.store.models import Interaction, LetterRequest, Opportunity, Organization, Person, Reminder
from tracker.store.queries.search import (folded_name, in_country, in_order, log_matching, opportunities_matching,
                                          opportunity_keys, people_matching, person_keys)

LOG_COLUMNS: tuple[str, ...] = (
    "date", "channel", "direction", "person", "role", "organization", "lab",
    "opportunity", "stage", "subject", "notes", "follow_up_due",
)
OPPORTUNITY_COLUMNS: tuple[str, ...] = (
    "title", "kind", "organization", "lab", "contact", "cycle", "stage", "deadline", "applied_on",
    "letters_required", "letters_submitted", "last_activity", "next_follow_up", "url", "notes",
)
PEOPLE_COLUMNS: tuple[str, ...] = (
    "name", "role", "organization", "lab", "email", "linkedin", "homepage", "research_areas", "notes",
)

Row = dict[str, Any]


def _search(query: Select[Any], condition: Any, text: str | None) -> Select[Any]:
    """`query` kept to the rows of `condition` (a `tracker.store.queries.search` clause) when `text` is given."""
    return query.where(condition) if text and text.strip() else query


def people_rows(
    session: Session, *, search: str | None = None, role: str | None = None, stage: str | None = None,
    country: str | None = None,
) -> Iterator[Row]:
    """People, by name; `stage` keeps those who are the contact of, or wrote about, an opportunity there."""
    query = (
        select(
            Person.name, Person.role, Organization.name, Person.lab, Person.email, Person.linkedin,
            Person.homepage, Person.research_areas, Person.notes,
        )
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .order_by(in_order(folded_name(Person)), Person.id)
    )
    query = _search(query, people_matching(session, search), search)
    if country:
        query = query.where(in_country(Organization, country))
    if role:
        query = query.where(Person.role == role)
    if stage:
        at_stage = select(Opportunity.id).where(Opportunity.stage == stage)
        contacts = select(Opportunity.contact_id).where(Opportunity.stage == stage)
        writers = select(Interaction.person_id).where(Interaction.opportunity_id.in_(at_stage))  # type: ignore[union-attr]
        query = query.where(or_(Person.id.in_(contacts), Person.id.in_(writers)))  # type: ignore[union-attr]
    for row in session.execute(query):
        yield dict(zip(PEOPLE_COLUMNS, row, strict=True))


def _deadline_value(deadline: date | None, deadline_at: Any, tz: str | None) -> Any:
    if deadline_at is None:
        return deadline
    from tracker.domain.dates import arranged_in

    return arranged_in(deadline_at, tz) or deadline_at


def _activity(session: Session) -> dict[int, tuple[date, date | None]]:
    """Per opportunity: the last activity day, and the follow-up due if the last message was sent."""
    result: dict[int, tuple[date, date | None]] = {}
    query = (
        select(Interaction.opportunity_id, Interaction.on, Interaction.direction, Interaction.follow_up_on)
        .where(Interaction.opportunity_id.is_not(None))  # type: ignore[union-attr]
        .order_by(Interaction.on, Interaction.id)
    )
    for opp_id, on, direction, follow_up_on in session.execute(query):
        result[opp_id] = (on, follow_up_on if direction == "sent" else None)
    return result


def opportunity_rows(
    session: Session,
    *,
    search: str | None = None,
    stage: str | None = None,
    kind: str | None = None,
    cycle: str | None = None,
    country: str | None = None,
) -> Iterator[Row]:
    """Opportunities, oldest first, with letters submitted and the latest activity."""
    contact = aliased(Person)
    submitted = (
        select(LetterRequest.opportunity_id, func.count().label("n"))
        .where(LetterRequest.status.in_(("submitted", "thanked")))  # type: ignore[attr-defined]
        .group_by(LetterRequest.opportunity_id)
        .subquery()
    )
    query = (
        select(
            Opportunity.id, Opportunity.title, Opportunity.kind, Organization.name, Opportunity.lab, contact.name,
            Opportunity.cycle, Opportunity.stage, Opportunity.deadline, Opportunity.deadline_at,
            Opportunity.deadline_tz, Opportunity.applied_on, Opportunity.letters_required,
            func.coalesce(submitted.c.n, 0), Opportunity.url, Opportunity.notes,
        )
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(contact, contact.id == Opportunity.contact_id)
        .outerjoin(submitted, submitted.c.opportunity_id == Opportunity.id)
        .order_by(Opportunity.id)
    )
    query = _search(query, opportunities_matching(session, search), search)
    if country:
        query = query.where(in_country(Organization, country))
    if stage:
        query = query.where(Opportunity.stage == stage)
    if kind:
        query = query.where(Opportunity.kind == kind)
    if cycle:
        query = query.where(func.lower(Opportunity.cycle) == cycle.strip().lower())
    activity = _activity(session)
    for r in session.execute(query):
        last, follow_up = activity.get(r[0], (None, None))
        yield dict(zip(OPPORTUNITY_COLUMNS, (
            r[1], r[2], r[3], r[4], r[5], r[6], r[7], _deadline_value(r[8], r[9], r[10]), r[11],
            r[12], r[13], last, follow_up, r[14], r[15],
        ), strict=True))


def log_rows(
    session: Session, *, search: str | None = None, stage: str | None = None, channel: str | None = None
) -> Iterator[Row]:
    """Interactions, oldest first, with who, where and the opportunity's stage."""
    query = (
        select(
            Interaction.on, Interaction.channel, Interaction.direction, Person.name, Person.role,
            Organization.name, Person.lab, Opportunity.title, Opportunity.stage, Interaction.subject,
            Interaction.notes, Interaction.follow_up_on,
        )
        .join(Person, Person.id == Interaction.person_id)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .outerjoin(Opportunity, Opportunity.id == Interaction.opportunity_id)
        .order_by(Interaction.on, Interaction.id)
    )
    who, what = person_keys(), opportunity_keys()
    keys = (who["name"], who["organization"], what["text"])  # the person, their organization, the opportunity
    columns = (Interaction.subject, Interaction.notes, Interaction.paper)
    query = _search(query, log_matching(session, search, keys=keys, columns=columns), search)
    if stage:
        query = query.where(Opportunity.stage == stage)
    if channel:
        query = query.where(Interaction.channel == channel)
    for row in session.execute(query):
        yield dict(zip(LOG_COLUMNS, row, strict=True))


def is_empty(session: Session) -> bool:
    """True when the database holds no organization, person, opportunity, interaction or manual reminder."""
    for model in (Person, Opportunity, Interaction, Organization, Reminder):
        if session.execute(select(model.id).limit(1)).first() is not None:
            return False
    return True
