"""StageForm: move an opportunity to another stage on a given day (kept in its history)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session
from textual.widgets import Select

from tracker.domain.vocab import STAGES
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.widgets.date_input import DateInput


class StageForm(FormScreen):
    """The opportunity's new stage (its current one is preselected) and since when."""

    heading = "Move to stage"

    def __init__(self, opportunity: str) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity's title (a unique prefix is enough)."""
        self.current: str | None = None
        """The stage it is at now (loaded)."""

    def subtitle(self) -> str | None:
        return self.opportunity

    def fields(self) -> Iterable[Field]:
        yield Field("stage", "Stage", Select.from_values(STAGES, allow_blank=False, compact=True), required=True)
        yield Field("on", "Date", DateInput("today", mode="date"), required=True)

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import opportunity_stage

        return opportunity_stage(session, self.opportunity)

    def loaded(self, data: Any) -> None:
        title, stage = data
        self.opportunity = title
        self.current = stage
        self.set_subtitle(f"{title}: now {stage}")
        if stage in STAGES:
            self.widget("stage").value = stage

    def build(self) -> Change | None:
        stage = self.choice("stage")
        on = self.when("on", required=True)
        if stage is not None and stage == self.current:
            self.fail("stage", f"it is already {stage}; choose another stage")
        if self.errors or stage is None or on is None:
            return None
        return _move(self.opportunity, stage, on)


def _move(opportunity: str, stage: str, on: date) -> Change:
    def change(session: Session) -> str:
        from tracker.store.queries.lookup import find_opportunity
        from tracker.store.writes.records import record_stage

        opp = find_opportunity(session, opportunity)
        with on_field("stage"):
            moved = record_stage(session, opp, stage, on=on)
        if moved is None:
            return f'"{opp.title}" is already {stage}'
        return f'Moved "{opp.title}" to {stage} on {on:%a %Y-%m-%d}'

    return change
