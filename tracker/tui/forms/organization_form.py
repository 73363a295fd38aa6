"""OrganizationForm: a university, company lab or program host: its country, city and website.

Opened from the palette ("Organization…") or from an opportunity's detail (`O`, its own
organization). Typing the name of one already there fills in what it holds; saving adds a
new one or changes that one (`tracker.store.writes.organizations.save_organization`): only the
fields that differ from what it held when its name was looked up, merged with what was saved
elsewhere meanwhile (`tracker.store.writes.edits.merged`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session
from textual import work
from textual.widgets import Input

from tracker.tui.failures import guarded
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.widgets.name_input import NameInput
from tracker.tui.widgets.notes_area import NotesArea

DETAILS: tuple[str, ...] = ("country", "city", "website", "notes")


class OrganizationForm(FormScreen):
    """Where an organization is, and its website."""

    heading = "Organization"

    def __init__(self, name: str | None = None) -> None:
        super().__init__()
        self.organization = name
        """The organization to open on (None: type a name)."""
        self.base: dict[str, Any] | None = None
        """What the organization named held when it was looked up (None: a new one)."""

    def fields(self) -> Iterable[Field]:
        yield Field("name", "Name", NameInput(self.organization or "", kind="organization",
                                              placeholder="a university, company lab or program host"), required=True)
        yield Field("country", "Country", Input(placeholder='e.g. "South Korea" or "KR"', compact=True))
        yield Field("city", "City", Input(placeholder='e.g. "Gwangju"', compact=True))
        yield Field("website", "Website", Input(placeholder="https://...", compact=True))
        yield Field("notes", "Notes", NotesArea(placeholder="several lines; enter starts a new one"))

    def load(self, session: Session) -> Any:
        """The organization named, as it is now: when the form opens, and again after a save refused
        because it changed elsewhere (the next save is measured against it). A name typed later is
        looked up as it is typed (`_look_up`)."""
        from tracker.store.writes.organizations import organization_values

        return organization_values(session, str(self.widget("name").value))

    def loaded(self, data: Any) -> None:
        self._found(data)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.widget("name").input:
            self._look_up(event.value)

    @work(thread=True, exclusive=True, group="organization")
    @guarded("read the organization")
    def _look_up(self, name: str) -> None:
        from tracker.store.writes.organizations import organization_values

        store = getattr(self.app, "store", None)
        if store is None or not name.strip():
            return
        with store.read() as session:
            found = organization_values(session, name)
        self.app.call_from_thread(self._found, found)

    def _found(self, values: dict[str, Any] | None) -> None:
        """Fill what the organization holds into the fields still empty (never over what was typed)."""
        self.base = values
        if values is None:
            return
        self.set_subtitle(f"Editing {values['name']}")
        for key in DETAILS:
            if values.get(key) and self.field(key).empty and not self.widget(key).has_focus:
                self.widget(key).value = values[key]

    def build(self) -> Change | None:
        name = self.text("name", required=True)
        details = {key: str(self.widget(key).value).strip() for key in DETAILS}
        if self.errors or name is None:
            return None
        base = self.base if self.base is not None and self.base["name"].casefold() == name.casefold() else None
        if base is not None:  # only what the user changed: the rest may have changed elsewhere meanwhile
            details = {key: value for key, value in details.items() if value != (base.get(key) or "")}
        return _save(name, details, base)


def _save(name: str, details: dict[str, str], base: dict[str, Any] | None) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.edits import merged
        from tracker.store.writes.organizations import organization_values, save_organization

        now = organization_values(session, name) if base is not None else None
        if base is not None and now is not None:
            merged(now, base, set(details), dict(details), name)
        with on_field("website"):
            saved, added = save_organization(session, name=name, **details)
        return f"{'Added' if added else 'Saved'} {saved}"

    return change
