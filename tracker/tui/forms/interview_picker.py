"""InterviewPicker: choose which of an opportunity's interviews to edit (`I` on its detail, when it has several).

One row per interview, oldest first: its time (yours, and its own zone when different), with
whom, and its outcome so far. The highlight starts on the latest one already past (the one
whose outcome is still to record), `enter` opens it in the InterviewForm, `escape` closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.store.views.opportunity_view import InterviewLine
from tracker.tui.widgets.app_footer import AppFooter


class InterviewPicker(ModalScreen[int | None]):
    """Returns the chosen interview's id, or None."""

    DEFAULT_CSS = """
    InterviewPicker {
        align: center middle;
    }
    InterviewPicker > Vertical {
        width: 95%; max-width: 90; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    InterviewPicker OptionList {
        height: auto;
        max-height: 12;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
    ]

    def __init__(self, interviews: Sequence[InterviewLine], labels: Sequence[str], now: datetime) -> None:
        super().__init__()
        self.interviews = list(interviews)
        self.labels = list(labels)
        """What each row says (the interview's time as the detail screen shows it)."""
        self.now = now

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "Edit which interview?"
        with box:
            yield Static(Content("enter opens it (outcome, notes, time); escape goes back"), classes="dim")
            options = []
            for interview, label in zip(self.interviews, self.labels):
                text = label + (f" with {interview.with_person}" if interview.with_person else "")
                text += f" · {interview.outcome}" if interview.outcome else " · no outcome yet"
                options.append(Option(Content(text), id=str(interview.id)))
            yield OptionList(*options)
        yield AppFooter()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        past = [index for index, interview in enumerate(self.interviews) if interview.at <= self.now]
        listing.highlighted = past[-1] if past else 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))
