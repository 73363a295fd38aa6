"""LetterForm: ask a writer for a reference letter, or record how far a letter has got."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session
from textual.widgets import Select

from tracker.domain.vocab import LETTER_STATUSES
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.name_input import NameInput

STATUS_LABELS = {
    "not-asked": "not asked yet",
    "alerted": "alerted (warned in advance)",
    "agreed": "agreed to write",
    "requested": "requested by the portal",
    "submitted": "submitted",
    "thanked": "thanked",
}


def next_status(status: str | None) -> str:
    """The status after `status` in the letter workflow; "alerted" for a letter not yet asked."""
    if status not in LETTER_STATUSES:
        return "alerted"
    index = LETTER_STATUSES.index(status)
    return LETTER_STATUSES[min(index + 1, len(LETTER_STATUSES) - 1)]


class LetterForm(FormScreen):
    """Which writer, for which opportunity, the letter's status and when it got there."""

    heading = "Reference letter"

    def __init__(self, opportunity: str | None = None, writer: str | None = None) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity to prefill."""
        self.writer = writer
        """The writer to prefill."""
        self.current: str | None = None
        """The letter's status now, when both names were given and it exists (loaded)."""

    def fields(self) -> Iterable[Field]:
        yield Field("opportunity", "Opportunity", NameInput(self.opportunity or "", kind="opportunity"), required=True)
        yield Field("writer", "Writer", NameInput(self.writer or "", kind="person", placeholder="a person already added"),
                    required=True)
        yield Field("status", "Status", Select(
            [(STATUS_LABELS.get(s, s), s) for s in LETTER_STATUSES], value="alerted", allow_blank=False, compact=True,
        ), required=True)
        yield Field("on", "Date", DateInput("today", mode="date"), required=True)

    def needs_load(self) -> bool:
        return bool(self.opportunity and self.writer)

    def load(self, session: Session) -> Any:
        from tracker.store.edits import letter_status

        assert self.opportunity and self.writer
        return letter_status(session, opportunity=self.opportunity, writer=self.writer)

    def loaded(self, data: Any) -> None:
        self.current = data
        if data is not None:
            self.set_subtitle(f"Now: {STATUS_LABELS.get(data, data)}")
        self.widget("status").value = next_status(data)

    def on_mount(self) -> None:  # FormScreen.on_mount runs too
        if self.opportunity and self.writer:
            self.widget("status").focus()
        elif self.opportunity:
            self.widget("writer").focus()

    def build(self) -> Change | None:
        opportunity = self.text("opportunity", required=True)
        writer = self.text("writer", required=True)
        status = self.choice("status")
        on = self.when("on", required=True)
        if self.errors or opportunity is None or writer is None or on is None:
            return None
        return _save(opportunity, writer, status, on)


def _save(opportunity: str, writer: str, status: str | None, on: date) -> Change:
    def change(session: Session) -> str:
        from tracker.store.lookup import find_opportunity, find_person
        from tracker.store.records import set_letter

        with on_field("opportunity"):
            opp = find_opportunity(session, opportunity)
        with on_field("writer"):
            person = find_person(session, writer)
        with on_field("status"):
            request, created = set_letter(session, opportunity=opportunity, writer=writer, status=status, on=on)
        what = "New letter request" if created else "Letter"
        return f'{what}: {person.name} for "{opp.title}", {request.status}'

    return change
