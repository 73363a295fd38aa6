"""Insight: the funnel per cycle, reply rates by channel and by role, days to a reply. Pure.

The store reads plain facts (`OpportunityFact`, `StageFact`, `MessageFact`, see
`tracker.store.views.stats_view`); `compute_stats` turns them into `Stats`. No clock: `today` is passed.

- **Funnel.** An opportunity counts at a step if its stage history (or its current stage) got at
  least that far: contacted < replied < applied < interviewed < offered, and an accepted or declined
  offer was offered. A program applied to on a portal therefore counts as contacted and replied too:
  each step is "got this far or further", so the bars only ever shrink. Rejected, no-response and
  withdrawn add nothing beyond the stages before them.
- **Threads and replies.** A thread is what you sent one person on one channel (email or LinkedIn)
  about one opportunity (or about none): it starts with the first message sent, and it counts as
  replied if anything was received from that person, on any channel, after it and within
  `REPLY_WITHIN_DAYS` of the thread's last message sent before it (a note months later, with no
  follow-up in between, is a new conversation, not the answer). Days to a reply run from that
  first message to that reply.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker.domain.vocab import ROLES
from tracker.domain.errors import InvalidInput

FUNNEL_STEPS: tuple[str, ...] = ("contacted", "replied", "applied", "interviewed", "offered")
"""The funnel's steps, widest first."""
REPLY_WITHIN_DAYS = 30
"""A message received counts as the reply to a thread within this many days of its last message sent."""
THREAD_NOTE = (
    "A thread is what you sent one person on one channel about one opportunity; it counts as replied "
    f"if they wrote back within {REPLY_WITHIN_DAYS} days of your last message in it."
)
"""What a thread and a reply are, said under the reply rates (CLI and TUI)."""
FUNNEL_NOTE = "each step counts what got that far or further (an interview counts as applied)"
"""What a funnel step counts, said under every funnel (CLI and TUI)."""
STAGE_LEVEL: dict[str, int] = {
    "contacted": 1, "replied": 2, "applied": 3, "interviewing": 4, "offered": 5, "accepted": 5, "declined": 5,
}
"""How far down the funnel a stage is (1 = contacted ... 5 = offered); other stages are 0."""
REPLY_CHANNELS: tuple[str, ...] = ("email", "linkedin")
"""The channels reply rates are counted for."""
WEEKS = 26
"""Weeks of activity shown by the sparklines."""
NO_CYCLE = "no cycle"
"""How opportunities without a cycle are labelled."""


@dataclass(frozen=True)
class OpportunityFact:
    """An opportunity: its cycle, current stage and when it was added."""

    id: int
    cycle: str | None
    stage: str
    created_on: date


@dataclass(frozen=True)
class StageFact:
    """One change of stage in an opportunity's history."""

    opportunity_id: int
    stage: str
    on: date


@dataclass(frozen=True)
class MessageFact:
    """One interaction, with the role of the person and the cycle of its opportunity."""

    id: int
    person_id: int
    role: str
    channel: str
    direction: str  # "sent" | "received"
    on: date
    opportunity_id: int | None = None
    cycle: str | None = None


@dataclass(frozen=True)
class Funnel:
    """How many opportunities of a cycle (None: of all cycles) got to each step."""

    cycle: str | None
    opportunities: int
    counts: tuple[int, ...]
    """One count per step of FUNNEL_STEPS."""

    def steps(self) -> list[tuple[str, int, float | None]]:
        """(step, count, share of the first step) for each step; the share is None when nothing was contacted."""
        first = self.counts[0] if self.counts else 0
        return [(step, n, n / first if first else None) for step, n in zip(FUNNEL_STEPS, self.counts)]

    @property
    def label(self) -> str:
        """The cycle's name, for people."""
        return self.cycle if self.cycle is not None else NO_CYCLE


@dataclass(frozen=True)
class Thread:
    """What was sent to one person on one channel about one opportunity, and when they replied."""

    person_id: int
    role: str
    channel: str
    opportunity_id: int | None
    cycle: str | None
    first_sent: date
    replied_on: date | None

    @property
    def days_to_reply(self) -> int | None:
        """Days from the first message sent to the first reply; None without a reply."""
        return None if self.replied_on is None else (self.replied_on - self.first_sent).days


@dataclass(frozen=True)
class ReplyRate:
    """Threads, replies, the rate and the median days to a reply, for one channel or role."""

    key: str
    threads: int
    replied: int
    median_days: float | None

    @property
    def rate(self) -> float | None:
        """Replied / threads; None with no thread."""
        return self.replied / self.threads if self.threads else None


@dataclass(frozen=True)
class Stats:
    """Everything `tracker stats` and the statistics screen show."""

    cycle: str | None
    """The cycle chosen, None for all of them."""
    cycles: tuple[str | None, ...]
    """Every cycle in the data, oldest first (None: opportunities without a cycle)."""
    funnels: tuple[Funnel, ...]
    """One per cycle shown."""
    total: Funnel
    """All the opportunities shown together."""
    overall: ReplyRate
    """Every thread shown: replies, rate, median days to a reply."""
    by_channel: tuple[ReplyRate, ...]
    by_role: tuple[ReplyRate, ...]
    today: date
    sent_per_week: tuple[int, ...]
    """Messages sent by email or LinkedIn in each of the last WEEKS weeks, oldest first; the last ends today."""
    received_per_week: tuple[int, ...]
    """Messages received by email or LinkedIn, likewise."""


def level(stages: Iterable[str]) -> int:
    """How far down the funnel any of `stages` is (0: not even contacted)."""
    return max((STAGE_LEVEL.get(stage, 0) for stage in stages), default=0)


def funnel(opportunities: Sequence[OpportunityFact], changes: Iterable[StageFact], *, cycle: str | None) -> Funnel:
    """The funnel of `opportunities` (the caller picks those of one cycle, or all)."""
    reached: dict[int, set[str]] = {o.id: {o.stage} for o in opportunities}
    for change in changes:
        if change.opportunity_id in reached:
            reached[change.opportunity_id].add(change.stage)
    levels = [level(stages) for stages in reached.values()]
    counts = tuple(sum(1 for lv in levels if lv >= step) for step in range(1, len(FUNNEL_STEPS) + 1))
    return Funnel(cycle=cycle, opportunities=len(opportunities), counts=counts)


def cycles_in_order(opportunities: Iterable[OpportunityFact]) -> list[str | None]:
    """Every cycle, by the day its first opportunity was added, then by name; no cycle last."""
    first: dict[str | None, date] = {}
    for o in opportunities:
        if o.cycle not in first or o.created_on < first[o.cycle]:
            first[o.cycle] = o.created_on
    return sorted(first, key=lambda c: (c is None, first[c], c or ""))


def pick_cycle(text: str, cycles: Sequence[str | None]) -> str:
    """The cycle `text` names (any case and spacing); InvalidInput listing the cycles otherwise."""
    wanted = " ".join(text.split()).casefold()
    for cycle in cycles:
        if cycle is not None and " ".join(cycle.split()).casefold() == wanted:
            return cycle
    named = [f'"{c}"' for c in cycles if c is not None]
    if not named:
        raise InvalidInput(f'no cycle "{text}": no opportunity has a cycle yet (tracker add opportunity --cycle C)')
    raise InvalidInput(f'no cycle "{text}"; the cycles are {", ".join(named)}')


def _order(message: MessageFact) -> tuple[date, int]:
    return (message.on, message.id)


def threads(messages: Iterable[MessageFact]) -> list[Thread]:
    """The threads of sent email/LinkedIn messages, each with its first reply (see the module doc)."""
    sent: dict[tuple[int, str, int | None], list[MessageFact]] = {}
    received: dict[int, list[MessageFact]] = {}
    for m in messages:
        if m.direction == "received":
            received.setdefault(m.person_id, []).append(m)
        elif m.direction == "sent" and m.channel in REPLY_CHANNELS:
            sent.setdefault((m.person_id, m.channel, m.opportunity_id), []).append(m)
    for answers in received.values():
        answers.sort(key=_order)
    found = []
    for (person_id, channel, opportunity_id), mine in sent.items():
        mine.sort(key=_order)
        first = mine[0]
        reply = next((r for r in received.get(person_id, ()) if _order(r) > _order(first) and _answers(r, mine)), None)
        found.append(Thread(person_id, first.role, channel, opportunity_id, first.cycle, first.on,
                            reply.on if reply else None))
    return sorted(found, key=lambda t: (t.first_sent, t.person_id, t.channel, t.opportunity_id or 0))


def _answers(received: MessageFact, sent: list[MessageFact]) -> bool:
    """Whether `received` came within REPLY_WITHIN_DAYS of the last of `sent` (in order) before it."""
    last = max((m for m in sent if _order(m) < _order(received)), key=_order)
    return (received.on - last.on).days <= REPLY_WITHIN_DAYS


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def reply_rate(key: str, chosen: Iterable[Thread]) -> ReplyRate:
    """The ReplyRate of some threads."""
    chosen = list(chosen)
    days = [t.days_to_reply for t in chosen if t.days_to_reply is not None]
    return ReplyRate(key, len(chosen), len(days), _median(days))


def rates_by(found: Sequence[Thread], attribute: str, keys: Sequence[str], *, keep_empty: bool) -> list[ReplyRate]:
    """A ReplyRate per value of `attribute` ("channel" or "role"): `keys` first, in order, then any other."""
    values = list(keys) + sorted({getattr(t, attribute) for t in found} - set(keys))
    rates = [reply_rate(value, (t for t in found if getattr(t, attribute) == value)) for value in values]
    return [r for r in rates if keep_empty or r.threads]


def weekly_counts(days: Iterable[date], *, today: date, weeks: int = WEEKS) -> tuple[int, ...]:
    """How many of `days` fall in each of the `weeks` weeks ending today, oldest week first."""
    counts = [0] * weeks
    for day in days:
        back = (today - day).days
        if 0 <= back < 7 * weeks:
            counts[weeks - 1 - back // 7] += 1
    return tuple(counts)


def compute_stats(
    opportunities: Sequence[OpportunityFact],
    changes: Sequence[StageFact],
    messages: Sequence[MessageFact],
    *,
    today: date,
    cycle: str | None = None,
) -> Stats:
    """The statistics of everything, or of one cycle (its opportunities and the messages about them).

    `cycle` must be one of the opportunities' cycles (see `pick_cycle`).
    """
    cycles = cycles_in_order(opportunities)
    shown = [c for c in cycles if cycle is None or c == cycle]
    funnels = tuple(funnel([o for o in opportunities if o.cycle == c], changes, cycle=c) for c in shown)
    chosen = [o for o in opportunities if cycle is None or o.cycle == cycle]
    total = funnel(chosen, changes, cycle=cycle)
    picked = [m for m in messages if cycle is None or (m.opportunity_id is not None and m.cycle == cycle)]
    found = [t for t in threads(messages) if cycle is None or (t.opportunity_id is not None and t.cycle == cycle)]
    outreach = [m for m in picked if m.channel in REPLY_CHANNELS]
    return Stats(
        cycle=cycle,
        cycles=tuple(cycles),
        funnels=funnels,
        total=total,
        overall=reply_rate("all", found),
        by_channel=tuple(rates_by(found, "channel", REPLY_CHANNELS, keep_empty=True)),
        by_role=tuple(rates_by(found, "role", ROLES, keep_empty=False)),
        today=today,
        sent_per_week=weekly_counts((m.on for m in outreach if m.direction == "sent"), today=today),
        received_per_week=weekly_counts((m.on for m in outreach if m.direction == "received"), today=today),
    )


def _rate_json(rate: ReplyRate) -> dict[str, Any]:
    return {"threads": rate.threads, "replied": rate.replied, "rate": rate.rate,
            "median_days_to_reply": rate.median_days}


def stats_json(stats: Stats) -> dict[str, Any]:
    """The statistics as plain JSON values."""
    def funnel_json(f: Funnel) -> dict[str, Any]:
        return {"cycle": f.cycle, "opportunities": f.opportunities, **dict(zip(FUNNEL_STEPS, f.counts))}

    start = stats.today - timedelta(days=7 * len(stats.sent_per_week) - 1)
    return {
        "cycle": stats.cycle,
        "cycles": list(stats.cycles),
        "funnel": [funnel_json(f) for f in stats.funnels],
        "total": funnel_json(stats.total),
        "replies": _rate_json(stats.overall),
        "by_channel": {r.key: _rate_json(r) for r in stats.by_channel},
        "by_role": {r.key: _rate_json(r) for r in stats.by_role},
        "weekly": {
            "from": start.isoformat(),
            "to": stats.today.isoformat(),
            "sent": list(stats.sent_per_week),
            "received": list(stats.received_per_week),
        },
    }

