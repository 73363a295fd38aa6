"""The Letters screen: who owes which reference letter, for what, by when.

The upper table has a row per writer (how many letters they owe, the soonest
deadline) followed by a row per letter asked of them, with its status. `a` moves the
highlighted letter to its next status (dated today); `m` drafts one message to the
highlighted writer listing every letter they owe (the letters desk). The lower table
counts, per opportunity, the letters submitted of those required ("1/2").
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.dates import describe_due
from tracker.domain.vocab import OPEN_STAGES
from tracker.store import Store
from tracker.store.views.letters_data import LettersOverview, Writer, WriterLetter
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.detail import open_form
from tracker.tui.screens.table_columns import NARROW_BELOW
from tracker.tui.widgets.cell_table import CellTable
from tracker.tui.widgets.labels import LETTER_STYLES, due_style, stage_style
from tracker.tui.widgets.table_cell import Cell, cell, joined_cell, table_cell


class LettersScreen(DataScreen):
    """Reference letters by writer, and by opportunity."""

    TITLE = "Letters"
    MODE = "letters"

    DEFAULT_CSS = """
    LettersScreen #letters-table {
        height: auto;
        max-height: 65%;
    }
    LettersScreen #letters-opportunities {
        height: 1fr;
    }
    LettersScreen #letters-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    WRITES = frozenset({"advance", "new"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "advance", "Advance status", id="letters.advance"),
        Binding("L", "new", "New request", key_display="L", id="letters.new"),
        Binding("m", "message", "Message writer", id="letters.message"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: LettersOverview | None = None
        """What was loaded last."""
        self._writers: dict[int, Writer] = {}
        self._letters: dict[int, tuple[Writer, WriterLetter]] = {}
        self._layout_now: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Letters by writer", classes="section-title")
        yield CellTable(id="letters-table", cursor_type="row")
        yield Static("Letters by opportunity", classes="section-title")
        yield CellTable(id="letters-opportunities", cursor_type="row", zebra_stripes=True)
        yield Static("", id="letters-status")
        yield AppFooter()

    def on_mount(self) -> None:
        self._set_columns()
        self.query_one("#letters-table", DataTable).focus()

    def on_resize(self) -> None:
        if self._set_columns() and self.overview is not None:
            self.show(self.overview)

    @property
    def narrow(self) -> bool:
        """Narrow screens drop the "since" and "next" columns and show deadlines as countdowns only."""
        return self.size.width < NARROW_BELOW

    def _set_columns(self) -> bool:
        """Lay the columns out for the screen's width; True if they changed."""
        by = 14 if self.narrow else 24
        letters = [("Status", "status", 10), ("Since", "since", 10), ("By", "by", by), ("a moves to", "next", 10)]
        if self.narrow:
            letters = [c for c in letters if c[1] not in ("since", "next")]
        opportunities = [("Stage", "stage", 12), ("Deadline", "deadline", by), ("Letters", "letters", 7)]
        layout = (self._flex(letters), self._flex(opportunities))
        if layout == self._layout_now:
            return False
        self._layout_now = layout
        for selector, first, columns in (("#letters-table", ("Writer / for", "what"), letters),
                                         ("#letters-opportunities", ("Opportunity", "title"), opportunities)):
            table = self.query_one(selector, DataTable)
            table.clear(columns=True)
            table.add_column(first[0], key=first[1], width=self._flex(columns))
            for label, key, width in columns:
                table.add_column(label, key=key, width=width)
        return True

    def _flex(self, columns: list[tuple[str, str, int]]) -> int:
        return max(24, self.size.width - sum(width + 2 for _l, _k, width in columns) - 4)

    @classmethod
    def read(cls, store: Store, today: Any, zone: Any) -> LettersOverview:
        from tracker.store.views.screen_data import letters_overview

        return letters_overview(store)

    def fetch(self, store: Store) -> LettersOverview:
        return self.read_or_take(store)  # type: ignore[no-any-return]

    def show(self, data: LettersOverview) -> None:
        self.overview = data
        today = self.app.today()  # type: ignore[attr-defined]
        self._show_writers(data, today)
        self._show_opportunities(data, today)
        owed = data.owed_letters
        writers = data.owing_writers
        status = f"{owed} letter{'s' if owed != 1 else ''} owed by {writers} writer{'s' if writers != 1 else ''}"
        if data.total_letters > sum(len(w.letters) for w in data.writers):
            status += f" · showing the first {sum(len(w.letters) for w in data.writers)} of {data.total_letters}"
        if not data.writers:
            status = "No letter requests yet: open an opportunity (3, enter) and press L, or press L here."
        self.query_one("#letters-status", Static).update(Text(status))

    def _show_writers(self, data: LettersOverview, today: date) -> None:
        table = self.query_one("#letters-table", DataTable)
        keep, row = self._cursor_key(table), table.cursor_row
        table.clear()
        self._writers = {w.id: w for w in data.writers}
        self._letters = {}
        for writer in data.writers:
            name = joined_cell((writer.name, "bold"), *([(f" · {writer.organization}", "bold dim")]
                                                         if writer.organization else []))
            owed = writer.owed
            if owed:
                summary = Cell(f"owes {len(owed)}", "yellow")
            elif writer.to_tell:
                summary = Cell(f"tell {len(writer.to_tell)}", "yellow")
            else:
                summary = Cell("all done", "green")
            by = self._due(writer.next_due, today) if writer.next_due else cell(None)
            row = {"what": name, "status": summary, "since": Cell(""), "by": by, "next": Cell("")}
            table.add_row(*self._pick(table, row), key=f"w{writer.id}")
            for letter in writer.letters:
                self._letters[letter.id] = (writer, letter)
                table.add_row(*self._pick(table, self._letter_cells(writer, letter, today)), key=f"l{letter.id}")
        self._restore_cursor(table, keep, row)

    @staticmethod
    def _pick(table: DataTable[Any], cells: dict[str, Any]) -> list[Any]:
        return [cells[key.value] for key in table.columns]  # type: ignore[index]

    def _due(self, day: date, today: date) -> Cell:
        """A due day with its countdown ("2026-12-02 · in 10 days"; the countdown alone when narrow),
        coloured by urgency."""
        countdown = describe_due(day, today=today)
        return Cell(countdown if self.narrow else f"{day.isoformat()} · {countdown}", due_style(day, today))

    def _letter_cells(self, writer: Any, letter: WriterLetter, today: date) -> dict[str, Any]:
        what = joined_cell(("  └ ", "dim"), (letter.opportunity, "" if letter.stage in OPEN_STAGES else "dim"))
        by = self._due(letter.deadline, today) if letter.owed and letter.deadline else cell(letter.deadline)
        return {
            "what": what, "status": Cell(letter.status, LETTER_STYLES.get(letter.status, "")),
            "since": cell(letter.status_on), "by": by,
            "next": (table_cell(f"{letter.stage}; tell {writer.name}", "yellow")
                     if letter.to_tell else Cell(letter.next_status or "—", "dim")),
        }

    def _show_opportunities(self, data: LettersOverview, today: date) -> None:
        table = self.query_one("#letters-opportunities", DataTable)
        keep, row = self._cursor_key(table), table.cursor_row
        table.clear()
        for opp in data.opportunities:
            complete = opp.submitted >= max(opp.required, opp.asked)
            open_ = opp.stage in OPEN_STAGES
            deadline = self._due(opp.deadline, today) if opp.deadline and open_ else cell(opp.deadline)
            table.add_row(
                table_cell(opp.title, "" if opp.stage in OPEN_STAGES else "dim"),
                Cell(opp.stage, stage_style(opp.stage)),
                deadline,
                Cell(opp.ratio, "green" if complete else "yellow" if opp.stage in OPEN_STAGES else "dim"),
                key=str(opp.id),
            )
        self._restore_cursor(table, keep, row)

    @staticmethod
    def _cursor_key(table: DataTable[Any]) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @staticmethod
    def _restore_cursor(table: DataTable[Any], key: str | None, row: int) -> None:
        if key is None or not table.row_count:
            return
        try:
            table.move_cursor(row=table.get_row_index(key), animate=False)
        except RowDoesNotExist:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    # --- actions ---------------------------------------------------------------------------------

    def _highlighted(self) -> tuple[Writer | None, WriterLetter | None]:
        key = self._cursor_key(self.query_one("#letters-table", DataTable))
        if key is None:
            return None, None
        if key.startswith("w"):
            return self._writers.get(int(key[1:])), None
        writer, letter = self._letters.get(int(key[1:]), (None, None))
        return writer, letter

    def action_advance(self) -> None:
        """Move the highlighted letter to its next status, dated today."""
        writer, letter = self._highlighted()
        if writer is not None and letter is None:
            owed = writer.owed
            if len(owed) != 1:
                self.notify("Choose one of the writer's letters (down arrow), then press a.")
                return
            letter = owed[0]
        if writer is None or letter is None:
            return
        status = letter.next_status
        if status is None:
            self.notify(f"{writer.name} was already thanked for {letter.opportunity}.")
            return
        title, name, today = letter.opportunity, writer.name, self.app.today()  # type: ignore[attr-defined]
        writer_ref = f"#{writer.id}"  # by id: another person may bear the writer's name
        shown = letter.status

        def change(session: Any) -> str:
            from tracker.store.writes.records import set_letter

            set_letter(session, opportunity=title, writer=writer_ref, status=status, on=today, shown=shown)
            return f"{name}: letter for {title} is now {status}."

        self.app.write(change)  # type: ignore[attr-defined]

    def action_message(self) -> None:
        """One message to the highlighted writer listing every letter they owe (the letter-writer draft)."""
        writer, _letter = self._highlighted()
        if writer is None:
            self.notify("Choose a writer first.")
            return
        from tracker.tui.screens.draft import DraftScreen

        self.app.push_screen(DraftScreen(person=writer.name, person_id=writer.id, template="letter-writer"))

    def action_new(self) -> None:
        """Ask for a letter (the highlighted writer's, by default)."""
        writer, _letter = self._highlighted()
        open_form(self, "tracker.tui.forms.letter_form:LetterForm", writer=writer.name if writer else None,
                  writer_id=writer.id if writer else None)

    @on(DataTable.RowSelected, "#letters-table")
    def _open_letter_row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        writer, letter = self._highlighted()
        if letter is not None:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(letter.opportunity_id))
        elif writer is not None:
            from tracker.tui.screens.person_detail import PersonDetailScreen

            self.app.push_screen(PersonDetailScreen(writer.id))

    @on(DataTable.RowSelected, "#letters-opportunities")
    def _open_opportunity(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(int(event.row_key.value)))
