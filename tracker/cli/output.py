"""Printing for the CLI: tables of aligned columns for people, JSON for programs, one-line errors.

Text from the database is shown, never executed: table cells and messages write control
characters and escape sequences visibly (`\x1b[31m`, see `tracker.domain.sanitize`) and cut
cells longer than `CELL_LIMIT` characters; JSON escapes them; and both consoles
(`tracker.terminal.console`) drop any that still reach them, whatever printed them. Errors and warnings are printed by
`tracker.terminal.report`: one line each, never wrapped, the same from every entry point. Every table
(a listing, `show`'s fields, `tracker remind`) is written by `tracker.terminal.table`: aligned by
terminal cells in any script, words wrapped at spaces on a terminal, one row per line in a pipe, at a
cost linear in the rows.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from tracker.domain.sanitize import CELL_LIMIT, UNSAFE, shown, visible
from tracker.terminal.console import console, done, err_console  # the consoles, without Typer (the fast paths use them)
from tracker.terminal.report import error, warn  # one line each, never wrapped: as every entry point prints them
from tracker.terminal.table import Column, output_mode, styled, write_table
from tracker.terminal.width import cell_width, cut, wrap

__all__ = ["console", "done", "err_console", "error", "print_json", "print_table", "warn"]

STREAM_ABOVE = 1000
"""Listings with more rows than this end with a line that counts them."""
PIPE_MAX_WIDTH = 40
"""In a pipe or a file, the widest a column but the last gets (a longer cell is cut, "…")."""
LONG_WORD = 16
"""On a terminal, a column of words is never narrower than its longest word up to this many cells."""


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


def cell(value: Any) -> Any:
    """A Rich cell (the program catalog's table): markup shown literally, control characters visibly,
    cut after CELL_LIMIT characters."""
    from rich.text import Text

    if value is None:
        return Text("")
    return Text(shown(plain(value), CELL_LIMIT))


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str,
                out: TextIO | None = None, environ: Mapping[str, str] = os.environ) -> int:
    """Print rows in aligned columns, as `tracker remind` does (`tracker.terminal.table`); prints `empty`
    instead when there are no rows. Returns the row count. `out`: standard output unless given; `environ`
    (COLUMNS, NO_COLOR, FORCE_COLOR) says how to write on a terminal.

    On a terminal the columns of words (names, titles, organizations: a cell with a space) share the
    width the others leave and wrap at spaces, so a word is never cut in two; in a pipe or a file one
    row is one line, and a cell but the last is cut after PIPE_MAX_WIDTH cells ("…"). The cost is
    linear in the rows, whatever their script; past STREAM_ABOVE rows a last line counts them.
    """
    texts = [[table_text(value) for value in row] for row in rows]
    out = console.file if out is None else out
    color, width = output_mode(out, environ)
    if not texts:
        out.write("\n".join(wrap(visible(empty), width or 0)) + "\n")
        return 0
    names = [name.replace("_", " ") for name in columns]
    if width is None:  # a pipe or a file: every column, one row a line, each cell but the last cut
        for row in texts:
            for i in range(len(names) - 1):
                if len(row[i]) > PIPE_MAX_WIDTH and cell_width(row[i]) > PIPE_MAX_WIDTH:
                    row[i] = cut(row[i], PIPE_MAX_WIDTH - 1) + "…"
        table_columns = [Column(name) for name in names]
    else:  # a terminal: the columns of words wrap, at their longest word at least
        wraps = [any(" " in row[i] for row in texts) for i in range(len(names))]
        table_columns = [Column(name, wraps=True, least=_least(name, (row[i] for row in texts))) if wraps[i]
                         else Column(name) for i, name in enumerate(names)]
    left_out = write_table(out, table_columns, [[(text, "") for text in row] for row in texts],
                           width=width, color=color, title=visible(title) if title else None, fit=True)
    if left_out:
        note = f"Not shown at {width} columns: {', '.join(left_out)} (a wider terminal, or --json, shows them)."
        out.write("\n".join(styled(line, "dim", color) for line in wrap(note, width or 0)) + "\n")
    if len(texts) > STREAM_ABOVE:
        out.write(styled(f"{len(texts):,} rows", "dim", color) + "\n")
    out.flush()
    return len(texts)


def _least(name: str, cells: Iterable[str]) -> int:
    """The fewest cells a column of words wraps to: its longest word (up to LONG_WORD cells), so that
    names and titles break between words; never fewer than its header."""
    longest = max((cell_width(word) for text in cells for word in text.split(" ")), default=0)
    return max(cell_width(name), min(longest, LONG_WORD))


def table_text(value: Any) -> str:
    """A table cell's text: control characters visibly, cut after CELL_LIMIT characters, on one line; a
    time to the minute with its zone's usual name (`--json` keeps ISO 8601)."""
    if type(value) is str:
        if len(value) <= CELL_LIMIT and value.isprintable():
            return value  # nothing to escape nor cut (every unsafe character is unprintable): most cells
    elif value is None:
        return ""
    elif isinstance(value, datetime):  # a time as people read it, in its zone: "2026-12-16 23:59 PST"
        if value.utcoffset() is None:
            return f"{value:%Y-%m-%d %H:%M}"
        from tracker.domain.dates import zone_label

        return f"{value:%Y-%m-%d %H:%M} {zone_label(value)}"
    elif isinstance(value, date):  # ISO 8601, nothing to escape
        return value.isoformat()
    return shown(plain(value), CELL_LIMIT).replace("\n", " ").replace("\t", " ")
