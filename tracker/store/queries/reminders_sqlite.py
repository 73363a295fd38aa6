"""The lean read path for reminders: the standard library's `sqlite3`, no SQLAlchemy, no ORM.

`tracker remind` is what people put in a shell start-up file, so it must start in tens of
milliseconds even on a database of 100,000 interactions. `Store.current_reminders` uses this module
on SQLite instead of `tracker.store.queries.reminders` (nothing else knows it exists):
`gather_inputs` builds the same `tracker.domain.reminders.Inputs`
as `tracker.store.queries.reminders.gather_inputs` with a few plain queries (`tracker.store.queries.reminders_sqlite_sql`).

Given `within_days`, `gather_inputs` also leaves out, in SQL, the facts that cannot produce a
reminder inside that horizon: threads whose newest unanswered message is about a closed
opportunity or is due later (and the messages of a thread that do not call for a follow-up),
opportunities no rule fires on, letters, interviews, offers, people and manual reminders
outside their window. The reminders computed from those Inputs are the same
(`tests/test_lean_paths.py` checks both forms against the ORM path).

This is the "lean read path behind one small interface" of docs/architecture.md: SQLite only;
the PostgreSQL store of a later step uses the portable path (`tracker.store.queries.reminders`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta, tzinfo

from tracker.domain import reminders as rules
from tracker.domain.gpa import gpa_or_none
from tracker.domain.vocab import CLOSED_STAGES
from tracker.store.queries import kept_reminders
from tracker.store.queries import reminders_sqlite_sql as sql
from tracker.store.queries.one_step import all_rows
from tracker.store.queries.reminders_tell import TELLS, tell_facts
from tracker.system import clock


def read_profile(conn: sqlite3.Connection) -> tuple[str | None, str | None, rules.Settings]:
    """(gpa, time zone name, rule settings) from the profile; the defaults when there is none yet."""
    row = conn.execute(
        "SELECT gpa, timezone, follow_up_email_days, follow_up_linkedin_days FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return None, None, rules.Settings()
    return row[0], row[1], rules.Settings(follow_up_email_days=row[2], follow_up_linkedin_days=row[3])


user_zone = clock.user_zone
"""The profile's time zone, else the machine's (`tracker.system.clock.user_zone`)."""


def gather_inputs(
    conn: sqlite3.Connection,
    *,
    today: date,
    zone: tzinfo,
    within_days: int | None = None,
    settings: rules.Settings | None = None,
    first: int | None = None,
    give_way: Callable[[], None] | None = None,
) -> rules.Inputs:
    """The facts the reminder rules look at, read with plain SQL.

    With `within_days=None`: the same Inputs as `tracker.store.queries.reminders.gather_inputs` (up to
    the order of rows). With a horizon: only the facts that can yield a reminder due within it
    (see the module docstring); `settings` (default: the profile's) gives the follow-up intervals.
    `give_way` (see `rules.compute_reminders`) is called between the reads.
    """
    gpa_text, _zone_name, profile_settings = read_profile(conn)
    if within_days is None:
        return _everything(conn, zone=zone, gpa_text=gpa_text)
    return _within(conn, today=today, zone=zone, within_days=within_days,
                   settings=settings or profile_settings, gpa_text=gpa_text, first=first, give_way=give_way)


def _everything(conn: sqlite3.Connection, *, zone: tzinfo, gpa_text: str | None) -> rules.Inputs:
    opportunities = [sql.opportunity(r) for r in all_rows(conn, sql.OPPORTUNITIES)]
    return rules.Inputs(
        threads=rules.threads_from_messages(sql.messages(all_rows(conn, sql.ALL_MESSAGES))),
        opportunities=opportunities,
        letters=sql.letters(conn, None),
        interviews=sql.interviews(conn, zone, None),
        offers=sql.offers(conn),
        people=sql.people(conn),
        manual=sql.manual(conn),
        tells=tell_facts(all_rows(conn, TELLS)),
        states=sql.states(conn),
        profile_gpa=gpa_or_none(gpa_text),
    )


def _within(
    conn: sqlite3.Connection,
    *,
    today: date,
    zone: tzinfo,
    within_days: int,
    settings: rules.Settings,
    gpa_text: str | None,
    first: int | None = None,
    give_way: Callable[[], None] | None = None,
) -> rules.Inputs:
    defaults = rules.Settings()  # the rules' own windows; compute_reminders widens them to within_days
    states = sql.states(conn)
    params: dict[str, object] = {
        "until": (today + timedelta(days=within_days)).isoformat(),
        "email": settings.follow_up_email_days, "linkedin": settings.follow_up_linkedin_days,
    }
    if first is None:
        waiting = sql.messages(all_rows(conn, sql.WAITING, params))
        cut = None
    else:  # a snoozed or dismissed thread may drop out: read that many more
        waiting = sql.messages(all_rows(conn, sql.WAITING_SOONEST, {**params, "offset": max(first, 1) - 1 + len(states)}))
        cut = _cut(conn, waiting, states, today=today, within_days=within_days, settings=settings, first=first)
    if give_way is not None:
        give_way()

    def until(days: int) -> date:
        """The end of a rule's window, no later than the cut."""
        end = today + timedelta(days=max(days, within_days))
        return end if cut is None else min(end, cut)

    interviews = sql.interviews(conn, zone, (today, until(defaults.interview_days))) \
        if until(defaults.interview_days) >= today else []
    offers = sql.offers(
        conn, "WHERE f.decision = 'pending' AND f.respond_by IS NOT NULL AND f.respond_by <= :until",
        {"until": until(defaults.offer_days).isoformat()},
    )
    referenced = {m.opportunity_id for m in waiting if m.opportunity_id is not None}
    referenced |= {i.opportunity_id for i in interviews} | {o.opportunity_id for o in offers}
    if give_way is not None:
        give_way()
    opportunities = [
        sql.opportunity(r)
        for r in all_rows(conn, sql.RULED_OPPORTUNITIES, {
            "ids": sql.id_list(referenced),
            "deadline": until(defaults.deadline_days).isoformat(),
            "letters": until(defaults.letters_alert_days).isoformat(),
            "today": today.isoformat(),
            "eligible": (cut or date.max).isoformat(),
        })
    ]
    if give_way is not None:
        give_way()
    with_letters = {
        o.id for o in opportunities if o.letters_required > 0 and o.stage not in CLOSED_STAGES and o.deadline is not None
    }
    threads = rules.threads_from_messages(waiting)
    if give_way is not None:
        give_way()
    letters = sql.letters(conn, with_letters) if with_letters else []
    people = sql.people(
        conn,
        "WHERE keep_in_touch_days > 0"
        " AND date(COALESCE(last, added_on), '+' || keep_in_touch_days || ' days') <= :until",
        {"until": until(0).isoformat()},
    )
    if give_way is not None:  # (the reads above and below take 30-60 ms at a cohort's size)
        give_way()
    return rules.Inputs(
        threads=threads,
        opportunities=opportunities,
        letters=letters,
        interviews=interviews,
        offers=offers,
        people=people,
        manual=sql.manual(conn, "WHERE m.due <= :until", {"until": until(0).isoformat()}),
        tells=tell_facts(all_rows(conn, TELLS)),
        states=states,
        profile_gpa=gpa_or_none(gpa_text),
    )


def _cut(
    conn: sqlite3.Connection,
    waiting: list[rules.Message],
    states: list[rules.ReminderState],
    *,
    today: date,
    within_days: int,
    settings: rules.Settings,
    first: int,
) -> date | None:
    """The due date of the `first`th follow-up of the soonest threads, or None when there are fewer.

    Those follow-ups are in the full list, so its first `first` reminders are all due by then; a
    snooze only moves a reminder later. Every other rule need only read what falls due by this day.
    """
    referenced = {m.opportunity_id for m in waiting if m.opportunity_id is not None}
    about = [sql.opportunity(r) for r in all_rows(conn, sql.OPPORTUNITIES_BY_ID, {"ids": sql.id_list(referenced)})]
    follow_ups = rules.compute_reminders(
        rules.Inputs(threads=rules.threads_from_messages(waiting), opportunities=about, states=states),
        today=today, within_days=within_days, settings=settings, follow_ups_only=True,
    )
    return follow_ups[first - 1].due if len(follow_ups) >= first else None


def is_empty(conn: sqlite3.Connection) -> bool:
    """`tracker.store.queries.listings.is_empty`, over sqlite3: no organization, person, opportunity,
    message or manual reminder."""
    tables = ("person", "opportunity", "interaction", "organization", "reminder")
    query = " UNION ALL ".join(f"SELECT 1 FROM (SELECT 1 FROM {t} LIMIT 1)" for t in tables)
    return conn.execute(query).fetchone() is None


def current_reminders(
    conn: sqlite3.Connection, *, today: date, within_days: int, zone: tzinfo, first: int | None = None,
    give_way: Callable[[], None] | None = None, kept: bool = False,
) -> list[rules.Reminder]:
    """The reminders to show today, overdue first: `store.reminders.current_reminders`, leanly.

    With `first`, only the follow-up threads due soonest are read, and of the other rules' facts
    only those due by the `first`th of those follow-ups (`_cut`): the first `first` reminders are
    exactly those of the full list (tests/test_lean_paths.py), the rest is cut short.
    One read transaction, so every query sees the same snapshot of the database. `give_way`: see
    `rules.compute_reminders`. With `kept`, the list kept by the last run when nothing has been
    written since, and this one kept for the next (`tracker.store.queries.kept_reminders`).
    """
    count = worked_for = None
    conn.execute("BEGIN")
    try:
        if kept and first is None and (count := kept_reminders.writes(conn)) is not None:
            worked_for = kept_reminders.worked_out_for(today, within_days, zone)
            found = kept_reminders.read(conn, within_days, count, worked_for)
            if found is not None:
                return found
        _gpa, _zone, settings = read_profile(conn)
        inputs = gather_inputs(conn, today=today, zone=zone, within_days=within_days, settings=settings, first=first,
                               give_way=give_way)
    finally:
        conn.execute("COMMIT")
    if give_way is not None:
        give_way()
    reminders = rules.compute_reminders(inputs, today=today, within_days=within_days, settings=settings,
                                        give_way=give_way)
    if count is not None and worked_for is not None:
        kept_reminders.keep(conn, within_days, count, worked_for, reminders)
    return reminders


__all__ = ["current_reminders", "gather_inputs", "is_empty", "read_profile", "user_zone"]
