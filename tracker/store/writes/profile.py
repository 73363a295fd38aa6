"""The student's profile: reading it as plain values, and changing it from typed text (CLI and TUI).

`update_profile` takes what a person typed, checks it with the domain's parsers (a GPA with its
scale, a time zone, an interval), and changes only the fields given; an empty text clears a text
field. It runs in the caller's transaction. The calendar file's path is checked by the caller
(`tracker.io.calendar_file.checked_path`: the store does not touch files).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from tracker.domain.dates import parse_duration, resolve_zone
from tracker.domain.errors import InvalidInput
from tracker.domain.gpa import parse_gpa
from tracker.store.writes.records import get_profile, read_profile

SHOWN: tuple[str, ...] = (
    "name", "gpa", "home_institution", "timezone", "follow_up_email_days", "follow_up_linkedin_days",
    "recent_contact_days", "calendar_file",
)
"""The profile's fields, in the order they are shown."""


def profile_values(session: Session) -> dict[str, Any]:
    """The profile as plain values (the defaults when none was saved; nothing is written)."""
    profile = read_profile(session)
    return {field: getattr(profile, field) for field in SHOWN}


def _days(text: str, what: str) -> int:
    days = parse_duration(text).days
    if days < 1:
        raise InvalidInput(f"a {what} must be at least one day, not {text!r}")
    return days


def update_profile(
    session: Session,
    *,
    name: str | None = None,
    gpa: str | None = None,
    institution: str | None = None,
    timezone: str | None = None,
    follow_up_email: str | None = None,
    follow_up_linkedin: str | None = None,
    recent_days: int | None = None,
    calendar_file: str | None = None,
) -> dict[str, Any]:
    """Change the fields given (None: unchanged; "" clears a text field); returns the profile's values."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name.strip() or None
    if gpa is not None:
        changes["gpa"] = str(parse_gpa(gpa)) if gpa.strip() else None
    if institution is not None:
        changes["home_institution"] = institution.strip() or None
    if timezone is not None:
        if timezone.strip():
            resolve_zone(timezone)
        changes["timezone"] = timezone.strip() or None
    if follow_up_email is not None:
        changes["follow_up_email_days"] = _days(follow_up_email, "follow-up interval")
    if follow_up_linkedin is not None:
        changes["follow_up_linkedin_days"] = _days(follow_up_linkedin, "follow-up interval")
    if recent_days is not None:
        if not 1 <= recent_days <= 365:
            raise InvalidInput(f"the recent-contact window must be a number of days from 1 to 365, not {recent_days}")
        changes["recent_contact_days"] = recent_days
    if calendar_file is not None:
        changes["calendar_file"] = calendar_file.strip() or None
    record = get_profile(session)
    for field, value in changes.items():
        setattr(record, field, value)
    session.add(record)
    session.flush()
    return {field: getattr(record, field) for field in SHOWN}
