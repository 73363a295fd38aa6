"""The reminders `tracker remind` worked out last, kept with the count of writes they were worked out at.

`tracker remind` is run from shell start-up files many times a day, and the data changes far less
often: working the reminders out each time (0.2 s of a cohort's 12,000) is work done for nothing.
On SQLite, `kept_stamp` counts the writes: a trigger on every table that holds records adds one
at each row inserted, changed or deleted, whoever writes it (all but the undo log and the mail
sync's own bookkeeping, which no reminder reads: a sync that finds nothing new keeps the list).
`kept_reminders` holds a list per look-ahead, with the count and the day it was worked out for; it
is used only while the count has not moved (`tracker.store.queries.kept_reminders`). Nothing here on
PostgreSQL, whose store works the reminders out each time.

Revision ID: keep01
Revises: board06
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op


revision = 'keep01'
down_revision = 'board06'
branch_labels = None
depends_on = None

EVENTS = ("insert", "update", "delete")
NOT_COUNTED = ("undoentry", "mailaccount", "mailfolder", "mailseen", "mailunknown")
"""Tables no reminder reads: the undo log (written with the rows it undoes), the mail accounts, the
folders' sync state, the messages seen and the unknown senders (a message logged is an interaction)."""


def _record_tables() -> list[str]:
    """The tables that hold records at this revision: not Alembic's, SQLite's, the search index's."""
    rows = op.get_bind().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [name for (name,) in rows
            if name != "alembic_version" and not name.startswith(("sqlite_", "fts_", "kept_"))
            and name not in NOT_COUNTED]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE kept_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), writes INTEGER NOT NULL)")
    op.execute("INSERT INTO kept_stamp (id, writes) VALUES (1, 0)")
    op.execute("CREATE TABLE kept_reminders (within_days INTEGER PRIMARY KEY, writes INTEGER NOT NULL, "
               "worked_out_for TEXT NOT NULL, reminders TEXT NOT NULL)")
    for table in _record_tables():
        for event in EVENTS:
            op.execute(f'CREATE TRIGGER "kept_{table}_{event}" AFTER {event.upper()} ON "{table}" '
                       "BEGIN UPDATE kept_stamp SET writes = writes + 1 WHERE id = 1; END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    triggers = op.get_bind().exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kept\\_%' ESCAPE '\\'").fetchall()
    for (name,) in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    op.execute("DROP TABLE kept_reminders")
    op.execute("DROP TABLE kept_stamp")
