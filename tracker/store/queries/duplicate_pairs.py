"""Every likely duplicate already in the database: pairs of people, pairs of opportunities.

For cleaning up after importing spreadsheets (`tracker duplicates`, the TUI's "Find
duplicates"). A pair is: two records at the same organization, or at two organizations
whose names look like one written two ways ("TU Darmstadt", "Technische Universität
Darmstadt"), or one of them without an organization, with close names or titles (the
guard's rules, `tracker.domain.similar`); or two people with the same e-mail address or
LinkedIn profile. Unlike the guard, the same name at two unrelated organizations is not listed:
namesakes are common ("Wei Wang" teaches at dozens of universities). A homepage is not an
address: a department's page is shared by everyone in it (hundreds, in CSRankings' file).

Not every pair is compared (5,000 people make 12 million pairs). Records are put in buckets,
and only records sharing a bucket are compared: the same letters in any order (the same
name however spaced or ordered); one word in common at the same organization (or group of
organizations written two ways): a typo, a middle initial, an extra name; the same address;
for titles, the same words anywhere, or a distinctive word or an acronym in common at the
same organization. A bucket holding more than `BUCKET_LIMIT` records (a word every name
has) is not compared within.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.domain.similar import (
    CLOSE,
    NameKey,
    Similarity,
    compare_name_keys,
    name_key,
)
from tracker.domain.similar_titles import (
    TitleKey,
    acronyms,
    compare_title_keys,
    compare_titles,
    contacts_differ,
    cycle_marks,
    marks_differ,
    organizations_alike,
    title_key,
    title_words,
)
from tracker.domain.similar_titles import ORGANIZATION_FILLER, ORGANIZATION_WORDS
from tracker.store.models import Opportunity, Organization, Person

__all__ = ["DuplicatePair", "DuplicateReport", "Record", "duplicate_pairs"]

BUCKET_LIMIT = 400
"""Buckets bigger than this are not compared within (their pairs share only a very common word)."""


@dataclass(frozen=True)
class Record:
    """One side of a pair: a person or an opportunity, with what tells it apart."""

    id: int
    name: str
    """The person's name or the opportunity's title."""
    detail: str
    """ "professor, GIST" or "outreach, GIST, contacted"."""

    def __str__(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "detail": self.detail}


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that are probably one."""

    first: Record
    second: Record
    score: float
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"first": self.first.as_dict(), "second": self.second.as_dict(), "score": self.score,
                "reason": self.reason}


@dataclass
class DuplicateReport:
    """What `duplicate_pairs` found, and how many records it looked at."""

    people: list[DuplicatePair] = field(default_factory=list)
    opportunities: list[DuplicatePair] = field(default_factory=list)
    people_checked: int = 0
    opportunities_checked: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "people": [p.as_dict() for p in self.people],
            "opportunities": [p.as_dict() for p in self.opportunities],
            "people_checked": self.people_checked,
            "opportunities_checked": self.opportunities_checked,
        }


def _pairs(buckets: Iterable[list[int]]) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for members in buckets:
        if len(members) < 2 or len(members) > BUCKET_LIMIT:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                found.add((a, b) if a < b else (b, a))
    return found


def _bucket(items: Iterable[tuple[int, Iterable[Hashable]]]) -> dict[Hashable, list[int]]:
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for index, keys in items:
        for key in set(keys):
            buckets[key].append(index)
    return buckets


def _sorted(pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    return sorted(pairs, key=lambda p: (-p.score, p.first.name.casefold(), p.second.name.casefold(), p.first.id))


def _address(text: str | None) -> str | None:
    """An e-mail address or a profile's URL, as compared: case, scheme, "www." and a final "/" aside."""
    if not text or not text.strip():
        return None
    folded = text.strip().casefold().removeprefix("mailto:")
    for prefix in ("https://", "http://", "www."):
        folded = folded.removeprefix(prefix)
    return folded.rstrip("/") or None


def _people(session: Session) -> tuple[list[DuplicatePair], int]:
    rows = session.execute(
        select(Person.id, Person.name, Person.role, Person.organization_id, Organization.name,
               Person.email, Person.linkedin)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .order_by(Person.id)
    ).all()
    keys: list[NameKey] = [name_key(row[1]) for row in rows]
    orgs: list[int | None] = [row[3] for row in rows]
    addresses = [{a for a in map(_address, row[5:7]) if a} for row in rows]
    same_letters = _bucket((i, [k.letters]) for i, k in enumerate(keys) if k.words)
    # One word in common at the same organization; people without one are compared with everyone.
    groups = organization_groups(session)
    place = [groups.get(o) if o is not None else None for o in orgs]
    near = _bucket((i, [(place[i], w) for w in k.words if len(w) > 1]) for i, k in enumerate(keys))
    loose = _bucket((i, k.words) for i, k in enumerate(keys) if orgs[i] is None)
    anywhere = _bucket((i, [w for w in k.words if w in loose]) for i, k in enumerate(keys)) if loose else {}
    same_address = _bucket(enumerate(addresses))
    candidates = _pairs(same_letters.values()) | _pairs(near.values()) | _pairs(same_address.values())
    candidates |= {p for p in _pairs(anywhere.values()) if orgs[p[0]] is None or orgs[p[1]] is None}
    def alike(a: int | None, b: int | None) -> bool:
        return a is not None and b is not None and groups.get(a) == groups.get(b)

    def decide(a: int, b: int) -> Similarity | None:
        if addresses[a] and addresses[a] & addresses[b]:
            return Similarity(1.0, "same e-mail address or LinkedIn profile")
        if orgs[a] is None or orgs[b] is None or orgs[a] == orgs[b]:
            similarity = compare_name_keys(keys[a], keys[b])
            return similarity if similarity.score >= CLOSE else None
        if not alike(orgs[a], orgs[b]):
            return None
        similarity = compare_name_keys(keys[a], keys[b])
        if similarity.score >= CLOSE:
            return Similarity(similarity.score, f"{similarity.reason}, organizations written two ways")
        return None

    def record(i: int) -> Record:
        return Record(rows[i][0], rows[i][1], ", ".join(p for p in (rows[i][2], rows[i][4]) if p))

    return _collect(candidates, decide, record), len(rows)


def organization_groups(session: Session) -> dict[int, int]:
    """Each organization's group: organizations whose names look like one written two ways share one.

    ("TU Darmstadt" and "Technische Universität Darmstadt", "NTU" and "NTU Singapore".) Only
    names sharing a word or an acronym are compared; the groups are the connected ones.
    """
    names = {oid: name for oid, name in session.execute(select(Organization.id, Organization.name))}
    keys = {oid: _organization_keys(name) for oid, name in names.items()}
    group = {oid: oid for oid in names}

    def root(oid: int) -> int:
        while group[oid] != oid:
            group[oid] = group[group[oid]]
            oid = group[oid]
        return oid

    for a, b in _pairs(_bucket(keys.items()).values()):
        if root(a) != root(b) and organizations_alike(names[a], names[b]):
            group[root(a)] = root(b)
    return {oid: root(oid) for oid in names}


def _organization_keys(name: str) -> set[str]:
    words = tuple(w for w in title_words(name) if w not in ORGANIZATION_FILLER)
    distinctive = tuple(w for w in words if w not in ORGANIZATION_WORDS)
    keys = set(distinctive) | acronyms(words) | {"".join(w[0] for w in words)}
    return {k for k in keys if len(k) > 1}


def _collect(
    candidates: set[tuple[int, int]], decide: Callable[[int, int], Similarity | None], record: Callable[[int], Record]
) -> list[DuplicatePair]:
    found = []
    for a, b in candidates:
        similarity = decide(a, b)
        if similarity is not None:
            found.append(DuplicatePair(record(a), record(b), similarity.score, similarity.reason))
    return _sorted(found)


def _title_buckets(key: TitleKey) -> list[str]:
    words = [w for w in key.distinctive if len(w) > 1]
    return words + sorted(acronyms(key.distinctive)) if words else [""]


def _opportunities(session: Session) -> tuple[list[DuplicatePair], int]:
    contact = aliased(Person)
    rows = session.execute(
        select(Opportunity.id, Opportunity.title, Opportunity.kind, Opportunity.stage, Opportunity.cycle,
               Opportunity.organization_id, Organization.name, contact.name)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(contact, contact.id == Opportunity.contact_id)
        .order_by(Opportunity.id)
    ).all()
    keys = [title_key(row[1], row[6]) for row in rows]
    orgs: list[int | None] = [row[5] for row in rows]
    same_words = _bucket((i, [tuple(sorted(k.words))]) for i, k in enumerate(keys))
    groups = organization_groups(session)
    place = [groups.get(o) if o is not None else None for o in orgs]
    near = _bucket((i, [(place[i], b) for b in _title_buckets(k)]) for i, k in enumerate(keys))
    loose = _bucket((i, _title_buckets(title_key(rows[i][1]))) for i in range(len(rows)) if orgs[i] is None)
    anywhere = (
        _bucket((i, [b for b in _title_buckets(title_key(rows[i][1])) if b in loose]) for i in range(len(rows)))
        if loose else {}
    )
    candidates = _pairs(same_words.values()) | _pairs(near.values())
    candidates |= {p for p in _pairs(anywhere.values()) if orgs[p[0]] is None or orgs[p[1]] is None}
    def alike(a: int | None, b: int | None) -> bool:
        return a is not None and b is not None and groups.get(a) == groups.get(b)

    marks = [cycle_marks(f"{row[1]} {row[4] or ''}") for row in rows]

    def decide(a: int, b: int) -> Similarity | None:
        ra, rb = rows[a], rows[b]
        if marks_differ(marks[a], marks[b]) or contacts_differ(ra[7], rb[7]):
            return None
        if orgs[a] == orgs[b]:
            similarity = compare_title_keys(keys[a], keys[b])
        elif orgs[a] is None or orgs[b] is None:
            similarity = compare_titles(ra[1], rb[1], organization=ra[6] or rb[6])
        elif alike(orgs[a], orgs[b]):
            similarity = compare_titles(ra[1], rb[1], organization=ra[6])
            if similarity.score >= CLOSE:
                return Similarity(similarity.score, f"{similarity.reason}, organizations written two ways")
            return None
        else:
            return None
        return similarity if similarity.score >= CLOSE else None

    def record(i: int) -> Record:
        return Record(rows[i][0], rows[i][1], ", ".join(p for p in (rows[i][2], rows[i][6], rows[i][3]) if p))

    return _collect(candidates, decide, record), len(rows)


def duplicate_pairs(session: Session) -> DuplicateReport:
    """The likely duplicate people and opportunities, best first."""
    people, people_checked = _people(session)
    opportunities, opportunities_checked = _opportunities(session)
    return DuplicateReport(people, opportunities, people_checked, opportunities_checked)
