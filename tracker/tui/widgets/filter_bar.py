"""FilterBar: a free-text filter and a few drop-down filters (`ChoiceBox`) above a table.

Every choice posts `FilterBar.Changed`; the text box's value is watched by the screen
(`text_box`), which so refilters in the same call as the keystroke: Input's Changed message
reached it after the typed letter's frame, and the rows' read waited for that frame. In the
text box, `enter` keeps the filter and `escape` clears it; both post `FilterBar.Done` so the
screen can give the focus back to its table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from tracker.tui.widgets.choice_box import ChoiceBox


@dataclass(frozen=True)
class FilterChoice:
    """A drop-down filter: its name, what it shows when nothing is chosen, and its options."""

    name: str
    prompt: str
    options: Sequence[tuple[str, str]]
    """(label, value) pairs."""
    width: int = 20
    optional: bool = False
    """Shown only when it has options and the bar is at least `OPTIONAL_FROM` wide (a choice still applies)."""


class FilterBar(Horizontal):
    """A text filter followed by drop-down filters."""

    DEFAULT_CSS = """
    FilterBar {
        height: 3;
        width: 1fr;
    }
    FilterBar > Input {
        width: 1fr;
        min-width: 16;
    }
    """

    BINDINGS = [
        Binding("escape", "leave", "Clear & leave", id="filter.leave"),
    ]

    OPTIONAL_FROM = 110
    """The narrowest bar that shows the optional drop-downs."""

    class Changed(Message):
        """The filter changed: the text and the chosen value of each drop-down (None: any)."""

        def __init__(self, bar: FilterBar, text: str, choices: dict[str, str | None]) -> None:
            super().__init__()
            self.bar = bar
            self.text = text
            self.choices = choices

        @property
        def control(self) -> FilterBar:
            return self.bar

    class Done(Message):
        """The user is done with the filter (enter or escape)."""

    def __init__(self, *, placeholder: str, choices: Sequence[FilterChoice] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="filter-text", select_on_focus=False)
        for choice in self.choices:
            box = ChoiceBox(choice.options, prompt=choice.prompt, id=f"filter-{choice.name}")
            box.styles.width = choice.width
            box.display = not choice.optional
            yield box

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show the optional drop-downs that have options, when there is room for them."""
        for choice in self.choices:
            if choice.optional:
                shown = bool(choice.options) and self.size.width >= self.OPTIONAL_FROM
                self.query_one(f"#filter-{choice.name}", ChoiceBox).display = shown

    # --- reading and changing ---------------------------------------------------------

    @property
    def text_box(self) -> Input:
        """The text box (its `value` is the text typed)."""
        return self.query_one("#filter-text", Input)

    @property
    def text(self) -> str:
        """The text typed."""
        return self.text_box.value

    def value(self, name: str) -> str | None:
        """The value chosen in the drop-down `name`, None for any."""
        return self.query_one(f"#filter-{name}", ChoiceBox).value

    def label(self, name: str) -> str | None:
        """The label of the option chosen in the drop-down `name`, None for any."""
        return self.query_one(f"#filter-{name}", ChoiceBox).label

    def shows(self, name: str) -> bool:
        """Whether the drop-down `name` is on screen."""
        return bool(self.query_one(f"#filter-{name}", ChoiceBox).display)

    def values(self) -> dict[str, str | None]:
        """Every drop-down's value."""
        return {choice.name: self.value(choice.name) for choice in self.choices}

    def focus_text(self) -> None:
        """Put the cursor in the text box."""
        self.query_one("#filter-text", Input).focus()

    def cycle(self, name: str) -> str | None:
        """Choose the next option of the drop-down `name` (after the last: any); returns the new value."""
        choice = next(c for c in self.choices if c.name == name)
        values = [value for _label, value in choice.options]
        current = self.value(name)
        index = values.index(current) + 1 if current in values else 0
        box = self.query_one(f"#filter-{name}", ChoiceBox)
        if index < len(values):
            box.value = values[index]
        else:
            box.clear()
        return self.value(name)

    def set_options(self, name: str, options: Sequence[tuple[str, str]]) -> None:
        """Replace the options of the drop-down `name`, keeping the choice if it is still offered."""
        index = next(i for i, c in enumerate(self.choices) if c.name == name)
        old = self.choices[index]
        if list(old.options) == list(options):
            return
        self.choices[index] = FilterChoice(name, old.prompt, list(options), old.width, old.optional)
        box = self.query_one(f"#filter-{name}", ChoiceBox)
        with box.prevent(ChoiceBox.Changed):
            box.set_options(options)
        self._fit()

    def _post_changed(self) -> None:
        self.post_message(self.Changed(self, self.text, self.values()))

    # --- events ---------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # (the screen watches the text box's value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def on_choice_box_changed(self, event: ChoiceBox.Changed) -> None:
        event.stop()
        self._post_changed()

    def action_leave(self) -> None:
        """Escape: in the text box, clear it; then give the focus back."""
        box = self.query_one("#filter-text", Input)
        if box.has_focus and box.value:
            box.value = ""
        self.post_message(self.Done())
