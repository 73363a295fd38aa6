"""The fixed moment and zones the date-parser tests share."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

TODAY = date(2026, 11, 18)  # a Wednesday
NOW = datetime(2026, 11, 18, 9, 0, tzinfo=timezone.utc)  # 14:30 the same day in India
IST = ZoneInfo("Asia/Kolkata")
KST = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")


def fixed(hours: int, minutes: int = 0) -> timezone:
    """A fixed UTC offset; minutes carry the sign of hours."""
    return timezone(timedelta(hours=hours, minutes=minutes))


def days(n: int) -> date:
    """TODAY moved by n days."""
    return TODAY + timedelta(days=n)
