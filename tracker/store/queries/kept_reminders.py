"""The reminders `tracker remind` worked out last, kept in the database until anything changes (SQLite).

`tracker remind` runs from shell start-up files many times a day; the data changes far less often.
Migration keep01 made `kept_stamp`, a count of the writes that every table holding records (all
but `NOT_COUNTED`) adds to by trigger, a row inserted, changed or deleted by any program; and
`kept_reminders`, a list of reminders per look-ahead (`remind` and `remind -w 30d` each keep theirs),
with the count it was worked out at and what it was worked out for: the day, the look-ahead, the time
zone and this program's rules. The list is used only while both are the
same, so it is exactly the list the rules would work out again.

Read in the snapshot the facts would be read in (`reminders_sqlite.current_reminders`); written
after, with the count read in that snapshot, so a write committed meanwhile by anyone leaves it
unused. Written only when the database takes it at once: a busy or read-only database is not
waited for, the list is worked out again next time.

The count also tells an open TUI that records changed (`Database.data_version`): a commit that changes
none, such as keeping a list here, is no change to show.

A later migration that adds a table, or rebuilds one (Alembic's batch mode copies a table on SQLite,
without its triggers), gives it the three triggers of keep01, or lists it in `NOT_COUNTED` if no
reminder reads it; tests/test_kept_reminders.py checks every table that holds records is one or the other.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path

from tracker.domain.reminders import Reminder

PREFIX = "kept_"
"""The tables and triggers of keeping (`kept_<table>_<event>` triggers)."""
NOT_COUNTED = frozenset({"undoentry", "mailaccount", "mailfolder", "mailseen", "mailunknown"})
"""The tables that hold records but feed no reminder, so their writes are not counted: the undo log,
and the mail sync's accounts, folder states, messages seen and unknown senders (a `tracker mail sync`
that logs nothing new keeps the list). tests/test_kept_reminders.py checks the reminders' queries
read none of them."""
_RULES = (Path(__file__).resolve().parents[2] / "domain", Path(__file__).resolve().parent)
"""The folders of the rules and of the queries that read their facts: a change to them (a developer's
edit, another version installed) changes what the kept list was worked out by."""


def worked_out_for(today: date, within_days: int, zone: tzinfo) -> str:
    """What a list depends on besides the data: the day, the look-ahead, the zone and the rules' code."""
    from tracker import __version__

    code = max((entry.stat().st_mtime_ns for folder in _RULES for entry in os.scandir(folder)
                if entry.name.endswith(".py")), default=0)
    # A zone by its name (Asia/Seoul); the machine's (no zone in the profile) is an offset at this moment,
    # and its repr holds the offset as well as the abbreviation, which two zones may share ("CST").
    return f"{today.isoformat()} {within_days}d {getattr(zone, 'key', None) or repr(zone)} {__version__} {code}"


def writes(conn: sqlite3.Connection) -> int | None:
    """The count of writes so far; None for a database without it (a portable or partial schema)."""
    try:
        row = conn.execute("SELECT writes FROM kept_stamp WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else int(row[0])


def read(conn: sqlite3.Connection, within_days: int, count: int, worked_for: str) -> list[Reminder] | None:
    """The list kept for `within_days` if it was worked out at `count` writes for `worked_for`; else None."""
    row = conn.execute("SELECT reminders FROM kept_reminders WHERE within_days = ? AND writes = ? "
                       "AND worked_out_for = ?", (within_days, count, worked_for)).fetchone()
    if row is None:
        return None
    days: dict[int, date] = {}
    kept = []
    for key, short, kind, day, message, person, opportunity, person_id, opportunity_id in json.loads(row[0]):
        due = days.get(day) or days.setdefault(day, date.fromordinal(day))
        kept.append(Reminder(key, short, kind, due, message, person, opportunity, person_id, opportunity_id))
    return kept


def keep(conn: sqlite3.Connection, within_days: int, count: int, worked_for: str,
         reminders: Sequence[Reminder]) -> None:
    """Keep `reminders`, the list for `within_days` worked out at `count` writes for `worked_for`, if the
    database takes them now; the lists kept at another count go (they can be used no more)."""
    text = json.dumps([(r.key, r.id, r.kind, r.due.toordinal(), r.message, r.person, r.opportunity,
                        r.person_id, r.opportunity_id) for r in reminders], separators=(",", ":"))
    timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM kept_reminders WHERE writes != ?", (count,))
        conn.execute("INSERT OR REPLACE INTO kept_reminders (within_days, writes, worked_out_for, reminders) "
                     "VALUES (?, ?, ?, ?)", (within_days, count, worked_for, text))
        conn.execute("COMMIT")
    except sqlite3.Error:  # busy, read-only, full: nothing is lost, the next run works them out again
        if conn.in_transaction:
            conn.rollback()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


__all__ = ["NOT_COUNTED", "PREFIX", "keep", "read", "worked_out_for", "writes"]
