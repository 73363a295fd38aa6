"""Reference letters as the Letters screen shows them: per writer, and per opportunity; plain data.

A writer *owes* a letter while its status comes before "submitted" and the
opportunity is still open; "by when" is the opportunity's deadline. No SQLAlchemy here, so the
screen loads without the ORM; the queries are `tracker.store.views.letters_view`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.domain.vocab import LETTER_STATUSES, OPEN_STAGES

MAX_LETTERS = 200
"""Letter requests shown at most (owed ones first), as the agenda shows 200 reminders: far more than a
student asks for; an adviser's cohort is counted ("showing the first 200 of …"; `tracker letters`
lists up to 500). Each row is measured and laid out by the table: 500 were 0.1 s of the screen."""
MAX_OPPORTUNITIES = 200
"""Opportunities listed at most in the per-opportunity summary (open ones first)."""

DONE_STATUSES: tuple[str, ...] = ("submitted", "thanked")


def letter_owed(status: str, stage: str) -> bool:
    """A letter is still owed when it is not submitted and its opportunity is still open."""
    return status not in DONE_STATUSES and stage in OPEN_STAGES


def status_day(status: str, alerted_on: date | None, agreed_on: date | None, requested_on: date | None,
               submitted_on: date | None, thanked_on: date | None) -> date | None:
    """The day a letter request reached `status`, its current one (None for "not-asked")."""
    return {
        "alerted": alerted_on, "agreed": agreed_on, "requested": requested_on, "submitted": submitted_on,
        "thanked": thanked_on,
    }.get(status)


def next_letter_status(status: str) -> str | None:
    """The status after `status` in LETTER_STATUSES, None after the last one."""
    index = LETTER_STATUSES.index(status)
    return LETTER_STATUSES[index + 1] if index + 1 < len(LETTER_STATUSES) else None


@dataclass(frozen=True)
class WriterLetter:
    """One letter request, as the writer's row lists it."""

    id: int
    opportunity_id: int
    opportunity: str
    stage: str
    deadline: date | None
    status: str
    status_on: date | None
    notes: str | None

    @property
    def owed(self) -> bool:
        """Still to be written: not submitted, for an opportunity still open."""
        return letter_owed(self.status, self.stage)

    @property
    def next_status(self) -> str | None:
        """The status `a` moves it to."""
        return next_letter_status(self.status)

    @property
    def to_tell(self) -> bool:
        """Asked or alerted, never written, and the opportunity closed since (withdrawn, declined,
        accepted elsewhere...): the writer should hear that it is off."""
        return self.status not in DONE_STATUSES and self.status != "not-asked" and self.stage not in OPEN_STAGES


@dataclass(frozen=True)
class Writer:
    """A letter writer and the letters asked of them."""

    id: int
    name: str
    organization: str | None
    letters: list[WriterLetter] = field(default_factory=list)

    @property
    def owed(self) -> list[WriterLetter]:
        """The letters they still owe."""
        return [letter for letter in self.letters if letter.owed]

    @property
    def to_tell(self) -> list[WriterLetter]:
        """The letters they were asked for, of opportunities closed since: tell them."""
        return [letter for letter in self.letters if letter.to_tell]

    @property
    def next_due(self) -> date | None:
        """The earliest deadline among the letters they owe."""
        days = [letter.deadline for letter in self.owed if letter.deadline is not None]
        return min(days) if days else None


@dataclass(frozen=True)
class OpportunityLetters:
    """Letters for one opportunity: submitted out of required."""

    id: int
    title: str
    stage: str
    deadline: date | None
    required: int
    asked: int
    """Letter requests recorded (any status)."""
    submitted: int

    @property
    def ratio(self) -> str:
        """ "1/2": submitted of required (of requested when more were asked than required)."""
        return f"{self.submitted}/{max(self.required, self.asked)}"


@dataclass(frozen=True)
class LettersOverview:
    """What the Letters screen shows."""

    writers: list[Writer]
    opportunities: list[OpportunityLetters]
    total_letters: int
    """Letter requests in the database (more than listed when over MAX_LETTERS)."""
    owed_letters: int
    """Of them, the letters still owed (`letter_owed`), listed or not."""
    owing_writers: int
    """The writers who owe at least one of them."""


def letters_overview_of(
    letters: Iterable[Sequence[Any]], counts: Sequence[int], opportunities: Iterable[Sequence[Any]]
) -> LettersOverview:
    """The overview from the rows of the three queries (`tracker.store.views.letters_view`): the
    letters (writer id, writer, organization, the letter's id, opportunity id, opportunity, stage,
    deadline, status, notes, and the day of each status as `status_day` takes them), in the order listed;
    (letter requests, owed, owing writers); and the opportunities (an `OpportunityLetters` each)."""
    writers: dict[int, Writer] = {}
    for writer_id, name, organization, letter_id, opportunity_id, title, stage, deadline, status, notes, *days in letters:
        writer = writers.setdefault(writer_id, Writer(writer_id, name, organization))
        writer.letters.append(WriterLetter(letter_id, opportunity_id, title, stage, deadline, status,
                                           status_day(status, *days), notes))
    ordered = sorted(
        writers.values(),
        key=lambda w: (not w.owed, w.next_due is None, w.next_due or date.max, w.name.lower()),
    )
    total, owed_letters, owing_writers = counts
    return LettersOverview(ordered, [OpportunityLetters(*row) for row in opportunities], total, owed_letters,
                           owing_writers)
