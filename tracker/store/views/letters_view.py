"""Reference letters for the TUI's Letters screen: the queries (what they make, and the rule of
what is owed: `tracker.store.views.letters_data`; `tracker.store.queries.rendering` renders them
for SQLite).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlmodel import Session, col

from tracker.domain.vocab import OPEN_STAGES
from tracker.store.models import LetterRequest, Opportunity, Organization, Person
from tracker.store.views.letters_data import (
    DONE_STATUSES, MAX_LETTERS, MAX_OPPORTUNITIES, LettersOverview, letters_overview_of,
)


def owed_last() -> Any:
    """An ORDER BY term that puts the letters still owed first (the SQL form of `letter_owed`)."""
    return col(LetterRequest.status).in_(DONE_STATUSES) | col(Opportunity.stage).not_in(OPEN_STAGES)


def letters_overview(session: Session) -> LettersOverview:
    """Writers with their letters (owing ones and soonest deadlines first) and the per-opportunity counts."""
    return letters_overview_of(session.execute(letters_query()), session.execute(letter_counts_query()).one(),
                               session.execute(letter_opportunities_query()))


STATUS_DAYS = (LetterRequest.alerted_on, LetterRequest.agreed_on, LetterRequest.requested_on,
               LetterRequest.submitted_on, LetterRequest.thanked_on)
"""The day of each status, in `letters_data.status_day`'s order."""


def letters_query() -> Select[Any]:
    """The letters listed (the first MAX_LETTERS, owed ones and soonest deadlines first), with their writers."""
    return (
        select(LetterRequest.writer_id, Person.name, Organization.name, LetterRequest.id,
               LetterRequest.opportunity_id, Opportunity.title, Opportunity.stage, Opportunity.deadline,
               LetterRequest.status, LetterRequest.notes, *STATUS_DAYS)
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
        .join(Person, Person.id == LetterRequest.writer_id)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .order_by(owed_last(), col(Opportunity.deadline).is_(None), col(Opportunity.deadline), col(LetterRequest.id))
        .limit(MAX_LETTERS)
    )


def letter_counts_query() -> Select[Any]:
    """(letter requests, of them owed, writers owing one) over all of them, listed or not."""
    owed = ~owed_last()
    return (
        select(func.count(LetterRequest.id), func.count(case((owed, 1))),  # type: ignore[arg-type]
               func.count(func.distinct(case((owed, LetterRequest.writer_id)))))
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
    )


def letter_opportunities_query() -> Select[Any]:
    """The opportunities that need letters or have some asked for (open ones first), with their counts."""
    asked = (
        select(
            LetterRequest.opportunity_id.label("oid"),  # type: ignore[attr-defined]
            func.count().label("asked"),
            func.sum(case((col(LetterRequest.status).in_(DONE_STATUSES), 1), else_=0)).label("done"),
        )
        .group_by(LetterRequest.opportunity_id)
        .subquery()
    )
    is_closed = Opportunity.stage.not_in(OPEN_STAGES)  # type: ignore[attr-defined]
    return (
        select(Opportunity.id, Opportunity.title, Opportunity.stage, Opportunity.deadline,
               Opportunity.letters_required, func.coalesce(asked.c.asked, 0), func.coalesce(asked.c.done, 0))
        .outerjoin(asked, asked.c.oid == Opportunity.id)
        .where(or_(Opportunity.letters_required > 0, asked.c.asked > 0))
        .order_by(is_closed, col(Opportunity.deadline).is_(None), col(Opportunity.deadline), col(Opportunity.id))
        .limit(MAX_OPPORTUNITIES)
    )
