"""Import CSV (the palette's "Import CSV…"): the spreadsheet you already keep, looked at first, then imported.

The first ctrl+s (or enter in the path) reads the file and writes nothing (`tracker import csv
--dry-run`): what it would add, or every bad row. The second imports it, in one transaction:
every row or none, recorded for ctrl+z like every write of the TUI, after the automatic backup.
Changing the path or a choice looks at the file again first. A faculty directory takes
CSRankings' country-info.csv too, as `--countries` does. The rules are the command line's
(`tracker.io.csv_import`, `tracker.io.faculty`: docs/csv-formats.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Select

from tracker.tui.forms.file_dialog import FileDialog

WHAT_CHOICES: tuple[tuple[str, str], ...] = (
    ("A log, or tracker's own export: from its header", "auto"),
    ("A log: one row per message", "log"),
    ("Opportunities: one row each", "opportunities"),
    ("People: one row each", "people"),
    ("A faculty directory (CSRankings' csrankings.csv)", "faculty"),
)
DATE_CHOICES: tuple[tuple[str, str], ...] = (
    ("Dates: each column decides (20/11 is day first)", "auto"),
    ("Dates: day first (03/08/2026 is 3 August)", "day-first"),
    ("Dates: month first (03/08/2026 is 8 March)", "month-first"),
)
SHOWN_PROBLEMS = 6
"""Bad rows listed under the path; the status says how many more."""


Choices = tuple[str, str, str | None, str]
"""What the file holds, its path, how its dates read (None: each column decides), a country-info.csv or ""."""


def run_import(app: Any, choices: Choices, *, dry_run: bool) -> str:
    """Import (or, with `dry_run`, only read) the file as the command line does; its summary line."""
    from tracker.domain.errors import TrackerError

    what, typed, order, countries = choices
    store, today, path = app.store, app.today(), Path(typed).expanduser()
    if what == "faculty":
        from tracker.io.faculty import import_faculty

        where = Path(countries).expanduser() if countries else None
        if where is not None and not where.is_file():
            raise TrackerError(f"no file {where} (the countries file)")
        report: Any = import_faculty(store, path, today=today, dry_run=dry_run, countries=where)
    else:
        from tracker.io.csv_import import import_csv

        report = import_csv(store, path, what=None if what == "auto" else what, dry_run=dry_run, order=order,
                            today=today, now=app.now(), zone=app.zone)
    return "\n".join([*report.warnings(), report.summary()])


class ImportForm(FileDialog):
    """Pick what the file holds and its path; look at it, then import it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", "Check / Import", priority=True, id="import.ok"),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    PREFIX = "import"
    HEADING = "Import CSV"
    HINT = "UTF-8 or UTF-16, comma- or semicolon-separated. ctrl+s looks at it first and writes nothing."
    PLACEHOLDER = "path of the CSV file"
    OK = "Check  ctrl+s"
    COMPACT = True

    class Done(Message):
        """The worker finished: the summary, or the error; `dry_run` says which step it was."""

        def __init__(self, checked: Choices, summary: str | None, error: str | None,
                     dry_run: bool) -> None:
            super().__init__()
            self.checked, self.summary, self.error, self.dry_run = checked, summary, error, dry_run

    def __init__(self, path: str = "") -> None:
        super().__init__(path)
        self.checked: Choices | None = None
        """The choices the last clean look at the file was made with: the next ctrl+s imports them."""

    def extra_fields(self) -> ComposeResult:
        yield Select(WHAT_CHOICES, value="auto", allow_blank=False, id="import-what", compact=True)
        yield Select(DATE_CHOICES, value="auto", allow_blank=False, id="import-dates", compact=True)

    def fields_after_path(self) -> ComposeResult:
        countries = Input(placeholder="country-info.csv (optional: gives the organizations their country)",
                          id="import-countries", compact=True)
        countries.display = False
        yield countries

    def _choices(self) -> Choices:
        what, order = str(self.query_one("#import-what", Select).value), str(self.query_one("#import-dates", Select).value)
        countries = self.query_one("#import-countries", Input).value.strip() if what == "faculty" else ""
        return (what, self.path_input.value.strip(), None if order == "auto" else order, countries)

    def _changed(self) -> None:
        if self.checked is not None:
            self.checked = None
            self.ok_button.label = self.OK
            self.set_status(self.HINT)

    @on(Input.Changed)
    def _path_changed(self, event: Input.Changed) -> None:
        self._changed()

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        self.query_one("#import-countries").display = self.query_one("#import-what", Select).value == "faculty"
        self.call_after_refresh(self.on_resize)  # the status's room, with or without that field
        self._changed()

    def action_ok(self) -> None:
        self.ok()

    def ok(self) -> None:
        if self.ok_button.disabled:
            return  # a look or an import is under way
        if getattr(self.app, "store", None) is None:
            self.set_status("The database is not open yet.", error=True)
            return
        choices = self._choices()
        if not choices[1]:
            self.set_status("Type the path of the CSV file.", error=True)
            return
        dry_run = self.checked != choices
        self.set_status("Reading the file…" if dry_run else "Importing…")
        self.ok_button.disabled = True
        self._run(choices, dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, choices: Choices, dry_run: bool) -> None:
        from tracker.domain.errors import TrackerError

        path = choices[1]
        try:
            summary = run_import(self.app, choices, dry_run=dry_run)
        except TrackerError as err:
            self.post_message(self.Done(choices, None, str(err), dry_run))
            return
        except OSError as err:
            self.post_message(self.Done(choices, None, f"cannot read {path}: {err.strerror or err}", dry_run))
            return
        if not dry_run:
            self.app.keep_calendar(self.app.store)  # type: ignore[attr-defined]
        self.post_message(self.Done(choices, summary, None, dry_run))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.ok_button.disabled = False
        if message.error is not None:
            lines = message.error.splitlines()
            shown = lines[:SHOWN_PROBLEMS + 1]
            if len(lines) > len(shown):
                shown.append(f"  and {len(lines) - len(shown)} more (tracker import csv lists them all)")
            text = "\n".join(shown).replace("--dayfirst", "Dates: day first").replace("--monthfirst",
                                                                                     "Dates: month first")
            self.set_status(text, error=True)
            return
        if message.dry_run:
            self.checked = message.checked
            self.set_status(f"{message.summary}\nctrl+s imports it (ctrl+z undoes it).")
            self.ok_button.label = "Import  ctrl+s"
            return
        app: Any = self.app
        app.notify(f"Imported {message.summary}", markup=False)
        app.changes += 1
        app.reload_screen()
        self.dismiss(True)
