"""Writing records: people, opportunities, interactions, stages, letters, interviews, offers.

Every function takes the session keyword-only and does its work inside the caller's
transaction (`Store.write()`), so a command that fails halfway writes nothing.
Values arrive already parsed (dates are dates); vocabulary words are checked here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, func, select

from tracker.domain.choices import choose, clean
from tracker.domain.vocab import (
    AUTO_CONTACTED_FROM,
    AUTO_REPLIED_FROM,
    REOPENED_BY_INTERVIEW,
    CHANNELS,
    DIRECTIONS,
    FOLLOW_UP_CHANNELS,
    KINDS,
    OPEN_STAGES,
    ROLES,
    STAGES,
)
from tracker.domain.errors import InvalidInput
from tracker.store.models import (
    Interaction,
    Interview,
    Offer,
    Opportunity,
    Person,
    Profile,
    StageChange,
)
from tracker.store.writes.letter_records import LETTER_DATE_FIELD, set_letter  # re-exported
from tracker.store.queries.lookup import find_opportunity, find_person, get_or_create_organization

__all__ = ["LETTER_DATE_FIELD", "set_letter"]  # re-exported: letters used to be written here



_clean = clean


def _require(text: str | None, what: str) -> str:
    cleaned = _clean(text)
    if cleaned is None:
        raise InvalidInput(f"{what} cannot be empty")
    return " ".join(cleaned.split())


def read_profile(session: Session) -> Profile:
    """The student's profile for reading: the stored row, or the defaults (nothing is written)."""
    return session.get(Profile, 1) or Profile(id=1)


def get_profile(session: Session) -> Profile:
    """The student's profile for changing: created with defaults on first use (writes)."""
    profile = session.get(Profile, 1)
    if profile is None:
        profile = Profile(id=1)
        session.add(profile)
        session.flush()
    return profile


def add_person(
    session: Session,
    *,
    name: str,
    role: str,
    organization: str | None = None,
    lab: str | None = None,
    email: str | None = None,
    linkedin: str | None = None,
    homepage: str | None = None,
    research_areas: str | None = None,
    how_met: str | None = None,
    keep_in_touch_days: int | None = None,
    notes: str | None = None,
    added_on: date | None = None,
) -> Person:
    """Add a person; refuses a second person of the same name at the same organization."""
    name = _require(name, "a person's name")
    role = choose(role, ROLES, "role")
    org = get_or_create_organization(session, organization)
    org_id = org.id if org else None
    same = session.exec(
        select(Person).where(func.lower(Person.name) == name.lower(), Person.organization_id == org_id)
    ).first()
    if same is not None:
        where = f" at {org.name}" if org else ""
        raise InvalidInput(f'"{same.name}"{where} already exists')
    if keep_in_touch_days is not None and keep_in_touch_days <= 0:
        raise InvalidInput("the keep-in-touch interval must be at least one day")
    person = Person(
        name=name,
        role=role,
        organization_id=org_id,
        lab=_clean(lab),
        email=_clean(email),
        linkedin=_clean(linkedin),
        homepage=_clean(homepage),
        research_areas=_clean(research_areas),
        how_met=_clean(how_met),
        keep_in_touch_days=keep_in_touch_days,
        notes=_clean(notes),
    )
    if added_on is not None:
        person.added_on = added_on
    session.add(person)
    session.flush()
    return person


def record_stage(session: Session, opportunity: Opportunity, stage: str, *, on: date) -> StageChange | None:
    """Move `opportunity` to `stage` on day `on`, keeping the change in its history.

    Returns the history entry, or None when the opportunity is already there.
    Moving to "applied" sets the application date if it was not set.
    """
    stage = choose(stage, STAGES, "stage")
    if opportunity.stage == stage:
        return None
    if on < opportunity.created_on:
        _backdate_creation(session, opportunity, on)
    change = StageChange(opportunity_id=opportunity.id, from_stage=opportunity.stage, to_stage=stage, changed_on=on)
    opportunity.stage = stage
    if stage == "applied" and opportunity.applied_on is None:
        opportunity.applied_on = on
    session.add(change)
    session.add(opportunity)
    session.flush()
    return change


def _backdate_creation(session: Session, opportunity: Opportunity, on: date) -> None:
    """An event logged before the opportunity was added: it existed since then, at least."""
    opportunity.created_on = on
    first = session.exec(
        select(StageChange).where(StageChange.opportunity_id == opportunity.id, StageChange.from_stage.is_(None))  # type: ignore[union-attr]
    ).first()
    if first is not None and first.changed_on > on:
        first.changed_on = on
        session.add(first)


def add_opportunity(
    session: Session,
    *,
    title: str,
    kind: str,
    organization: str | None,
    lab: str | None = None,
    contact: str | None = None,
    deadline: date | datetime | None = None,
    deadline_tz: str | None = None,
    letters_required: int = 0,
    min_gpa: str | None = None,
    cycle: str | None = None,
    url: str | None = None,
    location_rule: str | None = None,
    stipend: str | None = None,
    notes: str | None = None,
    stage: str = "shortlisted",
    on: date,
) -> Opportunity:
    """Add an opportunity at `stage` (shortlisted by default), recorded in its history."""
    title = _require(title, "an opportunity's title")
    kind = choose(kind, KINDS, "kind")
    stage = choose(stage, STAGES, "stage")
    if session.exec(select(Opportunity).where(func.lower(Opportunity.title) == title.lower())).first():
        raise InvalidInput(f'an opportunity titled "{title}" already exists')
    if letters_required < 0 or letters_required > 20:
        raise InvalidInput("--letters must be a number of letters from 0 to 20")
    org = get_or_create_organization(session, organization)
    person = find_person(session, contact) if contact else None
    opp = Opportunity(
        title=title,
        kind=kind,
        organization_id=org.id if org else None,
        lab=_clean(lab),
        contact_id=person.id if person else None,
        cycle=_clean(cycle),
        stage="shortlisted",
        letters_required=letters_required,
        min_gpa=_clean(min_gpa),
        url=_clean(url),
        location_rule=_clean(location_rule),
        stipend=_clean(stipend),
        notes=_clean(notes),
        created_on=on,
    )
    set_deadline(opp, deadline, deadline_tz)
    session.add(opp)
    session.flush()
    session.add(StageChange(opportunity_id=opp.id, from_stage=None, to_stage="shortlisted", changed_on=on))
    if stage != "shortlisted":
        record_stage(session, opp, stage, on=on)
    session.flush()
    return opp


def set_deadline(opp: Opportunity, deadline: date | datetime | None, tz: str | None) -> None:
    """Set the deadline: a day, or an aware instant whose local day is kept too."""
    if isinstance(deadline, datetime):
        opp.deadline = deadline.date()
        opp.deadline_at = deadline
        opp.deadline_tz = tz
    else:
        opp.deadline = deadline
        opp.deadline_at = None
        opp.deadline_tz = None


def follow_up_days(profile: Profile, channel: str) -> int | None:
    """The profile's default follow-up interval for a channel, None if it needs none."""
    if channel == "email":
        return profile.follow_up_email_days
    if channel == "linkedin":
        return profile.follow_up_linkedin_days
    return None


def log_interaction(
    session: Session,
    *,
    channel: str,
    direction: str,
    person: str | Person,
    on: date,
    opportunity: str | Opportunity | None = None,
    subject: str | None = None,
    paper: str | None = None,
    notes: str | None = None,
    follow_up_in: timedelta | None = None,
    logged_from: str | None = None,
) -> Interaction:
    """Log one message or meeting and move the opportunity along.

    A sent e-mail or LinkedIn message gets a follow-up date (`follow_up_in`, else the
    profile's default). Without `opportunity`, the person's only open opportunity (as
    its main contact) is linked; a message sent to someone with none open but one closed
    for want of an answer ("no-response") is about that one. A first message sent moves a
    shortlisted opportunity to "contacted", and a message sent on a no-response thread
    (on or after the day it went cold) reopens it to "contacted" (`vocab.AUTO_CONTACTED_FROM`),
    so its follow-up falls due; anything received moves it to "replied". `person` and
    `opportunity` are names to look up, or records already found (a draft passes the ones it was for).
    `logged_from` says the mail sync ("mail") or the LinkedIn import ("linkedin") logged it.
    """
    channel = choose(channel, CHANNELS, "channel")
    direction = choose(direction, DIRECTIONS, "direction")
    who = person if isinstance(person, Person) else find_person(session, person)
    if isinstance(opportunity, Opportunity):
        opp: Opportunity | None = opportunity
    else:
        opp = find_opportunity(session, opportunity) if opportunity else _only_open_opportunity(session, who)
        if opp is None and not opportunity and direction == "sent":
            opp = _only_open_opportunity(session, who, stages=("no-response",))
    follow_up_on: date | None = None
    if direction == "sent":
        if follow_up_in is not None:
            follow_up_on = on + follow_up_in
        elif channel in FOLLOW_UP_CHANNELS:
            days = follow_up_days(read_profile(session), channel)
            follow_up_on = on + timedelta(days=days) if days is not None else None
    elif follow_up_in is not None:
        raise InvalidInput("--follow-up-in applies to messages you sent (--to), not received ones")
    interaction = Interaction(
        on=on,
        channel=channel,
        direction=direction,
        person_id=who.id,
        opportunity_id=opp.id if opp else None,
        subject=_clean(subject),
        paper=_clean(paper),
        notes=_clean(notes),
        follow_up_on=follow_up_on,
        logged_from=logged_from,
    )
    session.add(interaction)
    if opp is not None:
        if direction == "sent" and opp.stage in AUTO_CONTACTED_FROM and (
                opp.stage in OPEN_STAGES or on >= _stage_since(session, opp)):
            record_stage(session, opp, "contacted", on=on)
        elif direction == "received" and opp.stage in AUTO_REPLIED_FROM:
            record_stage(session, opp, "replied", on=on)
    session.flush()
    return interaction


# Built once with their parameters (as `tracker.store.queries.mail`'s): each message logged asks them, and
# building a statement costs more than running it.
_CONTACT_OF = select(Opportunity).where(
    Opportunity.contact_id == bindparam("person"),
    Opportunity.stage.in_(bindparam("stages", expanding=True)))  # type: ignore[attr-defined]
_STAGE_SINCE = select(func.max(StageChange.changed_on)).where(StageChange.opportunity_id == bindparam("opportunity"),
                                                             StageChange.to_stage == bindparam("stage"))


def _only_open_opportunity(session: Session, person: Person,
                           stages: tuple[str, ...] = OPEN_STAGES) -> Opportunity | None:
    """The one opportunity in `stages` whose main contact is `person` (None when none, or several)."""
    rows = session.exec(_CONTACT_OF, params={"person": person.id, "stages": list(stages)}).all()
    return rows[0] if len(rows) == 1 else None


def _stage_since(session: Session, opportunity: Opportunity) -> date:
    """The day `opportunity` moved to its stage (its creation day if its history is empty)."""
    last = session.exec(_STAGE_SINCE, params={"opportunity": opportunity.id, "stage": opportunity.stage}).first()
    return last or opportunity.created_on


def add_interview(
    session: Session,
    *,
    opportunity: str,
    at: datetime,
    tz: str | None,
    format: str | None = None,
    with_person: str | None = None,
    notes: str | None = None,
    outcome: str | None = None,
    today: date,
) -> Interview:
    """Add an interview (with its outcome, when logged afterwards); an opportunity not yet
    interviewing, or closed without an offer taken or declined (`vocab.REOPENED_BY_INTERVIEW`), moves to
    "interviewing" on the interview's day, or `today` for one arranged ahead: a history holds no day that
    has not come (whatever happens before it, an offer taken elsewhere, a withdrawal, would be dated before
    the move to interviewing, and the Board would say "withdrawn since" a day to come)."""
    if at.tzinfo is None:
        raise InvalidInput("an interview needs a time zone")
    opp = find_opportunity(session, opportunity)
    person = find_person(session, with_person) if with_person else None
    interview = Interview(
        opportunity_id=opp.id,
        at=at,
        tz=tz,
        format=_clean(format),
        with_person_id=person.id if person else None,
        notes=_clean(notes),
        outcome=_clean(outcome),
    )
    session.add(interview)
    if STAGES.index(opp.stage) < STAGES.index("interviewing") or opp.stage in REOPENED_BY_INTERVIEW:
        record_stage(session, opp, "interviewing", on=min(at.date(), today))
    session.flush()
    return interview


def reopened(stage: str) -> str:
    """What to add to the message about an interview added on an opportunity in `stage` (as it was)."""
    return f"; moved back from {stage} to interviewing" if stage in REOPENED_BY_INTERVIEW else ""


def add_offer(
    session: Session,
    *,
    opportunity: str,
    received_on: date,
    respond_by: date | None = None,
    stipend: float | None = None,
    currency: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Offer:
    """Add an offer; the opportunity moves to "offered"."""
    opp = find_opportunity(session, opportunity)
    if stipend is not None and stipend < 0:
        raise InvalidInput("--stipend cannot be negative")
    if start and end and end < start:
        raise InvalidInput(f"the offer ends ({end}) before it starts ({start})")
    offer = Offer(
        opportunity_id=opp.id,
        received_on=received_on,
        respond_by=respond_by,
        stipend=stipend,
        currency=currency.strip().upper() if currency and currency.strip() else None,
        start=start,
        end=end,
    )
    session.add(offer)
    if opp.stage in OPEN_STAGES and opp.stage != "offered":
        record_stage(session, opp, "offered", on=received_on)
    session.flush()
    return offer
