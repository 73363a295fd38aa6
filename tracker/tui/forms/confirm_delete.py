"""ConfirmDelete: asks before a person or an opportunity is deleted, saying what goes with it.

The question is worked out in a thread worker (`tracker.store.writes.deletes.impact`): "Deletes
person "Prof. Kim Minsoo" (GIST) with 12 messages, 1 letter request. Keeps, without the
link: 2 opportunities." `y` (or the Delete button) deletes through `TrackerApp.write`, in
one transaction, and the notification says that ctrl+z undoes it; `n` or `escape` keeps
everything. `ask_delete(screen, kind, id)` is what a detail screen's `D` key calls: once
the record is deleted, that screen (which showed it) closes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from tracker.domain.sanitize import visible
from tracker.domain.errors import InvalidInput, TrackerError


class ConfirmDelete(ModalScreen[bool]):
    """Say what deleting the record takes with it; dismiss with True once the delete is sent."""

    DEFAULT_CSS = """
    ConfirmDelete {
        align: center middle;
    }
    ConfirmDelete > Vertical {
        width: 76;
        max-width: 95%;
        height: auto;
        border: round $error;
        background: $surface;
        padding: 1 2;
    }
    ConfirmDelete Horizontal {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ConfirmDelete Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Delete", id="delete.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="delete.no"),
    ]

    class Loaded(Message):
        """The worker found what would go (`lines`), or why nothing can (`error`)."""

        def __init__(self, lines: list[str] | None, summary: str | None, error: str | None) -> None:
            super().__init__()
            self.lines = lines
            self.summary = summary
            self.error = error

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__()
        if kind not in ("person", "opportunity"):
            raise ValueError(f"cannot delete a {kind}")
        self.kind = kind
        """ "person" or "opportunity"."""
        self.record_id = record_id
        self.summary: str | None = None
        """What will be deleted, as the store said it when asked (None until loaded)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Checking what goes with this {self.kind}…", style="dim"), id="delete-question")
            with Horizontal():
                yield Button("Keep (n)", id="delete-no")
                yield Button("Delete (y)", variant="error", id="delete-yes", disabled=True)

    def on_mount(self) -> None:
        self.query_one("#delete-no", Button).focus()
        self._load(getattr(self.app, "store", None))

    @work(thread=True, exclusive=True, group="delete-impact")
    def _load(self, store: Any) -> None:
        from tracker.store.writes.deletes import impact

        if store is None:
            self.post_message(self.Loaded(None, None, "the database is not open yet"))
            return
        try:
            with store.read() as session:
                found = impact(session, self.kind, self.record_id)
        except TrackerError as err:
            self.post_message(self.Loaded(None, None, str(err)))
            return
        self.post_message(self.Loaded(found.lines(), found.summary(), None))

    def on_confirm_delete_loaded(self, message: Loaded) -> None:
        question = self.query_one("#delete-question", Static)
        if message.error is not None:
            question.update(Text(visible(message.error), style="bold red"))
            return
        text = Text(visible("\n".join(message.lines or [])))
        text.append("\n\nYou can undo it with ctrl+z.", style="dim")
        question.update(text)
        self.summary = message.summary
        self.query_one("#delete-yes", Button).disabled = False

    def action_answer(self, yes: bool) -> None:
        """Delete (once the question is shown), or keep."""
        if not yes:
            self.dismiss(False)
            return
        if self.summary is None:
            return
        self.app.write(self._change(self.summary))  # type: ignore[attr-defined]
        self.dismiss(True)

    def _change(self, shown: str) -> Any:
        kind, ident = self.kind, self.record_id

        def change(session: Any) -> str:
            from tracker.store.writes import deletes

            if kind == "person":
                found = deletes.delete_person(session, person_id=ident)
            else:
                found = deletes.delete_opportunity(session, opportunity_id=ident)
            if found.summary() != shown:
                raise InvalidInput(f"the {kind} changed while you were asked; nothing was deleted, try again")
            return visible(f"Deleted {found.summary()}. ctrl+z undoes it.")

        return change

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(event.button.id == "delete-yes")


def ask_delete(screen: Screen[Any], kind: str, record_id: int) -> None:
    """Ask before deleting the record `screen` shows; close `screen` once the delete is sent."""

    def answered(deleted: bool | None) -> None:
        if deleted and screen.is_current:
            screen.app.pop_screen()

    screen.app.push_screen(ConfirmDelete(kind, record_id), answered)
