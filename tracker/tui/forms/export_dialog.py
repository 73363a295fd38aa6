"""The base of the export dialogs (`FileDialog`): the file is written in a worker.

A dialog names what it counts and says how to write (`writer`: called on the UI thread,
returns the function the worker runs). The file is private (0600) and written whole or not
at all, as the CLI's `export` commands write it. Asks before replacing an existing file
(press Export again). Closes with the path written, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from tracker.tui.forms.export_path import check_export_path
from tracker.tui.forms.file_dialog import FileDialog

Writer = Callable[[Any, Path], int]
"""Writes the file at the path from the store; the number of rows or events written."""


class ExportDialog(FileDialog):
    """Pick a path (and whatever `extra_fields` adds), then write the file there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True, id="export.ok"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    PREFIX: ClassVar[str] = "export"
    HEADING: ClassVar[str] = "Export"
    OK: ClassVar[str] = "Export  ctrl+s"
    EXAMPLE: ClassVar[str] = "tracker.csv"
    """A file name the "that is a folder" message suggests."""
    NOUN: ClassVar[tuple[str, str]] = ("row", "rows")

    class Done(Message):
        """The worker finished: `error` is None on success."""

        def __init__(self, path: Path, count: int, error: str | None) -> None:
            super().__init__()
            self.path = path
            self.count = count
            self.error = error

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._confirm_replace: Path | None = None

    def writer(self) -> Writer:
        """What the worker runs to write the file, with the choices made in the dialog (UI thread)."""
        raise NotImplementedError

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.path_input:
            self._confirm_replace = None

    def ok(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self.set_status("The database is not open yet.", error=True)
            return
        path, problem = check_export_path(self.path_input.value, example=self.EXAMPLE,
                                          confirmed=self._confirm_replace)
        if problem is not None or path is None:
            self._confirm_replace = path  # an existing file: the next press replaces it
            self.set_status(problem or "", error=True)
            return
        write = self.writer()
        self.set_status("Exporting…")
        self.ok_button.disabled = True
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
        self.ok_button.disabled = False
        if message.error is not None:
            self.set_status(f"Not exported: {message.error}", error=True)
            return
        noun = self.NOUN[0] if message.count == 1 else self.NOUN[1]
        self.notify(f"Exported {message.count} {noun} to {message.path}", markup=False)
        self.dismiss(message.path)
