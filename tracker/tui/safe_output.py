"""Showing data safely in the TUI: bounded detail views, and a last line of defence.

`bounded(view)` is what a detail screen shows: a copy of its view (a dataclass from the
store) whose strings have their control characters written visibly (`\x1b[31m`) and are
cut after `DETAIL_LIMIT` characters, so a 1 MB notes cell is not wrapped on every refresh.

Rich and Textual pass ESC, NUL and the C1 controls through to the terminal, so a name such
as "\\x1b[2J" would clear the screen and "\\x1b]52;c;...\\x07" would write the clipboard.
`DropUnsafe` is a line filter (`TrackerApp.get_line_filters`): every line of every widget
passes through it, and it drops those characters (`tracker.domain.sanitize.UNSAFE`). They
are all zero cells wide, so no layout changes; what is left of a sequence ("[31m") stays
on screen as plain text: shown, not executed.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from tracker.domain.sanitize import UNSAFE, shown, strip_unsafe

T = TypeVar("T")

DETAIL_LIMIT = 2_000
"""Characters of one value a detail screen shows (`tracker show --json` prints everything)."""


def bounded(value: T, limit: int = DETAIL_LIMIT) -> T:
    """`value` to show: strings (also inside dataclasses, lists and tuples) escaped and cut to `limit`."""
    if isinstance(value, str):
        return shown(value, limit)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: bounded(getattr(value, f.name), limit) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changed)  # type: ignore[type-var]
    if isinstance(value, list):
        return [bounded(v, limit) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(bounded(v, limit) for v in value)  # type: ignore[return-value]
    return value


class DropUnsafe(LineFilter):
    """Remove control characters from the text of every segment (control segments are Textual's own)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(segment.control is None and UNSAFE.search(segment.text) for segment in segments):
            return segments
        return [
            Segment(strip_unsafe(segment.text), segment.style) if segment.control is None else segment
            for segment in segments
        ]


DROP_UNSAFE = DropUnsafe()
"""The one instance (strips cache their filtered copies by filter)."""
