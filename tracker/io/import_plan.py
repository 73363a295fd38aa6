"""What a CSV import found and what it will write: plain records, no SQL, no ORM.

An import runs in three steps, so that the same row logic serves every store:

1. a store loads a `Snapshot` of what is already there (organizations, people, opportunities,
   the interactions' identity keys, the profile's follow-up intervals), inside the import's
   write transaction;
2. `tracker.io.import_rows.Planner` reads every row against it and builds a `Plan`: new
   records, changed records, stage changes and interactions, in file order, linked to each
   other by reference (a new person's organization is an `OrgRec` that has no id yet);
3. the store writes the plan in bulk: organizations, people, opportunities (parents first, so
   each id is known before a child needs it), then stage changes and interactions.

`tracker.store.writes.import_writes` does steps 1 and 3 through SQLAlchemy (any database);
`tracker.store.writes.import_sqlite` does them with the `sqlite3` module alone, for the command line's
fast path. Both write the same rows with the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.domain.folding import opportunity_key, organization_key, person_keys
from tracker.domain.errors import TrackerError
from tracker.io.date_cells import DATE_FIELDS, column_order
from tracker.io.headers import ColumnPlan, describe_ignored, plan_columns, read_csv_file
from tracker.io.known_formats import detect, skip_preamble

NOUNS = {"people": ("person", "people"), "opportunities": ("opportunity", "opportunities"),
         "interactions": ("interaction", "interactions")}

PERSON_DETAILS = ("lab", "email", "linkedin", "homepage", "research_areas", "how_met", "notes")
"""Person fields a row can fill in, besides name, role and organization."""

OPPORTUNITY_DETAILS = ("lab", "cycle", "url", "notes", "min_gpa", "location_rule", "stipend")
"""Opportunity fields a row can fill in as text."""

PERSON_COLUMNS = ("id", "name", "role", "organization_id", *PERSON_DETAILS, "aliases")
"""What a snapshot holds of each person, in this order."""

OPPORTUNITY_COLUMNS = ("id", "title", "kind", "organization_id", "lab", "contact_id", "cycle", "stage", "deadline",
                       "deadline_at", "deadline_tz", "applied_on", "letters_required", "min_gpa", "location_rule",
                       "stipend", "url", "notes", "created_on")
"""What a snapshot holds of each opportunity, in this order (dates as `date`, deadline_at aware UTC)."""

INTERACTION_KEY = ("on", "channel", "direction", "person_id", "opportunity_id", "subject", "notes")
"""The columns that identify an interaction: a row whose key is already stored is not imported again."""

PROFILE_DEFAULTS = {"follow_up_email_days": 7, "follow_up_linkedin_days": 5}
"""The profile's follow-up intervals when it has never been set (those of `tracker.store.models.Profile`)."""


class OrgRec:
    """An organization: stored (with an id) or new in this import (id set when written)."""

    __slots__ = ("id", "name")

    def __init__(self, id: int | None, name: str) -> None:
        self.id = id
        self.name = name

    def row(self) -> dict[str, Any]:
        """The columns to write (without the id), its search key too (as the ORM writes it)."""
        return {"name": self.name, "search_text": organization_key(self.name)}


class PersonRec:
    """A person, stored or new; `dirty` marks a stored one that this import changed."""

    __slots__ = ("id", "name", "role", "org", *PERSON_DETAILS, "aliases", "added_on", "dirty")

    def __init__(self, id: int | None, name: str, role: str, org: OrgRec | None, aliases: str | None = None,
                 **details: Any) -> None:
        self.id, self.name, self.role, self.org, self.aliases = id, name, role, org, aliases
        for key in PERSON_DETAILS:
            setattr(self, key, details.get(key))
        self.added_on: date | None = None
        self.dirty = False

    def row(self) -> dict[str, Any]:
        """The columns to write (without the id), the search keys too (as the ORM writes them)."""
        search_name, search_text = person_keys(self.name, self.aliases, self.lab, self.research_areas, self.email)
        return {"name": self.name, "role": self.role, "organization_id": self.org.id if self.org else None,
                **{key: getattr(self, key) for key in PERSON_DETAILS}, "search_name": search_name,
                "search_text": search_text}


class OppRec:
    """An opportunity, stored or new; `first` is the "shortlisted" entry that opened its history."""

    __slots__ = ("id", "title", "kind", "org", "lab", "contact", "cycle", "stage", "deadline", "deadline_at",
                 "deadline_tz", "applied_on", "letters_required", "min_gpa", "location_rule", "stipend", "url",
                 "notes", "created_on", "first", "dirty")

    def __init__(self, **values: Any) -> None:
        for key in self.__slots__:
            setattr(self, key, values.get(key))
        self.dirty = False

    def row(self) -> dict[str, Any]:
        """The columns to write (without the id)."""
        values = {key: getattr(self, key) for key in self.__slots__[1:-2]}
        org, contact = values.pop("org"), values.pop("contact")
        values["organization_id"] = org.id if org else None
        values["contact_id"] = contact.id if contact else None
        values["search_text"] = opportunity_key(self.title, self.lab, self.cycle, self.notes)
        return values


class StageRec:
    """One change of stage to record."""

    __slots__ = ("opp", "from_stage", "to_stage", "changed_on", "recorded_at")

    def __init__(self, opp: OppRec, from_stage: str | None, to_stage: str, changed_on: date,
                 recorded_at: datetime) -> None:
        self.opp, self.from_stage, self.to_stage = opp, from_stage, to_stage
        self.changed_on, self.recorded_at = changed_on, recorded_at

    def row(self) -> dict[str, Any]:
        return {"opportunity_id": self.opp.id, "from_stage": self.from_stage, "to_stage": self.to_stage,
                "changed_on": self.changed_on, "recorded_at": self.recorded_at}


@dataclass
class Snapshot:
    """What the store holds before the import, as plain values (see the *_COLUMNS tuples)."""

    orgs: list[tuple[int, str]]
    people: list[tuple[Any, ...]]
    opportunities: list[tuple[Any, ...]] = field(default_factory=list)
    interactions: set[tuple[Any, ...]] = field(default_factory=set)
    """Keys (INTERACTION_KEY) of the stored interactions; loaded for log files only."""
    profile: tuple[int, int] | None = None
    """The profile's e-mail and LinkedIn follow-up days; None when there is no profile row yet."""


@dataclass
class Plan:
    """Everything an import writes, in the order it happened."""

    new_orgs: list[OrgRec] = field(default_factory=list)
    new_people: list[PersonRec] = field(default_factory=list)
    new_opps: list[OppRec] = field(default_factory=list)
    changed_people: dict[int, PersonRec] = field(default_factory=dict)
    changed_opps: dict[int, OppRec] = field(default_factory=dict)
    stages: list[StageRec] = field(default_factory=list)
    backdates: dict[int, date] = field(default_factory=dict)
    """Stored opportunity id -> a day before its first history entry: move that entry back to it."""
    interactions: list[tuple[Any, ...]] = field(default_factory=list)
    """(on, channel, direction, PersonRec, OppRec or None, subject, paper, notes, follow_up_on)."""
    create_profile: bool = False
    """The default follow-up intervals were used and there is no profile row: create it (as `get_profile`)."""

    def interaction_rows(self) -> list[dict[str, Any]]:
        """The interactions as column dicts, ids resolved (call after people and opportunities are written)."""
        return [{"on": on, "channel": channel, "direction": direction, "person_id": person.id,
                 "opportunity_id": opp.id if opp else None, "subject": subject, "paper": paper, "notes": notes,
                 "follow_up_on": follow_up}
                for on, channel, direction, person, opp, subject, paper, notes, follow_up in self.interactions]


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    rows: int
    created: dict[str, int]
    """Records added, by kind: "people", "opportunities", "interactions"."""
    updated: dict[str, int]
    """Existing records a row matched and updated, by kind."""
    dry_run: bool
    ignored: list[str] = field(default_factory=list)
    """Headers of columns that name no field, so were not imported."""
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NOUNS, 0))
    """Rows already in the store, skipped: a log row whose interaction was stored before this import."""
    _warnings: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """One line for people: "12 rows: 4 people, 12 interactions added; 1 person updated"."""
        def counts(numbers: dict[str, int]) -> str:
            return ", ".join(f"{n} {NOUNS[k][n != 1]}" for k, n in numbers.items() if n)

        added, updated = counts(self.created), counts(self.updated)
        verb = "would be " if self.dry_run else ""
        parts = [f"{added} {verb}added" if added else f"nothing {verb}added"]
        if updated:
            parts.append(f"{updated} {verb}updated")
        if same := counts(self.unchanged):
            parts.append(f"{same} already there")
        return f"{self.rows} row{'' if self.rows == 1 else 's'}: " + "; ".join(parts)

    def warnings(self) -> list[str]:
        """One line per column that was not imported, saying why and how to import it."""
        return list(self._warnings)


class ImportFailed(TrackerError):
    """Some rows (or a whole column) could not be imported, so nothing was.

    `problems` holds (line number, why), the line None for a problem of a whole column; `ignored`
    the headers of the columns the import did not read, named too, since one of them may hold
    what a bad row lacks ("Datum" for the date).
    """

    def __init__(self, source: str, problems: list[tuple[int | None, str]], ignored: Sequence[str] = ()) -> None:
        self.source = source
        self.problems = problems
        self.ignored = list(ignored)
        n = len(problems)
        if all(line is not None for line, _ in problems):
            head = f"{n} bad row{'' if n == 1 else 's'} in {source}; nothing was imported"
        else:
            head = f"{source} cannot be imported as it is; nothing was imported"
        lines = [head, *(f"  line {line}: {why}" if line is not None else f"  {why}" for line, why in problems)]
        if self.ignored:
            shown = ", ".join(f'"{h}"' for h in self.ignored)
            lines.append(f'  ignored column{"s" if len(self.ignored) > 1 else ""} (not read): {shown}; '
                         f'to read one, add --map "{self.ignored[0]}=FIELD"')
        super().__init__("\n".join(lines))


def prepare(path: Path, what: str | None, mapping: dict[str, str], *, dry_run: bool, order: str | None = None
            ) -> tuple[ColumnPlan, list[tuple[int, list[str]]], ImportReport]:
    """Read the file and match its columns (errors here come before the store is touched).

    `what` None: the kind of file a recognized tracker export is (`tracker.io.known_formats`),
    else a log. The date columns' cells decide how each column reads `03/08/2026`
    (`tracker.io.date_cells`); `order` (DAY_FIRST or MONTH_FIRST, from --dayfirst / --monthfirst)
    decides it for all of them.
    """
    header, rows = skip_preamble(*read_csv_file(path))
    known = detect(header)
    if known is not None and what not in (None, known.what):
        known = None  # the user said what the file is: read it as that
    what = known.what if known is not None else what or "log"
    if known is not None:
        mapping = {**known.mapping(header), **mapping}
    columns = plan_columns(header, what, mapping, source=str(path),
                           known=known.shape(header) if known is not None else None)
    records = list(rows)
    dated: dict[str, tuple[str, list[str]]] = {}
    for name in DATE_FIELDS:
        index = columns.columns.get(name)
        if index is not None:
            distinct = dict.fromkeys(cells[index] for _, cells in records if index < len(cells))
            dated[name] = (header[index], list(distinct))
    problems: list[tuple[int | None, str]] = []
    for name, (text, cells) in dated.items():
        try:
            columns.orders[name] = column_order(text, cells, order)
        except TrackerError as err:
            problems.append((None, str(err)))
    if problems:
        raise ImportFailed(str(path), problems, columns.ignored)
    report = ImportReport(rows=0, created=dict.fromkeys(NOUNS, 0), updated=dict.fromkeys(NOUNS, 0),
                          dry_run=dry_run, ignored=list(columns.ignored), _warnings=describe_ignored(columns))
    return columns, records, report
