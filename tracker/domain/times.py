"""Datetimes typed by people, with zones: "2026-12-01 14:00 KST", "friday 2pm IST", "tomorrow 10:00".

Interviews and deadlines cross time zones, so every datetime returned here is aware and keeps the
zone the person named: a ZoneInfo (so daylight saving is right) or a fixed offset. Callers store
UTC and remember the zone. The date part uses the grammar of `parse_date`. Pure: `now` is passed in.

Nothing is moved without a word: a wall time the clocks skip ("2027-03-14 02:30 America/New_York",
in the spring-forward gap) is refused naming the gap and the time it would become, and an
abbreviation the date contradicts ("14:00 EST" in July, when New York is on EDT) is refused with
both readings. A wall time that happens twice (the night the clocks go back) is the first one,
unless its abbreviation says otherwise ("01:30 EST" is the second).
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from tracker.domain.dates import DateParseError, Invalid, date_from_words, failure, show

__all__ = ["ZONE_ABBREVIATIONS", "parse_datetime", "parse_when", "resolve_zone", "zone_label"]

DATETIME_FORMS = (
    "2026-12-01 14:00 KST, 2026-12-01 2pm Asia/Kolkata, tomorrow 10:00, friday 9:30am IST, "
    "2026-12-01T14:00+09:00"
)
WHEN_FORMS = (
    "2026-12-05, friday, +3d, in 2 weeks, or with a time: 2026-12-01 14:00 KST, tomorrow 10:00, "
    "friday 2pm IST"
)
ZONE_FORMS = "an IANA name like Asia/Kolkata, an abbreviation like IST or KST, or an offset like +05:30"

ZONE_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(("UTC", "GMT", "Z"), "UTC"),
    "IST": "Asia/Kolkata",
    "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "MYT": "Asia/Kuala_Lumpur",
    "ICT": "Asia/Bangkok",
    "NPT": "Asia/Kathmandu",
    "GST": "Asia/Dubai",
    "TRT": "Europe/Istanbul",
    "BRT": "America/Sao_Paulo",
    **dict.fromkeys(("CST", "CDT"), "America/Chicago"),
    **dict.fromkeys(("EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("MST", "MDT"), "America/Denver"),
    **dict.fromkeys(("CET", "CEST"), "Europe/Berlin"),
    "BST": "Europe/London",
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
    **dict.fromkeys(("NZST", "NZDT"), "Pacific/Auckland"),
}
"""Abbreviations people write, mapped to an IANA zone so daylight saving follows the calendar.

Abbreviations are ambiguous worldwide; IST means India here, since Indian students are the main audience.
"""

SEASONS: dict[str, tuple[str, timedelta]] = {
    name: (other, timedelta(hours=hours))
    for name, other, hours in (
        ("EST", "EDT", -5), ("EDT", "EST", -4), ("CST", "CDT", -6), ("CDT", "CST", -5),
        ("MST", "MDT", -7), ("MDT", "MST", -6), ("PST", "PDT", -8), ("PDT", "PST", -7),
        ("CET", "CEST", 1), ("CEST", "CET", 2), ("AEST", "AEDT", 10), ("AEDT", "AEST", 11),
        ("NZST", "NZDT", 12), ("NZDT", "NZST", 13), ("BST", "GMT", 1),
    )
}
"""Abbreviations that name one side of a zone's daylight saving: the other side's name, and their own offset.

"14:00 EST" on a day New York is on EDT is refused (see `_in_season`): EST is UTC-05:00, New York
is then UTC-04:00, and which one was meant decides the hour of an interview.
"""

_FLAGS = re.IGNORECASE | re.ASCII
_ISO_T = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})T(?=\d)", _FLAGS)
_AMPM = r" ?[ap]\.?m\.?(?![a-z])"  # not the "Am" of "America/New_York"
_TIME = rf"noon|midnight|\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:{_AMPM})?|\d{{1,2}}{_AMPM}"
_DATETIME = re.compile(rf"(?:(?P<date>.*?) )?(?P<time>{_TIME}) ?(?P<zone>[^ ]+)?", _FLAGS)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?(?: ?(?P<ap>[ap])\.?m\.?)?", _FLAGS
)
_OFFSET = re.compile(r"(?:utc|gmt)?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", _FLAGS)
_IANA = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*", re.ASCII)
_AT = re.compile(r"(?:^| )at$")


def parse_datetime(text: str, *, now: datetime, default_tz: tzinfo, ahead: bool = False) -> datetime:
    """Read a date with a time of day (and optional zone) into an aware datetime.

    Without a zone the time is in `default_tz`; relative words count from today in `default_tz`.
    A date alone is an error: an interview at midnight is never what was meant. `ahead`: a month
    and day without a year is its next occurrence, as in `parse_date`.
    """
    try:
        when = _when(text, now, default_tz, ahead)
    except Invalid as err:
        raise failure(text, "a date and time", DATETIME_FORMS, err.reason) from None
    if not isinstance(when, datetime):
        raise DateParseError(
            f"can't read {show(text)} as a date and time (no time of day given); "
            "give a time too, e.g. 2026-12-01 14:00 KST"
        )
    return when


def parse_when(text: str, *, now: datetime, default_tz: tzinfo, ahead: bool = False) -> date | datetime:
    """Like parse_datetime, but a date without a time of day is returned as a plain `date`."""
    try:
        return _when(text, now, default_tz, ahead)
    except Invalid as err:
        raise failure(text, "a date or a date and time", WHEN_FORMS, err.reason) from None


def resolve_zone(name: str) -> tzinfo:
    """A zone from an IANA name ("Asia/Seoul", any case), an abbreviation ("KST"), "UTC" or "+09:00"."""
    try:
        return _zone(name.strip())
    except Invalid:
        raise DateParseError(f"can't use {show(name)} as a time zone; use {ZONE_FORMS}") from None


def arranged_in(at: datetime, name: str | None) -> datetime | None:
    """The instant `at` in the zone `name` names (the zone an interview or a deadline was arranged in,
    as stored beside it); None without a name, or for one this machine's time zone data does not know."""
    if not name:
        return None
    try:
        return at.astimezone(resolve_zone(name))
    except DateParseError:
        return None


USUAL_NAMES: dict[str, str] = {
    zone: abbreviation for abbreviation, zone in ZONE_ABBREVIATIONS.items()
    if list(ZONE_ABBREVIATIONS.values()).count(zone) == 1 and zone != "UTC"
}
"""Zone -> the name people use for it, for the zones whose tz data has none ("+08" for Singapore: SGT)."""


def zone_label(dt: datetime) -> str:
    """A short label for an aware datetime's zone: "KST", "IST", "SGT", "UTC", or "+05:45" with no name."""
    offset = dt.utcoffset()
    if offset is None:
        raise ValueError("zone_label needs an aware datetime")
    name = dt.tzname() or ""
    if re.fullmatch(r"[A-Za-z]{2,5}", name):
        return name
    usual = USUAL_NAMES.get(getattr(dt.tzinfo, "key", ""))
    if usual is not None:
        return usual
    if not offset:
        return "UTC"
    return _offset_text(offset)


def _when(text: str, now: datetime, default_tz: tzinfo, ahead: bool = False) -> date | datetime:
    """The grammar behind parse_when: `<date> [at] <time> [<zone>]`, or a date alone; raises Invalid."""
    s = _ISO_T.sub(r"\1 ", " ".join(text.split()))
    today = now.astimezone(default_tz).date()
    m = _DATETIME.fullmatch(s)
    if m is None:
        return date_from_words(s.lower(), today, ahead=ahead)
    day_words = _AT.sub("", (m["date"] or "").lower())
    day = date_from_words(day_words, today, ahead=ahead) if day_words else today
    zone = _zone(m["zone"]) if m["zone"] else default_tz
    try:
        local = datetime.combine(day, _clock(m["time"]), tzinfo=zone)
        moment = local.astimezone(timezone.utc).astimezone(zone)  # the same wall time, unless the clocks skip it
    except (ValueError, OverflowError):
        raise Invalid("out of range") from None
    if moment.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise _skipped(text, local, moment)
    token = (m["zone"] or "").upper()
    return _in_season(text, token, local, moment) if token in SEASONS else moment


def _place(zone: tzinfo | None) -> str:
    """ "New York" for America/New_York."""
    key = getattr(zone, "key", None) or str(zone)
    return key.rsplit("/", 1)[-1].replace("_", " ")


def _offset_text(offset: timedelta | None) -> str:
    minutes = (offset or timedelta(0)) // timedelta(minutes=1)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _skipped(text: str, local: datetime, moment: datetime) -> DateParseError:
    """The error for a wall time inside a gap (the clocks jump from 02:00 to 03:00): where the gap is, what is near."""
    zone = local.tzinfo
    before, after = local.utcoffset() or timedelta(0), moment.utcoffset() or timedelta(0)
    wall = local.replace(tzinfo=None)
    low, high = wall - after, wall - before  # as UTC: the old offset still holds at low, the new one at high
    try:
        while high - low > timedelta(seconds=1):  # the moment of the change, to the second
            middle = low + (high - low) / 2
            if middle.replace(tzinfo=timezone.utc).astimezone(zone).utcoffset() == before:
                low = middle
            else:
                high = middle
        span = f" go from {high + before:%H:%M} straight to {high + after:%H:%M}"
    except (ValueError, OverflowError):
        span = " jump ahead"
    why = " (daylight saving time starts)" if (moment.dst() or timedelta(0)) > (local.dst() or timedelta(0)) else ""
    return DateParseError(
        f"{show(text)} does not exist: on {local:%a %Y-%m-%d} the clocks in {_place(zone)}{span}{why}; "
        f"did you mean {moment:%H:%M} {zone_label(moment)}?"
    )


def _in_season(text: str, token: str, local: datetime, moment: datetime) -> datetime:
    """`moment`, named by the abbreviation `token` ("EST"), if the zone uses that name on that day.

    On the night the clocks go back, "01:30 EST" is the second 01:30 and "01:30 EDT" the first.
    When the date contradicts the name (EST in July, when New York is on EDT), the two readings
    are an hour apart: refused, with both spelled out.
    """
    if moment.tzname() == token:
        return moment
    repeated = local.replace(fold=1)
    if repeated.tzname() == token:
        return repeated.astimezone(timezone.utc).astimezone(local.tzinfo)
    other, own = SEASONS[token]
    actual = moment.tzname()
    if actual != other:
        return moment
    place = _place(local.tzinfo)
    raise DateParseError(
        f"{show(text)}: {token} is UTC{_offset_text(own)}, but {place} is on {actual} "
        f"(UTC{_offset_text(moment.utcoffset())}) on {local:%a %Y-%m-%d}; write {local:%H:%M} {actual} for the time "
        f"in {place}, or {local:%H:%M} {_offset_text(own)}"
    )


def _clock(raw: str) -> time:
    """A time of day: "14:00", "14:00:30", "2pm", "2:30 p.m.", "noon", "midnight"."""
    word = raw.lower()
    if word in ("noon", "midnight"):
        return time(12 if word == "noon" else 0)
    m = _CLOCK.fullmatch(raw)
    if m is None:
        raise Invalid(f"no such time of day: {raw}")
    hour, minute, second = int(m["h"]), int(m["m"] or 0), int(m["s"] or 0)
    if m["ap"]:
        if not 1 <= hour <= 12:
            raise Invalid(f"no such time of day: {raw}")
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise Invalid(f"no such time of day: {raw}")
    return time(hour, minute, second)


def _zone(token: str) -> tzinfo:
    """The zone named by `token` (abbreviation, offset or IANA name); raises Invalid."""
    key = ZONE_ABBREVIATIONS.get(token.upper())
    if key == "UTC":
        return timezone.utc
    if key:
        return zoneinfo.ZoneInfo(key)
    if m := _OFFSET.fullmatch(token):
        hours, minutes = int(m["h"]), int(m["m"] or 0)
        if hours > 14 or minutes > 59:
            raise Invalid(f"offsets run from -14:00 to +14:00, not {token}")
        offset = timedelta(hours=hours, minutes=minutes) * (-1 if m["sign"] == "-" else 1)
        return timezone(offset) if offset else timezone.utc
    if _IANA.fullmatch(token) and (zone := _load(token) or _load(_iana_keys().get(token.lower()))):
        return zone
    raise Invalid(f"unknown time zone {show(token)}")


def _load(key: str | None) -> tzinfo | None:
    """The IANA zone `key`, or None if there is no such zone file (e.g. "asia/seoul" or "Asia")."""
    if key is None:
        return None
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


@functools.cache
def _iana_keys() -> dict[str, str]:
    """Lower-cased IANA names to their real spelling; built on first need (listing zones is slow)."""
    return {key.lower(): key for key in zoneinfo.available_timezones()}


def in_both_zones(at: datetime, tz_name: str | None, zone: tzinfo, *, weekday: bool = True) -> str:
    """An instant in `zone`, and in `tz_name`'s zone when that differs: "Tue 2026-12-01 10:30 IST (14:00 KST)"
    (without the weekday: "2026-12-01 10:30 IST (14:00 KST)")."""
    local = at.astimezone(zone)
    text = f"{local:{'%a ' if weekday else ''}%Y-%m-%d %H:%M} {zone_label(local)}"
    theirs = arranged_in(at, tz_name)
    if theirs is not None and theirs.utcoffset() != local.utcoffset():
        text += f" ({theirs:%H:%M} {zone_label(theirs)})"
    return text
