"""CSV export: the log, opportunities or people as RFC 4180 text that spreadsheets open safely.

The columns and their order are the contract of `tracker.io.headers.EXPORT_COLUMNS`. Dates are
ISO 8601 (a deadline with a time of day carries its offset: `2026-12-01T14:00:00+09:00`), empty
cells stand for nothing, and formula-like text gets a leading `'` (see `tracker.io.cells`).
Rows are streamed from the query to the file, so large logs never sit in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from sqlmodel import Session

from tracker.errors import InvalidInput
from tracker.io.cells import format_cell
from tracker.io.headers import EXPORT_COLUMNS, WHATS
from tracker.store.queries import log_rows, opportunity_rows, people_rows

_ALIASES: dict[str, str] = {
    "interactions": "log",
    "messages": "log",
    "opportunity": "opportunities",
    "opps": "opportunities",
    "person": "people",
    "contacts": "people",
}

_ROWS: dict[str, Callable[[Session], Iterator[dict[str, Any]]]] = {
    "log": log_rows,
    "opportunities": opportunity_rows,
    "people": people_rows,
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


def export_csv(session: Session, what: str, out: TextIO) -> int:
    """Write the header and every row of `what` to `out`; returns the number of rows.

    `out` should be opened with `newline=""` (and `encoding="utf-8"`) so the CRLF line ends
    and line breaks inside cells are written as they are.
    """
    what = read_what(what)
    columns = EXPORT_COLUMNS[what]
    writer = csv_writer(out)
    writer.writerow(columns)
    count = 0
    for row in _ROWS[what](session):
        writer.writerow([format_cell(row[name]) for name in columns])
        count += 1
    return count
