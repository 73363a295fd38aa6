"""Matching a faculty file's people with the store's: the `FacultyPlan` of what to write.

Pure: the people of the file (`tracker.io.faculty_rows`) and a `FacultySnapshot` in, a
`FacultyPlan` out; `tracker.io.faculty` says the rules, and the store writes the plan
(`Store.write_import`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.faculty_records import FacultyPlan, FacultySnapshot
from tracker.domain.folding import SEPARATOR, fold, person_keys
from tracker.domain.name_match import named, person_key
from tracker.domain.import_records import OrgRec
from tracker.io.faculty_rows import US, Country, FacultyPerson, display_name

if TYPE_CHECKING:
    from tracker.io.faculty import FacultyReport


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


def org_key(name: str) -> str:
    """An organization's name as the import compares it: any case, spacing and accent (CSRankings'
    "Bogazici University" is "Boğaziçi University"); `_org` prefers the name as written among several."""
    return fold(name)


def _aliases(name: str, *spellings: str | None) -> str | None:
    """The spellings other than `name`, each once (as search compares them), one per line."""
    seen = {fold(name)}
    kept = []
    for spelling in (s for group in spellings if group for s in group.split(SEPARATOR)):
        if spelling.strip() and fold(spelling) not in seen:
            seen.add(fold(spelling))
            kept.append(spelling.strip())
    return SEPARATOR.join(kept) or None


class Planner:
    """What to write, from one pass over the people of the file against a snapshot of the store."""

    def __init__(self, snapshot: FacultySnapshot, report: FacultyReport, today: date) -> None:
        self.report, self.snapshot = report, snapshot
        self.plan = FacultyPlan(today)
        self.by_org_id: dict[int, OrgRec] = {}
        self.orgs: dict[str, list[OrgRec]] = {}
        """Folded name -> organizations (stored, or new in this import)."""
        self.written: dict[str, OrgRec] = {}
        """Each affiliation as written in the file -> its organization."""
        for oid, name, _country, _region in snapshot.orgs:
            self.by_org_id[oid] = OrgRec(oid, name)
            self.orgs.setdefault(org_key(name), []).append(self.by_org_id[oid])
        self.by_id: dict[str, _Known] = {}
        self.by_name: dict[tuple[str, int | None], list[_Known]] = {}
        for row in snapshot.people:
            known = _Known(*row)
            if known.external_id:
                self.by_id[known.external_id] = known
            for spelling in {display_name(known.name), *(known.aliases or "").split(SEPARATOR)} - {""}:
                # as written, and without the titles it starts with: "Prof. Arzucan Özgür", typed by hand,
                # is the directory's "Arzucan Ozgur" at the same university
                for key in {fold(spelling), person_key(spelling)}:
                    self.by_name.setdefault((key, known.organization_id), []).append(known)
        self.claimed: set[int] = set()

    def _org(self, name: str) -> OrgRec:
        found = self.written.get(name)
        if found is None:
            same = self.orgs.setdefault(org_key(name), [])
            picked = [same[i] for i in named([o.name for o in same], name)]
            if picked:
                found = picked[0]
            else:
                found = OrgRec(None, name)
                same.append(found)
                self.plan.new_orgs.append(found)
            self.written[name] = found
        return found

    def _by_name(self, person: FacultyPerson, org_ids: list[int]) -> _Known | None:
        for org_id in org_ids:
            for spelling in person.spellings:
                # as written, else without titles and hyphens ("Seoyeon Kim" is the stored "Seo-yeon Kim")
                for known in [*self.by_name.get((fold(spelling), org_id), ()),
                              *self.by_name.get((person_key(spelling), org_id), ())]:
                    other_id = person.external_id and known.external_id and known.external_id != person.external_id
                    if known.id not in self.claimed and not other_id:
                        return known
        return None

    def take(self, person: FacultyPerson) -> None:
        """Plan one person of the file: added, updated, or unchanged."""
        orgs = [self._org(a) for a in person.affiliations]
        external_id = person.external_id
        known = self.by_id.get(external_id) if external_id and self.by_id else None
        by_id = known is not None
        if known is None and self.by_name:
            known = self._by_name(person, [o.id for o in orgs if o.id is not None])
        if known is None or known.id in self.claimed:
            name, aliases = person.name, SEPARATOR.join(person.aliases) or None
            search_name, search_text = person_keys(name, aliases, None, None, None)
            self.plan.added.append((name, orgs[0], person.homepage, external_id, aliases, search_name, search_text))
            return
        self.claimed.add(known.id)
        org_ids = [o.id for o in orgs]
        stored = display_name(known.name)
        name = stored if not by_id or fold(stored) in {fold(s) for s in person.spellings} else person.name
        keep_org = known.organization_id is not None and known.organization_id in org_ids
        new = _Known(known.id, name, known.organization_id if keep_org else org_ids[0],
                     person.homepage or known.homepage, external_id or known.external_id,
                     _aliases(name, known.aliases, SEPARATOR.join(person.spellings), known.name),
                     known.lab, known.research_areas, known.email)
        if new == known:
            self.report.unchanged += 1
            return
        org = self.by_org_id[known.organization_id] if keep_org else orgs[0]  # type: ignore[index]
        search_name, search_text = person_keys(new.name, new.aliases, new.lab, new.research_areas, new.email)
        self.plan.changed.append((new.id, new.name, org, new.homepage, new.external_id, new.aliases, search_name,
                                  search_text))

    def locate(self, snapshot: FacultySnapshot, countries: dict[str, Country], affiliations: set[str]) -> None:
        """Give organizations the country and region country-info.csv says (the file's others: US)."""
        for oid, name, country, region in snapshot.orgs:
            found = countries.get(fold(name)) or (US if org_key(name) in affiliations else None)
            if found is not None and (country, region) != (found.code, found.region):
                self.plan.located.append((self.by_org_id[oid], found.code, found.region))
        for org in self.plan.new_orgs:
            found = countries.get(fold(org.name)) or (US if org_key(org.name) in affiliations else None)
            if found is not None:
                self.plan.located.append((org, found.code, found.region))

    def run(self, people: list[FacultyPerson], countries: dict[str, Country] | None) -> FacultyPlan:
        """The plan for these people (and, with `countries`, the organizations' countries); counts reported."""
        for person in people:
            self.take(person)
        if countries is not None:
            self.locate(self.snapshot, countries, {org_key(a) for p in people for a in p.affiliations})
        plan = self.plan
        self.report.added, self.report.updated = len(plan.added), len(plan.changed)
        self.report.organizations, self.report.located = len(plan.new_orgs), len(plan.located)
        return plan
