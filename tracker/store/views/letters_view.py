"""Reference letters for the TUI's Letters screen: the queries (what they make, and the rule of
what is owed: `tracker.store.views.letters_data`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlmodel import Session, col

from tracker.domain.vocab import OPEN_STAGES
from tracker.store.models import LetterRequest, Opportunity, Organization, Person
from tracker.store.views.letters_data import (
    DONE_STATUSES, MAX_LETTERS, MAX_OPPORTUNITIES, LettersOverview, OpportunityLetters, Writer, WriterLetter,
)
from tracker.store.views.opportunity_view import letter_status_day


def owed_last() -> Any:
    """An ORDER BY term that puts the letters still owed first (the SQL form of `letter_owed`)."""
    return col(LetterRequest.status).in_(DONE_STATUSES) | col(Opportunity.stage).not_in(OPEN_STAGES)


def letters_overview(session: Session) -> LettersOverview:
    """Writers with their letters (owing ones and soonest deadlines first) and the per-opportunity counts."""
    rows = session.execute(
        select(LetterRequest, Opportunity.title, Opportunity.stage, Opportunity.deadline, Person.name,
               Organization.name)
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
        .join(Person, Person.id == LetterRequest.writer_id)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .order_by(owed_last(), col(Opportunity.deadline).is_(None), col(Opportunity.deadline), col(LetterRequest.id))
        .limit(MAX_LETTERS)
    ).all()
    writers: dict[int, Writer] = {}
    for request, title, stage, deadline, name, org in rows:
        writer = writers.setdefault(request.writer_id, Writer(request.writer_id, name, org))
        writer.letters.append(WriterLetter(
            request.id, request.opportunity_id, title, stage, deadline, request.status, letter_status_day(request),
            request.notes,
        ))
    ordered = sorted(
        writers.values(),
        key=lambda w: (not w.owed, w.next_due is None, w.next_due or date.max, w.name.lower()),
    )
    owed = ~owed_last()
    total, owed_letters, owing_writers = session.execute(
        select(func.count(LetterRequest.id), func.count(case((owed, 1))),  # type: ignore[arg-type]
               func.count(func.distinct(case((owed, LetterRequest.writer_id)))))
        .join(Opportunity, Opportunity.id == LetterRequest.opportunity_id)
    ).one()
    return LettersOverview(ordered, _per_opportunity(session), total, owed_letters, owing_writers)


def _per_opportunity(session: Session) -> list[OpportunityLetters]:
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
    query = (
        select(Opportunity.id, Opportunity.title, Opportunity.stage, Opportunity.deadline,
               Opportunity.letters_required, func.coalesce(asked.c.asked, 0), func.coalesce(asked.c.done, 0))
        .outerjoin(asked, asked.c.oid == Opportunity.id)
        .where(or_(Opportunity.letters_required > 0, asked.c.asked > 0))
        .order_by(is_closed, col(Opportunity.deadline).is_(None), col(Opportunity.deadline), col(Opportunity.id))
        .limit(MAX_OPPORTUNITIES)
    )
    return [OpportunityLetters(*row) for row in session.execute(query)]
