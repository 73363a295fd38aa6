"""What `tracker remind` prints: every path that prints reminders uses this one module.

`print_reminders` writes the table (or `--json`) for a list of reminders, coloured and wrapped as
`tracker.terminal.table.output_mode` says for the stream (a terminal, or a pipe or file: plain, one
reminder per line).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import date
from json.encoder import encode_basestring as _string
from typing import TYPE_CHECKING, TextIO

from tracker.domain.sanitize import UNSAFE, shown
from tracker.terminal.table import CHUNK, Column, output_mode, styled, write_table
from tracker.terminal.width import wrap

if TYPE_CHECKING:
    from tracker.domain.reminders import Reminder

STATUS_STYLE = {"overdue": "bold red", "today": "bold yellow", "upcoming": "cyan"}
COLUMNS = (Column("id"), Column("due"), Column("kind"), Column("what", wraps=True))
FOOTER = "snooze: tracker snooze ID --until WHEN · dismiss: tracker dismiss ID"
NOTHING_DUE = ("Nothing due in the next {days} days. "
               "Add people with `tracker add person`, or try `tracker demo` on an empty database.")


def reminder_json(reminder: Reminder, today: date) -> str:
    """The JSON object of one reminder, on one line: the keys in this order, strings as the `json`
    module writes them without `ensure_ascii` (its own string encoder; the reminder's other values
    are ASCII words, a hex id and an ISO date, as the `json` module writes them too).

    One f-string per reminder: the `json` module's encoder builds a dict's text at 2.5 µs, this at
    1 µs (`tracker remind --json` writes 12,000 on a cohort's database)."""
    person, opportunity = reminder.person, reminder.opportunity
    return (
        f'{{"id": {_string(reminder.id)}, "kind": {_string(reminder.kind)}, "due": "{reminder.due.isoformat()}", '
        f'"status": "{reminder.status(today)}", "message": {_string(reminder.message)}, '
        f'"person": {"null" if person is None else _string(person)}, '
        f'"opportunity": {"null" if opportunity is None else _string(opportunity)}, "key": {_string(reminder.key)}}}'
    )


def write_json(out: TextIO, reminders: Sequence[Reminder], today: date) -> None:
    """The reminders as a JSON array, one reminder per line (as Taskwarrior's export, and greppable);
    characters a terminal could act on are escaped."""
    if not reminders:
        out.write("[]\n")
        return
    out.write("[\n")
    for start in range(0, len(reminders), CHUNK):  # a few large writes; no text of every reminder at once
        text = ",\n".join([reminder_json(r, today) for r in reminders[start:start + CHUNK]])
        out.write(UNSAFE.sub(_escape, text if start == 0 else ",\n" + text))
    out.write("\n]\n")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def write_table_of(out: TextIO, reminders: Sequence[Reminder], today: date, within_days: int, *,
                   color: bool, width: int | None) -> None:
    """The reminders as a table with a title and the snooze/dismiss hint, or the "nothing due" line."""
    from tracker.domain.dates import describe_due

    if not reminders:
        out.write("\n".join(wrap(NOTHING_DUE.format(days=within_days), width or 0)) + "\n")
        return
    due_cells: dict[date, tuple[str, str]] = {}  # a few dozen distinct days for thousands of reminders
    for due, first in {r.due: r for r in reminders}.items():
        due_cells[due] = (describe_due(due, today=today), STATUS_STYLE.get(first.status(today), ""))
    rows = [((r.id, "dim"), due_cells[r.due], (r.kind, ""), (shown(r.message), "")) for r in reminders]
    write_table(out, COLUMNS, rows, width=width, color=color, title=f"Reminders for {today:%a %Y-%m-%d}")
    out.write("\n".join(styled(line, "dim", color) for line in wrap(FOOTER, width or 0)) + "\n")


def print_reminders(out: TextIO, reminders: Sequence[Reminder], today: date, within_days: int, *,
                    as_json: bool, environ: Mapping[str, str] = os.environ) -> None:
    """What `tracker remind [--json]` prints to `out`."""
    if as_json:
        write_json(out, reminders, today)
        return
    color, width = output_mode(out, environ)
    write_table_of(out, reminders, today, within_days, color=color, width=width)
    out.flush()


__all__ = ["print_reminders", "reminder_json", "write_json", "write_table_of"]
