"""Reminders: the facts the rules need, read in a few lean queries, and their snooze state.

The rules themselves are pure (`tracker.domain.reminders`); this module only reads
what they need and records what the user did about a reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, or_, select
from sqlmodel import Session

from tracker.domain import reminders as rules
from tracker.domain.gpa import gpa_or_none
from tracker.domain.vocab import ANSWER_STAGES, CLOSED_STAGES
from tracker.domain.errors import Ambiguous, InvalidInput, NotFound
from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    Offer,
    Opportunity,
    Person,
    Reminder,
    ReminderState,
    StageChange,
    utcnow,
)
from tracker.store.queries.lookup import find_opportunity, find_person
from tracker.store.queries.reminders_tell import TELLS, tell_facts
from tracker.store.writes.records import read_profile


def user_zone(session: Session) -> tzinfo:
    """The profile's time zone, else the machine's local zone (`tracker.system.clock.user_zone`)."""
    from tracker.system import clock

    return clock.user_zone(read_profile(session).timezone)


def _threads(session: Session) -> list[rules.Thread]:
    last_received = (
        select(Interaction.person_id, func.max(Interaction.on).label("since"))
        .where(Interaction.direction == "received")
        .group_by(Interaction.person_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Interaction.id,
            Interaction.person_id,
            Person.name,
            Interaction.opportunity_id,
            Opportunity.title,
            Interaction.channel,
            Interaction.direction,
            Interaction.on,
            Interaction.follow_up_on,
        )
        .join(Person, Person.id == Interaction.person_id)
        .outerjoin(Opportunity, Opportunity.id == Interaction.opportunity_id)
        .outerjoin(last_received, last_received.c.person_id == Interaction.person_id)
        .where(or_(last_received.c.since.is_(None), Interaction.on >= last_received.c.since))
    ).all()
    return rules.threads_from_messages(rules.Message(*row) for row in rows)


def _opportunities(session: Session) -> list[rules.OpportunityFacts]:
    answered = (
        select(StageChange.opportunity_id, func.max(StageChange.changed_on).label("on"))
        .where(StageChange.to_stage.in_(ANSWER_STAGES))  # type: ignore[attr-defined]
        .group_by(StageChange.opportunity_id)
        .subquery()
    )
    reopened = (
        select(StageChange.opportunity_id, func.max(StageChange.changed_on).label("on"))
        .where(StageChange.from_stage == "no-response")
        .group_by(StageChange.opportunity_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Opportunity.id,
            Opportunity.title,
            Opportunity.kind,
            Opportunity.stage,
            Opportunity.deadline,
            Opportunity.letters_required,
            Opportunity.min_gpa,
            Person.name,
            answered.c.on,
            reopened.c.on,
        )
        .outerjoin(Person, Person.id == Opportunity.contact_id)
        .outerjoin(answered, answered.c.opportunity_id == Opportunity.id)
        .outerjoin(reopened, reopened.c.opportunity_id == Opportunity.id)
    ).all()
    return [
        rules.OpportunityFacts(
            id=r[0], title=r[1], kind=r[2], stage=r[3], deadline=r[4],
            letters_required=r[5] or 0, min_gpa=gpa_or_none(r[6]), contact=r[7], answered_on=r[8],
            reopened_on=r[9],
        )
        for r in rows
    ]


def gather_inputs(session: Session, *, today: date, zone: tzinfo) -> rules.Inputs:
    """Everything the reminder rules look at, read from the database."""
    from tracker.domain.times import in_both_zones

    opportunities = _opportunities(session)
    open_ids = {o.id for o in opportunities if o.stage not in CLOSED_STAGES}
    letters = [
        rules.LetterFacts(id=r[0], opportunity_id=r[1], writer_id=r[2], writer=r[3], status=r[4])
        for r in session.execute(
            select(LetterRequest.id, LetterRequest.opportunity_id, LetterRequest.writer_id, Person.name, LetterRequest.status)
            .join(Person, Person.id == LetterRequest.writer_id)
        )
        if r[1] in open_ids
    ]
    interviews = []
    for r in session.execute(
        select(Interview.id, Interview.opportunity_id, Opportunity.title, Interview.at, Interview.tz, Person.name, Interview.format)
        .join(Opportunity, Opportunity.id == Interview.opportunity_id)
        .outerjoin(Person, Person.id == Interview.with_person_id)
    ):
        interviews.append(
            rules.InterviewFacts(
                id=r[0], opportunity_id=r[1], opportunity=r[2], on=r[3].astimezone(zone).date(),
                when_text=in_both_zones(r[3], r[4], zone), with_person=r[5], format=r[6],
            )
        )
    offers = [
        rules.OfferFacts(id=r[0], opportunity_id=r[1], opportunity=r[2], respond_by=r[3], decision=r[4])
        for r in session.execute(
            select(Offer.id, Offer.opportunity_id, Opportunity.title, Offer.respond_by, Offer.decision)
            .join(Opportunity, Opportunity.id == Offer.opportunity_id)
        )
    ]
    people = [
        rules.PersonFacts(id=r[0], name=r[1], keep_in_touch_days=r[2],
                          last_interaction_on=max((d for d in r[3:6] if d is not None), default=None),
                          added_on=r[6])
        for r in session.execute(
            select(Person.id, Person.name, Person.keep_in_touch_days, *last_contact(), Person.added_on)
            .where(Person.keep_in_touch_days.is_not(None))  # type: ignore[union-attr]
        )
    ]
    manual = [
        rules.ManualFacts(id=r[0], text=r[1], due=r[2], person=r[3], opportunity=r[4])
        for r in session.execute(
            select(Reminder.id, Reminder.text, Reminder.due, Person.name, Opportunity.title)
            .outerjoin(Person, Person.id == Reminder.person_id)
            .outerjoin(Opportunity, Opportunity.id == Reminder.opportunity_id)
        )
    ]
    states = [
        rules.ReminderState(key=r[0], snoozed_until=r[1], dismissed=r[2] is not None)
        for r in session.execute(select(ReminderState.key, ReminderState.snoozed_until, ReminderState.dismissed_at))
    ]
    profile = read_profile(session)
    return rules.Inputs(
        threads=_threads(session),
        opportunities=opportunities,
        letters=letters,
        interviews=interviews,
        offers=offers,
        people=people,
        manual=manual,
        tells=tell_facts(session.execute(sa.text(TELLS))),
        states=states,
        profile_gpa=gpa_or_none(profile.gpa),
    )


def settings_for(session: Session) -> rules.Settings:
    """Rule settings, with the follow-up intervals from the profile."""
    profile = read_profile(session)
    return rules.Settings(
        follow_up_email_days=profile.follow_up_email_days,
        follow_up_linkedin_days=profile.follow_up_linkedin_days,
    )


def current_reminders(session: Session, *, today: date, within_days: int, zone: tzinfo,
                      give_way: Callable[[], None] | None = None) -> list[rules.Reminder]:
    """The reminders to show today, overdue first (`give_way`: see `rules.compute_reminders`)."""
    inputs = gather_inputs(session, today=today, zone=zone)
    if give_way is not None:
        give_way()
    return rules.compute_reminders(inputs, today=today, within_days=within_days, settings=settings_for(session),
                                   give_way=give_way)


def find_reminder(session: Session, ref: str, *, today: date, zone: tzinfo) -> rules.Reminder:
    """The reminder whose short id starts with `ref` (or whose key is `ref`), among all live ones."""
    ref = ref.strip().lower()
    if not ref:
        raise InvalidInput("give a reminder id, as shown by `tracker remind`")
    everything = current_reminders(session, today=today, within_days=36500, zone=zone)
    hits = [r for r in everything if r.id.startswith(ref) or r.key == ref]
    if not hits:
        raise NotFound(f'no reminder with id "{ref}"; `tracker remind` shows the ids')
    if len(hits) > 1:
        raise Ambiguous(f'"{ref}" matches reminders {", ".join(h.id for h in hits)}; type more of the id')
    return hits[0]


def last_contact() -> list[Any]:
    """Per person (correlated with `Person`): the last day of each kind of contact with them, the
    newest of which keep-in-touch counts from: a message either way, an interview with them, an
    offer from an opportunity they are the main contact of."""
    return [
        select(func.max(Interaction.on)).where(Interaction.person_id == Person.id).scalar_subquery(),
        select(func.max(func.date(Interview.at, type_=sa.Date)))
        .where(Interview.with_person_id == Person.id).scalar_subquery(),
        select(func.max(Offer.received_on)).join(Opportunity, Opportunity.id == Offer.opportunity_id)
        .where(Opportunity.contact_id == Person.id).scalar_subquery(),
    ]


def moved_on(session: Session, reminder: rules.Reminder) -> str | None:
    """Why a follow-up or no-response reminder shown a moment ago no longer stands, else None: a message
    logged with its person since its own (another window, the other machine, a mail sync), or its
    opportunity closed. The agenda acts on such a reminder only while it stands (a reply logged on the
    laptop, then `f` on the desktop's agenda before it refreshed, logged a follow-up nobody needed)."""
    kind, _, rest = reminder.key.partition(":")
    if kind not in ("follow-up", "no-response") or not rest.startswith("msg:") or not rest[4:].isdigit():
        return None
    message = session.get(Interaction, int(rest[4:]))
    if message is None:
        return "its message was deleted"
    newer = session.exec(
        select(Interaction.on, Interaction.direction)
        .where(Interaction.person_id == message.person_id,
               or_(Interaction.on > message.on, sa.and_(Interaction.on == message.on, Interaction.id > message.id)))
        .order_by(Interaction.on.desc(), Interaction.id.desc())  # type: ignore[attr-defined]
    ).first()
    if newer is not None:
        what = "a reply" if newer[1] == "received" else "another message"
        return f"{what} dated {newer[0]:%a %d %b} was logged since"
    opportunity = session.get(Opportunity, reminder.opportunity_id) if reminder.opportunity_id is not None else None
    if opportunity is not None and opportunity.stage in CLOSED_STAGES:
        return f'"{opportunity.title}" is {opportunity.stage} now'
    return None


def _state(session: Session, key: str) -> ReminderState:
    state = session.get(ReminderState, key)
    if state is None:
        state = ReminderState(key=key)
    return state


def snooze(session: Session, reminder: rules.Reminder, *, until: date, today: date) -> None:
    """Hide `reminder` until `until`."""
    if until <= today:
        raise InvalidInput(f"snooze until a day after today ({today.isoformat()}), not {until.isoformat()}")
    state = _state(session, reminder.key)
    state.snoozed_until = until
    session.add(state)


def dismiss(session: Session, reminder: rules.Reminder) -> None:
    """Dismiss `reminder` for good."""
    state = _state(session, reminder.key)
    state.dismissed_at = utcnow()
    session.add(state)


def add_manual(
    session: Session, *, text: str, due: date, person: str | None = None, opportunity: str | None = None
) -> Reminder:
    """Add a reminder by hand, optionally about a person or an opportunity."""
    if not text.strip():
        raise InvalidInput("a reminder needs some text")
    reminder = Reminder(
        text=" ".join(text.split()),
        due=due,
        person_id=find_person(session, person).id if person else None,
        opportunity_id=find_opportunity(session, opportunity).id if opportunity else None,
    )
    session.add(reminder)
    session.flush()
    return reminder


__all__ = ["add_manual", "current_reminders", "dismiss", "find_reminder", "gather_inputs", "snooze", "user_zone"]
