"""Organizations: where a university, lab or program host is (country, city) and its website.

`save_organization` adds the organization named, or changes the one of that name (any case),
setting only the fields given ("" clears one). It runs in the caller's transaction.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from tracker.domain.choices import clean
from tracker.domain.errors import InvalidInput
from tracker.store.queries.lookup import find_organization, get_or_create_organization

FIELDS: tuple[str, ...] = ("country", "city", "website", "notes")
"""What an organization holds besides its name."""


def organization_values(session: Session, name: str) -> dict[str, Any] | None:
    """The organization named `name` (any case) as plain values; None when there is none."""
    found = find_organization(session, name) if name.strip() else None
    if found is None:
        return None
    return {"name": found.name, **{field: getattr(found, field) for field in FIELDS}}


def save_organization(session: Session, *, name: str, country: str | None = None, city: str | None = None,
                      website: str | None = None, notes: str | None = None) -> tuple[str, bool]:
    """Add or change the organization `name`; returns (its name, whether it was added)."""
    if not name.strip():
        raise InvalidInput("an organization needs a name")
    if website and website.strip() and " " in website.strip():
        raise InvalidInput(f'"{website.strip()}" is not a web address (it has a space)')
    added = find_organization(session, name) is None
    organization = get_or_create_organization(session, name)
    assert organization is not None
    for field, value in (("country", country), ("city", city), ("website", website), ("notes", notes)):
        if value is not None:
            setattr(organization, field, clean(value))
    session.add(organization)
    session.flush()
    return organization.name, added
