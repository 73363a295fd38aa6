"""The program catalog: structured programs (DAAD WISE, Mitacs Globalink...) as data, checked against you.

Pure: the catalog's TOML text goes in, `Program`s come out; dates are computed from an explicit
`today`. Reading the files is `tracker.catalog`'s job. A catalog is a TOML file of tables, one per
program, named by the program's key:

    [daad-wise]
    name = "DAAD WISE"
    deadline = "November 1"      # or "December" (month only), or "rolling"
    gpa = "8/10"                 # the cut-off with its scale, as `tracker.domain.gpa` reads it

The user's file is merged over the built-in one field by field: a table with a built-in key changes
only the fields it gives, a new key adds a program, and `hidden = true` hides one. Any mistake is a
`CatalogError` naming the file, the line and the program.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain.gpa import Gpa, GpaError, parse_gpa
from tracker.domain.errors import InvalidInput

MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
SEASON_STARTS: dict[str, int] = {"summer": 5, "fall": 9, "autumn": 9, "winter": 12, "spring": 1}
"""The month an internship of each season usually starts in, unless a program says `starts`."""
TEXT_FIELDS = ("name", "host", "country", "url", "cycle", "starts", "deadline", "gpa", "stipend", "eligibility", "notes")
FIELDS = (*TEXT_FIELDS, "letters", "aliases", "hidden")
REQUIRED = ("name", "host", "country")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DEADLINE_FORMS = '"November 1", "Nov 1", "December" (month only) or "rolling"'


class CatalogError(InvalidInput):
    """A catalog file that cannot be used; the message names the file, the line and what is wrong."""


@dataclass(frozen=True)
class Deadline:
    """A typical deadline: a month and maybe a day; no month means applications are taken all year."""

    month: int | None
    day: int | None = None

    @property
    def rolling(self) -> bool:
        return self.month is None

    def on(self, year: int) -> date:
        """This deadline in `year`; a month without a day is planned as its 1st (the earliest it can be)."""
        assert self.month is not None
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, min(self.day or 1, last))

    def __str__(self) -> str:
        if self.month is None:
            return "rolling"
        name = calendar.month_name[self.month]
        return f"{name} {self.day}" if self.day else name


def parse_month(text: str) -> int:
    """ "May", "may", "Sep", "9" -> the month's number; ValueError otherwise."""
    word = text.strip().lower().rstrip(".")
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    if word in MONTHS:
        return MONTHS[word]
    raise ValueError(f'"{text}" is not a month; use a name like "May" or a number 1-12')


def parse_deadline(text: str) -> Deadline:
    """ "November 1", "1 November", "Nov", "rolling" -> a Deadline; ValueError naming the forms accepted."""
    words = text.replace(",", " ").split()
    if [w.lower() for w in words] == ["rolling"]:
        return Deadline(None)
    days = [w for w in words if w.isdigit() and len(w) <= 2]
    months = [w for w in words if w not in days]
    if len(months) != 1 or len(days) > 1:
        raise ValueError(f'cannot read deadline "{text}"; use {DEADLINE_FORMS}')
    try:
        month = parse_month(months[0])
    except ValueError:
        raise ValueError(f'cannot read deadline "{text}"; use {DEADLINE_FORMS}') from None
    day = int(days[0]) if days else None
    if day is not None and not 1 <= day <= calendar.monthrange(2024, month)[1]:
        raise ValueError(f'{calendar.month_name[month]} has no day {day}')
    return Deadline(month, day)


@dataclass(frozen=True)
class Program:
    """One structured program, with its typical facts (they change every year: check `url`)."""

    key: str
    name: str
    host: str
    country: str
    url: str | None = None
    cycle: str = "Summer"
    """The season the internship happens in: "Summer 2027" is made of it and a year."""
    starts: int = 5
    """The month the internship usually starts: a deadline before it is for that year's cycle."""
    deadline: Deadline | None = None
    """The typical deadline; None when not known (see the official page)."""
    gpa: Gpa | None = None
    """The published GPA cut-off, None when there is none."""
    letters: int | None = None
    """Reference letters typically required; None when not known."""
    stipend: str | None = None
    eligibility: str | None = None
    notes: str | None = None
    aliases: tuple[str, ...] = ()
    """Other names it is tracked under ("Caltech SURF"), for matching your opportunities."""
    source: str = "built-in"
    """Where its facts come from: "built-in", or the user's file when it changed any of them."""


# --- reading a catalog file ------------------------------------------------------------------------


def _line_of(text: str, key: str, field: str | None = None) -> int | None:
    """The 1-based line of table `[key]` (or of `field` inside it) in `text`, None if not found."""
    header = re.compile(rf"""^\s*\[\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*\]""")
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if header.match(line):
            if field is None:
                return start + 1
            assign = re.compile(rf"""^\s*(?:{re.escape(field)}|"{re.escape(field)}")\s*=""")
            for offset, inner in enumerate(lines[start + 1:], start=start + 2):
                if re.match(r"^\s*\[", inner):
                    break
                if assign.match(inner):
                    return offset
            return start + 1
    return None


def _where(source: str, text: str, key: str, field: str | None = None) -> str:
    line = _line_of(text, key, field)
    return f"{source}, line {line}" if line else source


def _check_field(field: str, value: Any) -> str | None:
    """What is wrong with `value` for `field`, None when it is fine."""
    if field == "letters":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 20:
            return f"letters must be a whole number from 0 to 20, got {value!r}"
        return None
    if field == "hidden":
        return None if isinstance(value, bool) else f"hidden must be true or false, got {value!r}"
    if field == "aliases":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return 'aliases must be a list of names, e.g. ["SURF Caltech"]'
        return None
    if not isinstance(value, str):
        return f'{field} must be text in quotes, got {value!r}'
    if not value.strip() and field in REQUIRED:
        return f"{field} cannot be empty"
    try:
        if field == "deadline":
            parse_deadline(value)
        elif field == "starts":
            parse_month(value)
        elif field == "gpa" and value.strip():
            parse_gpa(value)
    except (ValueError, GpaError) as err:
        return f"{field}: {err}"
    return None


def read_entries(text: str, source: str) -> dict[str, dict[str, Any]]:
    """The programs of a catalog file, by key, each the fields it gives (checked one by one).

    Raises CatalogError for bad TOML, a value outside a [key] table, a bad key, an unknown field
    or a bad value, naming `source` and the line.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CatalogError(f"{source}: not valid TOML: {err}") from None
    entries: dict[str, dict[str, Any]] = {}
    for key, fields in data.items():
        if not isinstance(fields, dict):
            raise CatalogError(
                f'{source}: "{key} = ..." is outside any program; each program is a table like [daad-wise]'
            )
        if not KEY_PATTERN.match(key):
            raise CatalogError(
                f"{_where(source, text, key)}: [{key}] is not a usable key; use lower-case letters, digits "
                "and hyphens, e.g. [daad-wise]"
            )
        for field, value in fields.items():
            if field not in FIELDS:
                raise CatalogError(
                    f'{_where(source, text, key, field)}: [{key}] unknown field "{field}"; '
                    f"use {', '.join(FIELDS)}"
                )
            problem = _check_field(field, value)
            if problem:
                raise CatalogError(f"{_where(source, text, key, field)}: [{key}] {problem}")
        entries[key] = dict(fields)
    return entries


def _text(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def build_program(key: str, fields: dict[str, Any], *, source: str = "built-in") -> Program:
    """A Program from checked fields (see `read_entries`); CatalogError names a missing required field."""
    missing = [name for name in REQUIRED if not _text(fields, name)]
    if missing:
        raise CatalogError(f"[{key}] needs {', '.join(missing)} (a new program needs name, host and country)")
    cycle = _text(fields, "cycle") or "Summer"
    starts_text = _text(fields, "starts")
    if starts_text:
        starts = parse_month(starts_text)
    else:
        season = cycle.split()[0].lower()
        if season not in SEASON_STARTS:
            raise CatalogError(f'[{key}] cycle "{cycle}" is not a season tracker knows; add starts = "June" (a month)')
        starts = SEASON_STARTS[season]
    deadline_text = _text(fields, "deadline")
    gpa_text = _text(fields, "gpa")
    return Program(
        key=key,
        name=_text(fields, "name") or key,
        host=_text(fields, "host") or "",
        country=_text(fields, "country") or "",
        url=_text(fields, "url"),
        cycle=cycle,
        starts=starts,
        deadline=parse_deadline(deadline_text) if deadline_text else None,
        gpa=parse_gpa(gpa_text) if gpa_text else None,
        letters=fields.get("letters"),
        stipend=_text(fields, "stipend"),
        eligibility=_text(fields, "eligibility"),
        notes=_text(fields, "notes"),
        aliases=tuple(" ".join(a.split()) for a in fields.get("aliases", ())),
        source=source,
    )


def merge_catalogs(builtin_text: str, user_text: str | None = None, *, user_source: str = "programs.toml") -> tuple[Program, ...]:
    """The built-in catalog with the user's file merged over it, field by field, sorted by name.

    A user table with a built-in key changes the fields it gives; a new key adds a program (it needs
    name, host and country); `hidden = true` leaves the program out.
    """
    builtin = read_entries(builtin_text, "the built-in catalog")
    user = read_entries(user_text, user_source) if user_text is not None else {}
    programs = []
    for key in dict.fromkeys([*builtin, *user]):
        fields = {**builtin.get(key, {}), **user.get(key, {})}
        if fields.get("hidden"):
            continue
        changed = key in user and any(builtin.get(key, {}).get(f) != v for f, v in user[key].items())
        try:
            programs.append(build_program(key, fields, source=user_source if changed else "built-in"))
        except CatalogError as err:
            where = _where(user_source, user_text, key) if key in user and user_text else "the built-in catalog"
            raise CatalogError(f"{where}: {err}") from None
    return tuple(sorted(programs, key=lambda p: p.name.casefold()))
