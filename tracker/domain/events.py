"""Calendar events as plain values: what the store reads and `tracker.io.ics` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

MOMENT = timedelta(minutes=1)
"""How long a moment (a deadline at a time) lasts in a calendar: calcurse and khal need an end after the start."""


@dataclass(frozen=True)
class Event:
    """One calendar event.

    `start` is a `date` (an all-day event) or an aware `datetime`. `tz` is the zone a timed
    event is written in (an IANA name); None, or a zone that is not an IANA one, writes UTC.
    `end` defaults to the next day (all-day) or, for a moment like a deadline, to `MOMENT` after
    the start; it must come after the start.
    `alarm` is how long before the start a reminder pops up (Apple Calendar and khal use it).
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    tz: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    url: str | None = None
    busy: bool = False
    """Whether the time is blocked (an interview) or left free (a deadline, a to-do)."""
    alarm: timedelta | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    """More TEXT properties as (NAME, value), e.g. ("LOCATION", "Zoom")."""

    def __post_init__(self) -> None:
        if not self.uid or any(c in self.uid for c in "\r\n"):
            raise ValueError("an event needs a one-line UID")
        if isinstance(self.start, datetime) and self.start.tzinfo is None:
            raise ValueError("a timed event needs an aware start")
        if isinstance(self.start, datetime) != isinstance(self.end, datetime) and self.end is not None:
            raise ValueError("start and end must both be dates or both be datetimes")
        if self.end is not None and self.end <= self.start:  # type: ignore[operator]
            raise ValueError("an event must end after it starts")

    @property
    def all_day(self) -> bool:
        """True for an event on a day, without a time."""
        return not isinstance(self.start, datetime)
