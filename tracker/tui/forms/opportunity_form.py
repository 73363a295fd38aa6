"""OpportunityForm: add an opportunity, or edit one (`OpportunityForm(opportunity_id)`).

The deadline is a day or a time with a zone ("Jan 10 23:59 EST"), parsed as it is
typed. The GPA cut-off is checked as it is typed, and compared with the profile's
GPA: below the cut-off shows a warning, never a refusal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, ClassVar

from sqlmodel import Session
from textual.widgets import Input, Select

from tracker.domain.gpa import Gpa, GpaError, eligibility_warning, parse_gpa
from tracker.domain.vocab import KINDS
from tracker.domain.zones import zone_name
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.forms.duplicate_guard import DuplicateGuard
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.notes_area import NotesArea
from tracker.tui.widgets.name_input import NameInput

TEXT_FIELDS = ("lab", "cycle", "url", "notes")


def deadline_text(deadline: date | datetime | None, zone: str | None) -> str:
    """A stored deadline as text the form's parser reads back: "2026-12-15" or "2027-01-10 23:59 America/New_York"."""
    if deadline is None:
        return ""
    if not isinstance(deadline, datetime):
        return deadline.isoformat()
    from tracker.domain.dates import DateParseError, resolve_zone

    try:
        tz = resolve_zone(zone) if zone else None
    except DateParseError:
        tz = None
    if tz is None:
        return f"{deadline.astimezone(resolve_zone('UTC')):%Y-%m-%d %H:%M} UTC"
    return f"{deadline.astimezone(tz):%Y-%m-%d %H:%M} {zone}"


class OpportunityForm(DuplicateGuard, FormScreen):
    """A lab to reach out to, a structured program, or a posting.

    A close title already there is shown under the title, and saving needs a second ctrl+s
    (`DuplicateGuard`).
    """

    guard_field = "title"
    STORE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {
        "letters": ("letters_required",), "deadline": ("deadline", "deadline_tz")}

    def __init__(self, opportunity_id: int | None = None) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        """The opportunity being edited; None to add a new one."""
        self.base: dict[str, Any] | None = None
        """The record as the form loaded it (a change made elsewhere since is merged: `edits.merged`)."""
        self.heading = "New opportunity" if opportunity_id is None else "Edit opportunity"
        self.profile_gpa: Gpa | None = None
        """The student's GPA from the profile, for the eligibility warning."""

    def fields(self) -> Iterable[Field]:
        yield Field("title", "Title", Input(placeholder='short and unique, e.g. "GIST CV Lab summer"', compact=True),
                    required=True)
        yield Field("kind", "Kind", Select.from_values(KINDS, value="outreach", allow_blank=False, compact=True))
        yield Field("organization", "Organization", NameInput(kind="organization", placeholder="created if new"))
        yield Field("lab", "Lab", Input(compact=True))
        yield Field("contact", "Contact", NameInput(kind="person", placeholder="main contact, a person already added"))
        yield Field("cycle", "Cycle", Input(placeholder='e.g. "Summer 2027"', compact=True))
        yield Field("deadline", "Deadline", DateInput(mode="when", ahead=True, empty_hint="no deadline; e.g. "
                                                      "2026-12-15, +3w, Jan 10 23:59 EST"))
        yield Field("letters", "Letters required", Input(placeholder="0", type="integer", compact=True))
        yield Field("min_gpa", "GPA cut-off", Input(placeholder="e.g. 8/10 or 3.0/4", compact=True))
        yield Field("url", "Link", Input(placeholder="URL", compact=True))
        yield Field("notes", "Notes", NotesArea(placeholder="several lines; enter starts a new one"))

    # --- loading ---------------------------------------------------------------------

    def needs_load(self) -> bool:
        return True  # the profile's GPA, and the opportunity when editing

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import opportunity_values, profile_defaults

        values = opportunity_values(session, self.opportunity_id) if self.opportunity_id is not None else None
        return profile_defaults(session), values

    def loaded(self, data: Any) -> None:
        profile, values = data
        try:
            self.profile_gpa = parse_gpa(profile["gpa"]) if profile["gpa"] else None
        except GpaError:
            self.profile_gpa = None
        if values is not None:
            self.base = values
            self.fill({
                "title": values["title"],
                "kind": values["kind"] if values["kind"] in KINDS else None,
                "organization": values["organization"],
                "contact": values["contact"],
                **{key: values.get(key) for key in TEXT_FIELDS},
                "deadline": deadline_text(values["deadline"], values["deadline_tz"]),
                "letters": values["letters_required"] or None,
                "min_gpa": values["min_gpa"],
            })
            self.set_subtitle(f"Editing \"{values['title']}\" ({values['stage']})")
            self.guard_baseline()
        self.check_gpa()

    # --- the duplicate guard -----------------------------------------------------------

    def guard_key(self) -> tuple[str, ...] | None:
        title = " ".join(str(self.widget("title").value).split())
        if not title:
            return None
        return (title, *(" ".join(str(self.widget(k).value).split()) for k in ("organization", "cycle", "contact")))

    def guard_matches(self, session: Session, key: tuple[str, ...]) -> list[Any]:
        from tracker.store.queries.duplicates import similar_opportunities

        title, organization, cycle, contact = key
        return similar_opportunities(session, title, organization=organization or None, cycle=cycle or None,
                                     contact=contact or None, exclude_id=self.opportunity_id)

    # --- the live GPA check -----------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.widget("min_gpa") or event.input is self.widget("title"):
            self.check_gpa()

    def check_gpa(self) -> None:
        """Show under the cut-off what it reads as, or why it can't be read, and the eligibility warning."""
        field = self.field("min_gpa")
        text = field.widget.value.strip()
        if not text:
            field.set_note(None)
            return
        try:
            cutoff = parse_gpa(text)
        except GpaError as err:
            field.set_note(None)
            field.set_error(str(err))
            return
        title = self.widget("title").value.strip() or "this opportunity"
        warning = eligibility_warning(self.profile_gpa, cutoff, what=title)
        if warning:
            field.set_note(warning, "warn")
        elif self.profile_gpa is not None:
            field.set_note(f"= {cutoff}; your GPA {self.profile_gpa} meets it", "ok")
        else:
            field.set_note(f"= {cutoff} (set your GPA in the profile to compare)")

    # --- saving ------------------------------------------------------------------------

    def build(self) -> Change | None:
        title = self.text("title", required=True)
        kind = self.choice("kind") or "outreach"
        organization = self.text("organization")
        contact = self.text("contact")
        texts = {key: self.text(key) for key in TEXT_FIELDS}
        deadline = self.when("deadline")
        letters = self.integer("letters", low=0, high=20)
        cutoff = None
        gpa_text = self.text("min_gpa")
        if gpa_text:
            try:
                cutoff = str(parse_gpa(gpa_text))
            except GpaError as err:
                self.fail("min_gpa", str(err))
        if self.errors:
            return None
        values: dict[str, Any] = {
            "title": title, "kind": kind, "organization": organization, "contact": contact, **texts,
            "deadline": deadline, "deadline_tz": zone_name(deadline) if isinstance(deadline, datetime) else None,
            "letters_required": letters or 0, "min_gpa": cutoff,
        }
        if self.opportunity_id is not None:
            return _update(self.opportunity_id, values, self.base, self.mine())
        return _add(values, self.app.today())  # type: ignore[attr-defined]


def _check_contact(session: Session, contact: str | None) -> None:
    from tracker.store.queries.lookup import find_person

    if contact:
        with on_field("contact"):
            find_person(session, contact)


def _add(values: dict[str, Any], today: date) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.records import add_opportunity

        _check_contact(session, values["contact"])
        with on_field("title"):
            opp = add_opportunity(session, on=today, **values)
        return f'Added {opp.kind} "{opp.title}"'

    return change


def _update(opportunity_id: int, values: dict[str, Any], base: dict[str, Any] | None, mine: set[str]) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.edits import update_opportunity

        _check_contact(session, values["contact"])
        with on_field("title"):
            opp = update_opportunity(session, opportunity_id=opportunity_id, base=base, mine=mine, **values)
        return f'Saved "{opp.title}"'

    return change
