"""PagedTable: a DataTable that holds a window of a large result, one page at a time.

The table never holds the whole result: it keeps at most `max_rows` rows (a few pages)
and asks for the next page, with a `PageWanted` message, when the cursor (or the
scroll position) comes near either end of what it holds. The screen fetches that page
in a worker and hands it back with `add_page`; pages that fall far behind are dropped.
`ctrl+home` / `ctrl+end` jump to the first / last page of the whole result.

Its rows of `Cell`s are drawn by `CellTable`, without Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message

from tracker.tui.widgets.cell_table import CellTable

Jump = Literal["top", "bottom"] | None


@dataclass(frozen=True)
class TableRow:
    """A row to show: the record's id (the row key) and its cells."""

    id: int
    cells: Sequence[Any]


class PagedTable(CellTable):
    """A row-cursor DataTable over a window of a result that may be far larger."""

    BINDINGS = [
        # (home and end too, as on the Board: the table's rows fit its width, so DataTable's own home and end,
        # to the first and last column, moved nothing)
        Binding("ctrl+home,home", "scroll_top", "First", show=False, id="table.first"),
        Binding("ctrl+end,end", "scroll_bottom", "Last", show=False, id="table.last"),
    ]

    MARGIN = 20
    """Rows from the window's edge at which the next page is asked for."""

    class PageWanted(Message):
        """The table needs rows `offset` to `offset + limit` of the result."""

        def __init__(self, table: PagedTable, offset: int, limit: int, jump: Jump = None) -> None:
            super().__init__()
            self.table = table
            self.offset = offset
            self.limit = limit
            self.jump = jump
            """Where to put the cursor once loaded: first or last row of the page (None: keep it)."""

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(self, *, page_size: int = 200, max_rows: int = 500, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.page_size = page_size
        """Rows asked for at a time."""
        self.max_rows = max(max_rows, 2 * page_size)
        """Rows held at most."""
        self.window_offset = 0
        """Position, in the whole result, of the first row held."""
        self.total = 0
        """Rows in the whole result."""
        self._held: list[TableRow] = []
        self._pending: tuple[int, int] | None = None
        self._rebuilding = False
        self._scroll_to_after_refresh: int | None = None

    # --- what is held ---------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        """Ids of the rows held, in order."""
        return [row.id for row in self._held]

    @property
    def cursor_id(self) -> int | None:
        """Id of the row under the cursor, None when the table is empty."""
        if not self._held:
            return None
        return self._held[min(self.cursor_row, len(self._held) - 1)].id

    @property
    def cursor_position(self) -> int:
        """Position of the cursor row in the whole result."""
        return self.window_offset + self.cursor_row

    def set_window(self, rows: Sequence[TableRow], offset: int, total: int, *, keep_id: int | None = None,
                   jump: Jump = None) -> None:
        """Replace what is held by `rows`, which start at `offset` of a result of `total` rows.

        The cursor goes to the row `keep_id` if it is there, else to the first or last
        row for a `jump`, else it stays at the same place on the screen.
        """
        rows = list(rows)[: self.max_rows]
        ids = [row.id for row in rows]
        if jump == "top":
            index = 0
        elif jump == "bottom":
            index = len(rows) - 1
        elif keep_id is not None and keep_id in ids:
            index = ids.index(keep_id)
        else:
            index = min(self.cursor_row, len(rows) - 1)
        screen_line = self.cursor_row - int(self.scroll_y)
        self._rebuild(rows, offset, total)
        if rows:
            self._place_cursor(max(index, 0), scroll_y=None if jump else max(0, index - screen_line))

    def add_page(self, rows: Sequence[TableRow], offset: int, total: int, *, jump: Jump = None) -> None:
        """Merge a page fetched after `PageWanted`: appended or prepended, or replacing the window."""
        self._pending = None
        rows = list(rows)
        held_end = self.window_offset + len(self._held)
        if jump is not None or total != self.total or not rows:
            self.set_window(rows, offset, total, jump=jump)
            return
        keep_id = self.cursor_id
        scroll_y = int(self.scroll_y)
        if offset == held_end:
            merged, new_offset = self._held + rows, self.window_offset
            drop = max(0, len(merged) - self.max_rows)
            drop = -(-drop // self.page_size) * self.page_size if drop else 0
            merged, new_offset = merged[drop:], new_offset + drop
            shift = -drop
        elif offset + len(rows) == self.window_offset:
            merged, new_offset = rows + self._held, offset
            merged = merged[: self.max_rows]
            shift = len(rows)
        else:
            self.set_window(rows, offset, total, keep_id=keep_id)
            return
        ids = [row.id for row in merged]
        new_scroll = max(0, scroll_y + shift)
        self._rebuild(merged, new_offset, total)
        if keep_id in ids:
            self._place_cursor(ids.index(keep_id), scroll_y=new_scroll)
        else:  # the cursor's row was dropped (scrolled away with the mouse): put it at the top of the view
            self._place_cursor(new_scroll, scroll_y=new_scroll, follow=False)

    def _rebuild(self, rows: list[TableRow], offset: int, total: int) -> None:
        self._rebuilding = True
        try:
            self._held = rows
            self.window_offset = offset
            self.total = total
            self._pending = None
            self.clear()
            self.add_rows_with_keys(rows)
        finally:
            self._rebuilding = False

    def add_rows_with_keys(self, rows: Sequence[TableRow]) -> None:
        """Add rows keyed by their ids (the table must not hold them already)."""
        for row in rows:
            self.add_row(*row.cells, key=str(row.id))

    def _place_cursor(self, index: int, *, scroll_y: int | None, follow: bool = True) -> None:
        """Put the cursor on row `index`, the view scrolled to `scroll_y` (None: wherever shows the cursor)."""
        index = max(0, min(index, self.row_count - 1))
        if scroll_y is None:
            self.move_cursor(row=index, animate=False)
            return
        self._scroll_to_after_refresh = scroll_y
        self.cursor_coordinate = Coordinate(index, self.cursor_column)
        self.call_after_refresh(self._restore_scroll, follow)

    def _restore_scroll(self, follow: bool) -> None:
        target = self._scroll_to_after_refresh
        if target is not None:
            self._scroll_to_after_refresh = None
            self.scroll_to(y=target, animate=False, immediate=True)
            if follow:
                self._scroll_cursor_into_view()

    # --- asking for pages -------------------------------------------------------------

    def _want(self, offset: int, limit: int, jump: Jump = None) -> None:
        if limit <= 0 or self._pending == (offset, limit):
            return
        if self._pending is not None and jump is None:
            return
        self._pending = (offset, limit)
        self.post_message(self.PageWanted(self, offset, limit, jump))

    def forget_pending(self) -> None:
        """Drop the record of a page asked for (the query changed; its answer will be ignored)."""
        self._pending = None

    def _check_edges(self, row: int) -> None:
        held = len(self._held)
        if not held or self._rebuilding:
            return
        end = self.window_offset + held
        if row >= held - self.MARGIN and end < self.total:
            self._want(end, self.page_size)
        elif row < self.MARGIN and self.window_offset > 0:
            start = max(0, self.window_offset - self.page_size)
            self._want(start, self.window_offset - start)

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        if old_coordinate.row != new_coordinate.row:
            self._check_edges(new_coordinate.row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._held or new_value == old_value:
            return
        height = self.scrollable_content_region.height
        if new_value + height >= len(self._held) - self.MARGIN // 2:
            self._check_edges(len(self._held) - 1)
        elif new_value <= self.MARGIN // 2:
            self._check_edges(0)

    def action_scroll_bottom(self) -> None:
        """Go to the last row of the whole result (fetching the last page if needed)."""
        if self.window_offset + len(self._held) < self.total:
            start = max(0, self.total - self.page_size)
            self._want(start, self.total - start, jump="bottom")
        else:
            super().action_scroll_bottom()

    def action_scroll_top(self) -> None:
        """Go to the first row of the whole result (fetching the first page if needed)."""
        if self.window_offset > 0:
            self._want(0, self.page_size, jump="top")
        else:
            super().action_scroll_top()
