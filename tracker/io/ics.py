"""iCalendar (RFC 5545) written by hand: events in, a `.ics` text out. Pure: no clock, no database.

What the calendars we target (Google Calendar, Apple Calendar, khal) need, and what this writes:

- CRLF line ends; content lines folded at 75 octets (never inside a UTF-8 character), each
  continuation starting with one space; TEXT values escaped (`\\\\`, `\\;`, `\\,`, `\\n`), and
  control characters written visibly (`\\x1b`), as everywhere else in tracker.
- All-day events as `DTSTART;VALUE=DATE` with the exclusive `DTEND` the day after.
- A moment (a deadline at 23:59) as its first minute: `DTEND` one minute after `DTSTART`. The
  standard's instant (no `DTEND`) is shown by khal as an hour, an equal `DTEND` is refused by
  calcurse ("end must be later than start"), and a zero `DURATION` by calcurse too ("invalid
  duration"): one minute is the shortest event every calendar shows as it is. An event is
  never written with its end at or before its start.
- Timed events in their own zone when it is an IANA zone: `DTSTART;TZID=Asia/Seoul:...` with a
  `VTIMEZONE` for that zone, generated from the system's zoneinfo (every offset change from the
  year before the first event to the year after the last one, as explicit observances). All three
  calendars keep the event in that zone (Apple shows it, Google and khal convert it), and daylight
  saving is right. A fixed offset ("+05:30"), UTC, or a zone this machine does not know is written
  as a UTC instant (`...Z`), which every client places correctly; the caller puts the zone's name
  in the description.
- A stable `UID` per event (the caller's), `DTSTAMP` (the export's instant, UTC) and a
  `SEQUENCE` that grows with it (minutes since 2020), so importing a newer export *updates* the
  events already imported: Google Calendar ignores an event whose UID it has unless its
  SEQUENCE went up.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TextIO

from tracker.domain.sanitize import visible

__all__ = [
    "Event",
    "PRODID",
    "calendar_text",
    "escape_text",
    "fold",
    "ics_zone",
    "sequence_for",
    "vtimezone_lines",
    "write_calendar",
]

PRODID = "-//tracker//Research internship tracker//EN"
LINE_OCTETS = 75
"""Longest content line, in octets, not counting the CRLF (RFC 5545 section 3.1)."""
CRLF = "\r\n"
from tracker.domain.events import MOMENT, Event  # noqa: E402  (re-exported: the calendar is made of them)
"""How long a moment (a deadline) is shown: see the module docstring."""
_EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f\"<>\\^`{|}]+")




def escape_text(value: str) -> str:
    """A TEXT value: control characters made visible, then `\\ ; ,` and newlines escaped."""
    text = visible(value).replace("\r", "")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, joined with CRLF + space.

    A fold never splits a UTF-8 character; continuation lines start with one space, which
    counts towards their 75 octets.
    """
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def sequence_for(now: datetime) -> int:
    """The SEQUENCE of an export made at `now`: whole minutes since 2020-01-01 UTC (fits in 32 bits)."""
    return max(0, int((now - _EPOCH).total_seconds() // 60))


def ics_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The IANA zone to write a TZID for, or None when the instant should be written in UTC."""
    if not name or "/" not in name or name.upper().startswith(("ETC/", "UTC", "GMT")):
        return None
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]+", name):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset(delta: timedelta | None) -> str:
    seconds = int((delta or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _local(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M%S}"


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(timezone.utc):%Y%m%dT%H%M%S}Z"


def _state(zone: tzinfo, moment: datetime) -> tuple[timedelta | None, timedelta | None, str | None]:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _transitions(zone: tzinfo, start: datetime, end: datetime) -> list[datetime]:
    """Every UTC instant in [start, end) at which `zone`'s offset, DST flag or abbreviation changes."""
    found = []
    step = timedelta(days=1)
    moment, before = start, _state(zone, start)
    while moment < end:
        following = moment + step
        after = _state(zone, following)
        if after != before:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append(high.replace(microsecond=0))
        moment, before = following, after
    return found


def vtimezone_lines(key: str, first: datetime, last: datetime) -> list[str]:
    """A VTIMEZONE for the IANA zone `key`, good for events between `first` and `last`.

    One observance for the offset in force on 1 January of the year before `first`, then one per
    change up to the end of the year after `last`, each with an explicit DTSTART (no RRULE).
    """
    zone = zoneinfo.ZoneInfo(key)
    start = datetime(first.year - 1, 1, 1, tzinfo=zone).astimezone(timezone.utc)
    end = datetime(last.year + 2, 1, 1, tzinfo=zone).astimezone(timezone.utc)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{key}"]

    def observance(moment: datetime, before: timedelta | None) -> None:
        offset, dst, name = _state(zone, moment)
        kind = "DAYLIGHT" if dst else "STANDARD"
        lines.extend([
            f"BEGIN:{kind}",
            f"DTSTART:{_local(moment.astimezone(timezone.utc) + (before or timedelta(0)))}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(offset)}",
        ])
        if name:
            lines.append(f"TZNAME:{escape_text(name)}")
        lines.append(f"END:{kind}")

    initial = _state(zone, start)[0]
    observance(start, initial)
    for moment in _transitions(zone, start, end):
        observance(moment, _state(zone, moment - timedelta(seconds=1))[0])
    lines.append("END:VTIMEZONE")
    return lines


def _when(name: str, value: date | datetime, zone: zoneinfo.ZoneInfo | None) -> str:
    if not isinstance(value, datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}"
    if zone is not None:
        return f"{name};TZID={zone.key}:{_local(value.astimezone(zone))}"
    return f"{name}:{_utc(value)}"


def _event_zone(event: Event) -> zoneinfo.ZoneInfo | None:
    """The zone the event is written in; None (UTC) for all-day events, offsets and ambiguous times."""
    if event.all_day:
        return None
    zone = ics_zone(event.tz)
    if zone is None:
        return None
    for moment in (event.start, event.end):
        if isinstance(moment, datetime) and moment.astimezone(zone).fold:
            return None  # the second 01:30 of a night the clocks go back: only UTC says which
    return zone


def _event_lines(event: Event, *, stamp: str, sequence: int) -> list[str]:
    zone = _event_zone(event)
    if event.end is not None:
        end = event.end
    elif isinstance(event.start, datetime):
        end = event.start + MOMENT
    else:
        end = event.start + timedelta(days=1)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{sequence}",
        _when("DTSTART", event.start, zone),
        _when("DTEND", end, zone),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    for name, value in event.extra:
        lines.append(f"{name}:{escape_text(value)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.url and _URI.fullmatch(event.url.strip()):
        lines.append(f"URL:{event.url.strip()}")
    lines.append(f"TRANSP:{'OPAQUE' if event.busy else 'TRANSPARENT'}")
    lines.append("STATUS:CONFIRMED")
    if event.alarm is not None:
        lines.extend([
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(event.summary)}",
            f"TRIGGER:-{_duration(event.alarm)}",
            "END:VALARM",
        ])
    lines.append("END:VEVENT")
    return lines


def _duration(delta: timedelta) -> str:
    """A positive RFC 5545 duration: P1D, PT1H, PT30M, P1DT2H."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"P{days}D" if days else "P"
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    if clock:
        text += "T" + clock
    return text if text != "P" else "PT0S"


def calendar_text(events: Iterable[Event], *, now: datetime, name: str = "tracker") -> str:
    """The whole calendar as text with CRLF line ends. `now` (aware) is the export's instant."""
    if now.tzinfo is None:
        raise ValueError("now must be aware")
    chosen: Sequence[Event] = list(events)
    uids = [e.uid for e in chosen]
    if len(set(uids)) != len(uids):
        raise ValueError("two events share a UID")
    stamp = _utc(now)
    sequence = sequence_for(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    spans: dict[str, list[datetime]] = {}
    for event in chosen:
        zone = _event_zone(event)
        if zone is not None:
            moments = [m for m in (event.start, event.end) if isinstance(m, datetime)]
            spans.setdefault(zone.key, []).extend(moments)
    for key in sorted(spans):
        lines.extend(vtimezone_lines(key, min(spans[key]), max(spans[key])))
    for event in chosen:
        lines.extend(_event_lines(event, stamp=stamp, sequence=sequence))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def write_calendar(events: Iterable[Event], out: TextIO, *, now: datetime, name: str = "tracker") -> int:
    """Write the calendar to `out` (opened with newline="" so CRLF stays CRLF). Returns the event count."""
    chosen = list(events)
    out.write(calendar_text(chosen, now=now, name=name))
    return len(chosen)
