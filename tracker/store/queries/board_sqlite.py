"""The board's rows on SQLite, over sqlite3: the SQLite variant of `tracker.store.views.board`'s query.

The same rows (each stage's candidates for its first cards, `tracker.store.views.board_cards`) and the
same totals, in plain SQL, so the Board's first visit needs neither SQLAlchemy nor the ORM (0.25 s
of imports, which a key pressed right after launch would wait for); the rule from the rows to the
lanes is the one both queries share (`tracker.store.views.board_cards.lanes`).
`tests/test_board_variants.py` proves the lanes equal to the portable query's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, tzinfo

from tracker.store.queries.one_step import all_rows
from tracker.store.queries.reminders_sqlite_sql import CLOSED, PRE_APPLICATION, day, id_list, instant
from tracker.store.views.board_cards import Lane, Row, lanes, start_of_day_utc

CANDIDATES = """
SELECT c.*, {next} AS next FROM (
    SELECT o.id, o.stage, o.deadline, f.due, v.at, x.by,
           -- the day a stage was reached: only closed cards show it and are sorted by it
           CASE WHEN o.stage IN ({closed})
                THEN (SELECT MAX(changed_on) FROM stagechange s WHERE s.opportunity_id = o.id) END AS since,
           o.stage IN ({closed}) AS closed,
           CASE WHEN o.stage IN ({pre}) THEN o.deadline END AS counted_deadline
    FROM opportunity o
    LEFT JOIN (
        SELECT i.opportunity_id AS opp, MAX(i.follow_up_on) AS due
        FROM interaction i
        LEFT JOIN (SELECT opportunity_id AS opp, MAX("on") AS last FROM interaction
                   WHERE direction = 'received' AND opportunity_id IS NOT NULL GROUP BY opportunity_id) lr
               ON lr.opp = i.opportunity_id
        WHERE i.opportunity_id IS NOT NULL AND i.direction = 'sent' AND i.follow_up_on IS NOT NULL
              AND (lr.last IS NULL OR i."on" > lr.last)  -- (the index's range: the messages of a thread)
        GROUP BY i.opportunity_id
    ) f ON f.opp = o.id
    LEFT JOIN (SELECT opportunity_id AS opp, MIN(at) AS at FROM interview WHERE at >= :start
               GROUP BY opportunity_id) v ON v.opp = o.id
    LEFT JOIN (SELECT opportunity_id AS opp, MIN(respond_by) AS by FROM offer
               WHERE decision = 'pending' AND respond_by IS NOT NULL GROUP BY opportunity_id) x ON x.opp = o.id
    WHERE o.stage IN ({stages})
) c
"""
"""Every opportunity on the board with the dates its card shows and is sorted by (`next`: the next date but
for interviews)."""
COLUMNS = "id, stage, deadline, due, at, by, since"
FIRST_OF_STAGE = f"""SELECT * FROM (SELECT {COLUMNS} FROM candidates WHERE stage = ?
    ORDER BY CASE WHEN closed THEN NULL ELSE next END ASC NULLS LAST, CASE WHEN closed THEN since END DESC NULLS LAST,
             CASE WHEN closed THEN -id ELSE id END
    LIMIT :limit)"""
"""A stage's first `limit` candidates by the dates other than interviews."""


def rows_sql(stages: int) -> str:
    """The candidates for the first cards of `stages` stages: each stage's first `limit` by the dates other
    than interviews, and every one with an interview ahead (see `board_cards`).

    The candidates are made once, then each stage's first are picked by a sort that keeps `limit` rows
    (one `ORDER BY ... LIMIT` a stage): a window ranking all 10,000 opportunities per stage sorted them all,
    71 ms at full size against 51."""
    firsts = " UNION ALL ".join([FIRST_OF_STAGE] * stages)
    return (f"WITH candidates AS MATERIALIZED ({CANDIDATES}) {firsts} "
            f"UNION SELECT {COLUMNS} FROM candidates WHERE at IS NOT NULL AND NOT closed")


TOTALS = "SELECT stage, COUNT(*) FROM opportunity WHERE stage IN ({stages}) GROUP BY stage"


def _lesser(a: str, b: str) -> str:
    """The earlier of two nullable dates (SQLite's two-argument min() is NULL when either is)."""
    return f"(CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL THEN {a} WHEN {a} <= {b} THEN {a} ELSE {b} END)"


NEXT = _lesser(_lesser("counted_deadline", "due"), "by")
"""The next date but for interviews (the deadline counts before an application only)."""

TITLES = """
SELECT o.id, o.title, g.name FROM opportunity o LEFT JOIN organization g ON g.id = o.organization_id
WHERE o.id IN (SELECT value FROM json_each(?))
"""


def board_lanes(conn: sqlite3.Connection, *, today: date, zone: tzinfo, limit: int,
                stages: Sequence[str]) -> list[Lane]:
    """The board's lanes (`tracker.store.views.board.board_lanes`), read over sqlite3."""
    start = start_of_day_utc(today, zone).replace(tzinfo=None).isoformat(sep=" ")
    marks = ", ".join("?" for _ in stages)
    sql = (rows_sql(len(stages)).replace(":start", "?").replace(":limit", "?")
           .format(stages=marks, closed=CLOSED, pre=PRE_APPLICATION, next=NEXT))
    each_stage = [value for stage in stages for value in (stage, limit)]
    rows: list[Row] = [
        (opp_id, stage, day(deadline), day(due), instant(at) if at else None, day(by), day(since))
        for opp_id, stage, deadline, due, at, by, since in all_rows(conn, sql, (start, *stages, *each_stage))
    ]
    totals = dict(conn.execute(TOTALS.format(stages=marks), tuple(stages)).fetchall())
    return lanes(rows, totals, zone=zone, limit=limit, stages=stages, titles=lambda ids: _titles(conn, ids))


def _titles(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    titles: dict[int, tuple[str, str | None]] = {}
    for first in range(0, len(ids), 500):
        for opp_id, title, organization in all_rows(conn, TITLES, (id_list(ids[first:first + 500]),)):
            titles[opp_id] = (title, organization)
    return titles
