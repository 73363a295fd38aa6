"""CSV export: the log, opportunities or people as RFC 4180 text that spreadsheets open safely.

The columns and their order are the contract of `tracker.io.headers.EXPORT_COLUMNS`. Dates are
ISO 8601 (a deadline with a time of day carries its offset: `2026-12-01T14:00:00+09:00`), empty
cells stand for nothing, and formula-like text gets a leading `'` (see `tracker.io.cells`).
Rows are streamed from the query to the file, so large logs never sit in memory.

The rows come from the store (`Store.export_rows`: on SQLite its SQL variant makes the cells, so
no Python loop touches them). This module imports nothing heavy: the console script's fast path
(`tracker.entry.csv_files`) calls the same `export_csv` before Typer or SQLAlchemy is loaded. On a
terminal (`for_terminal`) control characters from the data are written visibly instead: a terminal
would execute them.
"""

from __future__ import annotations

import csv
import itertools
import operator
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tracker.domain.sanitize import visible
from tracker.domain.errors import InvalidInput
from tracker.io.cells import FORMULA_QUOTE, FORMULA_STARTS, format_cell
from tracker.io.headers import EXPORT_COLUMNS, WHATS

if TYPE_CHECKING:
    from tracker.store.engine.store import Store

_ALIASES: dict[str, str] = {
    "interactions": "log",
    "messages": "log",
    "opportunity": "opportunities",
    "opps": "opportunities",
    "person": "people",
    "contacts": "people",
}


def read_what(text: str) -> str:
    """The kind of CSV file named by `text`: "log", "opportunities" or "people"."""
    word = text.strip().lower()
    word = _ALIASES.get(word, word)
    if word not in WHATS:
        raise InvalidInput(f'unknown kind of CSV file "{text}"; use one of: {", ".join(WHATS)}')
    return word


def csv_writer(out: TextIO) -> Any:
    """A writer for the contract's dialect: commas, CRLF line ends, quotes only where needed."""
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


class _Visible:
    """A text stream that writes control characters visibly (`\\x1b]52;...`): CSV printed on a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(visible(text))

    def flush(self) -> None:
        self.out.flush()


def for_terminal(out: TextIO) -> TextIO:
    """`out` itself, or, when it is a terminal, `out` with control characters from the data made visible.

    A name or a note can hold escape sequences (OSC 52 writes the clipboard, `\\x1b[2J` clears the
    screen): a terminal would execute them. Files and pipes get the exact data.
    """
    try:
        terminal = out.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return _Visible(out) if terminal else out  # type: ignore[return-value]


def write_rows(what: str, rows: Iterable[Sequence[Any]], out: TextIO) -> int:
    """Write the header of `what`, then `rows` of cells ready to write (see `format_cell`); the row count.

    Each row is written before the next one is taken from `rows`, all inside the csv module.
    """
    writer = csv_writer(out)
    writer.writerow(EXPORT_COLUMNS[what])
    counter = itertools.count()
    writer.writerows(map(operator.itemgetter(0), zip(rows, counter)))  # counts without a Python loop
    return next(counter)


def export_csv(store: Store, what: str, out: TextIO) -> int:
    """Write the header and every row of `what` to `out`; returns the number of rows.

    `out` should be opened with `newline=""` (and `encoding="utf-8"`) so the CRLF line ends
    and line breaks inside cells are written as they are.
    """
    what = read_what(what)
    with store.export_rows(what, columns=EXPORT_COLUMNS[what], cell=format_cell,
                           formula=(FORMULA_STARTS, FORMULA_QUOTE)) as rows:
        return write_rows(what, rows, out)
