"""Date cells as spreadsheets write them, read one column at a time.

Spreadsheets write dates in the writer's local form: `11/20/2026` (US), `20/11/2026` (most of
the world), `20.11.2026` (Germany), `20-Nov-26`, `2026.11.20`, with a time (`2026-11-20 14:03:11`,
`11/20/2026 2:03 PM`, `2026-11-20T14:03:11.000Z`), or as an Excel serial number (`46346`, days
since 1899-12-30). Each of these is rewritten here into the ISO form (`2026-11-20`, then the time
as it was) that tracker's date parser reads; anything else is left for that parser.

A numeric date with the day and month in either place (`03/08/2026`) is read the way its column
decides: one cell with a number over 12 in the first place (`20/11/2026`) makes the column
day-first, one with it in the second place (`11/20/2026`) makes it month-first. A column with
both is an error; a column with neither (only dates like `03/08/2026`) is an error unless the
import was told `--dayfirst` or `--monthfirst`, which then reads every such date of the file that
way. Dates with dots (`20.11.2026`) are always day-first; a year first (`2026/11/20`,
`2026.11.20`) always reads year, month, day. Two-digit years are 2000 to 2099.

Pure: no clock, no database. (`tracker.io.cells.read_date` reads the rewritten text.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo

from tracker.domain.dates import DateParseError
from tracker.domain.errors import InvalidInput

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
ORDERS = (DAY_FIRST, MONTH_FIRST)

CELL_FORMS = ("2026-11-20, 20/11/2026, 11/20/2026, 20.11.2026, 20-Nov-2026, Nov 20 2026, 2026.11.20, "
              "an Excel date number, or any of these with a time")
"""What a date cell may hold, for error messages."""

DATE_FIELDS = ("date", "follow_up_due", "applied_on", "added_on", "moved_on", "deadline")
"""Fields whose cells are dates (the deadline may have a time and a zone too)."""

EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's (and LibreOffice's, Google Sheets') serial dates."""
EXCEL_SERIALS = (25569, 73415)
"""Serial numbers read as dates: 1970-01-01 to 2100-12-31 (a five-digit number in a date column)."""

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_TAIL = r"(?P<tail>(?:[ T].*)?)"
_NUMERIC = re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}}){_TAIL}",
                      re.ASCII)
_YEAR_DOTS = re.compile(rf"(?P<year>\d{{4}})\.(?P<month>\d{{1,2}})\.(?P<day>\d{{1,2}}){_TAIL}", re.ASCII)
_DAY_MON = re.compile(rf"(?P<day>\d{{1,2}})[- /]?(?P<month>[a-z]{{3}})[a-z]*\.?[- /,]\s*(?P<year>\d{{4}}|\d{{2}}){_TAIL}",
                      re.ASCII | re.IGNORECASE)
_ISO_TIMED = re.compile(r"(?P<day>\d{4}-\d{1,2}-\d{1,2})(?P<tail>[ T].*)", re.ASCII)
_SERIAL = re.compile(r"(?P<days>\d{5})(?:\.(?P<fraction>\d+))?", re.ASCII)
_FRACTION_SECONDS = re.compile(r"(\d{1,2}:\d{2}:\d{2})\.\d+", re.ASCII)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def evidence(text: str) -> str | None:
    """The order one cell shows: DAY_FIRST for `20/11/2026`, MONTH_FIRST for `11/20/2026`, else None."""
    m = _NUMERIC.fullmatch(text.strip())
    if m is None or m["sep"] == ".":
        return None
    a, b = int(m["a"]), int(m["b"])
    if a > 12 >= b:
        return DAY_FIRST
    if b > 12 >= a:
        return MONTH_FIRST
    return None


def needs_order(text: str) -> bool:
    """True for a cell whose day and month could be either way round (`03/08/2026`)."""
    m = _NUMERIC.fullmatch(text.strip())
    return (m is not None and m["sep"] != "." and int(m["a"]) <= 12 and int(m["b"]) <= 12
            and int(m["a"]) != int(m["b"]))


def column_order(header: str, cells: Iterable[str], forced: str | None) -> str | None:
    """How a column's numeric dates are read: `forced` (the command's option), else what its cells show.

    Raises InvalidInput naming the column when its cells show both orders, or need one and show none.
    """
    if forced is not None:
        return forced
    seen: dict[str, str] = {}
    undecided: str | None = None
    for cell in cells:
        found = evidence(cell)
        if found is not None:
            seen.setdefault(found, cell.strip())
        elif undecided is None and needs_order(cell):
            undecided = cell.strip()
    if len(seen) == 2:
        raise InvalidInput(
            f'column "{header}" has dates written day-first ("{seen[DAY_FIRST]}") and month-first '
            f'("{seen[MONTH_FIRST]}"); make them one way, or import with --dayfirst or --monthfirst')
    if seen:
        return next(iter(seen))
    if undecided is not None:
        raise InvalidInput(
            f'column "{header}" has dates such as "{undecided}" that could be day-first or month-first, and '
            "none that says which; import with --dayfirst (3 August for 03/08/2026) or --monthfirst (8 March)")
    return None


def column_orders(columns: Mapping[str, tuple[str, list[str]]], forced: str | None) -> dict[str, str | None]:
    """`column_order` for each field: `columns` maps a field to (its header, its distinct cells)."""
    return {name: column_order(header, cells, forced) for name, (header, cells) in columns.items()}


def iso_text(text: str, order: str | None) -> str:
    """`text` with a spreadsheet's date at its start rewritten as ISO (`2026-11-20`), the rest kept.

    Text in no such form comes back stripped but otherwise as it was. An impossible date
    (`31/02/2026`, or `20/11/2026` read month-first) raises InvalidInput.
    """
    text = text.strip()
    if m := _NUMERIC.fullmatch(text):
        a, b, sep = int(m["a"]), int(m["b"]), m["sep"]
        day_first = sep == "." or order == DAY_FIRST or (order is None and evidence(text) == DAY_FIRST)
        if order is None and needs_order(text):
            raise InvalidInput(f'"{text}" could be day-first or month-first; import with --dayfirst or --monthfirst')
        day, month = (a, b) if day_first else (b, a)
        return _checked(text, _year(m["year"]), month, day, m["tail"], order if sep != "." else DAY_FIRST)
    if m := _ISO_TIMED.fullmatch(text):
        return m["day"] + _time_tail(m["tail"])
    if m := _YEAR_DOTS.fullmatch(text):
        return _checked(text, int(m["year"]), int(m["month"]), int(m["day"]), m["tail"], None)
    if (m := _DAY_MON.fullmatch(text)) and m["month"].lower()[:3] in _MONTHS:
        return _checked(text, _year(m["year"]), _MONTHS[m["month"].lower()[:3]], int(m["day"]), m["tail"], None)
    if m := _SERIAL.fullmatch(text):
        days = int(m["days"])
        if EXCEL_SERIALS[0] <= days <= EXCEL_SERIALS[1]:
            day = EXCEL_EPOCH + timedelta(days=days)
            seconds = round(float("0." + m["fraction"]) * 86400) if m["fraction"] else 0
            if seconds and seconds < 86400:
                hours, rest = divmod(seconds, 3600)
                return f"{day.isoformat()} {hours:02d}:{rest // 60:02d}"
            return day.isoformat()
    return text


def _checked(text: str, year: int, month: int, day: int, tail: str, order: str | None) -> str:
    try:
        date(year, month, day)
    except ValueError:
        how = f" read {order}" if order else ""
        raise InvalidInput(f'"{text}"{how} is no day of the calendar') from None
    return _iso(year, month, day) + _time_tail(tail)


def _time_tail(tail: str) -> str:
    """The time after a date as tracker's parser reads it: " 14:03:11" for "T14:03:11.000"."""
    if tail.startswith("T"):
        tail = " " + tail[1:]
    return _FRACTION_SECONDS.sub(r"\1", tail)


def read_day(text: str, *, order: str | None, today: date, now: datetime, zone: tzinfo) -> date | None:
    """A date cell as a day: any form above or of tracker's date parser; a time, if any, is dropped
    (after moving an instant with a zone, `...T23:30:00Z`, into `zone`). None when blank."""
    from tracker.io.cells import read_date

    cell = iso_text(text, order)
    if not cell:
        return None
    try:
        return read_date(cell, today=today)
    except DateParseError:
        from tracker.domain.times import parse_when

        try:
            when = parse_when(cell, now=now, default_tz=zone)
        except DateParseError:
            raise _failure(text, cell, today) from None
    return when.astimezone(zone).date() if isinstance(when, datetime) else when


def _failure(text: str, cell: str, today: date) -> DateParseError:
    """The error for a date cell nothing reads: why, if the parser says, and the forms a cell may take."""
    from tracker.domain.dates import Invalid, date_from_words, failure

    try:
        date_from_words(" ".join(cell.split()).lower(), today)
        reason = ""
    except Invalid as err:
        reason = err.reason
    return failure(text, "a date", CELL_FORMS, reason)


def read_when(text: str, *, order: str | None, now: datetime, zone: tzinfo) -> date | datetime | None:
    """A deadline cell: a day, or a day and a time (in the cell's zone, else `zone`). None when blank."""
    from tracker.domain.times import parse_when

    text = iso_text(text, order)
    return parse_when(text, now=now, default_tz=zone) if text else None
