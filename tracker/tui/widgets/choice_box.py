"""ChoiceBox: a drop-down filter that is one widget until it is opened.

It looks like Textual's `Select` (a tall border, the prompt or the chosen label, an arrow)
and behaves like it: `enter`, `space`, `down` or a click open the options in a menu under
the box; `enter` or a click chooses, `escape` closes. A `Select` is six widgets (its current
value, three labels and an option list waiting hidden), and a screen's filter bar had four:
composing and styling them was a third of the Opportunities screen's first visit at full
size. Here the menu is made only when it is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MENU_HEIGHT = 12
"""The most rows the open menu shows (it scrolls beyond)."""


class ChoiceMenu(ModalScreen[tuple[str | None] | None]):
    """The open drop-down: the options in a list at `offset`.

    Dismissed with `(value,)` when one is chosen (`(None,)` for the first option, the prompt:
    any), None when closed without choosing.
    """

    DEFAULT_CSS = """
    ChoiceMenu {
        background: transparent;
        align: left top;
    }
    ChoiceMenu > OptionList {
        border: tall $border;
        background: $surface;
        height: auto;
        max-height: %d;
        padding: 0;
        & > .option-list--option {
            padding: 0 1;
        }
    }
    """ % MENU_HEIGHT

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="choice.close"),
    ]

    def __init__(self, options: Sequence[tuple[str, str | None]], value: str | None, offset: Offset,
                 width: int) -> None:
        super().__init__()
        self.options = list(options)
        self.value = value
        self.at = offset
        self.width = width

    def compose(self) -> ComposeResult:
        menu = OptionList(*(Option(Content(label), id=str(index)) for index, (label, _value) in enumerate(self.options)))
        menu.styles.offset = (self.at.x, self.at.y)
        menu.styles.width = self.width
        yield menu

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        values = [value for _label, value in self.options]
        menu.highlighted = values.index(self.value) if self.value in values else 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((self.options[event.option_index][1],))

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the menu: close it
            self.dismiss(None)


class ChoiceBox(Widget, can_focus=True):
    """A drop-down of (label, value) options; `value` None shows the prompt (any)."""

    DEFAULT_CSS = """
    ChoiceBox {
        height: 3;
        width: 20;
        border: tall $border-blurred;
        background: $surface;
        color: $foreground;
        padding: 0 2;
        pointer: pointer;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down", "open", "Choose", show=False, id="choice.open"),
    ]

    class Changed(Message):
        """The value changed (None: the prompt, any)."""

        def __init__(self, box: ChoiceBox, value: str | None) -> None:
            super().__init__()
            self.box = box
            self.value = value

        @property
        def control(self) -> ChoiceBox:
            return self.box

    def __init__(self, options: Sequence[tuple[str, str]], *, prompt: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompt = prompt
        self.options: list[tuple[str, str]] = list(options)
        self._value: str | None = None

    @property
    def value(self) -> str | None:
        """The value chosen; None when nothing is (the prompt shows)."""
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        if value is not None and value not in (v for _label, v in self.options):
            raise ValueError(f"{value!r} is not one of the options")
        if value != self._value:
            self._value = value
            self.refresh()
            self.post_message(self.Changed(self, value))

    def clear(self) -> None:
        """Back to the prompt (any)."""
        self.value = None

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """Replace the options; a value no longer offered goes back to the prompt."""
        self.options = list(options)
        if self._value is not None and self._value not in (v for _label, v in self.options):
            self.value = None
        self.refresh()

    @property
    def label(self) -> str | None:
        """The label of the value chosen, None when nothing is."""
        return next((label for label, value in self.options if value == self._value), None)

    def render(self) -> Content:
        label = self.label
        text = Content(label) if label is not None else Content.styled(self.prompt, "$text-muted")
        room = max(1, self.content_size.width - 2)
        if text.cell_length > room:
            text = text.truncate(room - 1) + Content("…")
        return Content.assemble(text.pad_right(room - text.cell_length), (" ▼", "$text-muted"))

    # --- opening ---------------------------------------------------------------------------

    def action_open(self) -> None:
        """Show the options under the box."""
        region = self.region
        below = region.bottom
        options: list[tuple[str, str | None]] = [(self.prompt, None), *self.options]
        height = min(len(options), MENU_HEIGHT - 2) + 2
        top = below if below + height <= self.screen.size.height else max(0, region.y - height)
        self.app.push_screen(ChoiceMenu(options, self._value, Offset(region.x, top), max(region.width, 16)),
                             self._chosen)

    def _chosen(self, chosen: tuple[str | None] | None) -> None:
        if chosen is not None:
            self.value = chosen[0]
        self.focus()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()
