"""The lean read path behind `tracker export csv`: the `sqlite3` module, no SQLAlchemy.

Starting SQLAlchemy and SQLModel costs more than writing 100k rows, so on SQLite the store
(`Store.export_rows`, nothing else) reads the export with plain SQL. The rows, their order and their
values are those of `tracker.store.queries.listings` (`log_rows`, `opportunity_rows`, `people_rows`, with
no filter), and each cell comes out as `tracker.io.cells.format_cell` would write it:

- dates as stored, which is ISO 8601 (`YYYY-MM-DD`, as SQLAlchemy writes a `Date`);
- a deadline with a time of day as the instant in its own zone, `2026-12-01T14:00:00+09:00`;
- text neutralized in SQL by the rule the caller passes in (the formula characters and the quote
  of `tracker.io.cells`), so that the rows go from the cursor to `csv.writer` without a Python
  loop. `tests/test_csv_lean.py` checks that the bytes equal the portable export's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any



def _neutral(expr: str, starts: str, quote: str) -> str:
    """SQL for `expr` as neutralize() writes it: `quote` added when, after any leading quotes, it starts with one of `starts`.

    Integers go through the same test as their text (so -1 becomes '-1, as format_cell writes it);
    NULL stays NULL (an empty cell).
    """
    codes = ", ".join(str(ord(c)) for c in starts)
    q = quote.replace("'", "''")
    return (f"CASE WHEN coalesce(unicode({expr}), 0) NOT IN ({codes}, {ord(quote)}) THEN {expr} "
            f"WHEN unicode(ltrim({expr}, '{q}')) IN ({codes}) THEN '{q}' || {expr} ELSE {expr} END")


def _select(columns: Sequence[str], starts: str, quote: str) -> str:
    """The select list: "=name" is a date column, written as stored; anything else is neutralized."""
    return ", ".join(c[1:] if c.startswith("=") else _neutral(c, starts, quote) for c in columns)


def log_rows(conn: sqlite3.Connection, starts: str, quote: str) -> sqlite3.Cursor:
    """The log: every interaction, oldest first (as `queries.log_rows`), cells ready to write."""
    columns = ('=i."on"', "i.channel", "i.direction", "p.name", "p.role", "o.name", "p.lab", "op.title", "op.stage",
               "i.subject", "i.notes", "=i.follow_up_on")
    return conn.execute(
        f"SELECT {_select(columns, starts, quote)} FROM interaction AS i "
        "JOIN person AS p ON p.id = i.person_id "
        "LEFT JOIN organization AS o ON o.id = p.organization_id "
        "LEFT JOIN opportunity AS op ON op.id = i.opportunity_id "
        'ORDER BY i."on", i.id'
    )


def people_rows(conn: sqlite3.Connection, starts: str, quote: str) -> sqlite3.Cursor:
    """People by name (as `queries.people_rows`), cells ready to write."""
    columns = ("p.name", "p.role", "o.name", "p.lab", "p.email", "p.linkedin", "p.homepage", "p.research_areas",
               "p.notes")
    return conn.execute(
        f"SELECT {_select(columns, starts, quote)} FROM person AS p "
        "LEFT JOIN organization AS o ON o.id = p.organization_id "
        "ORDER BY lower(p.name), p.id"
    )


def opportunity_rows(conn: sqlite3.Connection, starts: str, quote: str) -> Iterator[list[Any]]:
    """Opportunities, oldest first, with letters submitted and the latest activity (as `queries.opportunity_rows`)."""
    columns = ("op.title", "op.kind", "o.name", "op.lab", "c.name", "op.cycle", "op.stage", "=op.deadline",
               "=op.deadline_at", "=op.deadline_tz", "=op.applied_on", "op.letters_required", "coalesce(s.n, 0)",
               '=a."on"', "=CASE WHEN a.direction = 'sent' THEN a.follow_up_on END", "op.url", "op.notes")
    cursor = conn.execute(
        f"SELECT {_select(columns, starts, quote)} FROM opportunity AS op "
        "LEFT JOIN organization AS o ON o.id = op.organization_id "
        "LEFT JOIN person AS c ON c.id = op.contact_id "
        "LEFT JOIN (SELECT opportunity_id, count(*) AS n FROM letterrequest "
        "  WHERE status IN ('submitted', 'thanked') GROUP BY opportunity_id) AS s ON s.opportunity_id = op.id "
        'LEFT JOIN (SELECT opportunity_id, "on", direction, follow_up_on, row_number() OVER ('
        '  PARTITION BY opportunity_id ORDER BY "on" DESC, id DESC) AS r '
        "  FROM interaction WHERE opportunity_id IS NOT NULL) AS a ON a.opportunity_id = op.id AND a.r = 1 "
        "ORDER BY op.id"
    )
    for row in cursor:
        yield [*row[:7], _deadline(row[7], row[8], row[9]), *row[10:]]


def _deadline(day: str | None, at: str | None, zone: str | None) -> str | None:
    """The deadline cell: the day, or the instant in the zone it was given in (UTC if that zone is unknown)."""
    if at is None:
        return day
    moment = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
    if zone:
        from tracker.domain.dates import DateParseError, resolve_zone

        try:
            moment = moment.astimezone(resolve_zone(zone))
        except DateParseError:
            pass
    return moment.isoformat(timespec="seconds")


ROWS = {"log": log_rows, "opportunities": opportunity_rows, "people": people_rows}
"""The rows of each kind of export."""
