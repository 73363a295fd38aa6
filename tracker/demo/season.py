"""`tracker demo`: fill an empty database with a realistic story, dated relative to today.

The story (in `tracker.demo.data`) is replayed in date order through the same store functions
the commands use, so stage histories, follow-up dates and letter dates are made the real way.
Everything is written in one transaction, and only into an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from tracker.demo import data
from tracker.domain.errors import TrackerError
from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    Offer,
    Opportunity,
    Organization,
    Person,
    Reminder,
    StageChange,
)
from tracker.store import Store
from tracker.store.queries import listings as queries
from tracker.store.writes import records
from tracker.store.queries.lookup import find_opportunity, get_or_create_organization
from tracker.store.queries.reminders import add_manual

__all__ = ["DatabaseNotEmpty", "DemoSummary", "load_demo"]


class DatabaseNotEmpty(TrackerError):
    """The demo goes only into an empty database; this one already holds data."""


@dataclass(frozen=True)
class DemoSummary:
    """What `load_demo` wrote: the student's name and a count of each kind of record."""

    student: str
    organizations: int
    people: int
    opportunities: int
    stage_changes: int
    interactions: int
    letters: int
    interviews: int
    offers: int
    reminders: int
    """Reminders set by hand (the derived ones are computed, not stored)."""

    def counts(self) -> dict[str, int]:
        """The counts by name, in a stable order (for tables and JSON)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "student"}

    def __str__(self) -> str:
        """The counts as a phrase: "12 organizations, 14 people, 11 opportunities, ..."."""
        return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.counts().items())


def load_demo(store: Store, *, today: date, zone: tzinfo) -> DemoSummary:
    """Write the demo story into `store`, dated so that `today` is the story's present.

    `zone` is the user's zone: the upcoming interview (14:00 in Seoul) is placed on the user's
    tomorrow. Raises DatabaseNotEmpty, writing nothing, when the database holds any person,
    opportunity, interaction or organization. The profile is set to the demo student's.
    """
    with store.write() as session:
        if not queries.is_empty(session):
            people, opportunities = _count(session, Person), _count(session, Opportunity)
            raise DatabaseNotEmpty(
                f"the database is not empty ({_plural(people, 'person', 'people')}, "
                f"{_plural(opportunities, 'opportunity', 'opportunities')}); demo data goes only "
                "into an empty one, e.g. tracker --db demo.db demo"
            )
        _Replay(session, today=today, zone=zone).run()
        return _summary(session)


def summer_year(today: date) -> int:
    """The summer the story's offers are for: this year's until March, else next year's."""
    return today.year if today.month <= 3 else today.year + 1


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _count(session: Session, model: type[SQLModel]) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def _summary(session: Session) -> DemoSummary:
    return DemoSummary(
        student=str(data.PROFILE["name"]),
        organizations=_count(session, Organization),
        people=_count(session, Person),
        opportunities=_count(session, Opportunity),
        stage_changes=_count(session, StageChange),
        interactions=_count(session, Interaction),
        letters=_count(session, LetterRequest),
        interviews=_count(session, Interview),
        offers=_count(session, Offer),
        reminders=_count(session, Reminder),
    )


def _event_day(event: data.Event) -> int:
    return event.arranged if isinstance(event, data.Talk) else event.day


class _Replay:
    """Replays the story's events in date order inside one session."""

    def __init__(self, session: Session, *, today: date, zone: tzinfo) -> None:
        self.session = session
        self.today = today
        self.zone = zone
        self.year = summer_year(today)

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int, clock: str, zone_name: str) -> datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        return datetime.combine(self.day(offset), time(hour, minute), tzinfo=ZoneInfo(zone_name))

    def summer(self, month_day: tuple[int, int]) -> date:
        return date(self.year, *month_day)

    def run(self) -> None:
        profile = records.get_profile(self.session)
        for name, value in data.PROFILE.items():
            setattr(profile, name, value)
        self.session.add(profile)
        for org in data.ORGANIZATIONS:
            row = get_or_create_organization(self.session, org.name)
            assert row is not None
            row.country, row.city, row.website, row.notes = org.country, org.city, org.website, org.notes
            self.session.add(row)
        for who in data.PEOPLE:
            records.add_person(
                self.session,
                name=who.name,
                role=who.role,
                organization=who.organization,
                lab=who.lab,
                email=who.email,
                research_areas=who.research_areas,
                how_met=who.how_met,
                keep_in_touch_days=who.keep_in_touch_days,
                notes=who.notes,
                added_on=self.day(who.added),
            )
        for event in sorted(data.TIMELINE, key=_event_day):  # stable: same-day events keep their order
            self.apply(event)
        self.session.flush()

    def apply(self, event: data.Event) -> None:
        s = self.session
        if isinstance(event, data.Opp):
            deadline: date | datetime | None = None
            deadline_tz = None
            if isinstance(event.deadline, tuple):
                offset, clock, deadline_tz = event.deadline
                deadline = self.at(offset, clock, deadline_tz)
            elif event.deadline is not None:
                deadline = self.day(event.deadline)
            records.add_opportunity(
                s,
                title=event.title,
                kind=event.kind,
                organization=event.organization,
                lab=event.lab,
                contact=event.contact,
                deadline=deadline,
                deadline_tz=deadline_tz,
                letters_required=event.letters_required,
                min_gpa=event.min_gpa,
                cycle=event.cycle.format(year=self.year) if event.cycle else None,
                url=event.url,
                location_rule=event.location_rule,
                stipend=event.stipend,
                notes=event.notes,
                on=self.day(event.day),
            )
        elif isinstance(event, data.Msg):
            records.log_interaction(
                s,
                channel=event.channel,
                direction=event.direction,
                person=event.person,
                opportunity=event.opportunity,
                subject=event.subject,
                paper=event.paper,
                notes=event.notes,
                on=self.day(event.day),
            )
        elif isinstance(event, data.Stage):
            opportunity = find_opportunity(s, event.opportunity)
            records.record_stage(s, opportunity, event.stage, on=self.day(event.day))
        elif isinstance(event, data.Letter):
            records.set_letter(
                s, opportunity=event.opportunity, writer=event.writer, status=event.status,
                on=self.day(event.day), notes=event.notes,
                via=event.via, submit_to=event.submit_to, attachments=event.attachments,
            )
        elif isinstance(event, data.Talk):
            self.interview(event)
        elif isinstance(event, data.Deal):
            records.add_offer(
                s,
                opportunity=event.opportunity,
                received_on=self.day(event.day),
                respond_by=self.day(event.respond_in),
                stipend=event.stipend,
                currency=event.currency,
                start=self.summer(event.start),
                end=self.summer(event.end),
            )
        elif isinstance(event, data.Note):
            add_manual(s, text=event.text, due=self.day(event.due), person=event.person, opportunity=event.opportunity)
        else:  # pragma: no cover - a new row type without a branch here
            raise TypeError(f"unknown demo event {event!r}")

    def interview(self, event: data.Talk) -> None:
        at = self.at(event.day, event.time, event.zone)
        if event.day > 0:
            # An upcoming interview falls on the user's own day `event.day`, whatever their zone:
            # 14:00 in Seoul tomorrow is still today in New York.
            while at.astimezone(self.zone).date() < self.day(event.day):
                at += timedelta(days=1)
        interview = records.add_interview(
            self.session,
            opportunity=event.opportunity,
            at=at,
            tz=event.zone,
            format=event.format,
            with_person=event.with_person,
            notes=event.notes,
            today=self.today,
        )
        if event.outcome:
            interview.outcome = event.outcome
            self.session.add(interview)
