"""The letters desk: everything one writer is asked for, so they get one clear message.

`writer_desk` reads a writer's letter requests with what the message needs (the
opportunity and its host, how and where the letter is submitted, the deadline with
its zone, what the student sends along); `letters_block` turns them into the
numbered plain-text list the "letter-writer" draft puts in `{letters}`.
`letters_glance` is the at-a-glance table of `tracker letters`: every request, by writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.store.models import LetterRequest, Opportunity, Organization, Person
from tracker.store.views.letters_data import letter_owed
from tracker.store.views.letters_view import owed_last
from tracker.store.views.opportunity_view import letter_status_day

MAX_DESK = 500
"""Letter requests read at most for the at-a-glance table (owed ones first)."""


@dataclass(frozen=True)
class DeskLetter:
    """One letter asked of a writer, with what the writer needs to know about it."""

    id: int
    writer_id: int
    writer: str
    writer_email: str | None
    opportunity_id: int
    opportunity: str
    organization: str | None
    kind: str
    stage: str
    deadline: date | None
    deadline_at: datetime | None
    deadline_tz: str | None
    url: str | None
    via: str | None
    submit_to: str | None
    attachments: str | None
    status: str
    status_on: date | None
    notes: str | None

    @property
    def owed(self) -> bool:
        """Still to be written: not submitted, for an opportunity still open."""
        return letter_owed(self.status, self.stage)

    @property
    def where(self) -> str:
        """How the letter goes in, in words: "the portal (https://…)", "e-mail to x@y", or "not known yet"."""
        if self.via == "email":
            return f"by e-mail to {self.submit_to}" if self.submit_to else "by e-mail (address to follow)"
        target = self.submit_to or self.url
        if self.via == "portal":
            return f"through the portal, {target}" if target else "through the portal (it will e-mail you a link)"
        return target or "to be confirmed"


def deadline_words(letter: DeskLetter) -> str:
    """The deadline as the writer should read it: day, and time with its zone when one was given."""
    if letter.deadline is None:
        return "no fixed deadline"
    from tracker.domain.dates import arranged_in

    local = arranged_in(letter.deadline_at, letter.deadline_tz) if letter.deadline_at is not None else None
    if local is None:  # no time, or a zone this machine does not know: the day is still right
        return f"{letter.deadline:%a %d %b %Y}"
    return f"{local:%a %d %b %Y, %H:%M} ({letter.deadline_tz})"


def _query():  # type: ignore[no-untyped-def]
    return (
        select(LetterRequest, Person.name, Person.email, Opportunity, Organization.name)
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
        .join(Person, Person.id == LetterRequest.writer_id)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
    )


def _letter(row: tuple[LetterRequest, str, str | None, Opportunity, str | None]) -> DeskLetter:
    request, name, email, opp, org = row
    assert request.id is not None and opp.id is not None
    return DeskLetter(
        request.id, request.writer_id, name, email, opp.id, opp.title, org, opp.kind, opp.stage,
        opp.deadline, opp.deadline_at, opp.deadline_tz, opp.url, request.via, request.submit_to,
        request.attachments, request.status, letter_status_day(request), request.notes,
    )


def _order(letter: DeskLetter) -> tuple[bool, bool, date, int]:
    return (not letter.owed, letter.deadline is None, letter.deadline or date.max, letter.id)


def writer_desk(session: Session, writer_id: int) -> list[DeskLetter]:
    """Every letter asked of the writer: owed ones first, soonest deadline first."""
    rows = session.execute(_query().where(LetterRequest.writer_id == writer_id)).all()
    return sorted((_letter(tuple(row)) for row in rows), key=_order)  # type: ignore[arg-type]


def letters_glance(session: Session) -> list[DeskLetter]:
    """Every letter request, grouped by writer (writers who owe the soonest first)."""
    rows = session.execute(
        _query().order_by(owed_last(), col(Opportunity.deadline).is_(None), col(Opportunity.deadline),
                          col(LetterRequest.id)).limit(MAX_DESK)
    ).all()
    letters = [_letter(tuple(row)) for row in rows]  # type: ignore[arg-type]
    first: dict[int, int] = {}
    for index, letter in enumerate(letters):
        first.setdefault(letter.writer_id, index)
    return sorted(letters, key=lambda letter: (first[letter.writer_id], _order(letter)))


def letters_block(letters: list[DeskLetter]) -> str:
    """A numbered plain-text list, one entry per letter: what for, how, by when, what is attached."""
    lines: list[str] = []
    for number, letter in enumerate(letters, start=1):
        host = f" ({letter.organization})" if letter.organization and letter.organization not in letter.opportunity else ""
        lines.append(f"{number}. {letter.opportunity}{host}")
        lines.append(f"   Deadline: {deadline_words(letter)}")
        lines.append(f"   How: {letter.where}")
        if letter.attachments:
            lines.append(f"   I am sending: {letter.attachments}")
    return "\n".join(lines)
