"""LetterForm: ask a writer for a reference letter, or record how far a letter has got."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session
from textual.widgets import Input, Select

from tracker.domain.vocab import LETTER_ROUTES, LETTER_STATUSES
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

ROUTE_LABELS = {"portal": "the program's portal", "email": "by e-mail"}


def next_status(status: str | None) -> str:
    """The status after `status` in the letter workflow; "alerted" for a letter not yet asked."""
    if status not in LETTER_STATUSES:
        return "alerted"
    index = LETTER_STATUSES.index(status)
    return LETTER_STATUSES[min(index + 1, len(LETTER_STATUSES) - 1)]


class LetterForm(FormScreen):
    """Which writer, for which opportunity, the letter's status and when it got there."""

    heading = "Reference letter"

    def __init__(self, opportunity: str | None = None, writer: str | None = None, writer_id: int | None = None) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity to prefill."""
        self.writer = writer
        """The writer to prefill."""
        self.writer_id = writer_id
        """The prefilled writer's id, when known: saved by it while the name is left as it was."""
        self.current: str | None = None
        """The letter's status now, when both names were given and it exists (loaded)."""

    def fields(self) -> Iterable[Field]:
        yield Field("opportunity", "Opportunity", NameInput(self.opportunity or "", kind="opportunity"), required=True)
        yield Field("writer", "Writer", NameInput(self.writer or "", kind="person", placeholder="a person already added",
                                                     known_id=self.writer_id),
                    required=True)
        yield Field("status", "Status", Select(
            [(STATUS_LABELS.get(s, s), s) for s in LETTER_STATUSES], value="alerted", allow_blank=False, compact=True,
        ), required=True)
        yield Field("on", "Date", DateInput("today", mode="date"), required=True)
        yield Field("via", "Submitted", Select([(ROUTE_LABELS[r], r) for r in LETTER_ROUTES], compact=True,
                                               prompt="how the letter goes in"))
        yield Field("submit_to", "Where", Input(placeholder="portal address, or the e-mail it goes to", compact=True))
        yield Field("attachments", "You send", Input(placeholder='e.g. "CV, transcript, one-page summary"',
                                                     compact=True))

    def needs_load(self) -> bool:
        return bool(self.opportunity and self.writer)

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import letter_details

        assert self.opportunity and self.writer
        writer = f"#{self.writer_id}" if self.writer_id is not None else self.writer
        return letter_details(session, opportunity=self.opportunity, writer=writer)

    def loaded(self, data: Any) -> None:
        self.current = data["status"] if data else None
        if data is not None:
            self.set_subtitle(f"Now: {STATUS_LABELS.get(self.current, self.current)}")
            self.fill({"via": data["via"] or None, "submit_to": data["submit_to"], "attachments": data["attachments"]})
        if self.clashed is None:  # (loaded again after a refusal, the status chosen stays, the new one above it)
            self.widget("status").value = next_status(self.current)

    def first_field(self) -> Field | None:
        if self.opportunity and self.writer:
            return self.field("status")
        return super().first_field()

    def build(self) -> Change | None:
        opportunity = self.text("opportunity", required=True)
        writer = self.text("writer", required=True)
        status = self.choice("status")
        on = self.when("on", required=True)
        route = {"via": self.choice("via"), "submit_to": self.text("submit_to") or "",
                 "attachments": self.text("attachments") or ""}
        if self.errors or opportunity is None or writer is None or on is None:
            return None
        loaded = self.current if self.needs_load() else None
        return _save(opportunity, self.widget("writer").reference(writer), status, on, route, loaded)


def _save(opportunity: str, writer: str, status: str | None, on: date, route: dict[str, str | None],
          loaded: str | None) -> Change:
    """Set the letter's status and route; refused (`set_letter`'s ChangedElsewhere) when its status is no
    longer the `loaded` one the form showed."""

    def change(session: Session) -> str:
        from tracker.store.queries.lookup import find_opportunity, find_person
        from tracker.store.writes.records import set_letter

        with on_field("opportunity"):
            opp = find_opportunity(session, opportunity)
        with on_field("writer"):
            person = find_person(session, writer)
        with on_field("status"):
            request, created = set_letter(session, opportunity=opportunity, writer=writer, status=status, on=on,
                                          shown=loaded, **route)
        what = "New letter request" if created else "Letter"
        return f'{what}: {person.name} for "{opp.title}", {request.status}'

    return change
