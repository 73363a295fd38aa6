"""One person in full, by id: their fields, their threads, and when you last heard from them.

A *thread* is an opportunity the person takes part in: as its main contact, in
messages logged about it, as a letter writer for it, or as an interviewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.domain.errors import NotFound
from tracker.store.models import Interaction, Interview, LetterRequest, Opportunity, Organization, Person
from tracker.store.views.opportunity_view import letter_status_day


@dataclass(frozen=True)
class Thread:
    """An opportunity the person is part of."""

    opportunity_id: int
    title: str
    stage: str
    parts: tuple[str, ...]
    """How they take part: "contact", "messages", "letter", "interview"."""
    messages: int
    last_on: date | None
    """The day of the last message with them about it."""


@dataclass(frozen=True)
class PersonMessage:
    """A message or meeting with the person."""

    on: date
    channel: str
    direction: str
    opportunity_id: int | None
    opportunity: str | None
    subject: str | None
    paper: str | None
    notes: str | None
    follow_up_on: date | None
    logged_from: str | None = None
    """"mail" or "linkedin" when the mail sync or the LinkedIn import logged it."""


@dataclass(frozen=True)
class WrittenLetter:
    """A letter the person writes (or wrote) for the student."""

    opportunity_id: int
    opportunity: str
    status: str
    status_on: date | None
    deadline: date | None


@dataclass(frozen=True)
class PersonView:
    """Everything the person detail screen shows."""

    id: int
    name: str
    role: str
    organization: str | None
    lab: str | None
    email: str | None
    linkedin: str | None
    homepage: str | None
    research_areas: str | None
    how_met: str | None
    keep_in_touch_days: int | None
    notes: str | None
    added_on: date
    aliases: tuple[str, ...]
    """Other spellings of the name (a faculty import), which search finds too."""
    last_heard: date | None
    """The day of the last message received from them."""
    last_sent: date | None
    """The day of the last message sent to them."""
    threads: list[Thread] = field(default_factory=list)
    messages: list[PersonMessage] = field(default_factory=list)
    letters: list[WrittenLetter] = field(default_factory=list)


def last_heard_from(session: Session, person_id: int) -> date | None:
    """The day of the last message received from the person, None if they never wrote."""
    query = select(func.max(Interaction.on)).where(
        Interaction.person_id == person_id, Interaction.direction == "received"
    )
    return session.execute(query).scalar_one_or_none()


def person_view(session: Session, person_id: int) -> PersonView:
    """The person with id `person_id`; NotFound if they are gone."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id} (were they deleted?)")
    org = session.get(Organization, person.organization_id) if person.organization_id else None
    rows = session.execute(
        select(Interaction, Opportunity.title)
        .outerjoin(Opportunity, Opportunity.id == Interaction.opportunity_id)
        .where(Interaction.person_id == person_id)
        .order_by(Interaction.on, Interaction.id)  # type: ignore[arg-type]
    ).all()
    messages = [
        PersonMessage(i.on, i.channel, i.direction, i.opportunity_id, title, i.subject, i.paper, i.notes,
                      i.follow_up_on, i.logged_from)
        for i, title in rows
    ]
    letters_rows = session.execute(
        select(LetterRequest, Opportunity.title, Opportunity.deadline)
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
        .where(LetterRequest.writer_id == person_id)
        .order_by(Opportunity.deadline.is_(None), Opportunity.deadline, LetterRequest.id)  # type: ignore[union-attr]
    ).all()
    letters = [
        WrittenLetter(r.opportunity_id, title, r.status, letter_status_day(r), deadline)
        for r, title, deadline in letters_rows
    ]
    received = [m.on for m in messages if m.direction == "received"]
    sent = [m.on for m in messages if m.direction == "sent"]
    return PersonView(
        id=person_id, name=person.name, role=person.role, organization=org.name if org else None, lab=person.lab,
        email=person.email, linkedin=person.linkedin, homepage=person.homepage,
        research_areas=person.research_areas, how_met=person.how_met,
        keep_in_touch_days=person.keep_in_touch_days, notes=person.notes, added_on=person.added_on,
        aliases=tuple(a for a in (person.aliases or "").split("\n") if a.strip()),
        last_heard=max(received) if received else None, last_sent=max(sent) if sent else None,
        threads=_threads(session, person_id, messages), messages=messages, letters=letters,
    )


def _threads(session: Session, person_id: int, messages: list[PersonMessage]) -> list[Thread]:
    parts: dict[int, list[str]] = {}

    def mark(opp_id: int | None, part: str) -> None:
        if opp_id is not None and part not in parts.setdefault(opp_id, []):
            parts[opp_id].append(part)

    for (opp_id,) in session.execute(select(Opportunity.id).where(Opportunity.contact_id == person_id)):
        mark(opp_id, "contact")
    for m in messages:
        mark(m.opportunity_id, "messages")
    for (opp_id,) in session.execute(select(LetterRequest.opportunity_id).where(LetterRequest.writer_id == person_id)):
        mark(opp_id, "letter")
    for (opp_id,) in session.execute(select(Interview.opportunity_id).where(Interview.with_person_id == person_id)):
        mark(opp_id, "interview")
    if not parts:
        return []
    opps = {
        o.id: o
        for o in session.scalars(select(Opportunity).where(Opportunity.id.in_(parts)))  # type: ignore[union-attr]
    }
    threads = []
    for opp_id, how in parts.items():
        about = [m for m in messages if m.opportunity_id == opp_id]
        opp = opps[opp_id]
        threads.append(Thread(opp_id, opp.title, opp.stage, tuple(how), len(about), about[-1].on if about else None))
    threads.sort(key=lambda t: (t.last_on is None, date.max - t.last_on if t.last_on else None, t.title.lower()))
    return threads
