"""Reading a faculty directory (CSRankings' `csrankings.csv`) into people, and `country-info.csv`.

CSRankings lists a professor once per spelling of their name, each row with the same Google
Scholar id ("A. Akbari Azirani", "A. Akbariazirani", "Ahmad Akbari Azirani"); DBLP's homonym
numbers end some names ("Aaron Roth 0001"); some people are listed at two affiliations; many
share a department's homepage. So the rows are grouped into people before anything is stored:

- rows with the same Scholar id are one person;
- rows without one ("NOSCHOLARPAGE", blank, or not an id, such as "#NAME?") with the same name
  once the DBLP number is removed, at the same affiliation, are one person; a row without one
  that has the very name of a Scholar-id row at the same affiliation is that person;
- a homepage is never a reason to group (departments share them).

A person's name is their fullest spelling (no initials first, then the most words, then the
longest, then the first in the file), without the DBLP number; the other spellings are kept as
aliases, which search finds. Their organization is their first affiliation in the file.

Pure: files in, plain values out; `tracker.io.faculty` matches them to the store and writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from tracker.domain.folding import fold
from tracker.domain.errors import TrackerError
from tracker.io.headers import header_key, read_csv_file

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
MAX_LISTED = 20
"""Bad lines listed in the error; the rest are counted."""

_SCHOLAR_ID = re.compile(r"[A-Za-z0-9_-]+")
_DBLP_NUMBER = re.compile(r"\s+\d{4}$")
_INITIAL = re.compile(r"\w\.?", re.UNICODE)


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


class FacultyRow(NamedTuple):
    """One good row of the file."""

    line: int
    name: str
    """As written, DBLP number and all."""
    affiliation: str
    homepage: str | None
    external_id: str | None


class FacultyPerson:
    """The rows of one person: what the store gets."""

    __slots__ = ("affiliations", "rows", "spellings")

    def __init__(self, row: FacultyRow) -> None:
        self.rows = [row]
        self.spellings = [display_name(row.name)]
        """Their names without DBLP numbers, first seen first, each once (as search compares them)."""
        self.affiliations = [row.affiliation]

    @property
    def external_id(self) -> str | None:
        if len(self.rows) == 1:  # nearly everyone
            return self.rows[0].external_id
        return next((r.external_id for r in self.rows if r.external_id), None)

    @property
    def name(self) -> str:
        """The fullest spelling."""
        if len(self.spellings) == 1:  # nearly everyone: nothing to choose from
            return self.spellings[0]
        return max(self.spellings, key=lambda s: (_no_initials(s), len(s.split()), len(s), -self.spellings.index(s)))

    @property
    def aliases(self) -> list[str]:
        """The other spellings."""
        if len(self.spellings) == 1:
            return []
        chosen = self.name
        return [s for s in self.spellings if s != chosen]

    @property
    def homepage(self) -> str | None:
        if len(self.rows) == 1:
            return self.rows[0].homepage
        return next((r.homepage for r in self.rows if r.homepage), None)

    def add(self, row: FacultyRow) -> None:
        """Another row of this person."""
        self.rows.append(row)
        name = display_name(row.name)
        if fold(name) not in {fold(s) for s in self.spellings}:
            self.spellings.append(name)
        if fold(row.affiliation) not in {fold(a) for a in self.affiliations}:
            self.affiliations.append(row.affiliation)


def display_name(name: str) -> str:
    """A name without DBLP's homonym number: "Aaron Roth 0001" -> "Aaron Roth"."""
    return _DBLP_NUMBER.sub("", name) if name[-1:].isdigit() else name


def _no_initials(name: str) -> bool:
    return not any(_INITIAL.fullmatch(word) for word in name.split())


@dataclass
class FacultyFile:
    """What the file holds."""

    people: list[FacultyPerson]
    rows: int
    ignored: list[str]
    """Headers of columns the import does not read."""
    odd_ids: list[tuple[int, str]]
    """(line, value) of scholarid cells that are not a Scholar id; those rows are grouped by name."""


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


def read_rows(path: Path) -> tuple[list[FacultyRow], list[str], list[tuple[int, str]], int]:
    """The good rows, ignored headers, odd Scholar ids and row count; raises FacultyImportFailed."""
    header, records = read_csv_file(path)
    where, ignored = _columns(header, str(path))
    width = len(header)
    name_at, org_at = where["name"], where["affiliation"]
    home_at, id_at = where.get("homepage"), where.get("scholarid")
    rows: list[FacultyRow] = []
    problems: list[tuple[int, str]] = []
    odd: list[tuple[int, str]] = []
    count = 0
    for line, cells in records:
        count += 1
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
                odd.append((line, scholar))
        rows.append(FacultyRow(line, name, affiliation, homepage, external_id))
    if problems:
        raise FacultyImportFailed(str(path), problems)
    return rows, ignored, odd, count


def group(rows: list[FacultyRow]) -> list[FacultyPerson]:
    """The people the rows name (see the module docstring), in the order they first appear."""
    people: list[FacultyPerson] = []
    by_id: dict[str, FacultyPerson] = {}
    unknown: list[FacultyRow] = []
    for row in rows:
        if row.external_id:
            person = by_id.get(row.external_id)
            if person is None:
                person = by_id[row.external_id] = FacultyPerson(row)
                people.append(person)
            else:
                person.add(row)
        else:
            unknown.append(row)
    if not unknown:
        return people
    written = {(fold(r.name), fold(r.affiliation)): by_id[r.external_id] for r in rows if r.external_id}
    at: dict[tuple[str, str], FacultyPerson] = {}
    for row in unknown:
        person = written.get((fold(row.name), fold(row.affiliation)))  # a row of a Scholar-id person, as written
        if person is None:
            key = (fold(display_name(row.name)), fold(row.affiliation))
            person = at.get(key)
            if person is None:
                at[key] = FacultyPerson(row)
                people.append(at[key])
                continue
        person.add(row)
    return people


def read_faculty(path: Path) -> FacultyFile:
    """The people of a faculty file; raises FacultyImportFailed listing every bad line."""
    rows, ignored, odd, count = read_rows(path)
    return FacultyFile(group(rows), count, ignored, odd)


@dataclass(frozen=True)
class Country:
    """Where an institution is, as CSRankings' country-info.csv says."""

    code: str
    """Two letters, upper case, as CSRankings writes them ("KR", "UK", "CH")."""
    region: str
    """"asia", "europe", "northamerica"..."""


US = Country("US", "northamerica")
"""Where CSRankings puts every institution its country-info.csv does not list."""


def read_countries(path: Path) -> dict[str, Country]:
    """country-info.csv (`institution,region,countryabbrv`): folded institution -> Country."""
    header, records = read_csv_file(path)
    keys = [header_key(h) for h in header]
    try:
        name_at, region_at, code_at = keys.index("institution"), keys.index("region"), keys.index("countryabbrv")
    except ValueError:
        raise TrackerError(f"{path} is not CSRankings' country-info.csv: it needs the columns "
                           "institution,region,countryabbrv") from None
    found: dict[str, Country] = {}
    problems: list[tuple[int, str]] = []
    for line, cells in records:
        if len(cells) <= max(name_at, region_at, code_at):
            problems.append((line, f"{len(cells)} cells where the header has {len(header)}"))
            continue
        name, region, code = (cells[i].strip() for i in (name_at, region_at, code_at))
        if not name or not re.fullmatch(r"[A-Za-z]{2}", code):
            problems.append((line, "no institution" if not name else f'"{code}" is not a two-letter country'))
            continue
        found[fold(name)] = Country(code.upper(), region.lower())
    if problems:
        raise FacultyImportFailed(str(path), problems)
    return found
