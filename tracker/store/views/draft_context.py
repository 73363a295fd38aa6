"""What a draft needs from the records: which templates fit a person, and the facts to fill them.

`person_facts` answers "who is this to me" (role; written to, interviewed, an offer, letters
owed, a letter asked for or written) for `tracker.domain.drafts.applies`. `draft_facts` gathers the values for one template:
the opportunity it is about (given, or the one the template's `For:` points to: the offer,
the interview, the last message, else their open opportunity), the paper last mentioned to
them, the last message, the interview, the offer, the letters they owe, the offer you accepted
last, and the profile.
`contact_warnings` is the duplicate guard's say before writing to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from tracker.domain.draft_values import DraftFacts, draft_values, where_phrase
from tracker.domain.drafts import PersonFacts, Template, applies
from tracker.domain.vocab import CLOSED_STAGES, FOLLOW_UP_CHANNELS, LETTER_STATUSES, OPEN_STAGES, channel_said
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
from tracker.store.views.letters_desk import DeskLetter, letters_block, writer_desk
from tracker.store.writes.records import read_profile


def _sent(person_id: int) -> Any:
    return select(Interaction).where(
        Interaction.person_id == person_id, Interaction.direction == "sent",
        col(Interaction.channel).in_(FOLLOW_UP_CHANNELS),
    )


def _last_sent(session: Session, person_id: int) -> Interaction | None:
    query = _sent(person_id).order_by(col(Interaction.on).desc(), col(Interaction.id).desc())
    return session.exec(query).first()


def _their_opportunity_ids(person_id: int) -> Any:
    """Opportunities they are the contact of, or interviewed you for."""
    interviewed = select(Interview.opportunity_id).where(Interview.with_person_id == person_id)
    return select(Opportunity.id).where(or_(Opportunity.contact_id == person_id, col(Opportunity.id).in_(interviewed)))


def _past_interviews(session: Session, person_id: int, now: datetime) -> list[Interview]:
    query = (
        select(Interview)
        .join(Opportunity, Opportunity.id == Interview.opportunity_id)
        .where(or_(Interview.with_person_id == person_id, Opportunity.contact_id == person_id), Interview.at <= now)
        .order_by(col(Interview.at).desc(), col(Interview.id).desc())
    )
    return list(session.exec(query))


def _open_offers(session: Session, person_id: int) -> list[Offer]:
    query = (
        select(Offer)
        .where(col(Offer.opportunity_id).in_(_their_opportunity_ids(person_id)), Offer.decision != "accepted")
        .order_by(col(Offer.received_on).desc(), col(Offer.id).desc())
    )
    return list(session.exec(query))


def _owed_letters(session: Session, person_id: int) -> list[DeskLetter]:
    return [letter for letter in writer_desk(session, person_id) if letter.owed]


ASKED = LETTER_STATUSES[1:]
"""Statuses of a letter asked for: alerted and after."""
WRITTEN = ("submitted", "thanked")
"""Statuses of a letter written."""


def _has_letter(session: Session, person_id: int, statuses: tuple[str, ...]) -> bool:
    query = select(LetterRequest.id).where(LetterRequest.writer_id == person_id,
                                           col(LetterRequest.status).in_(statuses))
    return session.exec(query).first() is not None


def _accepted_last(session: Session) -> tuple[str | None, str | None]:
    """Where the offer accepted last is (its lab and organization, else its title) and its cycle:
    the opportunity of the latest move to accepted, as the agenda's reminders to tell the letter
    writers name it; (None, None) when none is accepted."""
    query = (
        select(Opportunity)
        .join(StageChange, StageChange.opportunity_id == Opportunity.id)
        .where(Opportunity.stage == "accepted", StageChange.to_stage == "accepted")
        .order_by(col(StageChange.changed_on).desc(), col(Opportunity.id).desc())
    )
    opp = session.exec(query).first()
    if opp is None:
        return None, None
    organization = _organization(session, opp.organization_id)
    where = where_phrase(opp.lab, organization) if opp.lab or organization else opp.title
    return where, opp.cycle


def person_facts(session: Session, person: Person, *, now: datetime) -> PersonFacts:
    """Which templates' `For:` words hold for `person`."""
    assert person.id is not None
    return PersonFacts(
        role=person.role,
        written_to=session.exec(_sent(person.id)).first() is not None,
        interviewed=bool(_past_interviews(session, person.id, now)),
        offer=bool(_open_offers(session, person.id)),
        letters=bool(_owed_letters(session, person.id)),
        wrote_letter=_has_letter(session, person.id, WRITTEN),
        asked_letter=_has_letter(session, person.id, ASKED),
        accepted=_accepted_last(session)[0] is not None,
    )


def pick_opportunity(session: Session, person: Person, template: Template, *, now: datetime) -> Opportunity | None:
    """The opportunity a draft is about when none is given, following the template's `For:`."""
    assert person.id is not None
    audience = set(template.audience)
    if "offer" in audience:
        offers = _open_offers(session, person.id)
        if offers:
            return session.get(Opportunity, offers[0].opportunity_id)
    if "interviewed" in audience:
        interviews = _past_interviews(session, person.id, now)
        if interviews:
            return session.get(Opportunity, interviews[0].opportunity_id)
    if "written-to" in audience:
        last = _last_sent(session, person.id)
        if last is not None and last.opportunity_id is not None:
            return session.get(Opportunity, last.opportunity_id)
    if "letters" in audience:
        return None  # the letters list names every opportunity
    query = (
        select(Opportunity)
        .where(Opportunity.contact_id == person.id, col(Opportunity.stage).in_(OPEN_STAGES))
        .order_by(col(Opportunity.created_on).desc(), col(Opportunity.id).desc())
    )
    return session.exec(query).first()


def _paper(session: Session, person_id: int) -> str | None:
    query = (
        select(Interaction.paper)
        .where(Interaction.person_id == person_id, Interaction.direction == "sent", col(Interaction.paper).is_not(None))
        .order_by(col(Interaction.on).desc(), col(Interaction.id).desc())
    )
    return session.exec(query).first()


def _organization(session: Session, organization_id: int | None) -> str | None:
    org = session.get(Organization, organization_id) if organization_id is not None else None
    return org.name if org else None


def draft_facts(
    session: Session,
    person: Person,
    *,
    template: Template,
    today: date,
    now: datetime,
    opportunity: Opportunity | None = None,
    paper: str | None = None,
) -> tuple[DraftFacts, Opportunity | None]:
    """The facts to fill `template` for `person`, and the opportunity the draft is about."""
    assert person.id is not None
    opp = opportunity or pick_opportunity(session, person, template, now=now)
    last = _last_sent(session, person.id)
    interviews = _past_interviews(session, person.id, now)
    if opp is not None:
        interviews = [i for i in interviews if i.opportunity_id == opp.id] or interviews
    interview = interviews[0] if interviews else None
    offer = None
    if opp is not None:
        offer = session.exec(
            select(Offer).where(Offer.opportunity_id == opp.id, Offer.decision != "accepted")
            .order_by(col(Offer.received_on).desc())
        ).first()
    letters = _owed_letters(session, person.id)
    accepted, accepted_cycle = (_accepted_last(session) if {"accepted", "accepted_cycle"} & set(template.placeholders())
                                else (None, None))
    profile = read_profile(session)
    facts = DraftFacts(
        name=person.name,
        role=person.role,
        today=today,
        email=person.email,
        lab=person.lab,
        organization=_organization(session, person.organization_id),
        research_areas=person.research_areas,
        paper=(paper or "").strip() or _paper(session, person.id),
        opportunity=opp.title if opp else None,
        opportunity_lab=opp.lab if opp else None,
        cycle=opp.cycle if opp else None,
        deadline=opp.deadline if opp else None,
        deadline_at=opp.deadline_at if opp else None,
        deadline_tz=opp.deadline_tz if opp else None,
        interview_at=interview.at if interview else None,
        interview_tz=interview.tz if interview else None,
        interview_format=interview.format if interview else None,
        offer_respond_by=offer.respond_by if offer else None,
        last_subject=last.subject if last else None,
        last_on=last.on if last else None,
        last_channel=last.channel if last else None,
        letters=letters_block(letters) if letters else None,
        accepted=accepted,
        accepted_cycle=accepted_cycle,
        my_name=profile.name,
        my_institution=profile.home_institution,
        my_gpa=profile.gpa,
    )
    return facts, opp


@dataclass(frozen=True)
class DraftOption:
    """A template that fits the person, with what its placeholders become."""

    template: Template
    values: dict[str, str | None]
    opportunity: str | None
    """The title of the opportunity the draft is about, if any."""
    opportunity_id: int | None = None


@dataclass(frozen=True)
class PersonDrafts:
    """Everything the TUI's draft screen shows for one person."""

    person_id: int
    name: str
    email: str | None
    facts: PersonFacts
    options: tuple[DraftOption, ...]
    warnings: tuple[str, ...] = ()


def drafts_for(
    session: Session, person: Person, templates: tuple[Template, ...] | list[Template], *, today: date, now: datetime
) -> PersonDrafts:
    """The templates that fit `person` (`tracker.domain.drafts.applies`), each with its values filled."""
    assert person.id is not None
    facts = person_facts(session, person, now=now)
    options = []
    for template in templates:
        if applies(template, facts):
            values, opp = draft_facts(session, person, template=template, today=today, now=now)
            options.append(DraftOption(template, draft_values(values), opp.title if opp else None, opp.id if opp else None))
    warnings = tuple(contact_warnings(session, person.id, today=today))
    return PersonDrafts(person.id, person.name, person.email, facts, tuple(options), warnings)


def contact_warnings(session: Session, person_id: int, *, today: date) -> list[str]:
    """The duplicate guard's warnings before writing to this person (written to them or their lab lately).

    The one place drafts (CLI and TUI) ask the duplicate guard, `tracker.store.queries.duplicates`.
    """
    from tracker.store.queries.duplicates import recent_contact_warnings

    return list(recent_contact_warnings(session, person_id, today=today))


def log_draft(
    session: Session,
    *,
    person_id: int,
    opportunity_id: int | None,
    channel: str,
    subject: str | None,
    paper: str | None,
    on: date,
) -> tuple[Interaction, str]:
    """Log a draft as sent on `on` (the follow-up clock starts); the interaction and a sentence saying so.

    A draft about a closed opportunity (the polite decline, a thank-you after accepting) expects no
    answer to chase: it gets no follow-up date (a no-response thread is reopened instead, and does)."""
    from tracker.domain.errors import NotFound
    from tracker.store.writes.records import log_interaction

    who = session.get(Person, person_id)
    if who is None:
        raise NotFound("that person was deleted meanwhile; nothing was logged")
    opp = session.get(Opportunity, opportunity_id) if opportunity_id is not None else None
    interaction = log_interaction(session, channel=channel, direction="sent", person=who, on=on,
                                  opportunity=opp, subject=subject, paper=paper)
    linked = session.get(Opportunity, interaction.opportunity_id) if interaction.opportunity_id else None
    if linked is not None and linked.stage in CLOSED_STAGES and linked.stage != "no-response":
        interaction.follow_up_on = None
        session.add(interaction)
    text = f"Logged {channel_said(channel)} to {who.name} on {on:%a %Y-%m-%d}"
    if linked:
        text += f' about "{linked.title}" (now {linked.stage})'
    if interaction.follow_up_on:
        text += f"; follow up on {interaction.follow_up_on:%a %Y-%m-%d} if no answer"
    return interaction, text
