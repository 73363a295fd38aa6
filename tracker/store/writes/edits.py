"""Editing people and opportunities, and the reads that forms need (names, current values).

`update_person` and `update_opportunity` change only the fields they are given and
validate them as `tracker.store.writes.records` does when adding. They run in the caller's
transaction. The readers return plain values (strings, dates, dicts), never live rows,
so a thread worker can hand them to the UI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.domain.choices import choose
from tracker.domain.gpa import GpaError, parse_gpa
from tracker.domain.vocab import KINDS, ROLES
from tracker.domain.errors import ChangedElsewhere, InvalidInput, NotFound, TrackerError
from tracker.store.models import LetterRequest, Opportunity, Organization, Person, Profile
from tracker.store.queries.lookup import (find_opportunity, find_person, get_or_create_organization, name_key,
                                         person_reference, twin_label)
from tracker.store.writes.records import _clean, _require, follow_up_days, set_deadline

NAMES_LIMIT = 20_000
"""At most this many names are handed to an autocomplete list."""

PERSON_FIELDS = frozenset(
    {"name", "role", "organization", "lab", "email", "linkedin", "homepage", "research_areas", "how_met",
     "keep_in_touch_days", "notes"}
)
"""Fields `update_person` accepts (`organization` is a name, created if new)."""

OPPORTUNITY_FIELDS = frozenset(
    {"title", "kind", "organization", "lab", "contact", "cycle", "deadline", "deadline_tz", "letters_required",
     "min_gpa", "location_rule", "stipend", "url", "notes"}
)
"""Fields `update_opportunity` accepts (`organization` and `contact` are names; the stage moves elsewhere)."""

_PERSON_TEXT = ("lab", "email", "linkedin", "homepage", "research_areas", "how_met", "notes")
_OPPORTUNITY_TEXT = ("lab", "cycle", "location_rule", "stipend", "url", "notes")


def _check_fields(given: dict[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise TypeError(f"cannot update {what} field(s): {', '.join(unknown)}")


def merged(now: dict[str, Any], base: dict[str, Any], mine: Collection[str], fields: dict[str, Any],
           label: str) -> dict[str, Any]:
    """The fields an edit writes, merged with what was saved elsewhere since the editor read `base`.

    `now` and `base` are the record's values (`person_values`, `opportunity_values`) as they are and as
    they were read; `mine` the fields the user changed. The fields whose value changed since keep it
    (a lab typed on the other machine; the stage, which no form edits, moves freely); the others are
    written. A field changed on both sides is refused (ChangedElsewhere naming it, with its value now),
    nothing written. Values are compared, not versions: a program that writes the file without
    counting versions (the sqlite3 shell, DB Browser) is seen as well.
    """
    theirs = {key for key in fields if now.get(key) != base.get(key)}
    both = tuple(key for key in fields if key in theirs and key in mine)
    if both:
        raise ChangedElsewhere(f"{label} was changed elsewhere since you opened it", fields=both,
                               values={key: now.get(key) for key in both})
    return {key: value for key, value in fields.items() if key not in theirs}


def update_person(session: Session, *, person_id: int, base: dict[str, Any] | None = None,
                  mine: Collection[str] = (), **fields: Any) -> Person:
    """Change the given fields of a person; the same checks as adding one.

    With `base` (the values the caller read, `person_values`) and `mine` (the fields the user changed),
    what was saved elsewhere since is kept and a field changed on both sides refused (`merged`).

    An empty organization clears it; a new organization name creates it. Two people
    of the same name at the same organization are refused, as when adding.
    """
    _check_fields(fields, PERSON_FIELDS, "person")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    if base is not None:
        fields = merged(person_values(session, person_id), base, mine, fields, person.name)
    if "name" in fields:
        person.name = _require(fields["name"], "a person's name")
    if "role" in fields:
        person.role = choose(fields["role"], ROLES, "role")
    org: Organization | None
    if "organization" in fields:
        org = get_or_create_organization(session, fields["organization"])
        person.organization_id = org.id if org else None
    else:
        org = session.get(Organization, person.organization_id) if person.organization_id else None
    if "name" in fields or "organization" in fields:
        same = session.exec(
            select(Person).where(
                func.lower(Person.name) == person.name.lower(),
                Person.organization_id == person.organization_id,
                Person.id != person.id,
            )
        ).first()
        if same is not None:
            where = f" at {org.name}" if org else ""
            raise InvalidInput(f'"{same.name}"{where} already exists')
    if "keep_in_touch_days" in fields:
        days = fields["keep_in_touch_days"]
        if days is not None and days <= 0:
            raise InvalidInput("the keep-in-touch interval must be at least one day")
        person.keep_in_touch_days = days
    for name in _PERSON_TEXT:
        if name in fields:
            setattr(person, name, _clean(fields[name]))
    session.add(person)
    session.flush()
    return person


def update_opportunity(session: Session, *, opportunity_id: int, base: dict[str, Any] | None = None,
                       mine: Collection[str] = (), **fields: Any) -> Opportunity:
    """Change the given fields of an opportunity; the same checks as adding one (`base` and `mine`: as for
    `update_person`).

    `deadline` is a date, an aware datetime (give `deadline_tz` with it) or None to clear
    it. `min_gpa` is checked and stored in its canonical form ("8/10"). An empty contact
    or organization clears it. The stage is not changed here (see `records.record_stage`).
    """
    _check_fields(fields, OPPORTUNITY_FIELDS, "opportunity")
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    if base is not None:
        fields = merged(opportunity_values(session, opportunity_id), base, mine, fields, f'"{opp.title}"')
    if "title" in fields:
        title = _require(fields["title"], "an opportunity's title")
        clash = session.exec(
            select(Opportunity).where(func.lower(Opportunity.title) == title.lower(), Opportunity.id != opp.id)
        ).first()
        if clash is not None:
            raise InvalidInput(f'an opportunity titled "{title}" already exists')
        opp.title = title
    if "kind" in fields:
        opp.kind = choose(fields["kind"], KINDS, "kind")
    if "organization" in fields:
        org = get_or_create_organization(session, fields["organization"])
        opp.organization_id = org.id if org else None
    if "contact" in fields:
        contact = _clean(fields["contact"])
        opp.contact_id = find_person(session, contact).id if contact else None
    if "letters_required" in fields:
        letters = fields["letters_required"]
        if letters is None or letters < 0 or letters > 20:
            raise InvalidInput("letters required must be a number of letters from 0 to 20")
        opp.letters_required = letters
    if "min_gpa" in fields:
        opp.min_gpa = _canonical_gpa(fields["min_gpa"])
    if "deadline" in fields:
        set_deadline(opp, fields["deadline"], fields.get("deadline_tz"))
    elif "deadline_tz" in fields:
        raise TypeError("deadline_tz is only accepted together with deadline")
    for name in _OPPORTUNITY_TEXT:
        if name in fields:
            setattr(opp, name, _clean(fields[name]))
    session.add(opp)
    session.flush()
    return opp


def _canonical_gpa(text: str | None) -> str | None:
    cleaned = _clean(text)
    if cleaned is None:
        return None
    try:
        return str(parse_gpa(cleaned))
    except GpaError as err:
        raise InvalidInput(str(err)) from None


# --- names for autocomplete ------------------------------------------------------------------------


def person_names(session: Session, *, limit: int = NAMES_LIMIT) -> list[str]:
    """People's names, most recently added first (they are the likeliest to be typed). A name that
    several people bear comes once per person, with their id and organization (`twin_label`): what
    the lookup takes for that one person."""
    rows = list(session.exec(
        select(Person.id, Person.name, Organization.name)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .order_by(Person.id.desc()).limit(limit)  # type: ignore[union-attr]
    ))
    bearers = Counter(name_key(name) for _id, name, _org in rows)
    return _unique(twin_label(name, person_id, org) if bearers[name_key(name)] > 1 else name
                   for person_id, name, org in rows)


def organization_names(session: Session, *, limit: int = NAMES_LIMIT) -> list[str]:
    """Organization names, most recently added first."""
    return list(session.exec(select(Organization.name).order_by(Organization.id.desc()).limit(limit)))  # type: ignore[union-attr]


def opportunity_titles(session: Session, *, limit: int = NAMES_LIMIT) -> list[str]:
    """Opportunity titles, most recently added first."""
    return list(session.exec(select(Opportunity.title).order_by(Opportunity.id.desc()).limit(limit)))  # type: ignore[union-attr]


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


# --- current values, for forms that edit -----------------------------------------------------------


def _name_of(session: Session, model: type[Person] | type[Organization], ident: int | None) -> str | None:
    record = session.get(model, ident) if ident is not None else None
    return record.name if record else None


def person_values(session: Session, person_id: int) -> dict[str, Any]:
    """A person's editable fields as plain values (`organization` as its name)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    values: dict[str, Any] = {name: getattr(person, name) for name in PERSON_FIELDS - {"organization"}}
    values["organization"] = _name_of(session, Organization, person.organization_id)
    values["version"] = person.version
    return values


def opportunity_values(session: Session, opportunity_id: int) -> dict[str, Any]:
    """An opportunity's editable fields as plain values.

    `deadline` is the exact instant (aware, UTC) when one was given, else the day;
    `deadline_tz` is the zone it was given in; `stage` is included for display.
    """
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    values: dict[str, Any] = {
        name: getattr(opp, name) for name in OPPORTUNITY_FIELDS - {"organization", "contact", "deadline"}
    }
    values["organization"] = _name_of(session, Organization, opp.organization_id)
    contact = session.get(Person, opp.contact_id) if opp.contact_id is not None else None
    values["contact"] = person_reference(session, contact) if contact is not None else None
    deadline: date | datetime | None = opp.deadline_at if opp.deadline_at is not None else opp.deadline
    values["deadline"] = deadline
    values["stage"] = opp.stage
    values["version"] = opp.version
    return values


def profile_defaults(session: Session) -> dict[str, Any]:
    """The profile's GPA and follow-up intervals per channel, without creating a profile."""
    profile = session.get(Profile, 1) or Profile(id=1)
    return {
        "gpa": profile.gpa,
        "timezone": profile.timezone,
        "follow_up_days": {ch: follow_up_days(profile, ch) for ch in ("email", "linkedin")},
    }


def opportunity_stage(session: Session, opportunity: str) -> tuple[str, str]:
    """(title, stage) of the opportunity named `opportunity` (any unique prefix)."""
    opp = find_opportunity(session, opportunity)
    return opp.title, opp.stage


def letter_status(session: Session, *, opportunity: str, writer: str) -> str | None:
    """The status of `writer`'s letter for `opportunity`; None when not requested or a name is unknown."""
    try:
        opp = find_opportunity(session, opportunity)
        person = find_person(session, writer)
    except TrackerError:
        return None
    return session.exec(
        select(LetterRequest.status).where(
            LetterRequest.opportunity_id == opp.id, LetterRequest.writer_id == person.id
        )
    ).first()


def letter_details(session: Session, *, opportunity: str, writer: str) -> dict[str, str | None] | None:
    """Status, route, where to and attachments of `writer`'s letter for `opportunity` (None if none)."""
    try:
        opp = find_opportunity(session, opportunity)
        person = find_person(session, writer)
    except TrackerError:
        return None
    request = session.exec(
        select(LetterRequest).where(LetterRequest.opportunity_id == opp.id, LetterRequest.writer_id == person.id)
    ).first()
    if request is None:
        return None
    return {"status": request.status, "via": request.via, "submit_to": request.submit_to,
            "attachments": request.attachments}
