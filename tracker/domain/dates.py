"""Dates and durations typed by people: "2026-12-05", "Dec 5", "friday", "+3d", "in 2 weeks".

Pure: nothing here reads the clock; callers pass `today`. Parsing is strict: every accepted shape is
matched by a regular expression first (dateutil's lenient and fuzzy modes are never used), so
"soon", "5" or "friday-ish" are errors rather than guesses. Datetimes with time zones live in
`tracker.domain.times`; its public functions are re-exported here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

# dateutil is imported inside the two functions that need it: `tracker remind` reads no typed
# date, and importing dateutil would be a third of its start-up (see docs/performance.md).

if TYPE_CHECKING:
    from tracker.domain.times import arranged_in, parse_datetime, parse_when, resolve_zone, zone_label

__all__ = [
    "DateParseError",
    "arranged_in",
    "describe_due",
    "parse_date",
    "parse_datetime",
    "parse_duration",
    "parse_when",
    "resolve_zone",
    "zone_label",
]

MIN_YEAR = 1900
MAX_YEAR = 2200

DATE_FORMS = "2026-12-05, Dec 5, today, tomorrow, friday, next friday, +3d, 2w, in 3 days, 3 days ago"
DURATION_FORMS = "7d, 2w, 10 days, 1mo"


class DateParseError(ValueError):
    """Text that is not a date, duration or time.

    str(err) is one line for a person: it quotes the text, says why if it can, and lists accepted forms.
    """


class Invalid(Exception):
    """Internal signal that text was not accepted; `reason` (may be empty) says why, for the message."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


def show(text: str) -> str:
    """The user's text quoted for an error message, kept on one line and reasonably short."""
    shown = text.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f'"{shown}"' if shown.isprintable() else repr(shown)


def failure(text: str, kind: str, forms: str, reason: str = "") -> DateParseError:
    """The error for `text` that is not `kind`, e.g. `can't read "soon" as a date; use ...`."""
    why = f" ({reason})" if reason else ""
    return DateParseError(f"can't read {show(text)} as {kind}{why}; use {forms}")


# --- grammar -------------------------------------------------------------------------------------

_UNITS: dict[str, str] = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("mo", "mos", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_COUNT = r"\d{1,6}|an?|one"
_WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
}
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:, ?| )(?P<year>\d{4})"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


_NUMERIC_DATE = _rx(r"(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_MONTH_DAY = _rx(rf"(?P<month>{_MONTH})\.? {_DAY}(?:{_YEAR})?")
_DAY_MONTH = _rx(rf"{_DAY} (?P<month>{_MONTH})\.?(?:{_YEAR})?")
_SIGNED = _rx(rf"(?P<sign>[+-])? ?(?P<count>\d{{1,6}}) ?(?P<unit>{_UNIT})")
_IN = _rx(rf"in (?P<count>{_COUNT}) (?P<unit>{_UNIT})")
_AGO = _rx(rf"(?P<count>{_COUNT}) ?(?P<unit>{_UNIT}) ago")
_WEEKDAY = _rx(rf"(?:(?P<which>next|last|this) )?(?P<weekday>{'|'.join(_WEEKDAYS)})")
_NEXT_LAST = _rx(r"(?P<which>next|last) (?P<unit>week|month|year)")
_DURATION = _rx(rf"(?P<sign>[+-])? ?(?P<count>{_COUNT})(?: ?(?P<unit>{_UNIT}))?")
_NAMED = {"today": 0, "tomorrow": 1, "yesterday": -1}


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


# --- dates ---------------------------------------------------------------------------------------


def parse_date(text: str, *, today: date, ahead: bool = False) -> date:
    """Read a date as a person types it (see DATE_FORMS); relative words count from `today`.

    A month and day without a year ("Jan 15") is in this year, unless `ahead` (a field that looks
    forward: a deadline, an answer-by date, an interview, a snooze) and that day is past: then it is
    its next occurrence, today or later ("Jan 15" typed in October is next January).
    """
    try:
        return date_from_words(" ".join(text.split()).lower(), today, ahead=ahead)
    except Invalid as err:
        raise failure(text, "a date", DATE_FORMS, err.reason) from None


def date_from_words(s: str, today: date, *, ahead: bool = False) -> date:
    """The grammar behind parse_date, on whitespace-collapsed lower-case text; raises Invalid."""
    if not s:
        raise Invalid("nothing given")
    try:
        return _checked(_date(s, today, ahead))
    except (ValueError, OverflowError):  # date arithmetic beyond year 9999, or past date.min
        raise Invalid(f"year must be between {MIN_YEAR} and {MAX_YEAR}") from None


def _date(s: str, today: date, ahead: bool) -> date:
    if s in _NAMED:
        return today + timedelta(days=_NAMED[s])
    if m := _NUMERIC_DATE.fullmatch(s):
        return _calendar(f"{m['year']}-{m['month']}-{m['day']}", int(m["year"]))
    if m := _MONTH_DAY.fullmatch(s) or _DAY_MONTH.fullmatch(s):
        if m["year"]:
            return _calendar(f"{m['month']} {m['day']} {m['year']}", int(m["year"]))
        return _month_day(m["month"], m["day"], today, ahead)
    if m := _SIGNED.fullmatch(s):
        return _shift(today, -int(m["count"]) if m["sign"] == "-" else int(m["count"]), m["unit"])
    if m := _IN.fullmatch(s):
        return _shift(today, _count(m["count"]), m["unit"])
    if m := _AGO.fullmatch(s):
        return _shift(today, -_count(m["count"]), m["unit"])
    if m := _NEXT_LAST.fullmatch(s):
        return _shift(today, 1 if m["which"] == "next" else -1, m["unit"])
    if m := _WEEKDAY.fullmatch(s):
        wanted, now = _WEEKDAYS[m["weekday"]], today.weekday()
        if m["which"] == "last":
            return today - timedelta(days=(now - wanted - 1) % 7 + 1)
        if m["which"] == "this":
            return today + timedelta(days=(wanted - now) % 7)
        return today + timedelta(days=(wanted - now - 1) % 7 + 1)
    raise Invalid()


def _calendar(canonical: str, year: int) -> date:
    """A calendar date from regex-checked text, parsed strictly by dateutil (no fuzzy mode)."""
    from dateutil import parser as du_parser

    _check_year(year)
    try:
        parsed = du_parser.parse(canonical, default=datetime(year, 1, 1), fuzzy=False, yearfirst=True)
    except (ValueError, OverflowError):
        raise Invalid("no such day") from None
    return parsed.date()


def _month_day(month: str, day: str, today: date, ahead: bool) -> date:
    """A month and day without a year: in today's year; when `ahead`, the first occurrence today or later
    (Feb 29 typed in a year without one is the next leap year's)."""
    if not ahead:
        return _calendar(f"{month} {day} {today.year}", today.year)
    for year in range(today.year, today.year + 9):  # every Feb 29 comes back within 8 years
        try:
            found = _calendar(f"{month} {day} {year}", year)
        except Invalid:
            continue
        if found >= today:
            return found
    return _calendar(f"{month} {day} {today.year}", today.year)  # a day no year has: its error


def _shift(today: date, count: int, unit: str) -> date:
    """`today` moved by `count` units; months and years via relativedelta (Jan 31 + 1mo = Feb 28)."""
    field = _UNITS[unit]
    if field in ("days", "weeks"):
        return today + timedelta(**{field: count})
    from dateutil.relativedelta import relativedelta

    return today + relativedelta(**{field: count})


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(f"year must be between {MIN_YEAR} and {MAX_YEAR}")


def _checked(day: date) -> date:
    _check_year(day.year)
    return day


# --- durations and descriptions ------------------------------------------------------------------

_DAYS_PER_UNIT = {"days": 1, "weeks": 7, "months": 30, "years": 365}


def parse_duration(text: str) -> timedelta:
    """Read an interval such as "7", "7d", "2 weeks", "1mo" (30 days); a bare number means days."""
    s = " ".join(text.split()).lower()
    m = _DURATION.fullmatch(s)
    if m is None or (m["unit"] is None and not m["count"].isdigit()):
        raise failure(text, "a duration", DURATION_FORMS, "nothing given" if not s else "")
    if m["sign"] == "-":
        raise failure(text, "a duration", DURATION_FORMS, "it can't be negative")
    per_unit = _DAYS_PER_UNIT[_UNITS[m["unit"]]] if m["unit"] else 1
    return timedelta(days=_count(m["count"]) * per_unit)


def describe_due(due: date, *, today: date) -> str:
    """A due date relative to `today`: "today", "tomorrow", "in 3 days", "in 2 weeks", "3 days overdue"."""
    days = (due - today).days
    if -1 <= days <= 1:
        return {-1: "yesterday", 0: "today", 1: "tomorrow"}[days]
    n = abs(days)
    span = f"{n // 7} weeks" if n >= 14 else f"{n} days"
    return f"in {span}" if days > 0 else f"{span} overdue"


_TIMES_EXPORTS = ("arranged_in", "parse_datetime", "parse_when", "resolve_zone", "zone_label")


def __getattr__(name: str) -> Any:
    """Re-export the zone-aware functions of `tracker.domain.times` (imported lazily: it imports us)."""
    if name in _TIMES_EXPORTS:
        from tracker.domain import times

        return getattr(times, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
