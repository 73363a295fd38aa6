"""Export CSV: what to export (the log, opportunities or people) and where (`ExportDialog`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from tracker.tui.forms.export_dialog import ExportDialog, Writer

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

    with replace_atomically(path) as out:
        return export_csv(store, what, out)


class ExportForm(ExportDialog):
    """Pick a kind of CSV file and a path, then write it."""

    PREFIX = "export"
    HEADING = "Export CSV"
    HINT = "UTF-8, comma-separated; opens in any spreadsheet."
    PLACEHOLDER = "path of the CSV file"
    EXAMPLE = "tracker.csv"

    def __init__(self, what: str = "log") -> None:
        super().__init__(DEFAULT_PATH.format(what=what))
        self.what = what
        """The kind of file selected first."""

    def extra_fields(self) -> ComposeResult:
        yield Select(WHAT_CHOICES, value=self.what, allow_blank=False, id="export-what")

    @on(Select.Changed, "#export-what")
    def _what_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        defaults = {DEFAULT_PATH.format(what=value) for _label, value in WHAT_CHOICES}
        if path.value in defaults:
            path.value = DEFAULT_PATH.format(what=event.value)

    def writer(self) -> Writer:
        what = str(self.query_one("#export-what", Select).value)
        return lambda store, path: write_csv(store, what, path)
