"""SQLModel tables: everything tracker stores.

Instants are stored in UTC and come back aware (see `UTCDateTime`); calendar days
without a time are plain `date`s. Vocabulary columns (stage, role, channel...) hold
the words of `tracker.domain.vocab`, which the store validates before writing.
The schema itself is created and changed only by the Alembic migrations in
`tracker/store/migrations`, never by `create_all`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC (portable to SQLite and PostgreSQL)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a zone first")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(timezone.utc)


def _instant(**kwargs: object) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)  # type: ignore[arg-type]


def _version_column() -> sa.Column[int]:
    """A row's version: the ORM adds one on every update of the row and refuses to update a row whose
    version is no longer the one it read (`version_id_col`); the edit forms compare it with the one
    they loaded (`tracker.store.writes.edits`), so a change made elsewhere is never silently overwritten."""
    return sa.Column("version", sa.Integer, nullable=False, server_default="1")


_PERSON_VERSION = _version_column()
_OPPORTUNITY_VERSION = _version_column()


class Organization(SQLModel, table=True):
    """A university, company lab or program host."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    country: str | None = Field(default=None, index=True)
    """As given, or a two-letter ISO code ("KR") from CSRankings' country-info.csv."""
    region: str | None = None
    """A part of the world, as CSRankings names it: "asia", "europe", "northamerica"..."""
    city: str | None = None
    website: str | None = None
    notes: str | None = None
    search_text: str | None = None
    """The name as search compares it (`tracker.domain.folding`); kept by the events below."""


class Person(SQLModel, table=True):
    """A professor, PhD student, postdoc, researcher, recruiter, or letter writer."""

    __table_args__ = (
        # The few people kept in touch with, for the keep-in-touch rule, without a pass over all.
        # Partial on PostgreSQL too (migration perf01 says so for both); `postgresql_where` here
        # would import SQLAlchemy's PostgreSQL dialect into every process that loads the models
        # (35 ms, a SQLite user's included), and Alembic does not compare an index's WHERE.
        sa.Index("ix_person_keep_in_touch", "keep_in_touch_days",
                 sqlite_where=sa.text("keep_in_touch_days IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    role: str = "professor"
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    lab: str | None = None
    email: str | None = None
    linkedin: str | None = None
    homepage: str | None = None
    research_areas: str | None = None
    how_met: str | None = None
    keep_in_touch_days: int | None = None
    notes: str | None = None
    added_on: date = Field(default_factory=date.today)
    external_id: str | None = Field(default=None, index=True, unique=True)
    """Who they are in an outside directory, e.g. "scholar:<Google Scholar id>" (faculty import)."""
    aliases: str | None = None
    """Other spellings of the name, one per line (CSRankings lists some people several times)."""
    search_name: str | None = None
    """Name and aliases as search compares them (`tracker.domain.folding`); kept by the events below."""
    search_text: str | None = None
    """Lab, research areas and e-mail as search compares them."""
    version: int = Field(default=1, sa_column=_PERSON_VERSION)
    """Changes with every edit (see `_version_column`)."""

    __mapper_args__ = {"version_id_col": _PERSON_VERSION}  # noqa: RUF012


class Opportunity(SQLModel, table=True):
    """What is pursued: a lab (cold outreach), a structured program, or a posting."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(index=True)
    kind: str = "outreach"
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    lab: str | None = None
    contact_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    cycle: str | None = None
    stage: str = Field(default="shortlisted", index=True)
    deadline: date | None = None
    """The deadline's calendar day, in the deadline's own zone."""
    deadline_at: datetime | None = _instant(default=None)  # type: ignore[assignment]
    """The exact deadline instant (UTC) when a time of day was given."""
    deadline_tz: str | None = None
    """The zone the deadline was given in (IANA name or offset), for display."""
    applied_on: date | None = None
    letters_required: int = 0
    min_gpa: str | None = None
    """GPA cut-off as typed, with its scale: "8/10", "3.0/4"."""
    location_rule: str | None = None
    stipend: str | None = None
    url: str | None = None
    notes: str | None = None
    created_on: date = Field(default_factory=date.today)
    search_text: str | None = None
    """Title, lab, cycle and notes as search compares them (`tracker.domain.folding`)."""
    version: int = Field(default=1, sa_column=_OPPORTUNITY_VERSION)
    """Changes with every edit (see `_version_column`)."""

    __mapper_args__ = {"version_id_col": _OPPORTUNITY_VERSION}  # noqa: RUF012


class StageChange(SQLModel, table=True):
    """One change of an opportunity's stage; the history is never rewritten."""

    __table_args__ = (
        # The Board reads the day each opportunity reached its stage from the index alone (board06).
        sa.Index("ix_stagechange_opportunity_id", "opportunity_id", "changed_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", ondelete="CASCADE")
    from_stage: str | None = None
    to_stage: str
    changed_on: date
    recorded_at: datetime = _instant(default_factory=utcnow)  # type: ignore[assignment]


class Interaction(SQLModel, table=True):
    """One message or meeting: an email, a LinkedIn message, a call, a note..."""

    __table_args__ = (
        # Covers the follow-up query of `tracker remind` (queries/reminders_sqlite_sql.WAITING): each
        # person's messages by direction and date, with what the rule reads, without touching the table.
        sa.Index("ix_interaction_thread", "person_id", "direction", "on", "id", "channel", "follow_up_on",
                 "opportunity_id"),
        # An opportunity's messages, with what the Board reads of them (last reply, follow-up due),
        # without touching the table (board06); it serves every lookup by opportunity too.
        sa.Index("ix_interaction_opportunity_id", "opportunity_id", "direction", "on", "follow_up_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    on: date = Field(index=True)
    channel: str
    direction: str
    person_id: int = Field(foreign_key="person.id")  # looked up through ix_interaction_thread, which starts with it
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    subject: str | None = None
    paper: str | None = None
    notes: str | None = None
    follow_up_on: date | None = None
    """When to follow up if no answer comes; set when a sent message is logged."""
    logged_from: str | None = None
    """"mail" or "linkedin" when `tracker mail sync`/`import` logged it (the TUI's timeline marks it); else None."""


class Interview(SQLModel, table=True):
    """An interview, at an instant, in the zone it was arranged in."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    at: datetime = _instant()  # type: ignore[assignment]
    tz: str | None = None
    """The zone the interview was arranged in (IANA name or offset)."""
    format: str | None = None
    with_person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    notes: str | None = None
    outcome: str | None = None


class Offer(SQLModel, table=True):
    """An offer received for an opportunity, and the student's decision."""

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    received_on: date
    respond_by: date | None = None
    start: date | None = None
    end: date | None = None
    stipend: float | None = None
    currency: str | None = None
    decision: str = "pending"
    reasons: str | None = None
    score_topic: int | None = None
    score_familiarity: int | None = None
    score_renown: int | None = None
    score_place: int | None = None


class LetterRequest(SQLModel, table=True):
    """A reference letter a writer is asked to send for an opportunity."""

    __table_args__ = (sa.UniqueConstraint("opportunity_id", "writer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    writer_id: int = Field(foreign_key="person.id", index=True)
    status: str = "not-asked"
    alerted_on: date | None = None
    agreed_on: date | None = None
    requested_on: date | None = None
    submitted_on: date | None = None
    thanked_on: date | None = None
    via: str | None = None
    """How the letter reaches the opportunity: "portal" or "email" (see vocab.LETTER_ROUTES)."""
    submit_to: str | None = None
    """Where: the portal's address, or the e-mail address the letter goes to."""
    attachments: str | None = None
    """What the student sends the writer with the request: "CV, transcript, statement draft"."""
    notes: str | None = None


class Reminder(SQLModel, table=True):
    """A reminder set by hand."""

    id: int | None = Field(default=None, primary_key=True)
    text: str
    due: date
    person_id: int | None = Field(default=None, foreign_key="person.id")
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")
    created_at: datetime = _instant(default_factory=utcnow)  # type: ignore[assignment]


class ReminderState(SQLModel, table=True):
    """Snooze or dismissal of a reminder, derived or manual, by its stable key."""

    key: str = Field(primary_key=True)
    snoozed_until: date | None = None
    dismissed_at: datetime | None = _instant(default=None)  # type: ignore[assignment]


class Profile(SQLModel, table=True):
    """The student: one row."""

    id: int | None = Field(default=1, primary_key=True)
    name: str | None = None
    gpa: str | None = None
    """GPA with its scale as typed: "7.1/10", "3.6/4"."""
    home_institution: str | None = None
    timezone: str | None = None
    follow_up_email_days: int = 7
    follow_up_linkedin_days: int = 5
    recent_contact_days: int = 30
    """The duplicate guard's window: warn before writing to a person or lab written to this recently."""
    calendar_file: str | None = None
    """An .ics file written again after every change (`tracker profile --calendar-file`)."""


class UndoEntry(SQLModel, table=True):
    """One destructive action (a delete, a bulk stage move, an import) and how to reverse it.

    `payload` is JSON written by `tracker.store.safety.undo`: the rows the action removed, the ids
    of the rows it added, and the columns it changed with their values before and after.
    """

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _instant(default_factory=utcnow)  # type: ignore[assignment]
    action: str
    """"delete-person", "delete-opportunity", "bulk-move" or "import"."""
    description: str
    """What was done, for people: 'deleted "Prof. Kim Minsoo" (12 messages, 1 letter)'."""
    payload: str
    undone_at: datetime | None = _instant(default=None)  # type: ignore[assignment]
    """When it was undone; None while it can still be."""


class MailAccount(SQLModel, table=True):
    """A mailbox `tracker mail sync` reads: where it is, never its password."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    url: str
    """imaps://USER@HOST[:PORT] (or imap:// to this machine): no password, ever."""
    sent_folder: str | None = None
    """The folder of sent messages; None: the one the server marks \\Sent, else "Sent"."""
    inbox_folder: str | None = None
    """The folder of received messages; None: INBOX."""
    own_addresses: str | None = None
    """The student's addresses and aliases (`--me`), one per line: messages among them are not contact."""


class MailFolder(SQLModel, table=True):
    """How far one folder of an account was read: its UIDVALIDITY and the highest UID seen."""

    __table_args__ = (sa.UniqueConstraint("account_id", "folder"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="mailaccount.id", index=True, ondelete="CASCADE")
    folder: str
    uidvalidity: int = Field(sa_type=sa.BigInteger)
    """IMAP's UIDVALIDITY and UIDs are unsigned 32-bit numbers: more than a signed INTEGER holds."""
    last_uid: int = Field(default=0, sa_type=sa.BigInteger)


class MailSeen(SQLModel, table=True):
    """A message already logged (its Message-ID, or LinkedIn's stable id for a row): never logged again."""

    message_id: str = Field(primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True, ondelete="SET NULL")
    """The tracked person it was logged for (a reply from an unknown address names them as the thread's)."""
    logged_at: datetime = _instant(default_factory=utcnow)  # type: ignore[assignment]


class MailUnknown(SQLModel, table=True):
    """A reply in a thread the student started with a tracked person, from an address tracker does not know."""

    message_id: str = Field(primary_key=True)
    address: str = Field(index=True)
    """The sender's address, lower-case."""
    name: str | None = None
    """The sender's display name, decoded."""
    on: date
    subject: str | None = None
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    """The tracked person the thread was started with."""


# --- search keys -----------------------------------------------------------------------------------
# Every ORM write keeps the folded text search compares (`tracker.store.queries.search`). Bulk writes that
# bypass the ORM (imports, the faculty import) compute the same keys with the same functions.


@sa.event.listens_for(Person, "before_insert")
@sa.event.listens_for(Person, "before_update")
def _person_keys(_mapper: object, _connection: object, person: Person) -> None:
    from tracker.domain.folding import person_keys

    person.search_name, person.search_text = person_keys(
        person.name, person.aliases, person.lab, person.research_areas, person.email)


@sa.event.listens_for(Opportunity, "before_insert")
@sa.event.listens_for(Opportunity, "before_update")
def _opportunity_key(_mapper: object, _connection: object, opportunity: Opportunity) -> None:
    from tracker.domain.folding import opportunity_key

    opportunity.search_text = opportunity_key(opportunity.title, opportunity.lab, opportunity.cycle, opportunity.notes)


@sa.event.listens_for(Organization, "before_insert")
@sa.event.listens_for(Organization, "before_update")
def _organization_key(_mapper: object, _connection: object, organization: Organization) -> None:
    from tracker.domain.folding import organization_key

    organization.search_text = organization_key(organization.name)
