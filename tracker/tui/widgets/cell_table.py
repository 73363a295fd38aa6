"""CellTable: a DataTable that draws its rows of `Cell`s itself, without Rich.

DataTable draws every cell of every new row through Rich (a `Padding` in a `Styled`, then split
into lines: about 130 µs a cell, 25-50 ms for a screenful after each keystroke in a filter), and
measures every cell of every row added. A row whose cells are all `Cell`s (one line of text in
one style, or parts in styles of their own: `tracker.tui.widgets.table_cell`) is drawn here as a
few segments in the styles DataTable gives its rows (the zebra stripes, the cursor, the mouse over
a row), kept until the table's data, the width, the scroll or the styles change; a `Cell` knows
its width, so measuring it costs nothing. The same lines as DataTable's
(`tests/test_tui_table_rows.py` compares them in every state). The header, and any row holding
another renderable (a `Text`), are DataTable's own. Rows are one line high, DataTable's default.
"""

from __future__ import annotations

from typing import Any, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import DataTable

from tracker.tui.widgets.table_cell import Cell


class CellTable(DataTable[Any]):
    """A DataTable whose rows of `Cell`s are drawn without Rich."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._strips: dict[tuple[Any, ...], Strip] = {}
        """Rows drawn by `render_line`, by what they were drawn for."""
        self._strips_of = -1
        """DataTable's count of changes to its data and size when `_strips` were drawn."""
        self._meta: dict[tuple[int, int], Style] = {}

    def render_line(self, y: int) -> Strip:
        header = self.header_height if self.show_header else 0
        index = y - header + int(self.scroll_y)
        if y < header or not 0 <= index < self.row_count or self.fixed_rows or self.fixed_columns \
                or self.cursor_type != "row":
            return super().render_line(y)
        cells = self.get_row_at(index)
        if not all(type(c) is Cell for c in cells):
            return super().render_line(y)
        return self._row_strip(index, cells)

    def _row_strip(self, index: int, cells: Sequence[Cell]) -> Strip:
        """Row `index` drawn as DataTable draws a row of `Cell`s, cropped to the view."""
        if self.zebra_stripes:
            row_style = self.get_component_rich_style("datatable--odd-row" if index % 2 else "datatable--even-row")
        else:
            row_style = self.rich_style
        cursor = self.show_cursor and index == self.cursor_row
        hover = self.show_cursor and getattr(self, "_show_hover_cursor", False) and index == self.hover_row
        component = Style()
        if hover:
            component += self.get_component_rich_style("datatable--hover")
        if cursor:
            component += self.get_component_rich_style("datatable--cursor")
        changes = self._update_count  # DataTable's own key for what it drew: rows, columns and size
        if changes != self._strips_of or len(self._strips) > 2_000:
            self._strips.clear()
            self._strips_of = changes
        width, scroll_x = self.size.width, int(self.scroll_x)
        key = (index, row_style, component, width, scroll_x, self.cell_padding)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        post = Style.null()
        if self.cursor_foreground_priority == "css":
            post += Style.from_color(color=component.color)
        if self.cursor_background_priority == "css":
            post += Style.from_color(bgcolor=component.bgcolor)
        # A cell's style, as DataTable makes it: (the row's + the cell's place + the cursor's) under
        # the cell's own, then the cursor's colours over it; the place (meta) only tells a click where
        # it landed, so it is added last, to styles that are the same for every row of this look.
        under = row_style + component
        plain = under + post
        get_style = self.app.console.get_style
        padding = self.cell_padding
        pad = " " * padding
        segments: list[Segment] = []
        table_width = 0
        for column_index, (column, cell) in enumerate(zip(self.ordered_columns, cells)):
            render_width = column.get_render_width(self)
            table_width += render_width
            place = self._meta_style(index, column_index)
            around = plain + place
            segments.append(Segment(pad, around))
            room = render_width - 2 * padding
            for text, style in cell.pieces(room):
                room -= cell_len(text)
                segments.append(Segment(text, under + get_style(style) + post + place if style else around))
            segments.append(Segment(pad + " " * room, around))
        segments.append(Segment(" " * max(0, width - table_width), under + self._meta_style(index, -1)))
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        if strip.cell_length < width:
            strip = strip.adjust_cell_length(width, self.rich_style)
        strip = strip.simplify()
        self._strips[key] = strip
        return strip

    def _meta_style(self, row: int, column: int) -> Style:
        """The style that tells a click which cell it landed on (as DataTable's cells carry it; column
        -1: the room right of the last column)."""
        style = self._meta.get((row, column))
        if style is None:
            meta = {"row": row, "column": column} if column >= 0 else {"row": row, "column": 0, "out_of_bounds": True}
            style = self._meta[(row, column)] = Style.from_meta(meta)
        return style
