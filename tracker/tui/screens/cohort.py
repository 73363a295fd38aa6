"""The Cohort screen (key 7): each student the user advises, on a shared server (where an adviser starts).

One row per student, as `tracker cohort` shows them (`tracker.store.views.cohort_view`): the funnel,
overdue follow-ups, deadlines and interviews in the next 14 days, offers waiting, letters
outstanding, last activity. `enter` opens the student's agenda, read-only: the app then looks at
the database as that student (`TrackerApp.view_student`), the board (key 2) too; key 7 comes back
here and to the adviser's own view. On a SQLite file the screen says that a cohort lives on a server.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from tracker.store import Store
from tracker.tui.screens.base import DataScreen
from tracker.tui.widgets.app_footer import AppFooter

COLUMNS = ("Student", "Funnel", "Overdue", "Deadlines 14d", "Interviews 14d", "Offers waiting", "Letters owed",
           "Last activity")
NARROW_COLUMNS = (("Late", 4), ("Due", 4), ("Intv", 4), ("Offr", 4), ("Ltrs", 4), ("Last", 10))
"""Below `WIDE_FROM` columns: the student and their funnel share the first column, the funnel
under the name on as many lines as it needs."""
WIDE_FROM = 140
"""Screen widths from which every column has its full title and the funnel a column of its own."""
NOT_A_SERVER = ("A cohort lives on a shared PostgreSQL server (tracker --db postgresql://...; "
                "see docs/shared-database.md). This file holds one student's records.")
NO_ONE = "You advise no one yet: the database's owner links you with `tracker db advise YOU STUDENT`."


def funnel_text(funnel: dict[str, int]) -> str:
    """The non-empty stages and their counts: "contacted 3 · replied 1"."""
    return " · ".join(_stages(funnel))


def funnel_lines(funnel: dict[str, int], width: int) -> list[str]:
    """`funnel_text` in lines of at most `width` characters, broken between stages (a stage
    longer than the width alone on its line, cut there by the table)."""
    lines: list[str] = []
    for part in _stages(funnel):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines


def _stages(funnel: dict[str, int]) -> list[str]:
    return [f"{stage} {count}" for stage, count in funnel.items() if count] or ["no opportunities"]


class CohortScreen(DataScreen):
    """The advised students, one row each; enter opens one read-only."""

    TITLE = "Cohort"

    DEFAULT_CSS = """
    CohortScreen #cohort-status {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.students: list[str] = []
        self.rows: list[Any] | None = None
        """The students shown (None on a file)."""
        self._layout: tuple[bool, int] | None = None

    def on_mount(self) -> None:
        self._set_columns()

    def on_resize(self) -> None:
        if self._set_columns() and self.rows is not None:
            self.show(self.rows)

    def _set_columns(self) -> bool:
        """The columns for the screen's width (see `WIDE_FROM`); True if they changed."""
        wide = self.size.width >= WIDE_FROM
        first = max(16, self.size.width - sum(w + 2 for _label, w in NARROW_COLUMNS) - 6)
        layout = (wide, 0 if wide else first)
        if layout == self._layout:
            return False
        self._layout = layout
        table = self.query_one("#cohort-table", DataTable)
        table.clear(columns=True)
        if wide:
            table.add_columns(*COLUMNS)
        else:
            table.add_column("Student · funnel", width=first)
            for label, width in NARROW_COLUMNS:
                table.add_column(label, width=width)
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="cohort-status", markup=False)
        yield DataTable(id="cohort-table", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def on_screen_resume(self) -> None:
        viewing = getattr(self.app, "view_student", None)
        if callable(viewing):
            viewing(None)  # back to the adviser's own view

    def fetch(self, store: Store) -> Any:
        from tracker.store.views.cohort_view import cohort

        if store.dialect != "postgresql":
            return None
        return cohort(store, today=self.app.today())  # type: ignore[attr-defined]

    def show(self, data: Any) -> None:
        status = self.query_one("#cohort-status", Static)
        table = self.query_one("#cohort-table", DataTable)
        table.clear()
        self.rows = data
        if data is None:
            status.update(Text(NOT_A_SERVER))
            self.students = []
            return
        self.students = [row.student for row in data]
        wide = self._layout is None or self._layout[0]
        for row in data:
            counts = (row.overdue_follow_ups, row.deadlines, row.interviews, row.offers_waiting,
                      row.letters_outstanding, row.last_activity.isoformat() if row.last_activity else "—")
            if wide:
                table.add_row(row.student, funnel_text(row.funnel), *counts)
            else:
                lines = funnel_lines(row.funnel, self._layout[1])  # type: ignore[index]
                who = Text(row.student, no_wrap=True, overflow="ellipsis")
                who.append("\n" + "\n".join(lines), style="dim")
                table.add_row(who, *counts, height=1 + len(lines))
        legend = "" if wide else (" · Late: follow-ups overdue, Due: deadlines and Intv: interviews in 14 days, "
                                  "Offr: offers waiting, Ltrs: letters owed")
        status.update(Text(NO_ONE if not data else
                           f"{len(data)} student{'s' if len(data) != 1 else ''} · enter opens one read-only "
                           f"(agenda, then 2 for the board) · 7 comes back{legend}"))

    @on(DataTable.RowSelected, "#cohort-table")
    def open_student(self, event: DataTable.RowSelected) -> None:
        """enter: the student's agenda, read-only."""
        if 0 <= event.cursor_row < len(self.students):
            self.app.view_student(self.students[event.cursor_row])  # type: ignore[attr-defined]


__all__ = ["CohortScreen", "funnel_lines", "funnel_text"]
