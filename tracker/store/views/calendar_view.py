"""What `tracker export ics` puts in the calendar, read from the database as `tracker.io.ics.Event`s.

- **Deadlines** of the opportunities still open: at their instant in their own zone when a time
  was given ("23:59 America/Los_Angeles"), else all day on the deadline's day.
- **Interviews**, all of them (past ones keep their outcome): an hour from their start, in the
  zone they were arranged in, with the format, who with, the preparation notes.
- **Offers** still pending: all day on the respond-by date.
- **Follow-ups** due now or within `FOLLOW_UP_DAYS` (the `follow-up` and `no-response` reminders,
  after snoozes and dismissals): all day on the due date, or today when overdue.

UIDs are stable, built from the row ids: `deadline-12@tracker`, `interview-3@tracker`,
`offer-5@tracker`, and `follow-up-person-7@tracker` (one per person, so when you follow up the
event moves to the next due date instead of a second one appearing).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.domain.vocab import CLOSED_STAGES
from tracker.domain.events import Event
from tracker.store.models import Interview, Offer, Opportunity, Organization, Person

UID_DOMAIN = "tracker"
"""The right-hand side of every UID."""
FOLLOW_UP_DAYS = 30
"""Follow-ups due up to this many days ahead are exported."""
INTERVIEW_LENGTH = timedelta(hours=1)
"""How long an interview is shown (the database keeps only its start)."""
TIMED_ALARM = timedelta(days=1)
"""A timed deadline's alarm: a day before. Interviews: an hour before."""
DAY_ALARM = timedelta(hours=15)
"""An all-day event's alarm: 15 hours before its midnight, i.e. 09:00 the day before."""


def uid(kind: str, row_id: int) -> str:
    """The stable UID of an event: "deadline-12@tracker"."""
    return f"{kind}-{row_id}@{UID_DOMAIN}"


def _time_text(moment: datetime, tz_name: str | None, zone: tzinfo) -> str:
    """"14:00 KST (Asia/Seoul); 10:30 IST your time", or the one time when both agree."""
    from tracker.domain.dates import arranged_in, zone_label

    mine = moment.astimezone(zone)
    theirs = arranged_in(moment, tz_name)
    if theirs is not None:
        text = f"{theirs:%a %Y-%m-%d %H:%M} {zone_label(theirs)} ({tz_name})"
        if theirs.utcoffset() != mine.utcoffset():
            text += f"; {mine:%H:%M} {zone_label(mine)} your time"
        return text
    return f"{mine:%a %Y-%m-%d %H:%M} {zone_label(mine)}"


def _lines(*parts: tuple[str, object | None]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in parts if value not in (None, ""))


def deadline_events(session: Session, *, zone: tzinfo) -> list[Event]:
    """The deadlines of open opportunities."""
    contact = aliased(Person)
    rows = session.execute(
        select(
            Opportunity.id, Opportunity.title, Opportunity.kind, Opportunity.stage, Opportunity.deadline,
            Opportunity.deadline_at, Opportunity.deadline_tz, Opportunity.url, Opportunity.letters_required,
            Organization.name, contact.name,
        )
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(contact, contact.id == Opportunity.contact_id)
        .where(Opportunity.deadline.is_not(None), Opportunity.stage.not_in(CLOSED_STAGES))  # type: ignore[union-attr]
    ).all()
    events = []
    for opp_id, title, kind, stage, day, at, tz_name, url, letters, org, who in rows:
        description = _lines(
            ("Due", _time_text(at, tz_name, zone) if at is not None else f"{day:%a %Y-%m-%d}, all day"),
            ("Organization", org), ("Kind", kind), ("Stage", stage), ("Contact", who),
            ("Letters required", letters or None), ("Link", url),
        )
        events.append(Event(
            uid=uid("deadline", opp_id), summary=f"Deadline: {title}",
            start=at if at is not None else day, tz=tz_name if at is not None else None,
            description=description, categories=("Deadline",), url=url,
            alarm=TIMED_ALARM if at is not None else DAY_ALARM,
        ))
    return events


def interview_events(session: Session, *, zone: tzinfo) -> list[Event]:
    """Every interview, an hour long, in its own zone."""
    rows = session.execute(
        select(
            Interview.id, Interview.at, Interview.tz, Interview.format, Interview.notes, Interview.outcome,
            Opportunity.title, Person.name,
        )
        .join(Opportunity, Opportunity.id == Interview.opportunity_id)
        .outerjoin(Person, Person.id == Interview.with_person_id)
    ).all()
    events = []
    for row_id, at, tz_name, how, notes, outcome, title, who in rows:
        description = _lines(
            ("When", _time_text(at, tz_name, zone)), ("Format", how), ("With", who),
            ("Notes", notes), ("Outcome", outcome),
        )
        summary = f"Interview: {title}" + (f" with {who}" if who else "")
        events.append(Event(
            uid=uid("interview", row_id), summary=summary, start=at, end=at + INTERVIEW_LENGTH, tz=tz_name,
            description=description, categories=("Interview",), busy=True, alarm=timedelta(hours=1),
        ))
    return events


def offer_events(session: Session) -> list[Event]:
    """Pending offers, on their respond-by day."""
    rows = session.execute(
        select(
            Offer.id, Offer.respond_by, Offer.received_on, Offer.stipend, Offer.currency, Offer.start, Offer.end,
            Opportunity.title, Organization.name,
        )
        .join(Opportunity, Opportunity.id == Offer.opportunity_id)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .where(Offer.decision == "pending", Offer.respond_by.is_not(None))  # type: ignore[union-attr]
    ).all()
    events = []
    for row_id, respond_by, received, stipend, currency, start, end, title, org in rows:
        pay = f"{stipend:,.0f} {currency or ''}".strip() if stipend is not None else None
        dates = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}" if start and end else None
        description = _lines(
            ("Offer", title), ("Organization", org), ("Received", received), ("Stipend", pay), ("Dates", dates),
        )
        events.append(Event(
            uid=uid("offer", row_id), summary=f"Answer the offer: {title}", start=respond_by,
            description=description, categories=("Offer",), alarm=DAY_ALARM,
        ))
    return events


def follow_up_events(session: Session, *, today: date, zone: tzinfo) -> list[Event]:
    """Follow-ups (and threads gone cold) due by FOLLOW_UP_DAYS from today; overdue ones on today."""
    from tracker.store.queries.reminders import current_reminders

    events = []
    for reminder in current_reminders(session, today=today, within_days=FOLLOW_UP_DAYS, zone=zone):
        if reminder.kind not in ("follow-up", "no-response") or reminder.person_id is None:
            continue
        day = max(reminder.due, today)
        verb = "Follow up" if reminder.kind == "follow-up" else "No answer"
        summary = f"{verb}: {reminder.person}" + (f" ({reminder.opportunity})" if reminder.opportunity else "")
        description = reminder.message
        if reminder.due < today:
            description += f"\nDue since {reminder.due:%a %Y-%m-%d}."
        events.append(Event(
            uid=uid("follow-up-person", reminder.person_id), summary=summary, start=day,
            description=description, categories=("Follow-up",),
        ))
    return events


def _sort_key(event: Event) -> tuple[str, str]:
    start = event.start
    day = start.date() if isinstance(start, datetime) else start
    return (day.isoformat(), event.uid)


def calendar_events(session: Session, *, today: date, zone: tzinfo) -> list[Event]:
    """Every event of the export, by day, then UID."""
    events = [
        *deadline_events(session, zone=zone),
        *interview_events(session, zone=zone),
        *offer_events(session),
        *follow_up_events(session, today=today, zone=zone),
    ]
    return sorted(events, key=_sort_key)


__all__ = ["FOLLOW_UP_DAYS", "calendar_events", "uid"]
