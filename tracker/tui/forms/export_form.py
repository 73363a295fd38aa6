"""Export CSV: what to export and where; the file is written in a thread worker.

Asks before replacing an existing file (press Export again). The file is private (0600) and
written whole or not at all, as `tracker export csv -o FILE` writes it. Closes with the path
written, or None when cancelled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.tui.forms.export_path import check_export_path

WHAT_CHOICES: tuple[tuple[str, str], ...] = (
    ("The interaction log", "log"),
    ("Opportunities", "opportunities"),
    ("People", "people"),
)
DEFAULT_PATH = "~/tracker-{what}.csv"


def write_csv(store: Any, what: str, path: Path) -> int:
    """Write `what` as CSV to `path` (private, through a temporary file and a rename); the number of rows."""
    from tracker.io.csv_export import export_csv
    from tracker.system.private_files import replace_atomically

    with store.read() as session, replace_atomically(path) as out:
        return export_csv(session, what, out)


class ExportForm(ModalScreen[Path | None]):
    """Pick a kind of CSV file and a path, then write it."""

    DEFAULT_CSS = """
    ExportForm {
        align: center middle;
    }
    ExportForm > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportForm Select, ExportForm Input {
        margin-bottom: 1;
    }
    ExportForm #export-status {
        height: auto;
        margin: 0 1 1 1;
        color: $text-muted;
    }
    ExportForm #export-status.-error {
        color: $text-error;
    }
    ExportForm Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ExportForm Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    class Done(Message):
        """The worker finished: `error` is None on success."""

        def __init__(self, path: Path, count: int, error: str | None) -> None:
            super().__init__()
            self.path = path
            self.count = count
            self.error = error

    def __init__(self, what: str = "log") -> None:
        super().__init__()
        self.what = what
        """The kind of file selected first."""
        self._confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled("Export CSV", "bold"))
            yield Select(WHAT_CHOICES, value=self.what, allow_blank=False, id="export-what")
            yield Input(DEFAULT_PATH.format(what=self.what), placeholder="path of the CSV file", id="export-path")
            yield Static("UTF-8, comma-separated; opens in any spreadsheet.", id="export-status")
            with Horizontal():
                yield Button("Cancel", id="export-cancel")
                yield Button("Export", id="export-ok", variant="primary")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    @on(Select.Changed, "#export-what")
    def _what_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        defaults = {DEFAULT_PATH.format(what=value) for _label, value in WHAT_CHOICES}
        if path.value in defaults:
            path.value = DEFAULT_PATH.format(what=event.value)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm_replace = None

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self._status("The database is not open yet.", error=True)
            return
        path, problem = check_export_path(
            self.query_one("#export-path", Input).value, example="tracker.csv", confirmed=self._confirm_replace
        )
        if problem is not None or path is None:
            self._confirm_replace = path  # an existing file: the next press replaces it
            self._status(problem or "", error=True)
            return
        what = str(self.query_one("#export-what", Select).value)
        self._status("Exporting…")
        self.query_one("#export-ok", Button).disabled = True
        self._export(store, what, path)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, store: object, what: str, path: Path) -> None:
        from tracker.domain.errors import TrackerError

        try:
            count = write_csv(store, what, path)
        except (OSError, TrackerError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            self.post_message(self.Done(path, 0, reason))
            return
        self.post_message(self.Done(path, count, None))

    def on_export_form_done(self, message: Done) -> None:
        self.query_one("#export-ok", Button).disabled = False
        if message.error is not None:
            self._status(f"Not exported: {message.error}", error=True)
            return
        self.notify(f"Exported {message.count} row{'s' if message.count != 1 else ''} to {message.path}")
        self.dismiss(message.path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
