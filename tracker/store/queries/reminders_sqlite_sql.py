"""The queries of the lean reminder path (`tracker.store.queries.reminders_sqlite`), and the rows they become.

Plain `sqlite3`, no SQLAlchemy. Values are read as SQLAlchemy stores them on SQLite: dates
as "YYYY-MM-DD", instants as naive UTC "YYYY-MM-DD HH:MM:SS.ffffff".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

from tracker.domain import reminders as rules
from tracker.domain.gpa import gpa_or_none
from tracker.domain.vocab import ANSWER_STAGES, CLOSED_STAGES, FOLLOW_UP_CHANNELS, PRE_APPLICATION_STAGES
from tracker.store.queries.one_step import all_rows


def _words(words: Iterable[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


CLOSED = _words(CLOSED_STAGES)
PRE_APPLICATION = _words(PRE_APPLICATION_STAGES)
_WAITING = f"direction = 'sent' AND (channel IN ({_words(FOLLOW_UP_CHANNELS)}) OR follow_up_on IS NOT NULL)"
"""A message that calls for a follow-up while unanswered (the rule's candidates)."""
_ID_SPAN = 10_000_000_000


def _key(table: str = "") -> str:
    """A message's place in its thread as one integer, day * 10^10 + id: the rule orders messages
    by (date, id). Cheaper than text for SQLite to work out for each of 100,000 messages."""
    return f'CAST(julianday({table}"on") AS INTEGER) * {_ID_SPAN} + {table}id'


_KEY = _key()


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def instant(text: str) -> datetime:
    """A UTCDateTime column as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


# --- threads (follow-ups) ------------------------------------------------------------------------

ALL_MESSAGES = """
SELECT i.id, i.person_id, p.name, i.opportunity_id, o.title, i.channel, i.direction, i."on", i.follow_up_on
FROM interaction i
JOIN person p ON p.id = i.person_id
LEFT JOIN opportunity o ON o.id = i.opportunity_id
LEFT JOIN (SELECT person_id, MAX("on") AS since FROM interaction WHERE direction = 'received'
           GROUP BY person_id) r ON r.person_id = i.person_id
WHERE r.since IS NULL OR i."on" >= r.since
"""
"""Exactly the messages `store.reminders._threads` reads: everything since each person's last reply."""

_WAITING_SQL = f"""
WITH thread AS MATERIALIZED (
    SELECT person_id,
           MAX(CASE WHEN direction = 'received' THEN {_KEY} END) AS replied,
           MAX(CASE WHEN {_WAITING} THEN {_KEY} END) AS newest
    FROM interaction WHERE direction = 'received' OR ({_WAITING}) GROUP BY person_id
),
live AS MATERIALIZED (
    SELECT t.person_id, COALESCE(t.replied, 0) AS since,
           COALESCE(i.follow_up_on,
                    date(i."on", '+' || CASE i.channel WHEN 'linkedin' THEN :linkedin ELSE :email END || ' days'))
           AS due
    FROM thread t
    JOIN interaction i ON i.id = t.newest % {_ID_SPAN}
    LEFT JOIN opportunity o ON o.id = i.opportunity_id
    WHERE t.newest IS NOT NULL AND (t.replied IS NULL OR t.newest > t.replied)
      AND (o.stage IS NULL OR o.stage NOT IN ({CLOSED}))
      AND due <= :until
)
SELECT i.id, i.person_id, p.name, i.opportunity_id, NULL, i.channel, i.direction, i."on", i.follow_up_on
FROM live l
JOIN interaction i ON i.person_id = l.person_id
JOIN person p ON p.id = i.person_id
WHERE i.direction = 'sent' AND (i.channel IN ({_words(FOLLOW_UP_CHANNELS)}) OR i.follow_up_on IS NOT NULL)
  AND {_key("i.")} > l.since
  {{soonest}}
"""
WAITING = _WAITING_SQL.format(soonest="")
WAITING_SOONEST = _WAITING_SQL.format(
    soonest="AND l.due <= COALESCE((SELECT due FROM live ORDER BY due LIMIT 1 OFFSET :offset), :until)")
"""WAITING for the threads due soonest only: those due by the (:offset + 1)th soonest thread's day
(ties included), so the reminders due first are all among what it returns."""
"""Only the unanswered candidates (sent after the person's last reply, by (date, id)) of the
threads whose newest candidate is not about a closed opportunity and is due by :until: all
that the follow-up rule looks at for the reminders it can make by then. One pass over the
covering index ix_interaction_thread (person_id, direction, "on", id, channel, follow_up_on,
opportunity_id; migrations 0004 and rem04), grouped by person without a sort, then the live
threads through it, never the table. The messages' opportunity titles are not read (None): the
rule takes an opportunity's title from its facts, which are read for every opportunity a
message points at (`reminders_sqlite._within`, `_cut`), so each title is read once, not once
per message."""


def messages(rows: Iterable[Sequence[Any]]) -> list[rules.Message]:
    days: dict[str, date] = {}  # a few hundred distinct days among tens of thousands of messages
    found = []
    for r in rows:
        on, follow_up_on = r[7], r[8]
        if (on_day := days.get(on)) is None:
            on_day = days[on] = date.fromisoformat(on)
        found.append(rules.Message(r[0], r[1], r[2], r[3], r[4], r[5], r[6], on_day,
                                   date.fromisoformat(follow_up_on) if follow_up_on else None))
    return found


# --- opportunities and what hangs on them ---------------------------------------------------------

OPPORTUNITIES = f"""
SELECT o.id, o.title, o.kind, o.stage, o.deadline, o.letters_required, o.min_gpa, p.name,
       (SELECT MAX(s.changed_on) FROM stagechange s
        WHERE s.opportunity_id = o.id AND s.to_stage IN ({_words(ANSWER_STAGES)})) AS answered_on,
       (SELECT MAX(s.changed_on) FROM stagechange s
        WHERE s.opportunity_id = o.id AND s.from_stage = 'no-response') AS reopened_on
FROM opportunity o LEFT JOIN person p ON p.id = o.contact_id
"""

RULED_OPPORTUNITIES = OPPORTUNITIES + f"""
WHERE o.id IN (SELECT value FROM json_each(:ids))
   OR (o.deadline IS NOT NULL AND o.deadline <= :deadline AND o.stage IN ({PRE_APPLICATION}))
   OR (o.deadline IS NOT NULL AND o.deadline <= :letters AND o.letters_required > 0 AND o.stage NOT IN ({CLOSED}))
   OR (o.kind = 'program' AND o.min_gpa IS NOT NULL AND o.min_gpa != '' AND o.stage IN ({PRE_APPLICATION})
       AND COALESCE(o.deadline, :today) <= :eligible)
"""
"""The opportunities :ids (those that threads, interviews and offers point at: their stage
decides whether those count) and those a rule can fire on by itself: a deadline soon before
applying, letters to chase, a program's GPA cut-off (due by :eligible, its deadline or today)."""

OPPORTUNITIES_BY_ID = OPPORTUNITIES + "WHERE o.id IN (SELECT value FROM json_each(:ids))"


def opportunity(r: Sequence[Any]) -> rules.OpportunityFacts:
    deadline, gpa, answered_on, reopened_on = r[4], r[6], r[8], r[9]
    return rules.OpportunityFacts(
        id=r[0], title=r[1], kind=r[2], stage=r[3], deadline=date.fromisoformat(deadline) if deadline else None,
        letters_required=r[5] or 0, min_gpa=gpa_or_none(gpa) if gpa else None, contact=r[7],
        answered_on=date.fromisoformat(answered_on) if answered_on else None,
        reopened_on=date.fromisoformat(reopened_on) if reopened_on else None,
    )


def interviews(conn: sqlite3.Connection, zone: tzinfo, window: tuple[date, date] | None) -> list[rules.InterviewFacts]:
    """Every interview, or those whose day in `zone` falls in `window` (both ends included)."""
    from tracker.domain.times import in_both_zones

    sql = """
        SELECT v.id, v.opportunity_id, o.title, v.at, v.tz, p.name, v.format
        FROM interview v JOIN opportunity o ON o.id = v.opportunity_id
        LEFT JOIN person p ON p.id = v.with_person_id
    """
    params: dict[str, str] = {}
    if window is not None:  # a day either side in UTC; the day in `zone` is checked below
        sql += " WHERE v.at >= :start AND v.at < :end"
        params = {"start": (window[0] - timedelta(days=1)).isoformat(), "end": (window[1] + timedelta(days=2)).isoformat()}
    found = []
    for r in all_rows(conn, sql, params):
        at = instant(r[3])
        on = at.astimezone(zone).date()
        if window is not None and not window[0] <= on <= window[1]:
            continue
        found.append(
            rules.InterviewFacts(
                id=r[0], opportunity_id=r[1], opportunity=r[2], on=on,
                when_text=in_both_zones(at, r[4], zone), with_person=r[5], format=r[6],
            )
        )
    return found


def letters(conn: sqlite3.Connection, opportunity_ids: set[int] | None) -> list[rules.LetterFacts]:
    """The letter requests of these opportunities (of open ones when None)."""
    sql = """
        SELECT l.id, l.opportunity_id, l.writer_id, p.name, l.status
        FROM letterrequest l JOIN person p ON p.id = l.writer_id JOIN opportunity o ON o.id = l.opportunity_id
    """
    if opportunity_ids is None:
        return [_letter(r) for r in all_rows(conn, sql + f" WHERE o.stage NOT IN ({CLOSED})")]
    return [_letter(r) for r in all_rows(conn, sql + " WHERE l.opportunity_id IN (SELECT value FROM json_each(?))",
                                             (id_list(opportunity_ids),))]


def _letter(r: Sequence[Any]) -> rules.LetterFacts:
    return rules.LetterFacts(id=r[0], opportunity_id=r[1], writer_id=r[2], writer=r[3], status=r[4])


def id_list(ids: Iterable[int]) -> str:
    """Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`."""
    return "[" + ",".join(str(int(i)) for i in sorted(ids)) + "]"


def offers(conn: sqlite3.Connection, where: str = "", params: dict[str, Any] | None = None) -> list[rules.OfferFacts]:
    sql = f"""
        SELECT f.id, f.opportunity_id, o.title, f.respond_by, f.decision
        FROM offer f JOIN opportunity o ON o.id = f.opportunity_id {where}
    """
    return [
        rules.OfferFacts(id=r[0], opportunity_id=r[1], opportunity=r[2], respond_by=day(r[3]), decision=r[4])
        for r in all_rows(conn, sql, params or {})
    ]


# --- people, manual reminders, snoozes -----------------------------------------------------------


def people(conn: sqlite3.Connection, where: str = "", params: dict[str, Any] | None = None) -> list[rules.PersonFacts]:
    """People with a keep-in-touch interval and their last contact (`where` on id, name,
    keep_in_touch_days, last, added_on): a message, an interview with them, an offer from an
    opportunity they are the main contact of (`tracker.store.queries.reminders.last_contact`)."""
    sql = f"""
        SELECT id, name, keep_in_touch_days, last, added_on FROM (
            SELECT p.id, p.name, p.keep_in_touch_days, p.added_on,
                   (SELECT MAX(d) FROM (
                       SELECT MAX(i."on") AS d FROM interaction i WHERE i.person_id = p.id
                       UNION ALL SELECT MAX(date(v.at)) FROM interview v WHERE v.with_person_id = p.id
                       UNION ALL SELECT MAX(f.received_on) FROM offer f JOIN opportunity o ON o.id = f.opportunity_id
                                 WHERE o.contact_id = p.id)) AS last
            FROM person p WHERE p.keep_in_touch_days IS NOT NULL
        ) {where}
    """
    return [
        rules.PersonFacts(
            id=r[0], name=r[1], keep_in_touch_days=r[2], last_interaction_on=day(r[3]),
            added_on=date.fromisoformat(r[4]),
        )
        for r in all_rows(conn, sql, params or {})
    ]


def manual(conn: sqlite3.Connection, where: str = "", params: dict[str, Any] | None = None) -> list[rules.ManualFacts]:
    sql = f"""
        SELECT m.id, m.text, m.due, p.name, o.title FROM reminder m
        LEFT JOIN person p ON p.id = m.person_id LEFT JOIN opportunity o ON o.id = m.opportunity_id {where}
    """
    return [
        rules.ManualFacts(id=r[0], text=r[1], due=date.fromisoformat(r[2]), person=r[3], opportunity=r[4])
        for r in all_rows(conn, sql, params or {})
    ]


def states(conn: sqlite3.Connection) -> list[rules.ReminderState]:
    return [
        rules.ReminderState(key=r[0], snoozed_until=day(r[1]), dismissed=r[2] is not None)
        for r in all_rows(conn, "SELECT key, snoozed_until, dismissed_at FROM reminderstate")
    ]
