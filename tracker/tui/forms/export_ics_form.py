"""Export calendar: where to write the iCalendar file; it is written in a thread worker.

The file holds the deadlines, interviews, offers to answer and due follow-ups (see
`tracker.store.views.calendar_view`), the same as `tracker export ics -o FILE`: mode 0600, written
to a temporary file next to it first, then renamed. Asks before replacing an existing file (press Export
again). Closes with the path written, or None when cancelled.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.tui.forms.export_path import check_export_path

DEFAULT_PATH = "~/tracker.ics"
HINT = "Deadlines, interviews, offers to answer, follow-ups. Import it into Google Calendar, Apple Calendar or khal."


def write_ics(store: Any, path: Path, *, today: date, now: datetime, zone: tzinfo) -> int:
    """Write the calendar to `path` (private, through a temporary file and a rename); the number of events."""
    from tracker.io.ics import calendar_text
    from tracker.system.private_files import replace_atomically
    from tracker.store.views.calendar_view import calendar_events

    with store.read() as session:
        events = calendar_events(session, today=today, zone=zone)
    text = calendar_text(events, now=now)
    with replace_atomically(path) as handle:
        handle.write(text)
    return len(events)


class ExportIcsForm(ModalScreen[Path | None]):
    """Pick a path, then write the calendar there."""

    DEFAULT_CSS = """
    ExportIcsForm {
        align: center middle;
    }
    ExportIcsForm > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportIcsForm Input {
        margin-bottom: 1;
    }
    ExportIcsForm #ics-status {
        height: auto;
        margin: 0 1 1 1;
        color: $text-muted;
    }
    ExportIcsForm #ics-status.-error {
        color: $text-error;
    }
    ExportIcsForm Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ExportIcsForm Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-ics.cancel"),
    ]

    class Done(Message):
        """The worker finished: `error` is None on success."""

        def __init__(self, path: Path, count: int, error: str | None) -> None:
            super().__init__()
            self.path = path
            self.count = count
            self.error = error

    def __init__(self, path: str = DEFAULT_PATH) -> None:
        super().__init__()
        self.initial_path = path
        """The path offered first."""
        self._confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled("Export calendar (.ics)", "bold"))
            yield Input(self.initial_path, placeholder="path of the .ics file", id="ics-path")
            yield Static(HINT, id="ics-status")
            with Horizontal():
                yield Button("Cancel", id="ics-cancel")
                yield Button("Export", id="ics-ok", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#ics-path", Input).focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#ics-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    @on(Input.Changed, "#ics-path")
    def _path_changed(self) -> None:
        self._confirm_replace = None

    @on(Input.Submitted, "#ics-path")
    @on(Button.Pressed, "#ics-ok")
    def action_export(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self._status("The database is not open yet.", error=True)
            return
        path, problem = check_export_path(
            self.query_one("#ics-path", Input).value, example="tracker.ics", confirmed=self._confirm_replace
        )
        if problem is not None or path is None:
            self._confirm_replace = path  # an existing file: the next press replaces it
            self._status(problem or "", error=True)
            return
        app: Any = self.app
        self._status("Exporting…")
        self.query_one("#ics-ok", Button).disabled = True
        self._export(store, path, app.today(), app.now(), app.zone)

    @work(thread=True, exclusive=True, group="export-ics")
    def _export(self, store: Any, path: Path, today: date, now: datetime, zone: tzinfo) -> None:
        from tracker.domain.errors import TrackerError

        try:
            count = write_ics(store, path, today=today, now=now, zone=zone)
        except (OSError, TrackerError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            self.post_message(self.Done(path, 0, reason))
            return
        self.post_message(self.Done(path, count, None))

    def on_export_ics_form_done(self, message: Done) -> None:
        self.query_one("#ics-ok", Button).disabled = False
        if message.error is not None:
            self._status(f"Not exported: {message.error}", error=True)
            return
        self.notify(f"Exported {message.count} event{'s' if message.count != 1 else ''} to {message.path}",
                    markup=False)
        self.dismiss(message.path)

    @on(Button.Pressed, "#ics-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
