"""The base of the export dialogs: a path, a status line, Cancel and Export; the file is written in a worker.

A dialog names its ids' prefix, title, hint and what it counts, may add fields above the
path (`extra_fields`), and says how to write (`writer`: called on the UI thread, returns the
function the worker runs). The file is private (0600) and written whole or not at all, as
the CLI's `export` commands write it. Asks before replacing an existing file (press Export
again). Closes with the path written, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
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

from tracker.tui.forms.export_path import check_export_path
from tracker.tui.widgets.app_footer import AppFooter

Writer = Callable[[Any, Path], int]
"""Writes the file at the path from the store; the number of rows or events written."""


class ExportDialog(ModalScreen[Path | None]):
    """Pick a path (and whatever `extra_fields` adds), then write the file there."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportDialog Select, ExportDialog Input {
        margin-bottom: 1;
    }
    ExportDialog .export-status {
        height: auto;
        margin: 0 1 1 1;
        color: $text-muted;
    }
    ExportDialog .export-status.-error {
        color: $text-error;
    }
    ExportDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ExportDialog Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True, id="export.ok"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    PREFIX: ClassVar[str] = "export"
    """The ids of the widgets: PREFIX-path, PREFIX-status, PREFIX-ok, PREFIX-cancel."""
    HEADING: ClassVar[str] = "Export"
    HINT: ClassVar[str] = ""
    EXAMPLE: ClassVar[str] = "tracker.csv"
    """A file name the "that is a folder" message suggests."""
    PLACEHOLDER: ClassVar[str] = "path of the file"
    NOUN: ClassVar[tuple[str, str]] = ("row", "rows")

    class Done(Message):
        """The worker finished: `error` is None on success."""

        def __init__(self, path: Path, count: int, error: str | None) -> None:
            super().__init__()
            self.path = path
            self.count = count
            self.error = error

    def __init__(self, path: str) -> None:
        super().__init__()
        self.initial_path = path
        """The path offered first."""
        self._confirm_replace: Path | None = None

    def _named(self, part: str) -> str:
        return f"{self.PREFIX}-{part}"

    def extra_fields(self) -> ComposeResult:
        """Fields above the path (none by default)."""
        yield from ()

    def writer(self) -> Writer:
        """What the worker runs to write the file, with the choices made in the dialog (UI thread)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled(self.HEADING, "bold"))
            yield from self.extra_fields()
            yield Input(self.initial_path, placeholder=self.PLACEHOLDER, id=self._named("path"))
            yield Static(self.HINT, id=self._named("status"), classes="export-status")
            with Horizontal():  # as in the forms: the buttons show their keys and take no focus (tab walks the fields)
                yield Button("Cancel  esc", id=self._named("cancel"))
                yield Button("Export  ctrl+s", id=self._named("ok"), variant="primary")
        yield AppFooter()

    @property
    def path_input(self) -> Input:
        return self.query_one(f"#{self._named('path')}", Input)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.path_input.focus()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one(f"#{self._named('status')}", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.path_input:
            self._confirm_replace = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.path_input:
            self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self._named("ok"):
            self.action_export()
        elif event.button.id == self._named("cancel"):
            self.action_cancel()

    def action_export(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self._status("The database is not open yet.", error=True)
            return
        path, problem = check_export_path(self.path_input.value, example=self.EXAMPLE,
                                          confirmed=self._confirm_replace)
        if problem is not None or path is None:
            self._confirm_replace = path  # an existing file: the next press replaces it
            self._status(problem or "", error=True)
            return
        write = self.writer()
        self._status("Exporting…")
        self.query_one(f"#{self._named('ok')}", Button).disabled = True
        self._export(store, path, write)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, store: Any, path: Path, write: Writer) -> None:
        from tracker.domain.errors import TrackerError

        try:
            count = write(store, path)
        except (OSError, TrackerError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            self.post_message(self.Done(path, 0, reason))
            return
        self.post_message(self.Done(path, count, None))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.query_one(f"#{self._named('ok')}", Button).disabled = False
        if message.error is not None:
            self._status(f"Not exported: {message.error}", error=True)
            return
        noun = self.NOUN[0] if message.count == 1 else self.NOUN[1]
        self.notify(f"Exported {message.count} {noun} to {message.path}", markup=False)
        self.dismiss(message.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
