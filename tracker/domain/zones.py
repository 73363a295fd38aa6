"""The name of a zone worth remembering next to a stored UTC instant.

Pure: no clock, no I/O. Interviews and deadlines are stored in UTC with the zone they
were given in, so they can be shown again as the person typed them.
"""

from __future__ import annotations

from datetime import datetime


def zone_name(moment: datetime | object) -> str | None:
    """The zone to remember for an aware datetime: its IANA key if it has one, else its offset.

    "Asia/Seoul" for a ZoneInfo, "+05:30" or "-03:00" for a fixed offset, "+00:00" for UTC
    given as an offset; None for a naive datetime (or anything without a zone).
    """
    tzinfo = getattr(moment, "tzinfo", None)
    if tzinfo is None:
        return None
    key = getattr(tzinfo, "key", None)
    if key:
        return str(key)
    offset = moment.utcoffset()  # type: ignore[attr-defined]
    if offset is None:
        return None
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
