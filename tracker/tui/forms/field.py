"""Field: one row of a form: a label, its control, and the control's error message under it.

A closed choice (a Select) takes letters as the other fields do: typing `phd` on Role picks
phd-student, so a form typed in one burst (`tmux send-keys`, a fast typist) loses no key there.
"""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static


TYPE_AHEAD_SECONDS = 1.0
"""Letters typed on a closed choice within this long of each other make one prefix."""


def choose_by_typing(select: Select[object], character: str) -> bool:
    """Pick the first choice of `select` starting with the letters typed on it (any case); whether one matched.

    The letters typed within TYPE_AHEAD_SECONDS of each other make one prefix; when it matches
    nothing, the last letter alone starts a new one.
    """
    now = monotonic()
    typed = getattr(select, "_typed_prefix", "") if now - getattr(select, "_typed_at", 0.0) < TYPE_AHEAD_SECONDS else ""
    select._typed_at = now  # type: ignore[attr-defined]
    labels = [(str(label).casefold(), value) for label, value in select._options if value is not Select.NULL]
    for prefix in (typed + character.casefold(), character.casefold()):
        match = next((value for label, value in labels if label.startswith(prefix)), None)
        if match is not None:
            select._typed_prefix = prefix  # type: ignore[attr-defined]
            select.value = match
            return True
    select._typed_prefix = ""  # type: ignore[attr-defined]
    return False


class Field(Widget):
    """A label, the control beside it, and the control's error message under it."""

    DEFAULT_CSS = """
    Field {
        layout: horizontal;
        height: auto;
    }
    Field > .field-label {
        width: 17;
        padding: 0 1 0 0;
        text-align: right;
        color: $text-muted;
    }
    Field.-focused > .field-label {
        color: $text-accent;
        text-style: bold;
    }
    Field > .field-main {
        width: 1fr;
        height: auto;
    }
    Field .field-error {
        display: none;
        color: $text-error;
        padding: 0 1;
    }
    Field .field-error.-shown {
        display: block;
    }
    Field .field-note {
        display: none;
        color: $text-muted;
        padding: 0 1;
    }
    Field .field-note.-shown {
        display: block;
    }
    Field .field-note.-ok {
        color: $text-success;
    }
    Field .field-note.-warn {
        color: $text-warning;
    }
    Field Input {
        background: $boost;
    }
    Field.-invalid Input, Field.-invalid Select > SelectCurrent {
        background: $error 20%;
    }
    """

    def __init__(self, key: str, label: str, widget: Widget, *, required: bool = False) -> None:
        super().__init__(id=f"field-{key}")
        self.key = key
        """The field's name in its form."""
        self.label = label
        """What the user sees beside the control."""
        self.widget = widget
        """The control: an Input, a Select, a DateInput or a NameInput."""
        self.required = required
        """Whether the form refuses an empty value."""
        self._error = Static("", classes="field-error")
        self._note = Static("", classes="field-note")

    def compose(self) -> ComposeResult:
        yield Label(Text(self.label + (" *" if self.required else "")), classes="field-label")
        with Vertical(classes="field-main"):
            yield self.widget
            yield self._error
            yield self._note

    def on_mount(self) -> None:
        if isinstance(self.widget, Input):
            self.widget.select_on_focus = False  # a key must not wipe what is there (see DateInput for defaults)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._light_label()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._light_label()

    def _light_label(self) -> None:
        """Light the label while the focus is in this field. A class set here, not Textual's
        `:focus-within`: the focus moved by a key or by the form left the label of the field left
        lit, or the new one dark, whenever Textual did not restyle the field (its own check)."""
        self.set_class(self.has_focus_within, "-focused")

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the closed choice picks the first choice starting with what was typed."""
        control = self.widget
        if (isinstance(control, Select) and control.has_focus and not control.expanded and event.character
                and event.is_printable and not event.character.isspace() and choose_by_typing(control, event.character)):
            event.stop()
            event.prevent_default()

    @property
    def empty(self) -> bool:
        """Whether nothing is typed or chosen in the control."""
        value = getattr(self.widget, "value", "")
        return value is None or value is Select.NULL or not str(value).strip()

    def set_error(self, message: str | None) -> None:
        """Show `message` under the control (None clears it)."""
        show = getattr(self.widget, "show_error", None)
        if callable(show):
            show(message)
        else:
            self._error.update(Text(message or ""))
            self._error.set_class(bool(message), "-shown")
        self.set_class(bool(message), "-invalid")

    def set_note(self, message: str | None, style: str = "") -> None:
        """Show a remark under the control that is not an error: style "", "ok" or "warn"."""
        self._note.update(Text(message or ""))
        self._note.set_class(bool(message), "-shown")
        self._note.set_class(style == "ok", "-ok")
        self._note.set_class(style == "warn", "-warn")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.set_error(None)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.set_error(None)
