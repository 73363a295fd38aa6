"""The exports of the trackers people leave, recognized by their header: Huntr, JobSync, LinkedIn.

Each `KnownFormat` says what kind of file it is (`--what` need not be given), which column feeds
which field (as `--map` would, which still wins), and what the generic header matching cannot
express: a field made of several cells (LinkedIn's "First Name" and "Last Name" are one name; a
posting's title gets its company, so that two "Research Intern" postings stay two), cells kept in
the notes with a label ("Location: Zurich"), values that mean "nothing" (JobSync's "N/A"), columns
deliberately not read, note lines before the header (LinkedIn), and the role given to someone
whose job title says none of tracker's roles.

Pure: header keys and cells in, field values out (`tracker.io.headers.ColumnPlan` calls `values`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from dataclasses import dataclass, field

from tracker.io.headers import header_key

Part = tuple[str, str]
"""(template, header key): the cell of that column put into the template ("Location: {}")."""


@dataclass(frozen=True)
class KnownFormat:
    """One tracker's CSV export."""

    name: str
    what: str
    """"opportunities" or "people" (the file is read as if `--what` said so)."""
    marks: tuple[str, ...]
    """Header keys (`header_key`) that all appear in its header and tell it from a spreadsheet."""
    fields: Mapping[str, str] = field(default_factory=dict)
    """Header key -> field, one column each."""
    joined: Mapping[str, tuple[str, tuple[Part, ...]]] = field(default_factory=dict)
    """Field -> (separator, parts): the non-empty parts, joined."""
    unused: tuple[str, ...] = ()
    """Header keys not read on purpose (not reported as ignored)."""
    blank: tuple[str, ...] = ()
    """Cells that mean nothing is known."""
    fallback_role: str | None = None
    """The role of a person whose job title reads as none of tracker's roles (else that is an error)."""
    kind: str | None = None
    """The kind of the opportunities it adds (a job board holds postings)."""

    def mapping(self, header: Sequence[str]) -> dict[str, str]:
        """`--map`-style HEADER=FIELD pairs for this file's header (joined and unused columns: ignore)."""
        keys = {header_key(text): text for text in header if text.strip()}
        mapped = {keys[key]: name for key, name in self.fields.items() if key in keys}
        for _separator, parts in self.joined.values():
            mapped.update({keys[key]: "ignore" for _template, key in parts if key in keys and keys[key] not in mapped})
        mapped.update({keys[key]: "ignore" for key in self.unused if key in keys})
        return mapped

    def shape(self, header: Sequence[str]) -> Shape:
        """How this file's cells become field values."""
        where = {}
        for index, text in enumerate(header):
            where.setdefault(header_key(text), index)
        joined = {
            name: (separator, tuple((template, where[key]) for template, key in parts if key in where))
            for name, (separator, parts) in self.joined.items()
        }
        sources = {name: header[parts[0][1]] for name, (_s, parts) in joined.items() if parts}
        return Shape(self, {name: spec for name, spec in joined.items() if spec[1]}, frozenset(self.blank), sources)


@dataclass(frozen=True)
class Shape:
    """A known format laid over one file's header: what `ColumnPlan.values` adds to a row."""

    format: KnownFormat
    joined: dict[str, tuple[str, tuple[tuple[str, int], ...]]]
    blank: frozenset[str]
    sources: dict[str, str]
    """Joined field -> the header of its first column (for error messages)."""

    def values(self, picked: dict[str, str], cells: Sequence[str]) -> dict[str, str]:
        """`picked` (field -> cell) with blanks emptied and the joined fields added."""
        values = {name: "" if cell.strip() in self.blank else cell for name, cell in picked.items()}
        for name, (separator, parts) in self.joined.items():
            texts = []
            for template, index in parts:
                cell = cells[index].strip() if index < len(cells) else ""
                if cell and cell not in self.blank:
                    texts.append(template.format(cell))
            values[name] = separator.join(texts)
        return values


HUNTR = KnownFormat(
    "Huntr", "opportunities", marks=("companyname", "listname"),
    fields={"companyname": "organization", "listname": "stage", "url": "url", "deadline": "deadline",
            "createdat": "added_on", "lastmovedat": "moved_on", "salary": "stipend"},
    joined={"title": (", ", (("{}", "title"), ("{}", "companyname"))),
            "notes": ("; ", (("{}", "notes"), ("{}", "note"), ("Location: {}", "location"),
                             ("{}", "description")))},
    unused=("id", "boardid", "listid", "companyid", "color", "archived"),
    kind="posting",
)
"""Huntr's job board export: one posting per row, its list ("Wishlist", "Applied"...) is the stage."""

JOBSYNC = KnownFormat(
    "JobSync", "opportunities", marks=("jobtitle", "company", "status", "jobsource"),
    fields={"company": "organization", "status": "stage", "applieddate": "applied_on", "createdat": "added_on"},
    joined={"title": (", ", (("{}", "jobtitle"), ("{}", "company"))),
            "notes": ("; ", (("Location: {}", "location"), ("Source: {}", "jobsource"), ("Type: {}", "jobtype"),
                             ("Workplace: {}", "workplacetype")))},
    unused=("index", "applied"),
    blank=("N/A",),
    kind="posting",
)
"""JobSync's "Export" of its jobs list (`index, createdAt, applied, appliedDate, Company, JobTitle, ...`)."""

LINKEDIN_CONNECTIONS = KnownFormat(
    "LinkedIn Connections", "people", marks=("firstname", "lastname", "url", "connectedon"),
    fields={"url": "linkedin", "emailaddress": "email", "company": "organization", "position": "role"},
    joined={"name": (" ", (("{}", "firstname"), ("{}", "lastname"))),
            "notes": ("; ", (("Position: {}", "position"),)),
            "how_met": ("", (("LinkedIn, connected on {}", "connectedon"),))},
    fallback_role="researcher",
)
"""LinkedIn's data export `Connections.csv`, after its lines of notes: the people you are connected to."""

FORMATS: tuple[KnownFormat, ...] = (HUNTR, JOBSYNC, LINKEDIN_CONNECTIONS)


def detect(header: Sequence[str]) -> KnownFormat | None:
    """The known format whose marks are all in `header`, or None."""
    keys = {header_key(text) for text in header}
    return next((known for known in FORMATS if all(mark in keys for mark in known.marks)), None)


def skip_preamble(header: list[str], rows: Iterator[tuple[int, list[str]]]
                  ) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The real header of a file that starts with lines of notes (LinkedIn: "Notes:", then a quoted
    paragraph, then the header), and the records after it; other files come back as they are."""
    if header_key(header[0]) != "notes" or any(cell.strip() for cell in header[1:]):
        return header, rows
    skipped: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if detect(cells) is not None:
            return [cell.strip() for cell in cells], rows
        skipped.append((line, cells))
        if len(skipped) > 20:  # not a preamble: a sheet whose one column is "Notes"
            break
    return header, chain(skipped, rows)
