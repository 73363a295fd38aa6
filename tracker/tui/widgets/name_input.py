"""NameInput: a text input that completes the names of people, organizations or opportunities.

The names are read from the store in a thread worker when the widget mounts, and again when the
app's watcher has counted a change since, at its next look while the user is in the field or when
they come to it (a person added by another process or window while the form is open is suggested
within about 2 s). While typing, the rest of the first name that starts with the text (in any
case, and typed without accents, without theirs: "bogazici" completes to "Boğaziçi University")
is shown faded (right arrow accepts it, as in a shell), and a line under the input says what the
text will resolve to when saved, using the same rules as the store's lookup (exact, then prefix,
then the start of a word: "kim" finds "Prof. Kim Minsoo").
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static

from tracker.domain.name_match import NameIndex, name_key, same_name
from tracker.tui.failures import guarded

Kind = Literal["person", "organization", "opportunity"]

SHOWN_MATCHES = 3
RETRY_SECONDS = 0.2


def describe_match(kind: Kind, names: NameIndex, text: str) -> tuple[str, str]:
    """(hint, style) for the line under the input: style is "", "ok", "new" or "warn". The names `text`
    resolves to are the store's lookup rule's (`tracker.domain.name_match`)."""
    if not text.strip():
        return "", ""
    if kind == "person" and "@" in text:
        return "", ""
    found = [names.names[i] for i in names.picked(text)]
    exact = bool(found) and name_key(found[0]) == name_key(text)
    if kind == "organization":
        if exact:
            return "", ""
        if found and same_name(found[0], text):  # "bogazici university": the one with the accents
            return f"= {found[0]}", "ok"
        others = ", ".join(found[:SHOWN_MATCHES])
        return f"new organization, added when saved{f' (existing: {others})' if others else ''}", "new"
    if len(found) == 1:
        return ("", "") if exact else (f"= {found[0]}", "ok")
    if len(found) > 1:
        shown = ", ".join(found[:SHOWN_MATCHES]) + (", ..." if len(found) > SHOWN_MATCHES else "")
        return f"{len(found)} match: {shown}; type more", "warn"
    return f'no {kind} named "{" ".join(text.split())}"', "warn"


class _Completes(Suggester):
    """A name field's completion (`NameIndex.completion`): a name typed without its accents completes too."""

    def __init__(self, names: NameIndex) -> None:
        super().__init__(case_sensitive=True)  # (the index compares in any case itself)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        return self.names.completion(value)


class NameInput(Widget):
    """An input with completion from the names that exist in the store."""

    DEFAULT_CSS = """
    NameInput {
        height: auto;
        width: 1fr;
    }
    NameInput > Input {
        width: 1fr;
    }
    NameInput > .name-hint {
        height: auto;
        padding: 0 1;
        color: $text-muted;
        display: none;
    }
    NameInput > .name-hint.-shown {
        display: block;
    }
    NameInput > .name-hint.-ok {
        color: $text-success;
    }
    NameInput > .name-hint.-warn {
        color: $text-warning;
    }
    NameInput > .name-hint.-error {
        color: $text-error;
    }
    NameInput.-invalid > Input {
        background: $error 20%;
    }
    """

    class NamesLoaded(Message):
        """The names were read from the store (posted by the worker)."""

        def __init__(self, names: NameIndex) -> None:
            super().__init__()
            self.names = names

    def __init__(
        self,
        value: str = "",
        *,
        kind: Kind,
        placeholder: str = "",
        known_id: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.kind: Kind = kind
        """What the names are: people, organizations or opportunity titles."""
        self._known = (name_key(value), known_id)
        """The record `value` names, when the form was opened for it: saved by its id while the text
        is left as it was (two people may bear that name)."""
        self.names = NameIndex([])
        """The names loaded from the store (none until the worker is done), each name's keys worked out."""
        self._input = Input(value, placeholder=placeholder, compact=True, select_on_focus=False)
        self._hint = Static("", classes="name-hint")
        self._error: str | None = None
        self._shown = ("", "")
        """(text, style) of the line under the input now."""
        self._names_as_of: int | None = None
        """The app's change count when the names were last asked for."""

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._hint

    @property
    def input(self) -> Input:
        """The text input inside."""
        return self._input

    @property
    def value(self) -> str:
        """The text as typed."""
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text
        self.refresh_hint()

    def _unchanged_known(self) -> bool:
        text, known_id = self._known
        return known_id is not None and name_key(self._input.value) == text

    def reference(self, text: str) -> str:
        """What the store is given for `text`: `#id` for the record the form was opened for, while its
        name is left as it was; else the text."""
        return f"#{self._known[1]}" if self._unchanged_known() else text

    def focus(self, scroll_visible: bool = True) -> NameInput:
        self._input.focus(scroll_visible)
        return self

    # --- loading the names ----------------------------------------------------

    def on_mount(self) -> None:
        self._request_names()
        looked = getattr(self.app, "looked", None)  # the watcher's signal (`tracker.tui.watch`)
        if looked is not None:
            looked.subscribe(self, self._names_changed)

    def _names_changed(self, changes: int) -> None:
        """The watcher looked: read the names again if the count moved, now while the user is in this
        field, else when they come to it (30,000 names are 0.1-0.2 s of a worker: a form's three name
        fields need not each take it at every look while another process keeps writing)."""
        if self._input.has_focus:
            self._names_again_if_moved(changes)

    def on_descendant_focus(self) -> None:
        self._names_again_if_moved(getattr(self.app, "changes", None))

    def _names_again_if_moved(self, changes: int | None) -> None:
        if self._names_as_of is not None and changes is not None and changes != self._names_as_of:
            self._request_names()

    def _request_names(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            if hasattr(self.app, "store"):
                self.set_timer(RETRY_SECONDS, self._request_names)
            return
        self._names_as_of = getattr(self.app, "changes", 0)
        self._load_names(store)

    @work(thread=True, exclusive=True, group="names")
    @guarded("load the names to suggest")
    def _load_names(self, store: object) -> None:
        from tracker.store.writes import edits

        read = {
            "person": edits.person_names,
            "organization": edits.organization_names,
            "opportunity": edits.opportunity_titles,
        }[self.kind]
        with store.read() as session:  # type: ignore[attr-defined]
            names = read(session)
        self.post_message(self.NamesLoaded(NameIndex(names).warm()))  # here, not at each key typed

    def on_name_input_names_loaded(self, message: NamesLoaded) -> None:
        message.stop()
        self.names = message.names
        self._input.suggester = _Completes(message.names)
        self.refresh_hint()

    # --- the hint line ----------------------------------------------------------

    def show_error(self, message: str | None) -> None:
        """Show `message` under the input until the text changes; None clears it."""
        if message == self._error:
            return  # (the form clears it at each key, as this widget has just done: the hint is drawn)
        self._error = message
        self.refresh_hint()

    def refresh_hint(self) -> None:
        """Redraw the line under the input."""
        if self._error:
            text, style = self._error, "error"
        elif self._unchanged_known():
            text, style = "", ""
        elif self.names.names:
            text, style = describe_match(self.kind, self.names, self._input.value)
        else:
            text, style = "", ""
        if (text, style) == self._shown:
            return  # the same line: no new layout of the form
        self._shown = (text, style)
        hint = self._hint
        hint.update(Text(text))
        for name in ("ok", "new", "warn", "error"):
            hint.set_class(style == name, f"-{name}")
        hint.set_class(bool(text), "-shown")
        self.set_class(style == "error", "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._error = None
        self.refresh_hint()
