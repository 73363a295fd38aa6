"""ReminderRow: one agenda row in three columns (due, kind, message), the message wrapping under itself.

A Textual Visual rather than a Rich table grid. The agenda's option list works out the height of
every row it is given (up to 200 when the rest of the agenda comes in), and a Rich table is laid
out whole for that: about 0.5 ms a row, 0.1 s of the UI thread in which a key pressed meanwhile
waited. Here the two first columns have fixed widths, so a row's height is the number of lines its
message wraps to, and only the message is wrapped (once per width).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

DUE_WIDTH = 16
KIND_WIDTH = 13
GAP = 1
_LEFT = DUE_WIDTH + GAP + KIND_WIDTH + GAP
"""Cells before the message."""


class ReminderRow(Visual):
    """Due and kind on the first line, cut to their columns; the message wrapped in the rest."""

    def __init__(self, due: Content, kind: Content, message: Content) -> None:
        self.due = due
        self.kind = kind
        self.message = message
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    @property
    def plain(self) -> str:
        """The row's text: due, kind and message, one space apart."""
        return f"{self.due.plain} {self.kind.plain} {self.message.plain}"

    def _lines(self, width: int) -> list[Content]:
        room = max(1, width - _LEFT)
        if self._wrapped[0] != room:
            self._wrapped = (room, self.message.wrap(room) or [Content("")])
        return self._wrapped[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return _LEFT + self.message.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self._lines(width)
        room = max(1, width - _LEFT)
        first = (self.due.truncate(DUE_WIDTH, ellipsis=True, pad=True) + " "
                 + self.kind.truncate(KIND_WIDTH, ellipsis=True, pad=True) + " ")
        blank = Content(" " * _LEFT)
        strips = []
        for index, line in enumerate(lines if height is None else lines[:height]):
            whole = (first if index == 0 else blank) + line.truncate(room, pad=True)
            segments = [Segment(text, (style + part).rich_style)
                        for text, part in whole.render(style, end="", parse_style=options.get_style)]
            strip = Strip(segments, whole.cell_length)
            strips.append(strip.crop(0, width) if strip.cell_length > width else strip)  # (under 32 columns)
        return strips
