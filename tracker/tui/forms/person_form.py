"""PersonForm: add a person, or edit one (`PersonForm(person_id)`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from sqlmodel import Session
from textual.widgets import Input, Select

from tracker.domain.vocab import ROLES
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.forms.duplicate_guard import DuplicateGuard
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.notes_area import NotesArea
from tracker.tui.widgets.name_input import NameInput

TEXT_FIELDS = ("lab", "email", "linkedin", "homepage", "research_areas", "how_met", "notes")


class PersonForm(DuplicateGuard, FormScreen):
    """A professor, PhD student, postdoc, researcher, recruiter or letter writer.

    A close name already there (same organization, or the same name anywhere) is shown under
    the name, and saving needs a second ctrl+s (`DuplicateGuard`).
    """

    STORE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {"keep_in_touch": ("keep_in_touch_days",)}

    def __init__(self, person_id: int | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        """The person being edited; None to add a new one."""
        self.base: dict[str, Any] | None = None
        """The record as the form loaded it (a change made elsewhere since is merged: `edits.merged`)."""
        self.heading = "New person" if person_id is None else "Edit person"

    def fields(self) -> Iterable[Field]:
        yield Field("name", "Name", Input(placeholder='e.g. "Prof. Kim Minsoo"', compact=True), required=True)
        yield Field("role", "Role", Select.from_values(ROLES, value="professor", allow_blank=False, compact=True))
        yield Field("organization", "Organization", NameInput(kind="organization", placeholder="university or company"))
        yield Field("lab", "Lab", Input(placeholder='e.g. "Computer Vision Lab"', compact=True))
        yield Field("email", "E-mail", Input(compact=True))
        yield Field("linkedin", "LinkedIn", Input(placeholder="URL", compact=True))
        yield Field("homepage", "Homepage", Input(placeholder="URL", compact=True))
        yield Field("research_areas", "Research areas", Input(placeholder="comma separated", compact=True))
        yield Field("how_met", "How you met", Input(placeholder='e.g. "LinkedIn, Aug 2026"', compact=True))
        yield Field(
            "keep_in_touch",
            "Keep in touch",
            DateInput(mode="duration", placeholder="every... e.g. 60d, 8w", empty_hint="no keep-in-touch reminder"),
        )
        yield Field("notes", "Notes", NotesArea(placeholder="several lines; enter starts a new one"))

    # --- editing -------------------------------------------------------------------

    def needs_load(self) -> bool:
        return self.person_id is not None

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import person_values

        assert self.person_id is not None
        return person_values(session, self.person_id)

    def loaded(self, data: Any) -> None:
        days = data.get("keep_in_touch_days")
        self.fill({
            "name": data["name"],
            "role": data["role"] if data["role"] in ROLES else None,
            "organization": data["organization"],
            **{key: data.get(key) for key in TEXT_FIELDS},
            "keep_in_touch": f"{days}d" if days else None,
        })
        self.base = data
        self.set_subtitle(f"Editing {data['name']}")
        self.guard_baseline()

    # --- the duplicate guard ---------------------------------------------------------

    def guard_key(self) -> tuple[str, ...] | None:
        name = " ".join(str(self.widget("name").value).split())
        return (name, " ".join(str(self.widget("organization").value).split())) if name else None

    def guard_matches(self, session: Session, key: tuple[str, ...]) -> list[Any]:
        from tracker.store.queries.duplicates import similar_people

        return similar_people(session, key[0], organization=key[1] or None, exclude_id=self.person_id)

    # --- saving --------------------------------------------------------------------

    def build(self) -> Change | None:
        name = self.text("name", required=True)
        role = self.choice("role") or "professor"
        organization = self.text("organization")
        texts = {key: self.text(key) for key in TEXT_FIELDS}
        email = texts["email"]
        if email and "@" not in email:
            self.fail("email", f'"{email}" is not an e-mail address (it has no @)')
        interval = self.when("keep_in_touch")
        days = interval.days if interval is not None else None
        if days is not None and days < 1:
            self.fail("keep_in_touch", "the interval must be at least one day")
        if self.errors:
            return None
        values: dict[str, Any] = {
            "name": name, "role": role, "organization": organization, "keep_in_touch_days": days, **texts,
        }
        person_id = self.person_id
        if person_id is not None:
            return _update(person_id, values, self.base, self.mine())
        return _add(values, self.app.today())  # type: ignore[attr-defined]


def _add(values: dict[str, Any], today: Any) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.records import add_person

        with on_field("name"):
            person = add_person(session, added_on=today, **values)
        return f"Added {person.name} ({person.role})"

    return change


def _update(person_id: int, values: dict[str, Any], base: dict[str, Any] | None, mine: set[str]) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.edits import update_person

        with on_field("name"):
            person = update_person(session, person_id=person_id, base=base, mine=mine, **values)
        return f"Saved {person.name}"

    return change
