"""Editing an interview after it was added: its time, format, interviewer, notes and outcome.

`interview_values` reads one interview as plain values (for the TUI's form);
`update_interview` changes it in the caller's transaction. Adding one is
`tracker.store.writes.records.add_interview` (it also moves the stage); an edit leaves the
stage history as it is.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlmodel import Session

from tracker.domain.choices import clean
from tracker.domain.errors import InvalidInput, NotFound
from tracker.store.models import Interview, Opportunity, Person
from tracker.store.queries.lookup import find_person, person_reference


def _interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound(f"no interview with id {interview_id} (deleted meanwhile?)")
    return interview


def interview_values(session: Session, interview_id: int) -> dict[str, Any]:
    """An interview's fields as plain values: `at` (aware, UTC) with `tz` (the zone it was
    arranged in), `with` as the interviewer's name, and `opportunity` as its title."""
    interview = _interview(session, interview_id)
    person = session.get(Person, interview.with_person_id) if interview.with_person_id is not None else None
    opportunity = session.get(Opportunity, interview.opportunity_id)
    return {
        "at": interview.at,
        "tz": interview.tz,
        "format": interview.format,
        "with": person_reference(session, person) if person else None,
        "notes": interview.notes,
        "outcome": interview.outcome,
        "opportunity": opportunity.title if opportunity else None,
    }


def update_interview(session: Session, *, interview_id: int, at: datetime, tz: str | None,
                     format: str | None = None, with_person: str | None = None, notes: str | None = None,
                     outcome: str | None = None, base: dict[str, Any] | None = None,
                     mine: Collection[str] = ()) -> Interview:
    """Set every field of the interview `interview_id` (None or "" empties one).

    With `base` (the values the caller read, `interview_values`) and `mine` (the fields the user
    changed, as `interview_values` names them), what was saved elsewhere since is kept and a field
    changed on both sides refused (`tracker.store.writes.edits.merged`)."""
    if at.tzinfo is None:
        raise InvalidInput("an interview needs a time zone")
    if base is not None:
        from tracker.store.writes.edits import merged

        now = interview_values(session, interview_id)
        ours = {"at": at, "tz": tz, "format": format, "with": with_person, "notes": notes, "outcome": outcome}
        kept = merged(now, base, mine, ours, "the interview")
        at, tz, format, with_person, notes, outcome = (kept[key] if key in kept else now[key] for key in ours)
    interview = _interview(session, interview_id)
    person = find_person(session, with_person) if with_person and with_person.strip() else None
    interview.at = at
    interview.tz = tz
    interview.format = clean(format)
    interview.with_person_id = person.id if person else None
    interview.notes = clean(notes)
    interview.outcome = clean(outcome)
    session.add(interview)
    session.flush()
    return interview
