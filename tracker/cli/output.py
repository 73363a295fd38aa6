"""Printing for the CLI: Rich tables for people, JSON for programs, one-line errors.

Text from the database is shown, never executed: table cells and messages write control
characters and escape sequences visibly (`\x1b[31m`, see `tracker.domain.sanitize`) and cut
cells longer than `CELL_LIMIT` characters; JSON escapes them; and both consoles
(`tracker.terminal.console`) drop any that still reach them, whatever printed them. Errors and warnings are printed by
`tracker.terminal.report`: one line each, never wrapped, the same from every entry point. A listing of more than `STREAM_ABOVE` rows is
printed line by line in plain aligned columns, so 100,000 rows take seconds, not minutes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text

from tracker.domain.sanitize import CELL_LIMIT, UNSAFE, shown, visible
from tracker.terminal.console import console, done, err_console  # the consoles, without Typer (the fast paths use them)
from tracker.terminal.report import error, warn  # one line each, never wrapped: as every entry point prints them

__all__ = ["console", "done", "err_console", "error", "print_json", "print_table", "warn"]

STREAM_ABOVE = 1000
"""Listings with more rows than this are streamed as plain columns instead of a Rich table."""
STREAM_MAX_WIDTH = 40
"""The widest a streamed column gets."""


def plain(value: Any) -> Any:
    """A value as JSON/CSV wants it: dates in ISO 8601, the rest unchanged."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: Iterable[dict[str, Any]] | dict[str, Any]) -> None:
    """Print rows (or one object) as indented JSON, dates in ISO 8601."""
    payload = data if isinstance(data, dict) else list(data)
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=_encode)
    # json escapes U+0000-U+001F; DEL, the C1 controls and the bidi overrides can only be inside strings here.
    sys.stdout.write(UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def cell(value: Any) -> Text:
    """A table cell: markup shown literally, control characters visibly, cut after CELL_LIMIT characters."""
    if value is None:
        return Text("")
    return Text(shown(plain(value), CELL_LIMIT))


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str) -> int:
    """Print a Rich table; prints `empty` instead when there are no rows. Returns the row count.

    More than STREAM_ABOVE rows are streamed in plain aligned columns (see `_stream`).
    """
    rows = iter(rows)
    head = list(islice(rows, STREAM_ABOVE + 1))
    if len(head) > STREAM_ABOVE:
        return _stream(title, columns, head, rows)
    table = Table(title=title, title_justify="left", header_style="bold", show_lines=False)
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in head:
        table.add_row(*(cell(v) for v in row))
    if head:
        console.print(table)
    else:
        console.print(empty)
    return len(head)


def _line_cell(value: Any, width: int) -> str:
    if value is None:
        return " " * width
    text = visible(str(plain(value))[: width + 1]).replace("\n", " ").replace("\t", " ")
    if text.isascii():  # one cell per character: plain slicing (most cells, and much faster)
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def _widths(headers: list[str], sample: list[Sequence[Any]], room: int) -> list[int]:
    widths = [cell_len(h) for h in headers]
    for row in sample:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], min(STREAM_MAX_WIDTH, cell_len(shown(plain(value), STREAM_MAX_WIDTH))))
    room -= 2 * (len(widths) - 1)
    while sum(widths) > room and max(widths) > 4:
        widths[widths.index(max(widths))] -= 1
    return widths


def _stream(title: str | None, columns: Sequence[str], head: list[Sequence[Any]], rest: Iterator[Sequence[Any]]) -> int:
    """Many rows: one line per row, columns as wide as the first rows need, long cells cut with "…"."""
    headers = [name.replace("_", " ") for name in columns]
    widths = _widths(headers, head, console.width)
    if title:
        console.print(Text(visible(title), style="bold"))
    console.print(Text("  ".join(set_cell_size(h, w) for h, w in zip(headers, widths)).rstrip(), style="bold"))
    console.print("  ".join("─" * w for w in widths), markup=False)
    out = console.file
    count = 0
    for row in chain(head, rest):
        out.write("  ".join(_line_cell(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
        count += 1
    out.flush()
    console.print(Text(f"{count:,} rows", style="dim"))
    return count
