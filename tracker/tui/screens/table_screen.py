"""PagedTableScreen: a filter bar over a PagedTable, sorted and paged in SQL.

The base of the Opportunities and People screens. A subclass says which columns
it shows, how to read one page (`fetch_page`, run in a worker) and how to turn a row
into cells; this class does the rest: reading and showing the rows, asking for the next page as
the cursor moves, and the status line, with its base `ChoosesRows` (table_choosing): live filtering,
and sorting by a header click or `o` / `O`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Header, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.store import Store
from tracker.store.queries.table_rows import Page, Sort
from tracker.tui.failures import guarded
from tracker.tui.held_frames import HeldFrames
from tracker.tui.screens.table_choosing import ChoosesRows
from tracker.tui.screens.table_columns import Column, column_layout
from tracker.tui.widgets.filter_bar import FilterBar, FilterChoice
from tracker.tui.widgets.paged_table import Jump, PagedTable, TableRow

R = TypeVar("R")


READ_AHEAD_ROWS = 100
"""Rows of the opening page read ahead (`read`): a screenful and the table's margin below it on a
terminal up to about 75 lines tall (a taller one reads its own)."""


@dataclass(frozen=True)
class Request:
    """What a fetch reads: a snapshot taken on the UI thread, so the worker reads no widget."""

    version: int
    filters: Any
    sort: Sort
    offset: int
    limit: int
    jump: Jump = None
    extra: bool = True
    """Read `fetch_extra` after the rows (not after a change of filter or sort: the data is the same)."""


class PagedTableScreen(ChoosesRows, Generic[R]):
    """A filterable, sortable table over a result that may hold tens of thousands of rows."""

    DEFAULT_CSS = """
    PagedTableScreen #table-status {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    PagedTableScreen PagedTable {
        height: 1fr;
    }
    """

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    SORTS: ClassVar[tuple[str, ...]] = ()
    DEFAULT_SORT: ClassVar[Sort] = Sort("title")
    NOUN: ClassVar[tuple[str, str]] = ("row", "rows")
    EMPTY_TEXT: ClassVar[str] = "Nothing here yet."
    EMPTY_READ_ONLY: ClassVar[str] = "Nothing here yet."
    """The same where the app only reads (`DataScreen.hides`): no key to press."""
    PAGE_SIZE: ClassVar[int] = 200
    MAX_ROWS: ClassVar[int] = 500
    FIRST_PAGE: ClassVar[int] = 60
    """Rows read for a new filter or sort (at least a screenful): each row costs Textual a measure
    of every cell, and the table asks for the next page as the cursor comes near its end."""

    class PageLoaded(Message):
        """A page fetched by the page worker."""

        def __init__(self, request: Request, page: Page[Any]) -> None:
            super().__init__()
            self.request = request
            self.page = page

    class ExtraLoaded(Message):
        """What `fetch_extra` read, by the extra worker."""

        def __init__(self, extra: Any) -> None:
            super().__init__()
            self.extra = extra

    def __init__(self) -> None:
        super().__init__()
        self.sort = self.DEFAULT_SORT
        """The current sort."""
        self.filters: Any = self.make_filters("", {})
        """The current filters (a store filter dataclass)."""
        self.rows_by_id: dict[int, R] = {}
        """The rows held by the table, by id."""
        self._version = 0
        self._request: Request | None = None
        self._jump: Jump = "top"
        self._same_data = False
        self._extra_stale = True
        self._column_layout: tuple[Any, ...] = ()
        self._visible: list[int] = list(range(len(self.COLUMNS)))
        self._status = ""
        """What the status line shows."""
        self._held = HeldFrames(self)
        """The typed letter of the filter, held to be drawn with its rows."""

    # --- what a subclass provides ----------------------------------------------------------

    def filter_choices(self) -> list[FilterChoice]:
        """The drop-down filters."""
        return []

    @classmethod
    def make_filters(cls, text: str, choices: dict[str, str | None]) -> Any:
        """The store filter for the filter bar's text and choices."""
        raise NotImplementedError

    @classmethod
    def fetch_page(cls, store: Store, filters: Any, sort: Sort, offset: int, limit: int) -> Page[R]:
        """Read one page (in a worker)."""
        raise NotImplementedError

    def row_cells(self, row: R) -> tuple[Any, ...]:
        """The cells of one row, in COLUMNS order."""
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return int(row.id)  # type: ignore[attr-defined]

    def open_row(self, row_id: int) -> None:
        """Enter on a row."""

    # --- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(placeholder=f"/ filter {self.NOUN[1]}…", choices=self.filter_choices(), id="filter-bar")
        yield PagedTable(page_size=self.PAGE_SIZE, max_rows=self.MAX_ROWS, id="table")
        yield Static("", id="table-status")
        yield AppFooter()

    @property
    def table(self) -> PagedTable:
        return self.query_one("#table", PagedTable)

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one("#filter-bar", FilterBar)

    def on_mount(self) -> None:
        self._set_columns()
        self.table.focus()
        # The status line follows the cursor in the frame the cursor moves in: from the table's
        # RowHighlighted message it was drawn a frame later (a cursor move took 32 ms from outside).
        self.watch(self.table, "cursor_coordinate", self._update_status, init=False)
        # The filter's text in the same call as the key (FilterBar): its rows' read starts at once, and the
        # letter is drawn with them (`HeldFrames`).
        self.watch(self.filter_bar.text_box, "value", self._text_changed, init=False)

    def on_resize(self) -> None:
        self._set_columns()

    def _cells(self, row: R) -> tuple[Any, ...]:
        every = self.row_cells(row)
        return tuple(every[i] for i in self._visible)

    def _set_columns(self) -> None:
        visible, labels, widths = column_layout(self.COLUMNS, self.size.width, self.sort)
        columns = [self.COLUMNS[i] for i in visible]
        if (labels, widths) == self._column_layout:
            return
        self._column_layout = (labels, widths)
        self._visible = visible
        table = self.table
        held = [TableRow(i, self._cells(self.rows_by_id[i])) for i in table.ids if i in self.rows_by_id]
        keep = table.cursor_id
        table.clear(columns=True)
        for column, label, width in zip(columns, labels, widths, strict=True):
            table.add_column(Text(label, style="bold"), width=width, key=column.key or column.label)
        if held:
            table.set_window(held, table.window_offset, table.total, keep_id=keep)

    # --- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        table = self.table if self.is_mounted else None
        offset = table.window_offset if table and self._jump is None else 0
        if self._jump is None:  # the data changed: read again what is held
            limit = max(self.PAGE_SIZE, min(len(self.rows_by_id), self.MAX_ROWS))
        elif self._jump == "top":
            limit = max(self.FIRST_PAGE, table.size.height + PagedTable.MARGIN if table else 0)
        else:
            limit = self.PAGE_SIZE
        self._extra_stale = self._extra_stale or not self._same_data
        self._request = Request(self._version, self.filters, self.sort, offset, limit, self._jump,
                                extra=self._extra_stale)
        self._same_data = False
        super().reload()

    @classmethod
    def fetch_extra(cls, store: Store) -> Any:
        """Anything else the screen needs with each reload but its rows, such as the filters' choices (in a
        worker of its own, once the rows are shown); given to `show_extra`."""
        return None

    @classmethod
    def read(cls, store: Store, today: Any, zone: Any) -> Page[R]:
        """The first page in the first sort, unfiltered: what the screen opens on."""
        return cls.fetch_page(store, cls.make_filters("", {}), cls.DEFAULT_SORT, 0, READ_AHEAD_ROWS)

    def _opening(self, request: Request) -> tuple[Request, Page[R]] | None:
        """The opening read (`read`), if `request` is it and it was read ahead with rows enough."""
        if (request.version, request.offset, request.jump, request.extra) != (0, 0, "top", True) \
                or request.filters != self.make_filters("", {}) or request.sort != self.DEFAULT_SORT:
            return None
        page = self.taken_ahead()
        if page is None or len(page.rows) < min(request.limit, page.total):
            return None
        return request, Page(page.rows[:request.limit], 0, page.total)

    def show_extra(self, extra: Any) -> None:
        """Show what `fetch_extra` read (on the UI thread)."""

    def fetch(self, store: Store) -> tuple[Request, Page[R]]:
        request = self._request
        assert request is not None
        opening = self._opening(request)
        if opening is not None:
            return opening
        return request, self.fetch_page(store, request.filters, request.sort, request.offset, request.limit)

    def show(self, data: tuple[Request, Page[R]]) -> None:
        request, page = data
        if request.version != self._version:
            return  # (the newer request reads the choices if they are still to be read: `_extra_stale`)
        if request.extra:  # the rows first: read beside the making of a first visit, the filters' choices
            self._load_extra()  # (3 ms of SQL alone) held the rows back 30-60 ms, waiting for the interpreter
        self._jump = None
        self._set_columns()
        self.rows_by_id = {self.row_id(r): r for r in page.rows}
        rows = [TableRow(self.row_id(r), self._cells(r)) for r in page.rows]
        table = self.table
        table.set_window(rows, page.offset, page.total, keep_id=None if request.jump else table.cursor_id,
                         jump=request.jump)
        self._update_status()
        self._held.draw()

    def _refilter(self) -> None:
        self._version += 1
        self._jump = "top"
        self._same_data = True
        self.table.forget_pending()
        self.reload()

    @work(thread=True, group="extra", exclusive=True)
    @guarded("load the filters' choices")
    def _load_extra(self) -> None:
        store = self.store
        if store is not None:
            self.post_message(self.ExtraLoaded(self.fetch_extra(store)))

    def on_paged_table_screen_extra_loaded(self, event: ExtraLoaded) -> None:
        event.stop()
        self.show_extra(event.extra)
        self._extra_stale = False

    @on(PagedTable.PageWanted)
    def _page_wanted(self, event: PagedTable.PageWanted) -> None:
        event.stop()
        request = Request(self._version, self.filters, self.sort, event.offset, event.limit, event.jump)
        self._load_page(request)

    @work(thread=True, group="page", exclusive=True)
    @guarded("load the rows")
    def _load_page(self, request: Request) -> None:
        store = self.store
        if store is None:
            return
        page = self.fetch_page(store, request.filters, request.sort, request.offset, request.limit)
        self.post_message(self.PageLoaded(request, page))

    def on_paged_table_screen_page_loaded(self, event: PageLoaded) -> None:
        event.stop()
        if event.request.version != self._version:
            return
        table = self.table
        for row in event.page.rows:
            self.rows_by_id[self.row_id(row)] = row
        rows = [TableRow(self.row_id(r), self._cells(r)) for r in event.page.rows]
        table.add_page(rows, event.page.offset, event.page.total, jump=event.request.jump)
        held = set(table.ids)
        self.rows_by_id = {k: v for k, v in self.rows_by_id.items() if k in held}
        self._update_status()

    # --- status ---------------------------------------------------------------------------------------

    def _update_status(self) -> None:
        """The status line: where the cursor is, of how many, and the sort; changed only when its text
        does (the table sets its cursor again at each row it adds: 60 to 200 times a page)."""
        table = self.table
        total = table.total
        if total == 0:
            filtered = self.filters != self.make_filters("", {})
            empty = self.EMPTY_READ_ONLY if self.hides("new") else self.EMPTY_TEXT
            text = "No match: press / then escape to clear the filter." if filtered else empty
        else:
            noun = self.NOUN[0] if total == 1 else self.NOUN[1]
            position = f"{table.cursor_position + 1:,} of {total:,} {noun}"
            column = next((c.label.lower() for c in self.COLUMNS if c.key == self.sort.column), self.sort.column)
            arrow = "▼" if self.sort.descending else "▲"
            text = f"{position} · sorted by {column} {arrow} · enter open · o sort · O reverse"
        if text != self._status:
            self._status = text
            self.query_one("#table-status", Static).update(Text(text))

    @on(DataTable.RowSelected, "#table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_row(int(event.row_key.value))

    def on_unmount(self) -> None:
        self._held.draw()

    def highlighted(self) -> R | None:
        """The row under the cursor, None when the table is empty."""
        row_id = self.table.cursor_id
        return self.rows_by_id.get(row_id) if row_id is not None else None
