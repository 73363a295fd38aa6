"""The "Find duplicates" screen: people and opportunities that are probably entered twice.

Opened from the command palette. Lists the pairs `tracker.store.queries.duplicate_pairs` finds (the
same as `tracker duplicates`), people first; enter opens the first record of the pair, 2
the second, so one can be edited and the other deleted there; escape goes back. The pairs
are found in a worker (`DataScreen`) and again whenever the database changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.store import Store
from tracker.store.queries.duplicate_pairs import DuplicatePair, DuplicateReport
from tracker.tui.screens.base import DataScreen


class DuplicatesScreen(DataScreen):
    """Likely duplicate people and opportunities, one pair per row."""

    TITLE = "Duplicates"

    DEFAULT_CSS = """
    DuplicatesScreen #duplicates-summary {
        padding: 0 1;
        height: auto;
    }
    DuplicatesScreen #duplicates-table {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="duplicates.back"),
        Binding("enter", "open(0)", "Open first", id="duplicates.open-first"),
        Binding("2", "open(1)", "Open second", id="duplicates.open-second"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, DuplicatePair]] = []
        """("person" or "opportunity", the pair) per table row."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Looking for duplicates…", style="dim"), id="duplicates-summary")
        table: DataTable[Any] = DataTable(id="duplicates-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield AppFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("what", "first", "probably the same as", "why")

    def fetch(self, store: Store) -> DuplicateReport:
        from tracker.store.queries.duplicate_pairs import duplicate_pairs

        with store.read() as session:
            return duplicate_pairs(session)

    def show(self, data: DuplicateReport) -> None:
        self.rows = [("person", p) for p in data.people] + [("opportunity", p) for p in data.opportunities]
        table = self.query_one(DataTable)
        table.clear()
        for kind, pair in self.rows:
            table.add_row(Text(kind), Text(str(pair.first)), Text(str(pair.second)), Text(pair.reason))
        summary = self.query_one("#duplicates-summary", Static)
        if self.rows:
            people, opportunities = len(data.people), len(data.opportunities)
            summary.update(Text(
                f"Probably entered twice: {people} pair{'s' if people != 1 else ''} of people, {opportunities} "
                f"of opportunities. Enter opens the first of a pair, 2 the second: edit the one to keep (e), "
                "delete the other (D)."
            ))
        else:
            summary.update(Text(
                f"No likely duplicates among {data.people_checked} people and "
                f"{data.opportunities_checked} opportunities."
            ))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open(0)

    def action_open(self, side: int) -> None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return
        kind, pair = self.rows[table.cursor_row]
        record = pair.first if side == 0 else pair.second
        if kind == "person":
            from tracker.tui.screens.person_detail import PersonDetailScreen

            self.app.push_screen(PersonDetailScreen(record.id))
        else:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(record.id))
