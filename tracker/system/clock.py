"""The one place that reads the clock.

`TRACKER_TODAY=YYYY-MM-DD` pins "today" (and "now" to that day's noon in the user's
zone) for reproducible demos, screenshots and tests.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timezone, tzinfo

TODAY_ENV = "TRACKER_TODAY"


def now(zone: tzinfo | None = None) -> datetime:
    """The current instant, aware (in `zone` if given, else UTC)."""
    pinned = os.environ.get(TODAY_ENV)
    if pinned:
        day = date.fromisoformat(pinned)
        moment = datetime.combine(day, time(12, 0), tzinfo=zone or timezone.utc)
    else:
        moment = datetime.now(timezone.utc)
    return moment.astimezone(zone) if zone else moment


def today(zone: tzinfo | None = None) -> date:
    """Today's date in `zone` (the machine's local zone if None)."""
    pinned = os.environ.get(TODAY_ENV)
    if pinned:
        return date.fromisoformat(pinned)
    return datetime.now(zone).date() if zone else date.today()


def user_zone(zone_name: str | None) -> tzinfo:
    """The profile's time zone (`zone_name`), else the machine's local zone."""
    if zone_name:
        from tracker.domain.dates import DateParseError
        from tracker.domain.times import resolve_zone

        try:
            return resolve_zone(zone_name)
        except DateParseError:
            pass
    return datetime.now().astimezone().tzinfo or timezone.utc
