"""What the header row of a CSV file means (the file itself is read by `tracker.io.csv_file`).

Headers are our own export columns or the ones students put in spreadsheets.

A header is compared case-insensitively, ignoring punctuation, spacing and a plural "s":
"Research Areas", "research_area" and "RESEARCH-AREA" are one column. `--map HEADER=FIELD`
wins over recognition. Columns that are not recognized are ignored and reported.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.errors import InvalidInput
from tracker.io.cells import unneutralize
from tracker.io.csv_file import read_csv_file  # re-exported: the one reader of CSV files

__all__ = ["EXPORT_COLUMNS", "FIELDS", "WHATS", "ColumnPlan", "describe_ignored", "plan_columns", "read_csv_file",
           "recognize"]

LOG_COLUMNS: tuple[str, ...] = (
    "date", "channel", "direction", "person", "role", "organization", "lab",
    "opportunity", "stage", "subject", "notes", "follow_up_due",
)
OPPORTUNITY_COLUMNS: tuple[str, ...] = (
    "title", "kind", "organization", "lab", "contact", "cycle", "stage", "deadline", "applied_on",
    "letters_required", "letters_submitted", "last_activity", "next_follow_up", "url", "notes",
)
PEOPLE_COLUMNS: tuple[str, ...] = (
    "name", "role", "organization", "lab", "email", "linkedin", "homepage", "research_areas", "notes",
)
# The same tuples name the keys of tracker.store.queries.listings' listings (a test keeps them equal); they are
# spelled out here so that reading and writing CSV never needs SQLAlchemy (the command line's fast path).

WHATS: tuple[str, ...] = ("log", "opportunities", "people")
"""What a CSV file holds."""

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "log": LOG_COLUMNS,
    "opportunities": OPPORTUNITY_COLUMNS,
    "people": PEOPLE_COLUMNS,
}
"""The columns of each export, in order: the file-format contract."""

FIELDS: dict[str, tuple[str, ...]] = {
    "log": LOG_COLUMNS + ("email", "linkedin", "homepage", "research_areas", "paper"),
    "opportunities": OPPORTUNITY_COLUMNS + ("min_gpa", "location_rule", "stipend", "added_on", "moved_on"),
    "people": PEOPLE_COLUMNS + ("how_met",),
}
"""Fields an import understands, per kind of file."""

DERIVED: frozenset[str] = frozenset({"letters_submitted", "last_activity", "next_follow_up"})
"""Exported opportunity columns computed from other records; read but not imported."""

REQUIRED: dict[str, str] = {"log": "person", "opportunities": "title", "people": "name"}
"""The one column each kind of file must have."""

IGNORE = "ignore"
"""`--map "Foo=ignore"` skips a column."""

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "person": ("professor", "prof", "pi", "name", "contact", "person", "fullname", "contactname",
               "professorname", "supervisor"),
    "organization": ("university", "institution", "company", "organization", "organisation", "affiliation",
                     "org", "institute", "school", "employer", "univ"),
    "opportunity": ("position", "jobtitle", "opportunity", "program", "programme", "posting", "internship"),
    "stage": ("status", "stage", "currentstatus"),
    "email": ("email", "emailaddress", "emailid", "mail"),
    "linkedin": ("linkedin", "linkedinprofile", "linkedinurl"),
    "research_areas": ("researcharea", "researchinterest", "area", "topic", "field", "researchtopic",
                       "interest", "areasofinterest"),
    "deadline": ("deadline", "duedate", "applicationdeadline"),
    "date": ("dateemailed", "datesent", "datecontacted", "contactedon", "date", "sentdate", "senton",
             "emaildate", "emailedon", "datemessaged", "when"),
    "notes": ("note", "comment", "remark"),
    "lab": ("lab", "group", "researchgroup", "labname"),
    "homepage": ("homepage", "website", "webpage", "site", "personalpage"),
    "url": ("url", "link", "applicationlink", "postingurl"),
    "subject": ("subject", "emailsubject"),
    "channel": ("channel", "via", "medium", "method"),
    "role": ("role", "designation"),
    "kind": ("kind", "type"),
    "cycle": ("cycle", "season", "term", "intake"),
    "applied_on": ("appliedon", "dateapplied", "applicationdate", "applied"),
    "letters_required": ("lettersrequired", "letter", "reference", "recommendationletter"),
    "direction": ("direction",),
    "follow_up_due": ("followupdue", "followup", "followupon", "followupdate"),
    "paper": ("paper", "papermentioned", "papercited"),
    "how_met": ("howmet", "metvia", "howwemet"),
    "min_gpa": ("mingpa", "gpacutoff", "gpa", "minimumgpa"),
    "stipend": ("stipend", "pay", "salary"),
    "location_rule": ("locationrule",),
    "added_on": ("addedon", "dateadded", "createdat", "createdon"),
    "moved_on": ("movedon", "lastmovedat", "statusdate", "stagedate"),
}

_PER_WHAT: dict[str, dict[str, str | None]] = {
    "log": {"title": "opportunity", "url": "homepage"},
    "opportunities": {"person": "contact", "opportunity": "title", "title": "title", "homepage": "url"},
    "people": {"person": "name", "title": "role", "position": "role", "jobtitle": "role", "url": "homepage"},
}
"""Concepts (or raw header keys) that mean a different field in each kind of file."""

_CONCEPT: dict[str, str] = {key: concept for concept, keys in _SYNONYMS.items() for key in keys}


def header_key(text: str) -> str:
    """A header reduced for comparison: "Research Area(s)" -> "researchareas"."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _candidates(key: str) -> list[str]:
    keys = [key]
    if key.endswith("es"):
        keys.append(key[:-2])
    if key.endswith("s"):
        keys.append(key[:-1])
    return keys


def recognize(header: str, what: str) -> str | None:
    """The field a header names in a `what` file, or None if it names none."""
    own = {header_key(f): f for f in FIELDS[what]}
    per_what = _PER_WHAT[what]
    for key in _candidates(header_key(header)):
        if key in own:
            return own[key]
        if key in per_what:
            return per_what[key]
        concept = _CONCEPT.get(key)
        if concept is not None:
            found = per_what.get(concept, concept)
            return found if found in FIELDS[what] else None
    return None


@dataclass
class ColumnPlan:
    """Which column of a file feeds which field, and what is ignored."""

    what: str
    header: list[str]
    columns: dict[str, int]
    """Field -> index of the column that feeds it."""
    ignored: list[str] = field(default_factory=list)
    """Headers of columns that name no field."""
    duplicates: dict[str, str] = field(default_factory=dict)
    """Headers of columns skipped because another column already feeds their field."""
    exact: bool = False
    """True when the header is exactly one of our exports: cells are read as written."""
    known: Any = None
    """The tracker export it is (a `tracker.io.known_formats.Shape`), which makes some fields of
    several cells; None for other files."""
    orders: dict[str, str | None] = field(default_factory=dict)
    """Date field -> how its numeric dates read (`tracker.io.date_cells`: day-first, month-first, None)."""
    _pick: tuple[list[str], Any] | None = field(default=None, repr=False, compare=False)

    def has(self, name: str) -> bool:
        """Whether the file has a column for field `name`."""
        return name in self.columns or (self.known is not None and name in self.known.joined)

    def header_of(self, name: str) -> str:
        """The header of the column that feeds field `name` (the field's name when none does)."""
        index = self.columns.get(name)
        if index is None and self.known is not None:
            return str(self.known.sources.get(name, name))
        return self.header[index] if index is not None else name

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        """The row's cells by field (missing cells are ""), formula quotes removed."""
        width = len(self.header)
        if len(cells) != width:
            if any(c.strip() for c in cells[width:]):
                raise InvalidInput(f"{len(cells)} cells, but the header has only {width} columns")
            cells = [*cells, *[""] * (width - len(cells))]
        if self._pick is None:  # the columns are settled once plan_columns has returned
            names, indexes = list(self.columns), list(self.columns.values())
            pick = ((lambda c: (c[indexes[0]],)) if len(indexes) == 1 else operator.itemgetter(*indexes)
                    if indexes else (lambda c: ()))
            self._pick = (names, pick)
        names, pick = self._pick
        picked = pick(cells)
        # This runs for every row of a 100k-row file: only a cell that starts with a quote can carry
        # a formula quote, and a row rarely has one.
        if "'" in (joined := "\x00".join(picked)) and (joined[0] == "'" or "\x00'" in joined):
            picked = [unneutralize(cell) for cell in picked]
        if self.known is not None:
            return self.known.values(dict(zip(names, picked)), cells)  # type: ignore[no-any-return]
        return dict(zip(names, picked))


def _field_for_map(raw_header: str, raw_field: str, what: str) -> str:
    """The field named on the right of `--map HEADER=FIELD` (a field, a header word, or "ignore")."""
    wanted = raw_field.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted == IGNORE or wanted in FIELDS[what]:
        return wanted
    found = recognize(raw_field, what) if raw_field.strip() else None
    if found is None:
        raise InvalidInput(
            f'unknown field "{raw_field}" in --map "{raw_header}={raw_field}"; '
            f"fields for {what}: {', '.join(FIELDS[what])} (or {IGNORE})"
        )
    return found


def plan_columns(header: Sequence[str], what: str, mapping: Mapping[str, str], *, source: str,
                 known: Any = None) -> ColumnPlan:
    """Match a file's header to fields: `mapping` first, then recognition; errors before any row is read.

    `known` is the `Shape` of a recognized tracker export (`tracker.io.known_formats`), or None.
    """
    plan = ColumnPlan(what=what, header=list(header), columns={}, known=known)
    plan.exact = tuple(h.strip() for h in header) == EXPORT_COLUMNS[what]
    by_key: dict[str, int] = {}
    for index, text in enumerate(header):
        by_key.setdefault(header_key(text), index)
    chosen: dict[int, str | None] = {}
    for raw_header, raw_field in mapping.items():
        name = _field_for_map(raw_header, raw_field, what)
        index = by_key.get(header_key(raw_header))
        if index is None:
            shown = ", ".join(f'"{h}"' for h in header)
            raise InvalidInput(f'--map "{raw_header}={raw_field}" names no column of {source}; columns: {shown}')
        chosen[index] = name
    for index, text in enumerate(header):
        if text.strip() and index not in chosen:
            chosen[index] = recognize(text, what)
    for index, name in chosen.items():  # mapped columns first, then the file's order
        text = header[index]
        if name is None:
            plan.ignored.append(text)
        elif name in plan.columns:
            plan.duplicates[text] = name
        elif name not in DERIVED and name != IGNORE:
            plan.columns[name] = index
    required = REQUIRED[what]
    if not plan.has(required):
        shown = ", ".join(f'"{h}"' for h in header if h.strip()) or "none"
        raise InvalidInput(
            f"{source} has no {required} column (columns: {shown}); "
            f'name the column to use with --map "COLUMN={required}"'
        )
    return plan


def describe_ignored(plan: ColumnPlan) -> list[str]:
    """One warning line per column that is not imported."""
    lines = [
        f'ignored column "{text}"; to import it, use --map "{text}=FIELD" (fields: {", ".join(FIELDS[plan.what])})'
        for text in plan.ignored
    ]
    lines += [f'ignored column "{text}": the {name} comes from another column'
              for text, name in plan.duplicates.items()]
    return lines
