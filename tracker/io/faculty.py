"""Importing a faculty directory: the CSRankings file (`name,affiliation,homepage,scholarid`).

Each row is a professor at an organization (the affiliation, created if new). Columns are
found by their header, in any order and case; other columns are ignored. Names are kept as
given, with CSRankings' disambiguation suffix ("Wei Wang 0001").

Who a row is, so that importing the directory again updates people instead of adding them
twice:

- a row with a Google Scholar id is the person stored with `external_id` "scholar:<id>";
  failing that, the person of that name (any case) at that organization who has no
  external id yet (someone you added by hand), who then gets the id;
- a row without one ("NOSCHOLARPAGE", blank, or not an id such as "#NAME?") is the person
  of that name at that organization.

A match is updated to the row's name (when matched by id), organization and homepage (a blank
homepage keeps the stored one); role, lab, notes and the rest are never touched. CSRankings
lists a professor once per spelling of their name, all with the same Scholar id: the first
row is imported, the others are counted as other spellings (so is a second row with the same
name at the same organization).

The import is one transaction: if any row is bad (no name or affiliation, a wrong number of
cells), nothing is written and every bad line is reported. Rows are written with bulk
INSERT/UPDATE statements from dictionaries preloaded once, never one query per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from tracker.domain.errors import TrackerError
from tracker.io.headers import header_key, read_csv_file
from tracker.store.models import Organization, Person
from tracker.store.engine.store import Store

SCHOLAR_PREFIX = "scholar:"
"""`Person.external_id` of someone known by their Google Scholar id."""
NO_SCHOLAR_ID = "NOSCHOLARPAGE"
"""What CSRankings writes for a professor without a Google Scholar profile."""
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "professor", "faculty"),
    "affiliation": ("affiliation", "organization", "organisation", "university", "institution"),
    "homepage": ("homepage", "website", "webpage", "url"),
    "scholarid": ("scholarid", "googlescholarid", "scholar", "googlescholar"),
}
"""Each column the import reads, and the headers that name it (compared by `header_key`)."""
REQUIRED = ("name", "affiliation")
BATCH = 2000
"""Rows per INSERT/UPDATE statement (and per step of the progress bar)."""
MAX_LISTED = 20
"""Bad lines listed in the error; the rest are counted."""

_SCHOLAR_ID = re.compile(r"[A-Za-z0-9_-]+")
Progress = Callable[[int, int], None]
"""Called with (rows written so far, rows to write)."""


class FacultyImportFailed(TrackerError):
    """Some rows are bad, so nothing was imported; `problems` holds (line number, why)."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        n = len(problems)
        lines = [f"{n} bad row{'' if n == 1 else 's'} in {source}; nothing was imported"]
        lines += [f"  line {line}: {why}" for line, why in problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  and {n - MAX_LISTED} more")
        super().__init__("\n".join(lines))


@dataclass
class FacultyReport:
    """What a faculty import did (or, in a dry run, would do)."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    spellings: int = 0
    """Rows naming someone an earlier row of the file already named (same Scholar id, or same
    name at the same organization): not imported."""
    organizations: int = 0
    """Organizations added."""
    dry_run: bool = False
    ignored: list[str] = field(default_factory=list)
    """Headers of columns the import does not read."""
    odd_ids: list[tuple[int, str]] = field(default_factory=list)
    """(line, value) of scholarid cells that are not a Scholar id; those rows matched by name."""

    def summary(self) -> str:
        """One line: "30000 rows: 29000 added, 12 updated, 3 unchanged; 500 organizations added"."""
        verb = "would be " if self.dry_run else ""
        parts = [f"{self.added} {verb}added", f"{self.updated} {verb}updated", f"{self.unchanged} unchanged"]
        text = f"{self.rows} row{'' if self.rows == 1 else 's'}: " + ", ".join(parts)
        if self.spellings:
            text += f"; {self.spellings} other spelling{'' if self.spellings == 1 else 's'} of a name skipped"
        if self.organizations:
            text += f"; {self.organizations} organization{'' if self.organizations == 1 else 's'} {verb}added"
        return text

    def warnings(self) -> list[str]:
        """Lines for the user about columns not read and ids not understood."""
        lines = [f'ignored column "{h}"' for h in self.ignored]
        if self.odd_ids:
            shown = ", ".join(f'line {line}: "{value}"' for line, value in self.odd_ids[:3])
            more = f" and {len(self.odd_ids) - 3} more" if len(self.odd_ids) > 3 else ""
            n = len(self.odd_ids)
            what = "scholarid cell is not a Google Scholar id" if n == 1 else "scholarid cells are not Google Scholar ids"
            lines.append(f"{n} {what} ({shown}{more}); matched by name and organization instead")
        return lines


@dataclass(frozen=True)
class FacultyRow:
    """One good row of the file."""

    line: int
    name: str
    affiliation: str
    homepage: str | None
    external_id: str | None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _columns(header: list[str], source: str) -> tuple[dict[str, int], list[str]]:
    """Where each field is in the header, and the headers that are ignored."""
    names = {key: name for name, keys in FIELDS.items() for key in keys}
    where: dict[str, int] = {}
    ignored: list[str] = []
    for index, text in enumerate(header):
        name = names.get(header_key(text))
        if name is None or name in where:
            ignored.append(text)
        else:
            where[name] = index
    missing = [name for name in REQUIRED if name not in where]
    if missing:
        raise TrackerError(f'{source} has no "{missing[0]}" column; a faculty file has the columns '
                           "name,affiliation,homepage,scholarid (others are ignored)")
    return where, ignored


def read_faculty(path: Path, report: FacultyReport) -> list[FacultyRow]:
    """The rows of a faculty file; raises FacultyImportFailed listing every bad line."""
    header, records = read_csv_file(path)
    where, report.ignored = _columns(header, str(path))
    width = len(header)
    name_at, org_at = where["name"], where["affiliation"]
    home_at, id_at = where.get("homepage"), where.get("scholarid")
    rows: list[FacultyRow] = []
    problems: list[tuple[int, str]] = []
    for line, cells in records:
        report.rows += 1
        if len(cells) != width:
            problems.append((line, f"{len(cells)} cells where the header has {width} (a comma not in quotes?)"))
            continue
        name, affiliation = " ".join(cells[name_at].split()), " ".join(cells[org_at].split())
        if not name or not affiliation:
            problems.append((line, "the name is empty" if not name else "the affiliation is empty"))
            continue
        homepage = (cells[home_at].strip() or None) if home_at is not None else None
        scholar = cells[id_at].strip() if id_at is not None else ""
        external_id = None
        if scholar and scholar.upper() != NO_SCHOLAR_ID:
            if _SCHOLAR_ID.fullmatch(scholar):
                external_id = SCHOLAR_PREFIX + scholar
            else:
                report.odd_ids.append((line, scholar))
        rows.append(FacultyRow(line, name, affiliation, homepage, external_id))
    if problems:
        raise FacultyImportFailed(str(path), problems)
    return rows


@dataclass
class _Known:
    """A person already stored: the fields an import may change."""

    id: int
    name: str
    organization_id: int | None
    homepage: str | None
    external_id: str | None


class _Plan:
    """What to write: organizations, people to add and people to update, from one pass over the rows."""

    def __init__(self, session: Session, report: FacultyReport, today: date) -> None:
        self.report, self.today = report, today
        self.orgs: dict[str, int] = {_fold(n): i for i, n in session.execute(select(Organization.id, Organization.name))}
        self.new_orgs: dict[str, str] = {}
        """Folded name -> name as first written, of organizations to add."""
        self.by_id: dict[str, _Known] = {}
        self.by_name: dict[tuple[str, int | None], _Known] = {}
        query = select(Person.id, Person.name, Person.organization_id, Person.homepage, Person.external_id)
        for row in session.execute(query.order_by(Person.id)):
            known = _Known(*row)
            if known.external_id:
                self.by_id[known.external_id] = known
            self.by_name.setdefault((_fold(known.name), known.organization_id), known)
        self.seen_ids: set[str] = set()
        self.seen_names: set[tuple[str, str]] = set()
        self.claimed: set[int] = set()
        self.added: list[tuple[FacultyRow, str]] = []
        """Rows to add, with their organization's folded name."""
        self.changes: list[tuple[_Known, str]] = []
        """People to update: their new values (in a _Known), and the folded name of their organization."""

    def org_id(self, folded: str, name: str) -> int | None:
        found = self.orgs.get(folded)
        if found is None:
            self.new_orgs.setdefault(folded, name)
        return found

    def take(self, row: FacultyRow) -> None:
        folded_org, folded_name = row.affiliation.casefold(), row.name.casefold()  # spaces already collapsed
        name_key = (folded_name, folded_org)
        if name_key in self.seen_names or (row.external_id and row.external_id in self.seen_ids):
            self.report.spellings += 1
            return
        if row.external_id:
            self.seen_ids.add(row.external_id)
        self.seen_names.add(name_key)
        org_id = self.org_id(folded_org, row.affiliation)
        known = self.by_id.get(row.external_id) if row.external_id else None
        by_id = known is not None
        if known is None and org_id is not None:
            known = self.by_name.get((folded_name, org_id))
            if known is not None and (known.id in self.claimed or (row.external_id and known.external_id)):
                known = None
        if known is None:
            self.added.append((row, folded_org))
            return
        self.claimed.add(known.id)
        new = _Known(known.id, row.name if by_id else known.name, org_id, row.homepage or known.homepage,
                     row.external_id or known.external_id)
        if new == known:
            self.report.unchanged += 1
        else:
            self.changes.append((new, folded_org))

    def write(self, session: Session, progress: Progress | None) -> None:
        if self.new_orgs:
            organization = Organization.__table__  # type: ignore[attr-defined]
            session.execute(insert(organization), [{"name": n} for n in self.new_orgs.values()])
            self.orgs = {_fold(n): i for i, n in session.execute(select(Organization.id, Organization.name))}
            self.report.organizations = len(self.new_orgs)
        people = [
            {"name": row.name, "role": "professor", "organization_id": self.orgs[org], "homepage": row.homepage,
             "external_id": row.external_id, "added_on": self.today}
            for row, org in self.added
        ]
        changes = [
            {"_id": new.id, "name": new.name, "organization_id": self.orgs[org], "homepage": new.homepage,
             "external_id": new.external_id}
            for new, org in self.changes
        ]
        self.report.added, self.report.updated = len(people), len(changes)
        total, done = len(people) + len(changes), 0
        if progress:
            progress(0, total)
        for statement, batch in _batches(people, changes):
            result = session.execute(statement, batch)
            if result.returns_rows:
                result.all()
            done += len(batch)
            if progress:
                progress(done, total)


def _batches(people: list[dict[str, object]], changes: list[dict[str, object]]) -> Iterator[tuple[object, list]]:
    """Core statements, one per batch (the ORM's bulk insert would split rows by which cells are NULL)."""
    person = Person.__table__  # type: ignore[attr-defined]
    by_id = update(person).where(person.c.id == bindparam("_id"))
    for start in range(0, len(changes), BATCH):
        yield by_id, changes[start:start + BATCH]
    # RETURNING makes SQLAlchemy write multi-row INSERT statements ("insertmanyvalues"): the search
    # index's triggers then run in a few statements instead of one per row, several times faster.
    adding = insert(person).returning(person.c.id).execution_options(insertmanyvalues_page_size=BATCH)
    for start in range(0, len(people), BATCH):
        yield adding, people[start:start + BATCH]


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that it rolls back."""


def import_faculty(store: Store, path: Path, *, today: date, dry_run: bool = False,
                   progress: Progress | None = None) -> FacultyReport:
    """Import a faculty file in one transaction: every row, or (if any row is bad) nothing."""
    report = FacultyReport(dry_run=dry_run)
    rows = read_faculty(Path(path), report)
    try:
        with store.write() as session:
            plan = _Plan(session, report, today)
            for row in rows:
                plan.take(row)
            if dry_run:
                plan.write(session, progress)  # counts what it would do; rolled back below
                raise _DryRun
            from tracker.store.safety.backup import auto_backup
            from tracker.store.safety.undo import record_import

            auto_backup(store.database, "import")
            with record_import(session, path) as undo:
                plan.write(session, progress)
                undo.description = f"faculty import of {Path(path).name}: {report.summary()}"
    except _DryRun:
        pass
    return report
