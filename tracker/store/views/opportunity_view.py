"""One opportunity in full, by id, for the TUI's detail screen.

Like `tracker.store.views.details.opportunity_detail` (which the CLI's `show` uses, by title),
but keyed by id and carrying the ids a screen needs to open what it lists
(the contact, the people in the timeline) as frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session, SQLModel, col

from tracker.domain.errors import NotFound
from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    Offer,
    Opportunity,
    Organization,
    Person,
    StageChange,
)
from tracker.store.views.letters_data import status_day

T = TypeVar("T", bound=SQLModel)


@dataclass(frozen=True)
class StageStep:
    """One change of stage."""

    on: date
    from_stage: str | None
    to_stage: str


@dataclass(frozen=True)
class TimelineEntry:
    """A message or meeting with someone, about this opportunity (or an interview with them)."""

    on: date
    channel: str
    direction: str
    person_id: int | None
    person: str | None
    subject: str | None
    paper: str | None = None
    notes: str | None = None
    follow_up_on: date | None = None


@dataclass(frozen=True)
class InterviewLine:
    """An interview."""

    id: int
    at: datetime
    zone: str | None
    format: str | None
    with_person: str | None
    outcome: str | None
    notes: str | None


@dataclass(frozen=True)
class LetterLine:
    """A letter request: who, status, and the day of that status."""

    id: int
    writer_id: int
    writer: str
    status: str
    status_on: date | None
    notes: str | None


@dataclass(frozen=True)
class OfferLine:
    """An offer for the opportunity."""

    id: int
    received_on: date
    respond_by: date | None
    start: date | None
    end: date | None
    stipend: float | None
    currency: str | None
    decision: str
    reasons: str | None


@dataclass(frozen=True)
class OpportunityView:
    """Everything the detail screen shows about one opportunity."""

    id: int
    title: str
    kind: str
    organization: str | None
    lab: str | None
    contact_id: int | None
    contact: str | None
    cycle: str | None
    stage: str
    deadline: date | None
    deadline_at: datetime | None
    deadline_tz: str | None
    applied_on: date | None
    letters_required: int
    min_gpa: str | None
    location_rule: str | None
    stipend: str | None
    url: str | None
    notes: str | None
    created_on: date
    history: list[StageStep] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    interviews: list[InterviewLine] = field(default_factory=list)
    letters: list[LetterLine] = field(default_factory=list)
    offers: list[OfferLine] = field(default_factory=list)

    @property
    def letters_submitted(self) -> int:
        """Letters submitted (or already thanked for)."""
        return sum(1 for letter in self.letters if letter.status in ("submitted", "thanked"))


def letter_status_day(request: LetterRequest) -> date | None:
    """The day the request reached its current status (None for "not-asked")."""
    return status_day(request.status, request.alerted_on, request.agreed_on, request.requested_on,
                      request.submitted_on, request.thanked_on)


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(Person.id, Person.name).where(col(Person.id).in_(ids))
    return {ident: name for ident, name in session.execute(query)}


def _of(session: Session, model: type[T], opportunity_id: int, *order: Any) -> list[T]:
    """The rows of `model` belonging to the opportunity, in `order`."""
    query = select(model).where(col(model.opportunity_id) == opportunity_id).order_by(*order)  # type: ignore[attr-defined]
    return list(session.scalars(query))


def opportunity_view(session: Session, opportunity_id: int) -> OpportunityView:
    """The opportunity with id `opportunity_id`; NotFound if it is gone."""
    opp = session.get(Opportunity, opportunity_id)
    if opp is None or opp.id is None:
        raise NotFound(f"no opportunity with id {opportunity_id} (was it deleted?)")
    org = session.get(Organization, opp.organization_id) if opp.organization_id else None
    interactions = _of(session, Interaction, opp.id, col(Interaction.on), col(Interaction.id))
    interviews = _of(session, Interview, opp.id, col(Interview.at))
    letters = _of(session, LetterRequest, opp.id, col(LetterRequest.id))
    changes = _of(session, StageChange, opp.id, col(StageChange.changed_on), col(StageChange.id))
    offers = _of(session, Offer, opp.id, col(Offer.received_on), col(Offer.id))
    people = {i.person_id for i in interactions} | {r.writer_id for r in letters}
    people |= {iv.with_person_id for iv in interviews if iv.with_person_id is not None}
    if opp.contact_id is not None:
        people.add(opp.contact_id)
    names = _names(session, people)
    return OpportunityView(
        id=opp.id, title=opp.title, kind=opp.kind, organization=org.name if org else None, lab=opp.lab,
        contact_id=opp.contact_id, contact=names.get(opp.contact_id) if opp.contact_id else None,
        cycle=opp.cycle, stage=opp.stage, deadline=opp.deadline, deadline_at=opp.deadline_at,
        deadline_tz=opp.deadline_tz, applied_on=opp.applied_on, letters_required=opp.letters_required,
        min_gpa=opp.min_gpa, location_rule=opp.location_rule, stipend=opp.stipend, url=opp.url, notes=opp.notes,
        created_on=opp.created_on,
        history=[StageStep(c.changed_on, c.from_stage, c.to_stage) for c in changes],
        timeline=[
            TimelineEntry(i.on, i.channel, i.direction, i.person_id, names.get(i.person_id), i.subject, i.paper,
                          i.notes, i.follow_up_on)
            for i in interactions
        ],
        interviews=[
            InterviewLine(iv.id or 0, iv.at, iv.tz, iv.format,
                          names.get(iv.with_person_id) if iv.with_person_id else None, iv.outcome, iv.notes)
            for iv in interviews
        ],
        letters=[
            LetterLine(r.id or 0, r.writer_id, names.get(r.writer_id, "?"), r.status, letter_status_day(r), r.notes)
            for r in letters
        ],
        offers=[
            OfferLine(o.id or 0, o.received_on, o.respond_by, o.start, o.end, o.stipend, o.currency, o.decision,
                      o.reasons)
            for o in offers
        ],
    )
