"""AcceptDialog: confirm accepting an offer, and choose which other opportunities to close.

It lists every other open opportunity, ticked: those with an offer will be declined,
the rest withdrawn. `space` (or enter, or a click) on a row toggles it, and its label says
at once what will happen to it ("→ declined", "→ withdrawn", "→ stays open"): the tick
alone is only a colour, which a terminal may not show. `a` (or the button) accepts and the
dialog returns the ids to close; `escape` cancels (returns None). The footer shows the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection
from tracker.tui.widgets.app_footer import AppFooter

from tracker.store.views.offers_data import OpenOpportunity


class OthersList(SelectionList[int]):
    """The other open opportunities, ticked to close; space toggles the highlighted row (shown in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Close / keep open", id="accept.toggle"),
        Binding("j", "cursor_down", "Down", show=False, id="accept.down"),
        Binding("k", "cursor_up", "Up", show=False, id="accept.up"),
    ]


class AcceptDialog(ModalScreen[list[int] | None]):
    """Accept an offer; returns the ids of the opportunities to close, or None to cancel."""

    DEFAULT_CSS = """
    AcceptDialog {
        align: center middle;
    }
    AcceptDialog > Vertical {
        width: 95%;
        max-width: 90;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    AcceptDialog #accept-question {
        text-style: bold;
        margin: 1 0;
    }
    AcceptDialog SelectionList {
        height: auto;
        max-height: 12;
    }
    AcceptDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    AcceptDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", id="accept.confirm"),
        Binding("escape", "cancel", "Cancel", id="accept.cancel"),
    ]

    def __init__(self, title: str, others: Sequence[OpenOpportunity]) -> None:
        super().__init__()
        self.offer_title = title
        """The opportunity whose offer is accepted."""
        self.others = list(others)
        """The other open opportunities."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Accept the offer for ", (self.offer_title, "bold $accent"), "?"),
                         id="accept-question")
            if self.others:
                yield Static(
                    "Close the other open opportunities too? Those with an offer are declined, the others withdrawn. "
                    "Press space on the ones to keep open."
                )
                yield OthersList(
                    *(Selection(self._label(other, True), other.id, True) for other in self.others), id="accept-others",
                )
            else:
                yield Static("No other opportunity is open.", classes="empty-hint")
            with Horizontal():
                yield Button("Cancel", id="accept-cancel")
                yield Button("Accept (a)", variant="success", id="accept-ok")
        yield AppFooter()

    @staticmethod
    def _label(other: OpenOpportunity, close: bool) -> Content:
        """The row of `other`: its title and stage, and what accepting does to it."""
        if not close:
            outcome = ("→ stays open", "$success")
        elif other.has_offer:
            outcome = ("→ declined (has an offer)", "$warning")
        else:
            outcome = ("→ withdrawn", "$text-muted")
        return Content.assemble(Content(other.title), "  ", (f"({other.stage})", "dim"), "  ", outcome)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        """Say at once what will happen to the row toggled."""
        event.stop()
        listing = event.selection_list
        other = self.others[event.selection_index]
        listing.replace_option_prompt_at_index(event.selection_index,
                                               self._label(other, other.id in listing.selected))

    def on_mount(self) -> None:
        if self.others:
            self.query_one("#accept-others", SelectionList).focus()
        else:
            self.query_one("#accept-ok", Button).focus()

    def chosen(self) -> list[int]:
        """The ids ticked."""
        if not self.others:
            return []
        return list(self.query_one("#accept-others", SelectionList).selected)

    def action_accept(self) -> None:
        """Accept, closing the ticked opportunities."""
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        """Change nothing."""
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "accept-ok":
            self.action_accept()
        else:
            self.action_cancel()
