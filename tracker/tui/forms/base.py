"""FormScreen: the modal every add/edit form is built on.

A form is a titled box with a scrollable list of labelled fields; each field shows its
error message under it. `ctrl+s` checks every field, then hands one change to
`TrackerApp.write` (one transaction, in a worker); the form closes with `True` once the
change ran, or stays open with the store's message under the field it concerns (an
unknown name, a duplicate title). `escape` closes with `False` and writes nothing.

A form subclass implements `fields()` (the widgets, wrapped in `Field`) and `build()`
(reads the fields on the UI thread with `text`/`choice`/`when`/`integer`/`number`,
and returns `change(session)`, which runs in the worker with plain values only). A
form that needs data first (the record being edited, the profile's defaults) implements
`load(session)` (thread worker, returns plain data) and `loaded(data)` (UI thread).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.dates import DateParseError
from tracker.domain.gpa import GpaError
from tracker.domain.errors import ChangedElsewhere, TrackerError
from tracker.tui.forms.field import Field
from tracker.tui.forms.merging import MergesChanges
from tracker.tui.forms.reading import REQUIRED, FieldReading

__all__ = ["REQUIRED", "Change", "Field", "FieldError", "FormScreen", "on_field"]

Change = Callable[[Session], "str | None"]
"""What a form saves: runs in one transaction, returns the message to show (or None)."""

RETRY_SECONDS = 0.2


class FieldError(TrackerError):
    """A store error that belongs to one field of a form (raised inside a form's change)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@contextmanager
def on_field(field: str) -> Iterator[None]:
    """Inside a change: turn a user error raised in the block into a FieldError for `field`."""
    try:
        yield
    except (FieldError, ChangedElsewhere):
        raise
    except (TrackerError, DateParseError, GpaError) as err:
        raise FieldError(field, str(err)) from err


class FormScreen(MergesChanges, FieldReading, ModalScreen[bool]):
    """A modal form: fields, ctrl+s to save through `app.write`, escape to cancel."""

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
        & > #form-box {
            width: 100%;
            max-width: 90;
            height: auto;
            max-height: 100%;
            border: round $primary;
            border-title-color: $text-accent;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #form-body { height: auto; }
        & #form-subtitle { color: $text-muted; display: none; }
        & #form-status { color: $text-error; display: none; }
        & #form-subtitle.-shown, & #form-status.-shown { display: block; }
        & #form-buttons { height: 1; align-horizontal: right; margin-top: 1; }
        & #form-buttons Button { margin-left: 2; min-width: 14; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # Priority bindings run as the app reads the key, before it hands the next key to the
        # focused field: the focus moves in step with a burst of keys (tmux send-keys, a fast
        # typist), so every character lands in the field it was typed for.
        Binding("tab", "next_field", "Next field", show=False, priority=True, id="form.next"),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True, id="form.previous"),
        Binding("enter", "enter", "Next field", show=False, priority=True, id="form.enter"),
    ]

    heading: str = "Form"
    """The title on the form's border (a subclass may set it per instance, before compose)."""

    class Loaded(Message):
        """What `load` read, ready for `loaded` (posted by the worker)."""

        def __init__(self, data: Any) -> None:
            super().__init__()
            self.data = data

    class LoadFailed(Message):
        """`load` raised a user error (the record is gone, a name is unknown)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class SaveFinished(Message):
        """The change ran: `error` is None on success, else the message (and its field, if known)."""

        def __init__(self, field: str | None, error: str | None, *, clashed: dict[str, object] | None = None
                     ) -> None:
            super().__init__()
            self.field = field
            self.error = error
            self.clashed = clashed
            """Not None when the record changed elsewhere since the form loaded it (`MergesChanges`): the
            fields, as the store names them, changed on both sides, with their values now."""

    def __init__(self) -> None:
        super().__init__()
        self.saving = False
        """True while a change is being written (ctrl+s and escape wait)."""
        self._flushing = 0
        self.save_pending = False
        """True while a check runs that saves when it is done (the duplicate guard's, after ctrl+s)."""
        self.ready = False
        """False until `load` has run (forms that load nothing are ready once mounted)."""
        self._errors: dict[str, str] = {}
        self._filled: dict[str, Any] = {}

    @property
    def settling(self) -> bool:
        """Keys typed now would come too early: the form is loading, or a save is under way (the keys
        typed after ctrl+s are for the screen under the form; `tracker.tui.key_gate` holds them)."""
        return not self.ready or self.saving or self.save_pending or bool(self._flushing)

    # --- what subclasses implement ----------------------------------------------------

    def fields(self) -> Iterable[Field]:
        """The form's fields, in order."""
        raise NotImplementedError

    def subtitle(self) -> str | None:
        """A line under the title (e.g. which opportunity), or None."""
        return None

    def needs_load(self) -> bool:
        """Whether `load` must run before the form can save (by default: when it is overridden)."""
        return type(self).load is not FormScreen.load

    def load(self, session: Session) -> Any:
        """Read what the form needs before it can be filled. Runs in a thread worker."""
        return None

    def loaded(self, data: Any) -> None:
        """Fill the fields with what `load` returned. Runs on the UI thread."""

    def build(self) -> Change | None:
        """Read and check the fields (record problems with `fail`); return the change to save."""
        raise NotImplementedError

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        box = Vertical(id="form-box")
        box.border_title = Text(self.heading)
        with box:
            subtitle = self.subtitle()
            yield Static(Text(subtitle or ""), id="form-subtitle", classes="-shown" if subtitle else "")
            body = VerticalScroll(id="form-body")
            body.can_focus = False  # focus goes to the first field, and tab walks the fields
            with body:
                yield from self.fields()
            yield Static("", id="form-status")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel  esc", id="form-cancel", compact=True)
                yield Button("Save  ctrl+s", id="form-save", variant="primary", compact=True)
        yield AppFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The visible buttons do what their keys do (they take no focus: tab walks the fields)."""
        if event.button.id in ("form-save", "form-cancel"):
            event.stop()
            self.action_save() if event.button.id == "form-save" else self.action_cancel()

    def on_mount(self) -> None:
        for button in self.query("#form-buttons Button"):
            button.can_focus = False
        self.focus_first_empty()
        if self.needs_load():
            self._request_load()
        else:
            self.ready = True

    def focus_first_empty(self) -> None:
        """Focus `first_field()`: where typing starts."""
        target = self.first_field()
        if target is not None:
            target.widget.focus()

    def first_field(self) -> Field | None:
        """The field typing starts in: the first required field still empty, else the first field.
        A form whose prefilled values say more (the person is known: the date next) overrides it."""
        fields = list(self.query(Field))
        return next((f for f in fields if f.required and f.empty), fields[0] if fields else None)

    def on_resize(self) -> None:
        # Keep the box (border, subtitle, status, buttons) and the footer on screen; the body scrolls.
        extra = 2 + 1 + 2 + sum(1 for w in self.query("#form-subtitle.-shown, #form-status.-shown"))
        self.query_one("#form-body").styles.max_height = max(3, self.size.height - extra - 1)

    def set_subtitle(self, text: str | None) -> None:
        """Change the line under the title (plain text, never markup)."""
        line = self.query_one("#form-subtitle", Static)
        line.update(Text(text or ""))
        line.set_class(bool(text), "-shown")
        self.on_resize()

    def set_status(self, text: str | None) -> None:
        """Show a message for the whole form above the footer (None hides it)."""
        status = self.query_one("#form-status", Static)
        status.update(Text(text or ""))
        status.set_class(bool(text), "-shown")
        self.on_resize()

    # --- loading ------------------------------------------------------------------------

    def _request_load(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self.set_timer(RETRY_SECONDS, self._request_load)
            return
        self._load(store)

    @work(thread=True, exclusive=True, group="form-load")
    def _load(self, store: Any) -> None:
        try:
            with store.read() as session:
                data = self.load(session)
        except (TrackerError, DateParseError, GpaError) as err:
            self.post_message(self.LoadFailed(str(err)))
            return
        self.post_message(self.Loaded(data))

    def on_form_screen_loaded(self, message: Loaded) -> None:
        self.loaded(message.data)
        self.ready = True
        self.loaded_again()

    def on_form_screen_load_failed(self, message: LoadFailed) -> None:
        self.set_status(message.reason)
        self.ready = True

    # --- saving ----------------------------------------------------------------------------

    def _typing_in_place(self) -> bool:
        """Whether the focus is on a field of this form (not in a dropdown or a pop-up above it)."""
        focused = self.focused
        return focused is not None and isinstance(focused, (Input, Select, TextArea)) and self in focused.ancestors

    def action_next_field(self) -> None:
        if not self._typing_in_place():
            raise SkipAction()
        self.focus_next()

    def action_previous_field(self) -> None:
        if not self._typing_in_place():
            raise SkipAction()
        self.focus_previous()

    def action_enter(self) -> None:
        """Enter on a text field moves to the next field; on the last one it saves."""
        focused = self.focused
        if not isinstance(focused, Input) or self not in focused.ancestors:
            raise SkipAction()
        chain = self.focus_chain
        if chain and focused is chain[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        """Save once every field has handled the keys typed before ctrl+s (a burst may still be
        queued at a field when the app reads ctrl+s)."""
        if self.saving or self._flushing:
            return
        controls = [w for w in self.query("Input, Select, TextArea") if w.is_mounted]
        if not controls:
            self._save_now()
            return
        self._flushing = len(controls)
        for control in controls:
            control.call_later(self._flushed)

    def _flushed(self) -> None:
        self._flushing -= 1
        if self._flushing == 0:
            self._save_now()

    def _save_now(self) -> None:
        if self.saving:
            return
        if not self.ready:
            self.set_status("still loading; try again in a moment")
            return
        self._errors = {}
        for field in self.query(Field):
            field.set_error(None)
        change = self.build()
        if self._errors or change is None:
            self._show_errors()
            return
        self.set_status(None)
        self.saving = True
        self.app.write(change, outcome=self._saved)  # type: ignore[attr-defined]

    def _show_errors(self) -> None:
        first: Field | None = None
        for field in self.query(Field):
            message = self._errors.get(field.key)
            if message:
                field.set_error(message)
                first = first or field
        labels = [f.label for f in self.query(Field) if f.key in self._errors]
        named = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1] if labels else ""
        self.set_status(f"Not saved: fix {named} (marked in red)" if named else "Not saved: see the fields in red")
        if first is not None:
            first.widget.focus()

    def _saved(self, error: BaseException | None) -> None:
        """Called by the write worker after the transaction: committed (None), or not (the form stays)."""
        from tracker.tui.failures import sentence

        if error is None:
            self.post_message(self.SaveFinished(None, None))
        elif isinstance(error, ChangedElsewhere):  # show the values as they are now
            self.post_message(self.SaveFinished(None, str(error), clashed=dict(error.values)))
        elif isinstance(error, FieldError):
            self.post_message(self.SaveFinished(error.field, str(error)))
        else:
            self.post_message(self.SaveFinished(None, sentence(error)))

    def on_form_screen_save_finished(self, message: SaveFinished) -> None:
        self.saving = False
        if message.error is None:
            self.dismiss(True)
            return
        if message.clashed is not None:
            self.load_again_keeping_typed(message.clashed)
            return
        fields = {f.key: f for f in self.query(Field)}
        if message.field in fields:
            field = fields[message.field]
            field.set_error(message.error)
            field.widget.focus()
            self.set_status(f"Not saved: {field.label}: {message.error}")
        else:
            self.set_status(f"Not saved: {message.error}")

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter is handled by `action_enter` (a priority binding); a submit from elsewhere stops here."""
        event.stop()
