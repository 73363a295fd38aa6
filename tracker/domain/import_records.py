"""What an import will write: plain records, no SQL, no files.

The planner (`tracker.io.import_rows`) builds a `Plan` of these records against a `Snapshot` of
what is stored; a store writes it (`tracker.store.writes.import_writes`, or its SQLite variant
`import_sqlite`). Both sides import them from here, so the store does not depend on `tracker.io`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.domain.folding import opportunity_key, organization_key, person_keys

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

    def kept(self) -> dict[str, list[int]]:
        """The stored rows this plan updates, by table (what `tracker undo` must keep as they were)."""
        return {"person": list(self.changed_people), "opportunity": list(self.changed_opps)}

    def interaction_rows(self) -> list[dict[str, Any]]:
        """The interactions as column dicts, ids resolved (call after people and opportunities are written)."""
        return [{"on": on, "channel": channel, "direction": direction, "person_id": person.id,
                 "opportunity_id": opp.id if opp else None, "subject": subject, "paper": paper, "notes": notes,
                 "follow_up_on": follow_up}
                for on, channel, direction, person, opp, subject, paper, notes, follow_up in self.interactions]
