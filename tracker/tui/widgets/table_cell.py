"""Cell: a one-line table cell that Rich draws as one segment.

A DataTable draws every visible cell through Rich, and after each keystroke in a filter every
cell is new. A `rich.text.Text` cell costs Rich a split into lines, a wrap, a join and a render
into segments for one line of plain text, and a measure (lines and words) when the row is added:
most of a keystroke's drawing on the People screen. A `Cell` knows its width in cells once, and
draws as a `Text(..., no_wrap=True, overflow="ellipsis")` of the same text and style would: the
same segments, with the ellipsis where the text is too wide, wide characters (Hangul, Hanzi,
emoji) counted as Rich counts them (tests/test_table_cell.py compares the two).

Only text without control characters is a `Cell` (`table_cell` makes a `Text` of anything else:
a line break, a tab or a carriage return, which Text splits, expands or strips). A cell may join
parts in styles of their own (`Cell.joined`: a writer's name in bold, their organization dimmed),
drawn as a `Text` of those spans would be.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len, set_cell_size
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

_CONTROL = re.compile(r"[\x00-\x1f]")


class Cell:
    """A cell's text, drawn on one line in `style`, cut with an ellipsis when too wide."""

    __slots__ = ("plain", "style", "justify", "_width", "parts")

    def __init__(self, text: str, style: str = "", justify: Literal["left", "right"] = "left") -> None:
        self.plain = text
        self.style = style
        """The style's definition, as for a Text ("bold", "dim", "red")."""
        self.justify = justify
        self._width = cell_len(text)
        self.parts: tuple[tuple[str, str], ...] = ((text, style),)
        """(text, style) of each part, left to right (one part but for `joined`)."""

    @classmethod
    def joined(cls, *parts: tuple[str, str]) -> Cell:
        """A left-justified cell of parts in styles of their own: ("Ada", "bold"), (" · ETH", "bold dim")."""
        cell = cls("".join(text for text, _style in parts), parts[0][1] if parts else "")
        cell.parts = tuple(parts)
        return cell

    def pieces(self, width: int) -> list[tuple[str, str]]:
        """(text, style) of each part as drawn in `width` cells (see `fit`), empty parts left out."""
        if len(self.parts) == 1:
            return [(self.fit(width), self.style)]
        if self._width <= width:
            return [(text, style) for text, style in self.parts if text]
        # As a Text of these spans is cut: its plain text to width - 1 cells, then the ellipsis, in the
        # style of the span at that place.
        cut = set_cell_size(self.plain, width - 1)
        out: list[tuple[str, str]] = []
        start, shown = 0, len(cut)
        for text, style in self.parts:
            end = start + len(text)
            piece = cut[start:min(end, shown)] + ("…" if start <= shown < end else "")
            if piece:
                out.append((piece, style))
            if end > shown:
                break
            start = end
        return out

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Cell({self.plain!r}, {self.style!r})"

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self._width, self._width)

    def fit(self, width: int) -> str:
        """The text as drawn in `width` cells: cut with an ellipsis when too wide, right-justified
        text padded on its left (left-justified text is not padded)."""
        text = self.plain
        if self.justify == "right":
            text = text.rstrip()
            length = cell_len(text)
        else:
            length = self._width
        if length > width:
            return set_cell_size(text, width - 1) + "…"
        if self.justify == "right" and length < width:
            return " " * (width - length) + text
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for text, style in self.pieces(options.max_width):
            yield Segment(text, console.get_style(style) if style else None)


def table_cell(text: str, style: str = "", justify: Literal["left", "right"] = "left") -> Cell | Text:
    """A one-line cell of `text` (literal, never markup) in `style`, cut with an ellipsis if too wide."""
    if _CONTROL.search(text) is None:
        return Cell(text, style, justify)
    return Text(text, style=style, no_wrap=True, overflow="ellipsis", justify="right" if justify == "right" else None)


def joined_cell(*parts: tuple[str, str]) -> Cell | Text:
    """A one-line cell of parts in styles of their own (literal text), cut with an ellipsis if too wide."""
    if not any(_CONTROL.search(text) for text, _style in parts):
        return Cell.joined(*parts)
    text = Text(no_wrap=True, overflow="ellipsis")
    for part, style in parts:
        text.append(part, style=style)
    return text


def cell(value: object, style: str = "") -> Cell | Text:
    """A table cell showing `value` literally (never as markup), cut with an ellipsis if too long; a
    dimmed dash for nothing."""
    if value is None or value == "":
        return Cell("—", "dim")
    return table_cell(str(value), style)
