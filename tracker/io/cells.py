"""CSV cells: writing values (ISO dates, formula neutralizing) and reading the words spreadsheets use.

Formula neutralizing: a cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
`@`, a tab or a carriage return) is written with a leading `'`. So that a value which itself
starts with quotes before such a character (`'=x`) also survives a round trip, the rule is applied
to the value's first character after any leading quotes: export adds one `'` to any value matching
`'*[=+\\-@\\t\\r]`, and import removes exactly one `'` from any cell matching `'+[=+\\-@\\t\\r]`.
For the usual case (`=SUM(A1)` <-> `'=SUM(A1)`) this is the plain "one quote" rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from tracker.domain.choices import choose, normalize_word
from tracker.domain.vocab import CHANNELS, DIRECTIONS, KINDS, ROLES, STAGES
from tracker.domain.errors import InvalidInput, TrackerError

# Nothing heavy at import: the command line's fast path (tracker.entry.csv_files) uses this module.
# The date parser (python-dateutil) is imported only when a date cell is not plain ISO 8601.

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula."""
FORMULA_QUOTE = "'"
"""What neutralize() puts before such a cell (and unneutralize() takes off)."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def neutralize(text: str) -> str:
    """`text` made safe to open in a spreadsheet: a leading `'` before a formula character."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unneutralize(text: str) -> str:
    """The value behind an exported cell: the `'` that `neutralize` added is removed."""
    return text[1:] if _QUOTED.match(text) else text


def format_cell(value: object) -> str:
    """A value as a CSV cell: "" for None, ISO 8601 for dates, neutralized text otherwise."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralize(str(value))


def zone_name(when: datetime) -> str:
    """The name to keep for an aware datetime's zone: an IANA key, "UTC", or an offset like "+09:00"."""
    zone: tzinfo | None = when.tzinfo
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = when.utcoffset()
    if zone is timezone.utc or not offset:
        return "UTC"
    minutes = abs(offset.days * 86400 + offset.seconds) // 60
    sign = "-" if offset.days < 0 else "+"
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# --- reading the words people put in spreadsheets -----------------------------------------------

STAGE_WORDS: dict[str, str] = {
    **dict.fromkeys(("emailed", "sent", "contacted", "messaged", "mailed", "reached-out", "email-sent"), "contacted"),
    **dict.fromkeys(("no-reply", "no-response", "ghosted", "cold", "no-answer", "noresponse"), "no-response"),
    **dict.fromkeys(("replied", "responded", "answered", "reply", "got-reply", "reply-received"), "replied"),
    **dict.fromkeys(("interview", "interview-scheduled", "interviewed", "interviewing"), "interviewing"),
    **dict.fromkeys(("offer", "offer-received", "offered"), "offered"),
    **dict.fromkeys(("applied", "submitted", "application-submitted"), "applied"),
    **dict.fromkeys(("rejected", "rejection", "rejected-by-them"), "rejected"),
    **dict.fromkeys(("declined", "declined-by-me"), "declined"),
    "accepted": "accepted",
    **dict.fromkeys(("withdrawn", "withdrew", "expired", "archived"), "withdrawn"),
    **dict.fromkeys(("to-contact", "not-yet", "shortlisted", "planned", "todo", "to-do", "shortlist", "wishlist",
                     "bookmarked", "saved", "draft"), "shortlisted"),
}


def read_date(text: str, *, today: date) -> date | None:
    """A date cell: ISO 8601 (fast: exports have 100k of them), else anything `parse_date` reads; None when blank."""
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:  # no such day: parse_date says so, in its words
            day = None
        if day is not None and _ISO_YEARS[0] <= day.year <= _ISO_YEARS[1]:
            return day
    if not text:
        return None
    from tracker.domain.dates import parse_date

    return parse_date(text, today=today)


_ISO_YEARS = (1900, 2200)
"""Years an ISO date cell is read in directly: tracker.domain.dates' MIN_YEAR and MAX_YEAR (a test checks)."""


def read_stage(text: str) -> str | None:
    """A stage from a stage word or a spreadsheet status ("No reply", "Emailed"); None when blank."""
    if not text.strip():
        return None
    word = normalize_word(text)
    return STAGE_WORDS.get(word) or choose(text, STAGES, "stage")


_ROLE_HINTS: tuple[tuple[str, str], ...] = (
    ("post-doc", "postdoc"),
    ("postdoc", "postdoc"),
    ("post-doctoral", "postdoc"),
    ("postdoctoral", "postdoc"),
    ("phd", "phd-student"),
    ("ph.d", "phd-student"),
    ("doctoral", "phd-student"),
    ("graduate-student", "phd-student"),
    ("prof", "professor"),
    ("lecturer", "professor"),
    ("faculty", "professor"),
    ("recruit", "recruiter"),
    ("talent", "recruiter"),
    ("hr", "recruiter"),
    ("referee", "writer"),
    ("recommender", "writer"),
    ("letter", "writer"),
    ("research", "researcher"),
    ("scientist", "researcher"),
    ("engineer", "researcher"),
)


def read_role(text: str) -> str | None:
    """A role from a role word or a job title ("Associate Professor", "PhD candidate"); None when blank."""
    if not text.strip():
        return None
    try:
        return choose(text, ROLES, "role")
    except InvalidInput:
        word = normalize_word(text)
        parts = word.split("-")
        for hint, role in _ROLE_HINTS:
            if (hint in word) if len(hint) > 3 else (hint in parts):
                return role
        raise


_CHANNEL_WORDS: dict[str, str] = {
    "linked-in": "linkedin",
    "phone": "call",
    "phone-call": "call",
    "video-call": "call",
    "zoom": "meeting",
    "meet": "meeting",
    "in-person": "meeting",
    "website": "portal",
    "application-portal": "portal",
    "online": "portal",
}


def read_channel(text: str) -> str | None:
    """A channel word ("email", "LinkedIn", "E-mail", "phone"); None when blank."""
    if not text.strip():
        return None
    return _CHANNEL_WORDS.get(normalize_word(text)) or choose(text, CHANNELS, "channel")


_DIRECTION_WORDS = {"to": "sent", "out": "sent", "outgoing": "sent", "from": "received", "in": "received",
                    "incoming": "received"}


def read_direction(text: str) -> str | None:
    """A direction ("sent", "received", "to", "from"); None when blank."""
    if not text.strip():
        return None
    return _DIRECTION_WORDS.get(normalize_word(text)) or choose(text, DIRECTIONS, "direction")


def read_kind(text: str) -> str | None:
    """An opportunity kind ("outreach", "program", "posting"); None when blank."""
    if not text.strip():
        return None
    return choose(text, KINDS, "kind")


def read_count(text: str, what: str) -> int | None:
    """A whole number from 0 to 20 (letters required); None when blank."""
    if not text.strip():
        return None
    try:
        number = int(text.strip())
    except ValueError:
        raise InvalidInput(f'can\'t read "{text.strip()}" as a number of {what}; give a whole number') from None
    if not 0 <= number <= 20:
        raise InvalidInput(f"the number of {what} must be from 0 to 20, not {number}")
    return number


class Memo(dict):  # type: ignore[type-arg]
    """`read` remembering its answers: `memo[text]` (errors are raised again each time).

    With a `column` (its header), an error names it: 'column "Date Emailed": can't read ...'.
    """

    def __init__(self, read: Callable[[str], Any], column: str | None = None) -> None:
        super().__init__()
        self.read = read
        self.column = column

    def __missing__(self, text: str) -> Any:
        if self.column is None:
            value = self[text] = self.read(text)
            return value
        from tracker.domain.dates import DateParseError

        try:
            value = self[text] = self.read(text)
        except (TrackerError, DateParseError) as err:
            raise InvalidInput(f'column "{self.column}": {err}') from None
        return value
