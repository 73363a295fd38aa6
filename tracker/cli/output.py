"""Printing for the CLI: Rich tables for people, JSON for programs, one-line errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console(highlight=False)
"""Standard output."""
err_console = Console(stderr=True, highlight=False)
"""Standard error: errors and warnings."""


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
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_encode) + "\n")


def cell(value: Any) -> Text:
    """A table cell; markup in user data is shown literally, never interpreted."""
    if value is None:
        return Text("")
    return Text(str(plain(value)))


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str) -> int:
    """Print a Rich table; prints `empty` instead when there are no rows. Returns the row count."""
    table = Table(title=title, title_justify="left", header_style="bold", show_lines=False)
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(cell(v) for v in row))
        count += 1
    if count:
        console.print(table)
    else:
        console.print(empty)
    return count


def done(message: str) -> None:
    """Confirm a write in one line."""
    console.print(Text("✓ ", style="green") + Text(message))


def warn(message: str) -> None:
    """A warning on standard error; never stops the command."""
    err_console.print(Text("warning: ", style="yellow") + Text(message))


def error(message: str) -> None:
    """The one line printed for a user error."""
    err_console.print(Text("error: ", style="bold red") + Text(message))
