"""InterviewForm: add an interview, or edit one (`interview_id`): its time keeps the zone it was arranged in.

Editing is how an outcome is recorded after the interview (`I` on the opportunity's detail):
the form opens on the interview as stored, with the focus on Outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, ClassVar

from sqlmodel import Session
from textual.suggester import SuggestFromList
from textual.widgets import Input

from tracker.domain.vocab import REOPENED_BY_INTERVIEW
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

    STORE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {"at": ("at", "tz")}

    def __init__(self, opportunity: str, interview_id: int | None = None) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity's title (a unique prefix is enough)."""
        self.interview_id = interview_id
        """The interview being edited; None to add a new one."""
        self.heading = "New interview" if interview_id is None else "Edit interview"
        self.base: dict[str, Any] | None = None
        """The interview as the form loaded it (a change made elsewhere since is merged: `edits.merged`)."""

    def subtitle(self) -> str | None:
        return self.opportunity

    def fields(self) -> Iterable[Field]:
        yield Field("at", "When", DateInput(mode="datetime", ahead=True, placeholder="e.g. 2026-12-01 14:00 KST"),
                    required=True)
        yield Field("format", "Format", Input(
            placeholder="e.g. present your previous work", suggester=SuggestFromList(FORMATS, case_sensitive=False),
            compact=True,
        ))
        yield Field("with", "With", NameInput(kind="person", placeholder="the interviewer, a person already added"))
        yield Field("notes", "Preparation", NotesArea(placeholder="what to prepare; enter starts a new line"))
        yield Field("outcome", "Outcome", Input(placeholder='after it: e.g. "went well, second round on Friday"',
                                                compact=True))

    def first_field(self) -> Field | None:
        """Editing an interview is mostly recording how it went: typing starts in Outcome."""
        if self.interview_id is not None:
            return self.field("outcome")
        return super().first_field()

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import opportunity_stage
        from tracker.store.writes.interviews import interview_values

        if self.interview_id is not None:
            return interview_values(session, self.interview_id)
        return opportunity_stage(session, self.opportunity)

    def loaded(self, data: Any) -> None:
        if isinstance(data, dict):
            from tracker.tui.forms.opportunity_form import deadline_text

            self.opportunity = data["opportunity"] or self.opportunity
            self.base = data
            self.fill({"at": deadline_text(data["at"], data["tz"]),
                       **{key: data[key] for key in ("format", "with", "notes", "outcome")}})
            self.set_subtitle(f"{self.opportunity} (editing its interview)")
            return
        title, stage = data
        self.opportunity = title
        back = ": saving moves it back to interviewing" if stage in REOPENED_BY_INTERVIEW else ""
        self.set_subtitle(f"{title} ({stage}{back})")

    def build(self) -> Change | None:
        at = self.when("at", required=True)
        format = self.text("format")
        with_person = self.text("with")
        notes = self.text("notes")
        outcome = self.text("outcome")
        if self.errors or not isinstance(at, datetime):
            return None
        ours = {"at": at, "tz": zone_name(at), "format": format, "with": with_person, "notes": notes,
                "outcome": outcome}
        return _save(self.interview_id, self.opportunity, ours, self.base, self.mine(), today=self.app.today())


def _save(interview_id: int | None, opportunity: str, ours: dict[str, Any], base: dict[str, Any] | None,
          mine: set[str], *, today: date) -> Change:
    """Add the interview (`interview_id` None) or set the fields of the one given (merged with a change
    made elsewhere since the form read `base`: `update_interview`)."""

    def change(session: Session) -> str:
        from tracker.domain.dates import arranged_in, zone_label
        from tracker.store.queries.lookup import find_person
        from tracker.store.writes.edits import opportunity_stage
        from tracker.store.writes.interviews import update_interview
        from tracker.store.writes.records import add_interview, reopened

        if ours["with"]:
            with on_field("with"):
                find_person(session, ours["with"])
        at, outcome = ours["at"], ours["outcome"]
        written = dict(at=at, tz=ours["tz"], format=ours["format"], with_person=ours["with"], notes=ours["notes"],
                       outcome=outcome)
        if interview_id is None:
            _title, stage = opportunity_stage(session, opportunity)
            add_interview(session, opportunity=opportunity, **written, today=today)
            return f'Interview for "{opportunity}" on {at:%a %Y-%m-%d %H:%M} {zone_label(at)}{reopened(stage)}'
        saved = update_interview(session, interview_id=interview_id, base=base, mine=mine, **written)
        at = arranged_in(saved.at, saved.tz) or saved.at  # as saved: a time set elsewhere meanwhile is kept
        said = f": {saved.outcome}" if saved.outcome else ""
        return f'Saved the interview for "{opportunity}" on {at:%a %Y-%m-%d %H:%M} {zone_label(at)}{said}'

    return change
