"""InterviewForm: add an interview; its time keeps the zone it was arranged in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session
from textual.suggester import SuggestFromList
from textual.widgets import Input

from tracker.domain.zones import zone_name
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.notes_area import NotesArea
from tracker.tui.widgets.name_input import NameInput

FORMATS = (
    "present your previous work",
    "present one of their papers and suggest improvements",
    "ML basics questions",
    "coding",
    "informal chat",
)
"""Interview formats students report; offered as completions, any text is accepted."""


class InterviewForm(FormScreen):
    """When (with its zone), the format, with whom, and preparation notes."""

    heading = "New interview"

    def __init__(self, opportunity: str) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity's title (a unique prefix is enough)."""

    def subtitle(self) -> str | None:
        return self.opportunity

    def fields(self) -> Iterable[Field]:
        yield Field("at", "When", DateInput(mode="datetime", placeholder="e.g. 2026-12-01 14:00 KST"), required=True)
        yield Field("format", "Format", Input(
            placeholder="e.g. present your previous work", suggester=SuggestFromList(FORMATS, case_sensitive=False),
            compact=True,
        ))
        yield Field("with", "With", NameInput(kind="person", placeholder="the interviewer, a person already added"))
        yield Field("notes", "Preparation", NotesArea(placeholder="what to prepare; enter starts a new line"))
        yield Field("outcome", "Outcome", Input(placeholder='after it: e.g. "went well, second round on Friday"',
                                                compact=True))

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import opportunity_stage

        return opportunity_stage(session, self.opportunity)

    def loaded(self, data: Any) -> None:
        title, stage = data
        self.opportunity = title
        self.set_subtitle(f"{title} ({stage})")

    def build(self) -> Change | None:
        at = self.when("at", required=True)
        format = self.text("format")
        with_person = self.text("with")
        notes = self.text("notes")
        outcome = self.text("outcome")
        if self.errors or not isinstance(at, datetime):
            return None
        return _add(self.opportunity, at, format, with_person, notes, outcome)


def _add(opportunity: str, at: datetime, format: str | None, with_person: str | None, notes: str | None,
         outcome: str | None) -> Change:
    def change(session: Session) -> str:
        from tracker.domain.dates import zone_label
        from tracker.store.queries.lookup import find_person
        from tracker.store.writes.records import add_interview

        if with_person:
            with on_field("with"):
                find_person(session, with_person)
        add_interview(session, opportunity=opportunity, at=at, tz=zone_name(at), format=format,
                      with_person=with_person, notes=notes, outcome=outcome)
        return f'Interview for "{opportunity}" on {at:%a %Y-%m-%d %H:%M} {zone_label(at)}'

    return change
