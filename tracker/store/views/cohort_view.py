"""The cohort: each student an advisor follows, in one row (`tracker cohort`, the TUI's Cohort screen).

Only on a server (`ServerStore`): the students are those `tracker db advise` linked to the current
user, and each student's numbers are read through a store that sees that student only
(`ServerStore.for_student`), so every number comes from the same queries and rules as the
student's own screens (the reminders of `tracker.domain.reminders` included).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, text
from sqlmodel import select

from tracker.domain.errors import InvalidInput
from tracker.domain.vocab import STAGES
from tracker.store.models import Interaction, Interview, LetterRequest, Offer, Opportunity, StageChange

if TYPE_CHECKING:
    from tracker.store.engine.server_store import ServerStore
    from tracker.store.engine.store import Store

WINDOW_DAYS = 14
"""Deadlines and interviews this many days ahead are shown."""
OUTSTANDING_LETTERS = ("not-asked", "alerted", "agreed", "requested")
"""A letter in one of these states has not reached the opportunity yet."""


@dataclass
class StudentRow:
    """One student of the cohort."""

    student: str
    funnel: dict[str, int] = field(default_factory=dict)
    """Opportunities by stage (every stage, in `vocab.STAGES` order)."""
    overdue_follow_ups: int = 0
    deadlines: int = 0
    """Deadlines of open opportunities in the next `WINDOW_DAYS` days."""
    interviews: int = 0
    """Interviews in the next `WINDOW_DAYS` days."""
    offers_waiting: int = 0
    letters_outstanding: int = 0
    last_activity: date | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["last_activity"] = self.last_activity.isoformat() if self.last_activity else None
        return data


def require_server(store: Store) -> ServerStore:
    """The store, if it is a server's; else InvalidInput in one sentence."""
    if store.dialect != "postgresql":
        raise InvalidInput("a cohort lives on a shared server: open it with --db postgresql://... "
                           "(docs/shared-database.md); this SQLite file has one student")
    return store  # type: ignore[return-value]


def students(store: ServerStore) -> list[str]:
    """The students the current user advises (whom `tracker db advise` linked to them)."""
    with store.read() as session:
        rows = session.execute(text(
            "SELECT student::text FROM tracker_advising WHERE advisor = current_user ORDER BY 1"))
        return [name for (name,) in rows]


def student_row(store: ServerStore, student: str, *, today: date) -> StudentRow:
    """The numbers of one student (read as that student sees them)."""
    view = store.for_student(student)
    try:
        zone = view.user_zone()
        due = view.current_reminders(today=today, within_days=0, zone=zone)
        row = StudentRow(student, overdue_follow_ups=sum(
            1 for r in due if r.kind == "follow-up" and r.due < today))
        horizon = today + timedelta(days=WINDOW_DAYS)
        start = datetime.combine(today, datetime.min.time(), zone).astimezone(timezone.utc)
        with view.read() as session:
            counts = dict(session.execute(select(Opportunity.stage, func.count()).group_by(Opportunity.stage)).all())
            row.funnel = {stage: int(counts.get(stage, 0)) for stage in STAGES}
            row.deadlines = session.execute(select(func.count()).select_from(Opportunity).where(
                Opportunity.deadline.between(today, horizon), Opportunity.stage.in_(STAGES[:6]))).scalar_one()
            row.interviews = session.execute(select(func.count()).select_from(Interview).where(
                Interview.at >= start, Interview.at < start + timedelta(days=WINDOW_DAYS + 1))).scalar_one()
            row.offers_waiting = session.execute(select(func.count()).select_from(Offer).where(
                Offer.decision == "pending")).scalar_one()
            row.letters_outstanding = session.execute(select(func.count()).select_from(LetterRequest).where(
                LetterRequest.status.in_(OUTSTANDING_LETTERS))).scalar_one()
            last = [session.execute(select(func.max(Interaction.on))).scalar_one(),
                    session.execute(select(func.max(StageChange.changed_on))).scalar_one()]
            row.last_activity = max((d for d in last if d is not None), default=None)
        return row
    finally:
        view.close()


def cohort(store: Store, *, today: date) -> list[StudentRow]:
    """Every student the current user advises, one row each, by name."""
    server = require_server(store)
    return [student_row(server, name, today=today) for name in students(server)]


__all__ = ["OUTSTANDING_LETTERS", "WINDOW_DAYS", "StudentRow", "cohort", "require_server", "student_row",
           "students"]
