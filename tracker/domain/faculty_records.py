"""What a faculty import will write: plain records, no SQL, no files.

The planner (`tracker.io.faculty_plan`) builds a `FacultyPlan` against a `FacultySnapshot` of
what is stored; a store writes it (`tracker.store.writes.faculty_writes`, or its SQLite variant
`faculty_sqlite`). Both sides import them from here, so the store does not depend on `tracker.io`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.import_records import OrgRec

KNOWN_COLUMNS = ("id", "name", "organization_id", "homepage", "external_id", "aliases", "lab", "research_areas",
                 "email")
"""What a snapshot holds of each stored person, in this order."""
ORG_COLUMNS = ("id", "name", "country", "region")
"""What a snapshot holds of each organization, in this order."""
CHANGED_COLUMNS = ("name", "organization_id", "homepage", "external_id", "aliases", "search_name", "search_text")
"""The person columns an import updates (by id), in the order of `FacultyPlan.change_rows`."""
ADDED_COLUMNS = ("name", "role", "organization_id", "homepage", "external_id", "aliases", "search_name",
                 "search_text", "added_on")
"""The person columns an import inserts, in the order of `FacultyPlan.added_rows`."""
ROLE = "professor"
"""The role of everyone a faculty import adds."""
BATCH = 2000
"""Rows per INSERT/UPDATE statement (and per step of the progress bar)."""


@dataclass
class FacultySnapshot:
    """What is stored that a faculty import compares with, read once."""

    orgs: list[tuple[int, str, str | None, str | None]]
    """(id, name, country, region) of every organization, by id."""
    people: list[tuple]  # type: ignore[type-arg]
    """`KNOWN_COLUMNS` of every person, by id."""


@dataclass
class FacultyPlan:
    """Everything a faculty import writes: the organizations to add, the people to add and to update,
    the organizations to locate. New organizations are `OrgRec`s whose id the writer sets."""

    today: date
    new_orgs: list[OrgRec] = field(default_factory=list)
    added: list[tuple] = field(default_factory=list)  # type: ignore[type-arg]
    """Per person to add: (name, OrgRec, homepage, external_id, aliases, search_name, search_text)."""
    changed: list[tuple] = field(default_factory=list)  # type: ignore[type-arg]
    """Per person to update: (id, name, OrgRec, homepage, external_id, aliases, search_name, search_text)."""
    located: list[tuple[OrgRec, str, str]] = field(default_factory=list)
    """(organization, country code, region) to set."""

    @property
    def backdates(self) -> dict[int, date]:
        """None: a faculty import moves no history entry back (as a CSV import's `Plan.backdates` may)."""
        return {}

    def kept(self) -> dict[str, list[int]]:
        """The stored rows this plan updates, by table (what `tracker undo` must keep as they were)."""
        return {"person": [row[0] for row in self.changed],
                "organization": [org.id for org, _code, _region in self.located if org.id is not None]}

    def added_rows(self, added_on: object) -> list[tuple]:  # type: ignore[type-arg]
        """`ADDED_COLUMNS` of each person to add, `added_on` being `today` as the store writes a date
        (organization ids known: after the organizations are written)."""
        return [(name, ROLE, org.id, homepage, external_id, aliases, search_name, search_text, added_on)
                for name, org, homepage, external_id, aliases, search_name, search_text in self.added]

    def change_rows(self) -> list[tuple]:  # type: ignore[type-arg]
        """(`CHANGED_COLUMNS`..., id) of each person to update."""
        return [(name, org.id, homepage, external_id, aliases, search_name, search_text, person_id)
                for person_id, name, org, homepage, external_id, aliases, search_name, search_text in self.changed]

    def located_rows(self) -> list[tuple[str, str, int]]:
        """(country, region, organization id) of each organization to locate."""
        return [(code, region, org.id) for org, code, region in self.located]
