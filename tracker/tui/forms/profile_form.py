"""ProfileForm: the student's profile (name, institution, GPA and its scale, time zone, follow-up
intervals, the recent-contact window, the calendar file), from the palette ("Profile") or help (`p`).

Saved with `tracker.store.writes.profile.update_profile`, the one the CLI's `tracker profile`
uses, one field at a time inside one transaction so that a refusal names its field. Only the
fields changed in the form are written, merged with what was saved elsewhere meanwhile
(`tracker.store.writes.edits.merged`: a `tracker profile --gpa` from a shell stays).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from sqlmodel import Session
from textual.widgets import Input

from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.widgets.date_input import DateInput

TEXTS: tuple[tuple[str, str], ...] = (
    ("name", "name"), ("institution", "home_institution"), ("gpa", "gpa"), ("timezone", "timezone"),
    ("calendar_file", "calendar_file"),
)
"""(field, profile value) of the text fields."""


class ProfileForm(FormScreen):
    """Who the student is, for the drafts ({my_name}, {my_institution}), the GPA checks and the dates."""

    heading = "Profile"
    STORE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {
        **{key: (value,) for key, value in TEXTS},
        "follow_up_email": ("follow_up_email_days",), "follow_up_linkedin": ("follow_up_linkedin_days",),
        "recent_days": ("recent_contact_days",),
    }

    DEFAULT_CSS = """
    ProfileForm Field > .field-label {
        width: 20;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.base: dict[str, Any] = {}
        """The profile as the form loaded it."""

    def subtitle(self) -> str | None:
        return "Used by the drafts, the GPA cut-off checks, the follow-up dates and every date shown."

    def fields(self) -> Iterable[Field]:
        yield Field("name", "Your name", Input(placeholder='e.g. "Aarav Sharma"', compact=True))
        yield Field("institution", "Institution", Input(placeholder='e.g. "VIT Vellore"', compact=True))
        yield Field("gpa", "GPA", Input(placeholder="with its scale: 7.1/10, 3.6/4, 85/100", compact=True))
        yield Field("timezone", "Time zone", Input(placeholder="e.g. Asia/Kolkata, Asia/Seoul, UTC", compact=True))
        yield Field("follow_up_email", "Follow up e-mail", DateInput(mode="duration", placeholder="7d"))
        yield Field("follow_up_linkedin", "Follow up LinkedIn", DateInput(mode="duration", placeholder="5d"))
        yield Field("recent_days", "Recent contact", Input(placeholder="days, 1 to 365 (warns before writing again)",
                                                           compact=True))
        yield Field("calendar_file", "Calendar file", Input(placeholder="an .ics path kept up to date (optional)",
                                                            compact=True))

    def needs_load(self) -> bool:
        return True

    def load(self, session: Session) -> Any:
        from tracker.store.writes.profile import profile_values

        return profile_values(session)

    def loaded(self, data: Any) -> None:
        self.base = data
        self.fill({
            **{key: data[value] for key, value in TEXTS},
            "follow_up_email": f"{data['follow_up_email_days']}d",
            "follow_up_linkedin": f"{data['follow_up_linkedin_days']}d",
            "recent_days": data["recent_contact_days"],
        })
        self.focus_first_empty()

    def first_field(self) -> Field | None:
        """The first of name, institution, GPA and time zone still empty (what the drafts and checks
        need), else the name; never an optional field such as the calendar file."""
        wanted = [self.field(key) for key in ("name", "institution", "gpa", "timezone")]
        return next((f for f in wanted if f.empty), wanted[0])

    def build(self) -> Change | None:
        texts = {key: str(self.widget(key).value).strip() for key, _value in TEXTS}
        durations = {}
        for key in ("follow_up_email", "follow_up_linkedin"):
            text = str(self.widget(key).value).strip()
            if self.widget(key).error:
                self.fail(key, self.widget(key).error)
            durations[key] = text or None
        recent = self.integer("recent_days", low=1, high=365)
        path = texts.pop("calendar_file")
        if path:
            from tracker.domain.errors import InvalidInput
            from tracker.io.calendar_file import checked_path

            try:
                path = str(checked_path(path))
            except InvalidInput as err:
                self.fail("calendar_file", str(err))
        if self.errors:
            return None
        values = {**texts, **durations, "recent_days": recent, "calendar_file": path}
        touched = self.touched()
        return _save({key: value for key, value in values.items() if key in touched}, self.base, self.STORE_KEYS)


def _save(values: dict[str, Any], base: dict[str, Any], store_keys: dict[str, tuple[str, ...]]) -> Change:
    """Write the fields changed in the form (`values`), unless one of them was also changed elsewhere since
    the form read `base` (refused as `edits.merged` refuses it)."""

    def change(session: Session) -> str:
        from tracker.store.writes.edits import merged
        from tracker.store.writes.profile import profile_values, update_profile

        now = profile_values(session)
        mine = {store_keys[key][0]: value for key, value in values.items()}
        merged(now, base, set(mine), mine, "your profile")
        for key, value in values.items():
            with on_field(key):
                update_profile(session, **{key: value})
        return "Profile saved" if values else "Profile unchanged"

    return change
