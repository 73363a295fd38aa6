"""Aligned columns, written row by row: the command line's tables.

One pass measures the columns, a second writes the rows, so the cost is linear in the rows
whatever script they are in. No borders: a bold header, a dim rule, two spaces between
columns (as Taskwarrior and git print lists), so a long list stays readable and greppable.
Columns may wrap: on a terminal they share the width that is left (the narrowest keep their width
first) and their long cells go on to the next lines, broken at spaces; a header wider than its
column's cells ("overdue follow-ups" over numbers) goes on two lines or more, when the table would
not fit the terminal otherwise; in a pipe or a file nothing wraps, one row is one line.
`output_mode` says which a stream is, and whether to colour.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from tracker.terminal.width import cell_width, pad, wrap

SGR = {"": "", "bold": "1", "dim": "2", "italic": "3", "bold red": "1;31", "bold yellow": "1;33", "cyan": "36",
       "green": "32", "red": "31", "yellow": "33"}
"""The styles the tables use, as ANSI SGR parameters."""
GAP = "  "
MIN_WRAPPED = 20
"""A table's one wrapping column never gets fewer cells than this (the line is then wider than the terminal)."""
MIN_SHARED = 10
"""Where several columns wrap, none gets fewer cells than this."""
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
    least: int = 0
    """The fewest cells a wrapping column gets (0: MIN_WRAPPED if it wraps alone, else MIN_SHARED); never
    fewer than its header's longest word."""

    @property
    def narrowest(self) -> int:
        """The fewest cells the header fits in, on as many lines as it has words."""
        return max(map(cell_width, self.name.split(" ")))


def output_mode(out: TextIO, environ: Mapping[str, str] = os.environ) -> tuple[bool, int | None]:
    """(colour?, width to wrap at or None) for writing to `out`."""
    try:
        terminal = out.isatty()
    except (AttributeError, ValueError):
        terminal = False
    color = terminal and "NO_COLOR" not in environ and environ.get("TERM", "") != "dumb"
    if environ.get("FORCE_COLOR"):
        color = True
    if not terminal:
        return color, None
    columns = environ.get("COLUMNS", "")
    if columns.isdigit():
        return color, int(columns)
    try:
        return color, os.get_terminal_size(out.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return color, 80


def styled(text: str, style: str, color: bool) -> str:
    """`text` in `style` when `color`, else as it is."""
    if not color or not style or not text:
        return text
    return f"\x1b[{SGR[style]}m{text}\x1b[0m"


def _needed(columns: Sequence[Column], widths: Sequence[int]) -> list[int]:
    """The cells each column needs at the least: its width, or a wrapping column's least."""
    return [min(w, max(c.least, c.narrowest)) if c.wraps else w for c, w in zip(columns, widths)]


def _measure(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int | None,
             fit: bool = False) -> tuple[list[int], list[Sequence[int]], list[int]]:
    """The widths of the columns shown, every cell's width in them (measured once, used again to pad),
    and which columns are shown (all but those `fit` leaves out).

    In a pipe (`width` None) the last column is never padded nor wrapped: its cells are measured
    only until one reaches the rule's length (`RULE_MAX`), and their sizes are 0.
    """
    widths = [cell_width(c.name) for c in columns]
    headers = list(widths)
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
    if width is not None:  # a header wider than its cells goes on more lines, the widest first, until the
        # table fits with its wrapping columns at their least (they take what is left after)
        over = sum(_needed(columns, widths)) + len(GAP) * (len(columns) - 1) - width
        narrower = {i: max(column.narrowest, max(by_column[i], default=0))
                    for i, column in enumerate(columns) if not column.wraps and widths[i] == headers[i]}
        for i in sorted(narrower, key=lambda i: narrower[i] - widths[i]):
            if over <= 0:
                break
            over -= widths[i] - narrower[i]
            widths[i] = narrower[i]
    shown = list(range(len(columns)))
    if width is not None and fit:  # from the right, the columns that do not fit even at their least
        needed = _needed(columns, widths)
        while len(shown) > 1 and sum(needed[i] for i in shown) + len(GAP) * (len(shown) - 1) > width:
            shown.pop()
        if len(shown) < len(columns):
            columns = [columns[i] for i in shown]
            widths = [widths[i] for i in shown]
            sizes = [tuple(row_sizes[i] for i in shown) for row_sizes in sizes]
    if width is not None:
        wrapping = [i for i, column in enumerate(columns) if column.wraps]
        room = width - sum(w for i, w in enumerate(widths) if i not in wrapping) - len(GAP) * (len(columns) - 1)
        default = MIN_WRAPPED if len(wrapping) == 1 else MIN_SHARED
        for n, i in enumerate(sorted(wrapping, key=lambda i: widths[i])):  # the narrowest keep their width first
            least = max(columns[i].least or default, columns[i].narrowest)
            widths[i] = min(widths[i], max(least, room // (len(wrapping) - n)))
            room -= widths[i]
    return widths, sizes, shown


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
                width: int | None, color: bool, title: str | None = None, fit: bool = False) -> list[str]:
    """Write `rows` under a header to `out`; `width` is the terminal's (None: never wrap). `fit`: on a
    terminal, leave out from the right the columns that do not fit even with every wrapping column at
    its least (the table names its columns by importance). Returns the names of those left out."""
    widths, sizes, shown = _measure(columns, rows, width, fit)
    left_out = [column.name for i, column in enumerate(columns) if i not in shown]
    if left_out:
        columns = [columns[i] for i in shown]
        rows = [[row[i] for i in shown] for row in rows]
    head: list[str] = []
    if title:
        head.append(styled(title, "bold", color))
    last = len(columns) - 1
    names = [wrap(c.name, w) if width is not None else [c.name] for c, w in zip(columns, widths)]
    for n in range(max(map(len, names), default=1)):
        parts = [lines[n] if n < len(lines) else "" for lines in names]
        head.append(GAP.join(styled(part if i == last else pad(part, w), "bold", color)
                             for i, (part, w) in enumerate(zip(parts, widths))).rstrip())
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
        return left_out
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
    return left_out


__all__ = ["Cell", "Column", "output_mode", "styled", "write_table"]
