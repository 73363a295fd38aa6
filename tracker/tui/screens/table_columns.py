"""The columns of a table screen (`PagedTableScreen`): what each is, and which show, labelled and how wide,
on a screen of a given width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.store.queries.table_rows import Sort


@dataclass(frozen=True)
class Column:
    """A table column: its key (a sort key of the store, or "" when it cannot sort), label, width.

    A width of 0 makes the column take the room the others leave (at least `min_width`).
    """

    key: str
    label: str
    width: int
    min_width: int = 20
    min_screen: int = 0
    """Shown only on screens at least this many cells wide."""


NARROW_BELOW = 100
"""Below this width a screen is narrow: tables keep their essential columns only."""


def column_layout(columns: Sequence[Column], width: int, sort: Sort
                  ) -> tuple[list[int], tuple[str, ...], tuple[int, ...]]:
    """On a screen `width` cells wide: the positions of the columns shown, their labels (the sort's column
    with its arrow) and their widths (those of width 0 share the room the others leave)."""
    visible = [i for i, c in enumerate(columns) if width >= c.min_screen]
    shown = [columns[i] for i in visible]
    arrow = " ▼" if sort.descending else " ▲"
    labels = tuple(c.label + (arrow if c.key and c.key == sort.column else "") for c in shown)
    fixed = sum(c.width + 2 for c in shown if c.width)
    room = width - fixed - 2 * sum(1 for c in shown if not c.width) - 2
    return visible, labels, tuple(c.width or max(c.min_width, room) for c in shown)
