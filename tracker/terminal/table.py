"""Aligned columns, written row by row: the command line's tables.

One pass measures the columns, a second writes the rows, so the cost is linear in the rows
whatever script they are in. No borders: a bold header, a dim rule, two spaces between
columns (as Taskwarrior and git print lists), so a long list stays readable and greppable.
One column may wrap: on a terminal it takes the width that is left and its long cells go
on to the next lines; in a pipe or a file nothing wraps, one row is one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from tracker.terminal.width import cell_width, pad, wrap

SGR = {"": "", "bold": "1", "dim": "2", "italic": "3", "bold red": "1;31", "bold yellow": "1;33", "cyan": "36",
       "green": "32", "yellow": "33"}
"""The styles the tables use, as ANSI SGR parameters."""
GAP = "  "
MIN_WRAPPED = 20
"""The wrapping column never gets fewer cells than this (the line is then wider than the terminal)."""
RULE_MAX = 40
"""In a pipe, the rule under the last column is at most this long (its cells are not cut)."""
CHUNK = 2000
"""Lines written to the stream at once."""

Cell = tuple[str, str]
"""(text, style): the text must hold no control character (see tracker.domain.sanitize.visible)."""


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, and whether it is the one that wraps."""

    name: str
    wraps: bool = False


def styled(text: str, style: str, color: bool) -> str:
    """`text` in `style` when `color`, else as it is."""
    if not color or not style or not text:
        return text
    return f"\x1b[{SGR[style]}m{text}\x1b[0m"


def _measure(columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
             width: int | None) -> tuple[list[int], list[Sequence[int]]]:
    """The column widths, and every cell's width (measured once, used again to pad).

    In a pipe (`width` None) the last column is never padded nor wrapped: its cells are measured
    only until one reaches the rule's length (`RULE_MAX`), and their sizes are 0.
    """
    widths = [cell_width(c.name) for c in columns]
    measured = len(columns) if width is not None else len(columns) - 1
    by_column: list[Sequence[int]] = []
    for i in range(len(columns)):
        if i < measured:
            texts = [row[i][0] for row in rows]
            # a column of ASCII text (ids, dates, kinds) is as wide as its characters: measured in C
            column_sizes = list(map(len if "".join(texts).isascii() else cell_width, texts))
            widths[i] = max(widths[i], max(column_sizes, default=0))
        else:
            column_sizes = [0] * len(rows)
        by_column.append(column_sizes)
    sizes: list[Sequence[int]] = list(zip(*by_column)) if by_column else [() for _row in rows]
    if width is None and columns:
        last = len(columns) - 1
        for row in rows:
            if widths[last] >= RULE_MAX:
                break
            widths[last] = max(widths[last], cell_width(row[last][0]))
    if width is not None:
        for i, column in enumerate(columns):
            if column.wraps:
                fixed = sum(w for j, w in enumerate(widths) if j != i) + len(GAP) * (len(columns) - 1)
                widths[i] = min(widths[i], max(MIN_WRAPPED, width - fixed))
    return widths, sizes


def _line(row: Sequence[Cell], sizes: Sequence[int], widths: list[int], color: bool) -> str:
    """A row that fits on one line."""
    if not color:
        cells = [text + " " * (width - size) for (text, _style), size, width in zip(row[:-1], sizes, widths)]
        cells.append(row[-1][0])
        return GAP.join(cells).rstrip()
    last = len(widths) - 1
    cells = []
    for i, ((text, style), size, width) in enumerate(zip(row, sizes, widths)):
        cells.append(styled(text, style, color) + ("" if i == last else " " * (width - size)))
    return GAP.join(cells).rstrip()


def _lines(row: Sequence[Cell], widths: list[int], columns: Sequence[Column], color: bool) -> list[str]:
    """A row whose wrapping column is too long: the first line, then that column's continuation."""
    parts = [wrap(text, width) if column.wraps else [text] for (text, _s), column, width in zip(row, columns, widths)]
    lines = []
    for n in range(max(len(p) for p in parts)):
        cells = [(part[n] if n < len(part) else "", style) for part, (_text, style) in zip(parts, row)]
        lines.append(_line(cells, [cell_width(text) for text, _s in cells], widths, color))
    return lines


def write_table(out: TextIO, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *,
                width: int | None, color: bool, title: str | None = None) -> None:
    """Write `rows` under a header to `out`; `width` is the terminal's (None: never wrap)."""
    widths, sizes = _measure(columns, rows, width)
    head: list[str] = []
    if title:
        head.append(styled(title, "bold", color))
    last = len(columns) - 1
    head.append(GAP.join(styled(c.name if i == last else pad(c.name, w), "bold", color)
                         for i, (c, w) in enumerate(zip(columns, widths))).rstrip())
    rules = list(widths)
    if width is None:  # nothing wraps in a pipe: the rule stops at a sensible width
        rules[last] = max(cell_width(columns[last].name), min(rules[last], RULE_MAX))
    head.append(styled(GAP.join("─" * w for w in rules), "dim", color))
    out.write("\n".join(head) + "\n")
    wrapped = [i for i, c in enumerate(columns) if c.wraps] if width is not None else []
    if not wrapped:  # one line per row
        for start in range(0, len(rows), CHUNK):
            out.write("\n".join([_line(row, row_sizes, widths, color) for row, row_sizes
                                  in zip(rows[start:start + CHUNK], sizes[start:start + CHUNK])]) + "\n")
        return
    chunk: list[str] = []
    for row, row_sizes in zip(rows, sizes):
        if any(row_sizes[i] > widths[i] for i in wrapped):
            chunk.extend(_lines(row, widths, columns, color))
        else:
            chunk.append(_line(row, row_sizes, widths, color))
        if len(chunk) >= CHUNK:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")


__all__ = ["Cell", "Column", "styled", "write_table"]
