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
cells), nothing is written and every bad line is reported. How: the store's organizations and
people are read once (a `FacultySnapshot`), every person of the file is matched against them
(`tracker.io.faculty_plan`, pure), and the resulting plan is written with bulk statements
(`Store.write_import`: on SQLite over the `sqlite3` module alone, elsewhere through SQLAlchemy),
recorded for `tracker undo` in the same transaction; a dry run writes and records nothing. The
console script's fast path (`tracker.entry.faculty_file`) calls the same `import_faculty` before
Typer is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.io.faculty_plan import Planner
from tracker.io.faculty_rows import FacultyImportFailed, read_countries, read_faculty
from tracker.system import collector

if TYPE_CHECKING:
    from tracker.store.engine.store import Store

__all__ = ["FacultyImportFailed", "FacultyReport", "import_faculty"]

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


def import_faculty(store: Store, path: Path, *, today: date, dry_run: bool = False, countries: Path | None = None,
                   progress: Progress | None = None) -> FacultyReport:
    """Import a faculty file in one transaction: every row, or (if any row is bad) nothing.

    `countries` is CSRankings' country-info.csv, read before anything is written.
    """
    with collector.paused():  # 30,000 rows, people and plans, freed when it returns (see `collector`)
        return _import(store, Path(path), today=today, dry_run=dry_run, countries=countries, progress=progress)


def _import(store: Store, path: Path, *, today: date, dry_run: bool, countries: Path | None,
            progress: Progress | None) -> FacultyReport:
    report = FacultyReport(dry_run=dry_run)
    faculty = read_faculty(Path(path))
    where = read_countries(Path(countries)) if countries is not None else None
    report.rows, report.ignored, report.odd_ids = faculty.rows, faculty.ignored, faculty.odd_ids
    report.merged = sum(len(p.rows) - 1 for p in faculty.people)

    def plan_for(snapshot: Any) -> Any:
        return Planner(snapshot, report, today).run(faculty.people, where)

    store.write_import("faculty", plan_for, path=Path(path), dry_run=dry_run, progress=progress,
                       describe=lambda: f"faculty import of {Path(path).name}: {report.summary()}")
    return report
