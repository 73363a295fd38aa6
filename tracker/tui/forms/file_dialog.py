"""The base of the dialogs that read or write a file: a title, fields, a path, a status line, Cancel and OK.

A dialog names its ids' prefix (PREFIX-path, PREFIX-status, PREFIX-ok, PREFIX-cancel), title,
hint, placeholder and OK button, may add fields above the path (`extra_fields`), and does its
work in `ok()` (the OK button, enter in the path, its own ctrl+s binding); escape and Cancel
close it with None. The export dialogs (`export_dialog`) and the import (`import_form`) are one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.tui.widgets.app_footer import AppFooter


class FileDialog(ModalScreen[Any]):
    """Fields, a path and a status line; `ok()` does the dialog's work."""

    DEFAULT_CSS = """
    FileDialog {
        align: center middle;
    }
    FileDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    FileDialog Select, FileDialog Input {
        margin-bottom: 1;
    }
    FileDialog .file-status {
        height: auto;
        margin: 0 1 1 1;
        color: $text-muted;
    }
    FileDialog .file-status.-error {
        color: $text-error;
    }
    FileDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    FileDialog Button {
        margin-left: 1;
    }
    """

    PREFIX: ClassVar[str] = "file"
    """The ids of the widgets: PREFIX-path, PREFIX-status, PREFIX-ok, PREFIX-cancel."""
    HEADING: ClassVar[str] = ""
    HINT: ClassVar[str] = ""
    PLACEHOLDER: ClassVar[str] = "path of the file"
    OK: ClassVar[str] = "OK  ctrl+s"
    """The OK button's label, with its key."""
    COMPACT: ClassVar[bool] = False
    """Fields of one line (no border), as the forms have them: room for a long status on 24 rows."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.initial_path = path
        """The path offered first."""

    def _named(self, part: str) -> str:
        return f"{self.PREFIX}-{part}"

    def extra_fields(self) -> ComposeResult:
        """Fields above the path (none by default)."""
        yield from ()

    def fields_after_path(self) -> ComposeResult:
        """Fields under the path (none by default)."""
        yield from ()

    def ok(self) -> None:
        """Do the dialog's work (OK, enter in the path, ctrl+s)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled(self.HEADING, "bold"))
            yield from self.extra_fields()
            yield Input(self.initial_path, placeholder=self.PLACEHOLDER, id=self._named("path"), compact=self.COMPACT)
            yield from self.fields_after_path()
            yield Static(self.HINT, id=self._named("status"), classes="file-status")
            with Horizontal():  # as in the forms: the buttons show their keys and take no focus (tab walks the fields)
                yield Button("Cancel  esc", id=self._named("cancel"))
                yield Button(self.OK, id=self._named("ok"), variant="primary")
        yield AppFooter()

    @property
    def path_input(self) -> Input:
        return self.query_one(f"#{self._named('path')}", Input)

    @property
    def ok_button(self) -> Button:
        return self.query_one(f"#{self._named('ok')}", Button)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        self.path_input.focus()
        self.call_after_refresh(self.on_resize)  # once the fields have their sizes

    def on_resize(self) -> None:
        """The status line takes what the rest leaves of the screen (a long error is cut, the buttons stay)."""
        status = self.query_one(f"#{self._named('status')}", Static)
        rest = self.query_one(Vertical).outer_size.height - status.outer_size.height  # margins, border and all
        status.styles.max_height = max(1, self.size.height - 1 - rest)  # the footer has the last row

    def set_status(self, text: str, *, error: bool = False) -> None:
        """The line under the path (plain text)."""
        status = self.query_one(f"#{self._named('status')}", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.path_input:
            self.ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self._named("ok"):
            self.ok()
        elif event.button.id == self._named("cancel"):
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
