"""Reminders: derived from the data by pure rules, plus manual ones, with snooze/dismiss on top.

The store builds the plain `*Facts` inputs; `compute_reminders` runs every rule (they live in
`tracker.domain.reminder_rules` and are re-exported here), applies the saved `ReminderState`s and
keeps what is due within the horizon. Nothing here reads a clock: `today` is always passed in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from tracker.domain.gpa import Gpa
from tracker.domain.vocab import REMINDER_KINDS


@dataclass(frozen=True)
class Settings:
    """Intervals (in days) the rules use; the profile can override the defaults."""

    follow_up_email_days: int = 7
    follow_up_linkedin_days: int = 5
    max_follow_ups: int = 2  # after this many unanswered follow-ups, suggest "no-response"
    deadline_days: int = 14
    letters_alert_days: int = 21
    letters_submit_days: int = 7
    interview_days: int = 2
    offer_days: int = 7


class Message(NamedTuple):
    """One interaction with a person (a named tuple: a reminder run reads tens of thousands)."""

    id: int
    person_id: int
    person: str
    opportunity_id: int | None
    opportunity: str | None
    channel: str  # vocab.CHANNELS
    direction: str  # "sent" | "received"
    on: date
    follow_up_on: date | None = None  # explicit follow-up date; overrides the default interval


@dataclass(frozen=True)
class Thread:
    """What the follow-up rule needs about one person."""

    person_id: int
    person: str
    last_received_on: date | None
    unanswered: tuple[Message, ...]  # sent after the last received one, oldest first by (on, id)


_order = itemgetter(7, 0)
"""A message's (on, id): its place in its thread (by index, as it is read for every message of a run)."""


def threads_from_messages(messages: Iterable[Message]) -> list[Thread]:
    """Group messages by person, one Thread each, sorted by person id.

    The last received message is the greatest by (on, id); unanswered are the sent messages
    strictly after it by (on, id), oldest first. The thread's name is the newest message's.
    """
    by_person: dict[int, list[Message]] = {}
    for message in messages:
        mine = by_person.get(message.person_id)
        if mine is None:
            by_person[message.person_id] = [message]
        else:
            mine.append(message)
    threads = []
    for person_id in sorted(by_person):
        ordered = by_person[person_id]
        if len(ordered) > 1:
            ordered.sort(key=_order)
        last = None
        for m in reversed(ordered):
            if m.direction == "received":
                last = m
                break
        if last is None:
            unanswered = tuple([m for m in ordered if m.direction == "sent"])
        else:
            after = _order(last)
            unanswered = tuple([m for m in ordered if m.direction == "sent" and _order(m) > after])
        threads.append(
            Thread(person_id, ordered[-1].person, last.on if last else None, unanswered)
        )
    return threads


@dataclass(frozen=True)
class OpportunityFacts:
    """An opportunity as the rules see it."""

    id: int
    title: str
    kind: str  # outreach | program | posting
    stage: str
    deadline: date | None
    letters_required: int = 0
    min_gpa: Gpa | None = None
    contact: str | None = None
    answered_on: date | None = None
    """The last day it moved to an answer stage (`vocab.ANSWER_STAGES`): the other side answered."""
    reopened_on: date | None = None
    """The last day it moved out of "no-response" (a new message sent on the cold thread): the
    follow-ups sent before that day were for the thread that went cold, and count no more."""


@dataclass(frozen=True)
class LetterFacts:
    """One reference-letter request: a writer for an opportunity."""

    id: int
    opportunity_id: int
    writer_id: int
    writer: str
    status: str  # vocab.LETTER_STATUSES


@dataclass(frozen=True)
class InterviewFacts:
    """A scheduled interview."""

    id: int
    opportunity_id: int
    opportunity: str
    on: date  # local date of the interview in the user's zone
    when_text: str  # preformatted by the caller, e.g. "Tue 2026-12-01 10:30 IST (14:00 KST)"
    with_person: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class OfferFacts:
    """An offer and the student's decision about it."""

    id: int
    opportunity_id: int
    opportunity: str
    respond_by: date | None
    decision: str  # pending | accepted | declined


@dataclass(frozen=True)
class TellFacts:
    """Someone to tell after a decision, not written to since: `kind` "decline" (the contact of an
    opportunity whose offer was declined on `since`), "thank" (a letter writer who wrote a letter,
    after the offer of `opportunity` was accepted on `since`) or "writer" (one only asked for a letter)."""

    kind: str  # decline | thank | writer
    person_id: int
    person: str
    opportunity_id: int
    opportunity: str
    since: date


@dataclass(frozen=True)
class PersonFacts:
    """A person with a keep-in-touch interval (only those are passed)."""

    id: int
    name: str
    keep_in_touch_days: int
    last_interaction_on: date | None
    added_on: date


@dataclass(frozen=True)
class ManualFacts:
    """A reminder set by hand."""

    id: int
    text: str
    due: date
    person: str | None = None
    opportunity: str | None = None


@dataclass(frozen=True)
class ReminderState:
    """What the student did to a reminder, by its key: snoozed until a date, or dismissed."""

    key: str
    snoozed_until: date | None = None
    dismissed: bool = False


@dataclass(frozen=True)
class Inputs:
    """Everything `compute_reminders` needs, as built by the store."""

    threads: Sequence[Thread] = ()
    opportunities: Sequence[OpportunityFacts] = ()
    letters: Sequence[LetterFacts] = ()
    interviews: Sequence[InterviewFacts] = ()
    offers: Sequence[OfferFacts] = ()
    people: Sequence[PersonFacts] = ()
    manual: Sequence[ManualFacts] = ()
    tells: Sequence[TellFacts] = ()
    states: Sequence[ReminderState] = ()
    profile_gpa: Gpa | None = None


@dataclass(frozen=True)
class Reminder:
    """One thing to do, due on a date. `key` is its stable identity; `id` is its short form."""

    key: str  # e.g. "follow-up:msg:12"
    id: str  # short id shown to users = reminder_id(key)
    kind: str  # vocab.REMINDER_KINDS
    due: date
    message: str  # one line for a person
    person: str | None
    opportunity: str | None
    person_id: int | None = None
    opportunity_id: int | None = None

    def status(self, today: date) -> str:
        """"overdue", "today" or "upcoming"."""
        if self.due < today:
            return "overdue"
        return "today" if self.due == today else "upcoming"


def reminder_id(key: str) -> str:
    """The short id users type: the first 6 hex characters of sha1(key)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]


_KIND_ORDER = {kind: index for index, kind in enumerate(REMINDER_KINDS)}
GIVE_WAY_EVERY = 2_000
"""Threads whose follow-ups are worked out between two calls of `compute_reminders`' `give_way` (about
10 ms of them)."""


def _horizon(kind: str, within_days: int, settings: Settings) -> int | None:
    """How many days ahead a kind is shown; None means always while it applies."""
    own = {
        "deadline": settings.deadline_days,
        "letter": settings.letters_alert_days,
        "interview": settings.interview_days,
        "offer": settings.offer_days,
    }
    if kind == "eligibility":
        return None
    return max(within_days, own.get(kind, within_days))


def _apply_state(reminder: Reminder, state: ReminderState | None, today: date) -> Reminder | None:
    """Dismissed: gone. Snoozed into the future: hidden. Snooze over: due no earlier than its end."""
    if state is None:
        return reminder
    if state.dismissed:
        return None
    if state.snoozed_until is not None:
        if state.snoozed_until > today:
            return None
        if state.snoozed_until > reminder.due:
            return replace(reminder, due=state.snoozed_until)
    return reminder


def compute_reminders(
    inputs: Inputs, *, today: date, within_days: int = 7, settings: Settings = Settings(),
    follow_ups_only: bool = False, give_way: Callable[[], None] | None = None,
) -> list[Reminder]:
    """Every reminder due within the horizon, after snoozes and dismissals, most urgent first.

    Follow-up, no-response, keep-in-touch and manual reminders are shown when due within
    `within_days`; deadline, letter, interview and offer reminders within their own window or
    `within_days`, whichever is longer (a larger `within_days` widens the rules' windows too);
    eligibility warnings always. Sorted overdue first, then by due date, kind and message.
    With `follow_ups_only`, only the follow-up rule's reminders (follow-up and no-response): a
    subset of the full list, with the same dues. `give_way`, if given, is called between the
    rules (the TUI's agenda stops there when its user has gone to another screen, by raising).
    """
    from tracker.domain import reminder_rules as rules

    wide = replace(
        settings,
        deadline_days=max(settings.deadline_days, within_days),
        letters_alert_days=max(settings.letters_alert_days, within_days),
        interview_days=max(settings.interview_days, within_days),
        offer_days=max(settings.offer_days, within_days),
    )
    by_id = {opportunity.id: opportunity for opportunity in inputs.opportunities}
    if give_way is None:
        found = rules.follow_up_reminders(inputs.threads, by_id, settings=wide)
    else:  # each thread's follow-up is its own: a slice at a time, giving way between them
        threads, found = list(inputs.threads), []
        for start in range(0, len(threads), GIVE_WAY_EVERY):
            found += rules.follow_up_reminders(threads[start:start + GIVE_WAY_EVERY], by_id, settings=wide)
            give_way()
    if not follow_ups_only:
        for rule in (
            lambda: rules.deadline_reminders(inputs.opportunities, today=today, settings=wide),
            lambda: rules.letter_reminders(inputs.opportunities, inputs.letters, today=today, settings=wide),
            lambda: rules.interview_reminders(inputs.interviews, by_id, today=today, settings=wide),
            lambda: rules.offer_reminders(inputs.offers, by_id, today=today, settings=wide),
            lambda: rules.tell_reminders(inputs.tells),
            lambda: rules.keep_in_touch_reminders(inputs.people, today=today),
            lambda: rules.eligibility_reminders(inputs.opportunities, inputs.profile_gpa, today=today),
            lambda: rules.manual_reminders(inputs.manual),
        ):
            found += rule()
            if give_way is not None:  # (the deadlines, letters and eligibility of thousands: 10-20 ms each)
                give_way()
    states = {state.key: state for state in inputs.states}
    ends: dict[str, date | None] = {}  # the last day shown, by kind (None: any day)
    kept: dict[str, Reminder] = {}
    for found_reminder in found:
        key = found_reminder.key
        if key in kept:
            continue
        state = states.get(key)
        reminder = found_reminder if state is None else _apply_state(found_reminder, state, today)
        if reminder is None:
            continue
        kind = reminder.kind
        if kind not in ends:
            horizon = _horizon(kind, within_days, settings)
            ends[kind] = None if horizon is None else today + timedelta(days=horizon)
        end = ends[kind]
        if end is not None and reminder.due > end:
            continue
        kept[key] = reminder
    if give_way is not None:  # (the states applied to 12,000 reminders, and their sort: 40-50 ms)
        give_way()
    unknown = len(_KIND_ORDER)
    return sorted(  # by due date puts the overdue first
        kept.values(), key=lambda r: (r.due, _KIND_ORDER.get(r.kind, unknown), r.message, r.key),
    )


_RULES = (
    "follow_up_reminders",
    "deadline_reminders",
    "letter_reminders",
    "interview_reminders",
    "offer_reminders",
    "tell_reminders",
    "keep_in_touch_reminders",
    "eligibility_reminders",
    "manual_reminders",
)


def __getattr__(name: str) -> Callable[..., Any]:
    """Re-export the rules lazily (`reminder_rules` imports this module, so not at import time)."""
    if name in _RULES:
        from tracker.domain import reminder_rules

        rule: Callable[..., Any] = getattr(reminder_rules, name)
        return rule
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
