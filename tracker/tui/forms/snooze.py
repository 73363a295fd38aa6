"""Ask until when to snooze a reminder: "+3d", "monday", "Dec 5"... with the parsed day shown live."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.dates import DATE_FORMS, DateParseError, describe_due, parse_date


def read_until(text: str, *, today: date) -> date:
    """The snooze day typed in `text`; raises DateParseError (one line for a person) if unusable."""
    until = parse_date(text, today=today, ahead=True)
    if until <= today:
        raise DateParseError(f"snooze until a day after today ({today:%a %d %b}), not {until:%a %d %b %Y}")
    return until


class SnoozeForm(ModalScreen[date | None]):
    """Returns the day to snooze until, or None when cancelled."""

    DEFAULT_CSS = """
    SnoozeForm {
        align: center middle;
    }
    SnoozeForm > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    SnoozeForm #snooze-what {
        color: $text-muted;
        margin-bottom: 1;
    }
    SnoozeForm #snooze-parsed {
        height: auto;
        margin: 0 1 1 1;
    }
    SnoozeForm #snooze-parsed.-invalid {
        color: $text-error;
    }
    SnoozeForm #snooze-parsed.-valid {
        color: $text-success;
    }
    SnoozeForm Horizontal {
        height: auto;
        align-horizontal: right;
    }
    SnoozeForm Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="snooze.cancel"),
    ]

    def __init__(self, what: str, *, today: date, initial: str = "+3d") -> None:
        super().__init__()
        self.what = what
        """The reminder's message, shown as a reminder of what is snoozed."""
        self.today = today
        """Relative dates count from this day."""
        self.initial = initial
        """What the input holds when the form opens."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.assemble(("Snooze until", "bold")))
            yield Static(Content(self.what), id="snooze-what")
            yield Input(self.initial, placeholder="+3d, monday, next friday, Dec 5", id="snooze-until")
            yield Static("", id="snooze-parsed")
            with Horizontal():
                yield Button("Cancel", id="snooze-cancel")
                yield Button("Snooze", id="snooze-ok", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        self._describe(self.initial)

    def _describe(self, text: str) -> date | None:
        parsed = self.query_one("#snooze-parsed", Static)
        try:
            until = read_until(text, today=self.today)
        except DateParseError as err:
            message = "type a day: " + DATE_FORMS if not text.strip() else str(err)
            parsed.update(Content(message))
            parsed.set_class(True, "-invalid")
            parsed.set_class(False, "-valid")
            self.query_one("#snooze-ok", Button).disabled = True
            return None
        parsed.update(Content(f"→ {until:%a %d %b %Y} ({describe_due(until, today=self.today)})"))
        parsed.set_class(False, "-invalid")
        parsed.set_class(True, "-valid")
        self.query_one("#snooze-ok", Button).disabled = False
        return until

    @on(Input.Submitted, "#snooze-until")
    def _submitted(self) -> None:
        self.action_snooze()

    @on(Input.Changed, "#snooze-until")
    def _changed(self, event: Input.Changed) -> None:
        self._describe(event.value)

    def action_snooze(self) -> None:
        until = self._describe(self.query_one("#snooze-until", Input).value)
        if until is None:
            self.app.bell()
            return
        self.dismiss(until)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#snooze-ok")
    def _ok(self) -> None:
        self.action_snooze()

    @on(Button.Pressed, "#snooze-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
