"""The Program catalog screen: structured programs, their next deadline, your GPA against each cut-off.

Opened from the command palette ("Program catalog") or with `p` on the Opportunities screen;
`escape` goes back. `a` (or enter) tracks the highlighted program as an opportunity for the next
cycle you can apply for; `e` says where your copy of the catalog is (created from the built-in one).
The catalog is read in the worker with the data, so an edited file shows on the next reload (ctrl+r).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist
from tracker.tui.widgets.app_footer import AppFooter

from tracker.store import Store
from tracker.store.views.catalog_view import ProgramRow
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.table_columns import NARROW_BELOW

STANDING_STYLES = {"meets": "green", "below": "bold red", "no-gpa": "yellow", "no-cutoff": "dim"}


@dataclass(frozen=True)
class Loaded:
    """What the worker read: the rows, whether your GPA is set, and the user's catalog file."""

    rows: tuple[ProgramRow, ...]
    has_gpa: bool
    user_file: str
    user_file_exists: bool


def _cut(value: object, style: str = "") -> Text:
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis")


def deadline_cell(row: ProgramRow) -> Text:
    """The next deadline: a day, a month when the day is not known, "rolling" or "see page"."""
    deadline = row.program.deadline
    if deadline is None:
        return _cut("see page", "dim")
    if row.next_deadline is None:
        return _cut("rolling", "dim")
    return _cut(row.next_deadline.isoformat() if deadline.day else f"{row.next_deadline:%b %Y}")


def tracked_cell(row: ProgramRow) -> Text:
    """The cycles you track it for, or a dim "no"."""
    if not row.tracked:
        return _cut("no", "dim")
    return _cut(", ".join(dict.fromkeys(t.cycle or "yes" for t in row.tracked)), "cyan")


def detail_text(row: ProgramRow) -> Text:
    """The highlighted program's facts, for the panel under the table (literal text, never markup)."""
    from tracker.domain.catalog_check import deadline_text

    p = row.program
    text = Text(p.name, style="bold")
    text.append(f"  {p.host}, {p.country}", style="dim")
    if p.url:
        text.append(f"  {p.url}", style="underline")
    nxt = f" → next {row.next_deadline:%Y-%m-%d}" if row.next_deadline else ""
    text.append(f"\nDeadline {deadline_text(p)}{nxt} · cycle {row.cycle}")
    text.append(f" · letters {p.letters if p.letters is not None else 'not known'}")
    for label, value in (("Eligibility", p.eligibility), ("Stipend", p.stipend), ("Notes", p.notes)):
        if value:
            text.append(f"\n{label}: ", style="bold")
            text.append(value)
    if row.tracked:
        text.append("\nYou track: ", style="bold")
        text.append("; ".join(f'"{t.title}" ({t})' for t in row.tracked))
    if row.standing.warning:
        text.append(f"\n{row.standing.warning}", style="red")
    return text


class ProgramsScreen(DataScreen):
    """The program catalog, checked against your GPA and your opportunities."""

    TITLE = "Program catalog"

    DEFAULT_CSS = """
    ProgramsScreen #programs-table {
        height: 1fr;
    }
    ProgramsScreen #programs-detail {
        height: auto;
        max-height: 35%;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    ProgramsScreen #programs-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    WRITES = frozenset({"add"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="programs.back"),
        Binding("a", "add", "Track it", id="programs.add"),
        Binding("e", "edit", "Catalog file", id="programs.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        """What was loaded last."""
        self.rows_by_key: dict[str, ProgramRow] = {}
        """The rows shown, by program key."""
        self._layout: bool | None = None
        self._detail_of: ProgramRow | None = None
        """The row whose detail is shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="programs-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="programs-detail")
        yield Static("Loading the catalog…", id="programs-status")
        yield AppFooter()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#programs-table", DataTable)

    def on_mount(self) -> None:
        self._set_columns()
        self.table.focus()
        # The detail follows the cursor in the frame it moves in, not a frame later (RowHighlighted).
        self.watch(self.table, "cursor_coordinate", self._show_detail, init=False)

    def on_resize(self) -> None:
        if self._set_columns() and self.loaded is not None:
            self.show(self.loaded)

    @property
    def wide(self) -> bool:
        return self.size.width >= NARROW_BELOW

    def _set_columns(self) -> bool:
        """Lay the columns out for the screen's width (narrow: no country, no cycle); True if changed."""
        if self._layout == self.wide:
            return False
        self._layout = self.wide
        columns = [("Country", "country", 13), ("Deadline", "deadline", 10), ("Cycle", "cycle", 11),
                   ("Cut-off", "cutoff", 7), ("You", "you", 16), ("Tracked", "tracked", 11)]
        if not self.wide:
            columns = [c for c in columns if c[1] not in ("country", "cycle")]
        table = self.table
        table.clear(columns=True)
        flex = max(20, self.size.width - sum(width + 2 for _label, _key, width in columns) - 4)
        table.add_column("Program", key="program", width=flex)
        for label, key, width in columns:
            table.add_column(label, key=key, width=width)
        return True

    # --- data -----------------------------------------------------------------------------------

    def fetch(self, store: Store) -> Loaded | str:
        from tracker.catalog import load_catalog
        from tracker.domain.errors import TrackerError
        from tracker.store.views.catalog_view import program_rows

        try:
            catalog = load_catalog()
            with store.read() as session:
                rows, has_gpa = program_rows(session, catalog.programs, today=self.app.today())  # type: ignore[attr-defined]
        except TrackerError as err:
            return str(err)
        return Loaded(rows, has_gpa, str(catalog.user_file), catalog.user_file_exists)

    def show(self, data: Loaded | str) -> None:
        status = self.query_one("#programs-status", Static)
        if isinstance(data, str):
            self.notify(data, title="Cannot read the catalog", severity="error", timeout=15, markup=False)
            status.update(Text("The catalog has a mistake: press e to fix it, then ctrl+r.", style="red"))
            return
        self.loaded = data
        table = self.table
        keep = self.highlighted_key()
        table.clear()
        self.rows_by_key = {}
        for row in data.rows:
            self.rows_by_key[row.program.key] = row
            p = row.program
            cells = {
                "program": _cut(p.name, "bold" if not row.tracked else ""),
                "country": _cut(p.country),
                "deadline": deadline_cell(row),
                "cycle": _cut(row.cycle),
                "cutoff": _cut(p.gpa or "none", "" if p.gpa else "dim"),
                "you": _cut(row.standing.label, STANDING_STYLES.get(row.standing.status, "")),
                "tracked": tracked_cell(row),
            }
            table.add_row(*(cells[str(column.key.value)] for column in table.columns.values()), key=p.key)
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except RowDoesNotExist:
                pass
        self._show_detail()
        gpa = "" if data.has_gpa else " · set your GPA (tracker profile --gpa) to check cut-offs"
        status.update(Text(
            f"{len(data.rows)} programs{gpa} · a track it · e catalog file · typical facts: check the official page"
        ))

    def highlighted_key(self) -> str | None:
        """The key of the program under the cursor, None when the table is empty."""
        table = self.table
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except RowDoesNotExist:
            return None
        return str(key) if key is not None else None

    def highlighted(self) -> ProgramRow | None:
        """The row under the cursor."""
        key = self.highlighted_key()
        return self.rows_by_key.get(key) if key else None

    def _show_detail(self) -> None:
        """The highlighted program's detail; drawn again only for another row (the table sets its cursor
        again at each row it adds)."""
        row = self.highlighted()
        if row is self._detail_of and row is not None:
            return
        self._detail_of = row
        self.query_one("#programs-detail", Static).update(detail_text(row) if row else "")

    # --- actions ----------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#programs-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_add()

    def action_add(self) -> None:
        """Track the highlighted program as an opportunity for the next cycle you can apply for."""
        row = self.highlighted()
        if row is None:
            return
        program, today = row.program, self.app.today()  # type: ignore[attr-defined]

        def change(session: Any) -> str:
            from tracker.domain.sanitize import visible
            from tracker.store.views.catalog_view import add_program

            added = add_program(session, program, cycle=None, today=today)
            opp = added.opportunity
            text = f'Added program "{opp.title}"'
            if opp.deadline is not None:
                text += f", deadline {opp.deadline:%a %Y-%m-%d}"
            return visible("\n".join([text, *added.warnings]))

        self.app.write(change)  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        """Say where your copy of the catalog is (created from the built-in one if missing).

        tracker starts no other program from the TUI (see docs/data-safety.md): edit the file in
        any editor, or with `tracker programs edit`, then ctrl+r here.
        """
        from tracker.catalog import ensure_user_file
        from tracker.domain.errors import TrackerError

        try:
            path, created = ensure_user_file()
        except TrackerError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        made = "Created from the built-in catalog: " if created else "Your catalog: "
        self.notify(f"{made}{path}. Edit it in any text editor (or run tracker programs edit), then ctrl+r here.",
                    title="Program catalog", timeout=20, markup=False)
