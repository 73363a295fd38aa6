"""The board's cards: one rule from one lean row per opportunity to the lanes, for both of its queries.

The board reads, per stage, the candidates for its first `limit` cards (one row each: the id,
stage and the dates that make its "next date") and the stage's total, sorts the candidates by
the rule in `lanes` and keeps at most `limit` per stage, then reads titles and organizations for
those cards only. The database selects, orders and limits the candidates: a stage of 6,000
opportunities costs Python about `limit` rows, not 6,000.

The candidates are the first `limit` in the stage's order with interviews left out of the next
date (an interview's day depends on the user's time zone, which the database does not know),
and every opportunity of an open stage with an interview ahead. They hold the first `limit` by
the whole rule: counting an interview can only bring a card forward, and every card it can bring
forward is a candidate. The rows come from the portable query (`tracker.store.views.board`, over
the ORM) or, on SQLite, from its variant (`tracker.store.queries.board_sqlite`, over sqlite3: the
Board's first visit needs neither SQLAlchemy nor the ORM loaded); `lanes` is the one rule both
use, and nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo

from tracker.domain.vocab import CLOSED_STAGES, PRE_APPLICATION_STAGES

DEFAULT_LIMIT = 50
"""Cards kept per stage; the rest are only counted."""

Row = tuple[int, str, "date | None", "date | None", "datetime | None", "date | None", "date | None"]
"""(opportunity id, stage, deadline, follow-up due, next interview (aware), offer's answer-by, since: the
day a closed stage was reached, None in an open stage)."""


@dataclass(frozen=True)
class Card:
    """One opportunity on the board."""

    id: int
    title: str
    organization: str | None
    stage: str
    next_date: date | None
    """The nearest date that matters: deadline, follow-up, interview or offer reply."""
    next_what: str | None
    """What `next_date` is: "deadline", "follow-up", "interview" or "reply to offer"."""
    since: date | None
    """When the opportunity reached its stage, in a closed stage (shown and sorted by); None in an open one."""


@dataclass(frozen=True)
class Lane:
    """The cards of one stage: the first `limit` of `total`, most urgent first."""

    stage: str
    total: int
    cards: tuple[Card, ...]


def start_of_day_utc(day: date, zone: tzinfo) -> datetime:
    """The first instant of `day` in `zone`, in UTC (interviews from then on are ahead)."""
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(timezone.utc)


def lanes(rows: Iterable[Row], totals: dict[str, int], *, zone: tzinfo, limit: int, stages: Sequence[str],
          titles: Callable[[list[int]], dict[int, tuple[str, str | None]]]) -> list[Lane]:
    """One lane per stage of `stages` (in that order), each with its first `limit` cards of the
    candidates `rows` (see the module's docstring), and its total from `totals`.

    Open stages are sorted by next date (soonest first, none last); closed stages by the
    day they were reached (latest first). `titles` gives (title, organization) of the ids kept.
    """
    by_stage: dict[str, list[tuple[int, date | None, str | None, date | None]]] = {s: [] for s in stages}
    for opp_id, stage, deadline, due, interview_at, respond_by, since in rows:
        next_date, next_what = None, None
        if stage not in CLOSED_STAGES:
            candidates = [
                (deadline, "deadline") if stage in PRE_APPLICATION_STAGES else (None, ""),
                (due, "follow-up"),
                (interview_at.astimezone(zone).date() if interview_at else None, "interview"),
                (respond_by, "reply to offer"),
            ]
            dated = [(day, what) for day, what in candidates if day is not None]
            if dated:
                next_date, next_what = min(dated, key=lambda pair: pair[0])
        by_stage.setdefault(stage, []).append((opp_id, next_date, next_what, since))
    kept: dict[str, list[tuple[int, date | None, str | None, date | None]]] = {}
    for stage, found in by_stage.items():
        if stage in CLOSED_STAGES:
            found.sort(key=lambda r: (-(r[3] or date.min).toordinal(), -r[0]))
        else:
            found.sort(key=lambda r: (r[1] is None, r[1] or date.min, r[0]))
        kept[stage] = found[:limit]
    names = titles([row[0] for found in kept.values() for row in found])
    return [
        Lane(
            stage=stage,
            total=totals.get(stage, 0),
            cards=tuple(
                Card(opp_id, names[opp_id][0], names[opp_id][1], stage, next_date, next_what, since)
                for opp_id, next_date, next_what, since in kept.get(stage, [])
            ),
        )
        for stage in stages
    ]
