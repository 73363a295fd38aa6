"""Importing a faculty directory: the CSRankings file (`name,affiliation,homepage,scholarid`).

The rows are first grouped into people (`tracker.io.faculty_rows`: one person per Google Scholar
id, or per name without DBLP's number at one affiliation; every other spelling an alias). Each
person is a professor at their organization (created if new). Who a person is, so that importing
the directory again updates people instead of adding them twice:

- the person stored with their Scholar id (`external_id` "scholar:<id>");
- failing that, a person stored under one of their spellings (any case or accent, DBLP number
  aside) at one of their affiliations, with no other Scholar id: someone added by hand, or
  an earlier import, who then gets the id.

A match gets the person's organization (unless it already is one of their affiliations),
homepage (a blank one keeps the stored one), Scholar id and aliases (added to those stored). It
keeps its name (without a DBLP number) when that is one of the spellings; a match by Scholar id
under another name (a rename) gets the fullest spelling, the old name becoming an alias. Role, lab, notes and the rest are never touched. A homepage never makes
two rows one person: departments share them.

With CSRankings' `country-info.csv` (`institution,region,countryabbrv`), the organizations it
lists get that country code and region, and the file's affiliations it does not list get "US"
and "northamerica", as CSRankings reads its own files.

The import is one transaction: if any row is bad (no name or affiliation, a wrong number of
cells), nothing is written and every bad line is reported. Rows are written with bulk
INSERT/UPDATE statements from dictionaries preloaded once, never one query per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from tracker.domain.folding import SEPARATOR, fold, organization_key, person_keys
from tracker.io.faculty_rows import (US, Country, FacultyImportFailed, FacultyPerson, display_name, read_countries,
                                     read_faculty)
from tracker.store.models import Organization, Person
from tracker.store.engine.store import Store

__all__ = ["FacultyImportFailed", "FacultyReport", "import_faculty"]

BATCH = 2000
"""Rows per INSERT/UPDATE statement (and per step of the progress bar)."""
Progress = Callable[[int, int], None]
"""Called with (rows written so far, rows to write)."""


@dataclass
class FacultyReport:
    """What a faculty import did (or, in a dry run, would do)."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    """Rows naming someone an earlier row already named (another spelling, another affiliation)."""
    organizations: int = 0
    """Organizations added."""
    located: int = 0
    """Organizations given a country and region (from country-info.csv)."""
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
        if self.merged:
            plural = "" if self.merged == 1 else "s"
            text += f"; {self.merged} other spelling{plural} or affiliation{plural} merged"
        if self.organizations:
            text += f"; {self.organizations} organization{'' if self.organizations == 1 else 's'} {verb}added"
        if self.located:
            text += f"; {self.located} organization{'' if self.located == 1 else 's'} {verb}given a country"
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


@dataclass
class _Known:
    """A person already stored: what an import may change, and what their search keys are made of."""

    id: int
    name: str
    organization_id: int | None
    homepage: str | None
    external_id: str | None
    aliases: str | None
    lab: str | None = field(default=None, compare=False)
    research_areas: str | None = field(default=None, compare=False)
    email: str | None = field(default=None, compare=False)

    def row(self) -> dict[str, object]:
        search_name, search_text = person_keys(self.name, self.aliases, self.lab, self.research_areas, self.email)
        return {"_id": self.id, "name": self.name, "organization_id": self.organization_id, "homepage": self.homepage,
                "external_id": self.external_id, "aliases": self.aliases, "search_name": search_name,
                "search_text": search_text}


def _org_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _aliases(name: str, *spellings: str | None) -> str | None:
    """The spellings other than `name`, each once (as search compares them), one per line."""
    seen = {fold(name)}
    kept = []
    for spelling in (s for group in spellings if group for s in group.split(SEPARATOR)):
        if spelling.strip() and fold(spelling) not in seen:
            seen.add(fold(spelling))
            kept.append(spelling.strip())
    return SEPARATOR.join(kept) or None


class _Plan:
    """What to write: organizations, people to add and people to update, from one pass over the people."""

    def __init__(self, session: Session, report: FacultyReport, today: date) -> None:
        self.report, self.today = report, today
        self.orgs = {_org_key(n): i for i, n in session.execute(select(Organization.id, Organization.name))}
        self.new_orgs: dict[str, str] = {}
        """Folded name -> name as first written, of organizations to add."""
        self.by_id: dict[str, _Known] = {}
        self.by_name: dict[tuple[str, int | None], list[_Known]] = {}
        query = select(Person.id, Person.name, Person.organization_id, Person.homepage, Person.external_id,
                       Person.aliases, Person.lab, Person.research_areas, Person.email)
        for row in session.execute(query.order_by(Person.id)):
            known = _Known(*row)
            if known.external_id:
                self.by_id[known.external_id] = known
            for spelling in {display_name(known.name), *(known.aliases or "").split(SEPARATOR)} - {""}:
                self.by_name.setdefault((fold(spelling), known.organization_id), []).append(known)
        self.claimed: set[int] = set()
        self.added: list[tuple[FacultyPerson, str]] = []
        """People to add, with their organization's folded name."""
        self.changes: list[tuple[_Known, str | None]] = []
        """People to update (their new values), with the folded name of a new organization to give them."""

    def org_id(self, name: str) -> int | None:
        found = self.orgs.get(_org_key(name))
        if found is None:
            self.new_orgs.setdefault(_org_key(name), name)
        return found

    def _by_name(self, person: FacultyPerson, org_ids: list[int | None]) -> _Known | None:
        for org_id in org_ids:
            for spelling in person.spellings:
                for known in self.by_name.get((fold(spelling), org_id), []):
                    other_id = person.external_id and known.external_id and known.external_id != person.external_id
                    if known.id not in self.claimed and not other_id:
                        return known
        return None

    def take(self, person: FacultyPerson) -> None:
        org_ids = [self.org_id(a) for a in person.affiliations]
        primary = _org_key(person.affiliations[0])
        known = self.by_id.get(person.external_id) if person.external_id else None
        by_id = known is not None
        if known is None:
            known = self._by_name(person, [i for i in org_ids if i is not None])
        if known is None or known.id in self.claimed:
            self.added.append((person, primary))
            return
        self.claimed.add(known.id)
        stored = display_name(known.name)
        name = stored if not by_id or fold(stored) in {fold(s) for s in person.spellings} else person.name
        keep_org = known.organization_id is not None and known.organization_id in org_ids
        new = _Known(known.id, name, known.organization_id if keep_org else org_ids[0],
                     person.homepage or known.homepage, person.external_id or known.external_id,
                     _aliases(name, known.aliases, SEPARATOR.join(person.spellings), known.name),
                     known.lab, known.research_areas, known.email)
        if new == known:
            self.report.unchanged += 1
        else:
            self.changes.append((new, None if keep_org or org_ids[0] is not None else primary))

    def write(self, session: Session, progress: Progress | None) -> None:
        if self.new_orgs:
            organization = Organization.__table__  # type: ignore[attr-defined]
            session.execute(insert(organization), [{"name": n, "search_text": organization_key(n)}
                                                   for n in self.new_orgs.values()])
            self.orgs = {_org_key(n): i for i, n in session.execute(select(Organization.id, Organization.name))}
            self.report.organizations = len(self.new_orgs)
        people = []
        for person, org in self.added:
            search_name, search_text = person_keys(person.name, SEPARATOR.join(person.aliases), None, None, None)
            people.append({"name": person.name, "role": "professor", "organization_id": self.orgs[org],
                           "homepage": person.homepage, "external_id": person.external_id,
                           "aliases": SEPARATOR.join(person.aliases) or None, "search_name": search_name,
                           "search_text": search_text, "added_on": self.today})
        changes = []
        for new, org in self.changes:
            if org is not None:
                new.organization_id = self.orgs[org]
            changes.append(new.row())
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

    def locate(self, session: Session, countries: dict[str, Country], affiliations: set[str]) -> None:
        """Give organizations the country and region country-info.csv says (the file's others: US)."""
        rows = []
        for oid, name, country, region in session.execute(
                select(Organization.id, Organization.name, Organization.country, Organization.region)):
            found = countries.get(fold(name)) or (US if _org_key(name) in affiliations else None)
            if found is not None and (country, region) != (found.code, found.region):
                rows.append({"_id": oid, "country": found.code, "region": found.region})
        organization = Organization.__table__  # type: ignore[attr-defined]
        if rows:
            session.execute(update(organization).where(organization.c.id == bindparam("_id")), rows)
        self.report.located = len(rows)


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


def import_faculty(store: Store, path: Path, *, today: date, dry_run: bool = False, countries: Path | None = None,
                   progress: Progress | None = None) -> FacultyReport:
    """Import a faculty file in one transaction: every row, or (if any row is bad) nothing.

    `countries` is CSRankings' country-info.csv, read before anything is written.
    """
    report = FacultyReport(dry_run=dry_run)
    faculty = read_faculty(Path(path))
    where = read_countries(Path(countries)) if countries is not None else None
    report.rows, report.ignored, report.odd_ids = faculty.rows, faculty.ignored, faculty.odd_ids
    report.merged = sum(len(p.rows) - 1 for p in faculty.people)
    try:
        with store.write() as session:
            plan = _Plan(session, report, today)
            for person in faculty.people:
                plan.take(person)
            if dry_run:
                plan.write(session, progress)  # counts what it would do; rolled back below
                if where is not None:
                    plan.locate(session, where, {_org_key(a) for p in faculty.people for a in p.affiliations})
                raise _DryRun
            from tracker.store.safety.undo import record_import

            store.auto_backup("import")
            with record_import(session, path) as undo:
                plan.write(session, progress)
                if where is not None:
                    plan.locate(session, where, {_org_key(a) for p in faculty.people for a in p.affiliations})
                undo.description = f"faculty import of {Path(path).name}: {report.summary()}"
    except _DryRun:
        pass
    return report
