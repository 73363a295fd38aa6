"""One column of the board: the cards of one stage (or of several closed stages), drawn line by line.

A column is a single widget however many cards it holds (at most the store's limit; the
border's subtitle gives the count, or "+N more" for the cards not shown), so a pipeline
of 10,000 opportunities never creates 10,000 widgets. Up/down (and j/k) move between cards;
the board screen moves between columns.

It draws its cards itself (Textual's line API) rather than as an option list: each card is
wrapped to the column's width once, into lines kept until the width, the theme or the card
changes, and a line of the screen is one look-up. Of its cards the column lays out a page at
first (what its height shows, and a few more) and the next page when the cursor or the scroll
comes near the end. Seven option lists measured, wrapped and styled every card again at each
paint, most of a first visit to the board at full size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tracker.store.views.board_cards import Card

CARD_LINES = 4
"""The fewest lines a card takes: title, organization, next date, and the rule under it."""
PAGE = 8
"""Cards laid out each time the cursor or the scroll nears the last one laid out."""
AHEAD = 3
"""How near the last laid-out card the cursor comes before the next page is added."""


def _next_line(card: Card, today: date, show_stage: bool) -> Content:
    from tracker.domain.dates import describe_due

    if show_stage:  # the stage, then its day on a line of its own (never "withdrawn17 Nov" when wrapped)
        stage = Content.styled(card.stage, "bold $text-secondary")
        if card.since is None:
            return stage
        return Content("\n").join([stage, Content.styled(f"since {card.since.day} {card.since:%b %Y}",
                                                            "$text-muted")])
    if card.next_date is None:
        return Content.styled("nothing scheduled", "$text-muted")
    when = describe_due(card.next_date, today=today)
    style = "$text-error" if card.next_date < today else "$text-warning" if card.next_date == today else "$text-accent"
    return Content.assemble((f"{card.next_what} ", "$text-muted"), (when, style))


def card_prompt(card: Card, today: date, *, show_stage: bool = False) -> Content:
    """A card: title, organization, and the next date (or the stage, in the closed column)."""
    lines = [Content.styled(card.title, "bold")]
    if card.organization:
        lines.append(Content.styled(card.organization, "$text-muted italic"))
    lines.append(_next_line(card, today, show_stage))
    return Content("\n").join(lines)


class BoardColumn(ScrollView, can_focus=True):
    """The cards of `stages`; the border shows the stage name, and the count or "+N more"."""

    DEFAULT_CSS = """
    BoardColumn {
        width: 16;
        height: 1fr;
        max-height: 100%;
        margin: 0 0;
        padding: 0;
        color: $foreground;
        background: $surface;
        border: tall $border-blurred;
        overflow-x: hidden;
        overflow-y: auto;
        border-title-align: left;
        border-subtitle-align: right;
        /* Readable when not focused too: the title and count in text colours, not the border's. */
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            border-title-color: $text-accent;
        }
        /* No scrollbar: the subtitle gives the count and the cards come a page at a time. Seven
           scrollbars side by side were half the cost of the board's first paint. The wheel and
           the keys still scroll. */
        scrollbar-size-vertical: 0;
        & > .board-column--rule {
            color: $foreground 15%;
        }
        /* Only the focused column shows its cursor: one highlighted card on the board. */
        &:focus > .board-column--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"board-column--cursor", "board-column--rule"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    class Selected(Message):
        """A card was clicked: open it."""

        def __init__(self, column: BoardColumn, opportunity_id: int) -> None:
            super().__init__()
            self.column = column
            self.opportunity_id = opportunity_id

    def __init__(self, title: str, stages: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        """The column's name, e.g. "Contacted" or "Closed"."""
        self.stages = tuple(stages)
        """The stages whose cards the column holds."""
        self.total = 0
        """How many opportunities are in these stages (shown or not)."""
        self._cards: tuple[Card, ...] = ()
        """The column's cards, in order (the store's first `limit`)."""
        self._wanted = 0
        """How many of them are to be laid out (wrapped, and counted in the scrolling height) at least:
        the cursor's and the scroll's needs; more are, as many as fill the column's height."""
        self._highlighted: int | None = None
        self._today = date.min
        self._read = False
        """Whether cards have been set yet (until then the column is painted blank)."""
        self._prompts: dict[int, Content] = {}
        """Each laid-out card's text, by its index."""
        self._wrapped: dict[tuple[int, Style], list[Strip]] = {}
        """Each card's lines in a style (plain, or the cursor's) at `_wrapped_width`."""
        self._wrapped_width = 0
        self._rows: list[tuple[int, int]] = []
        """For each line of the column: (card index, line of that card), the rule under it being -1."""
        self._card_top: list[int] = []
        """The first line of each laid-out card."""
        self._paint_styles = (Style(), Style(), Style())
        """(plain, cursor, rule) styles of the paint under way."""
        self.set_class(len(self.stages) > 1, "-closed")
        self.border_title = title

    # --- the cards ------------------------------------------------------------------------

    def set_cards(self, cards: Sequence[Card], total: int, today: date) -> None:
        """Show `cards` (the first of `total`), keeping the highlighted card when it is still here."""
        keep, index = self.current, self._highlighted
        self.total = total
        self._read = True
        self._cards = tuple(cards)
        self._today = today
        ids = [card.id for card in cards]
        at = ids.index(keep) if keep in ids else min(index or 0, len(cards) - 1) if cards else None
        self._wanted = 0
        self._prompts = {}
        self._wrapped = {}
        self._rows, self._card_top = [], []
        self._highlighted = None
        self._lay_out((at or 0) + 1)
        hidden = total - len(cards)
        self.border_subtitle = f"+{hidden} more" if hidden > 0 else f"{total}"
        self.highlighted = at
        self.refresh()

    @property
    def cards(self) -> tuple[Card, ...]:
        """The column's cards, laid out or not yet."""
        return self._cards

    @property
    def laid_out(self) -> int:
        """How many of the cards are laid out so far (the first ones)."""
        return len(self._card_top)

    def card_text(self, index: int) -> str:
        """The plain text of the card at `index` as drawn (its lines joined by newlines)."""
        return self._prompt(index).plain

    def _prompt(self, index: int) -> Content:
        prompt = self._prompts.get(index)
        if prompt is None:
            prompt = card_prompt(self._cards[index], self._today, show_stage=len(self.stages) > 1)
            self._prompts[index] = prompt
        return prompt

    def _lay_out(self, upto: int) -> None:
        """Lay out the cards up to `upto` (exclusive) after those laid out already."""
        self._wanted = max(self._wanted, min(upto, len(self._cards)))
        self._measure()

    def _measure(self) -> None:
        """Wrap the cards wanted and not wrapped yet at the column's width, and those more that fill its
        height; size the scrolling area to them."""
        width = self.scrollable_content_region.width
        if not width:  # not laid out by Textual yet: done at the first resize
            return
        if width != self._wrapped_width:
            self._wrapped, self._rows, self._card_top = {}, [], []
            self._wrapped_width = width
        style = self.get_visual_style()
        fill = self.size.height + CARD_LINES
        index = len(self._card_top)
        while index < len(self._cards) and (index < self._wanted or len(self._rows) < fill):
            if index:
                self._rows.append((index - 1, -1))
            self._card_top.append(len(self._rows))
            self._rows.extend((index, line) for line in range(len(self._lines_of(index, style))))
            index += 1
        self.virtual_size = Size(width, len(self._rows))

    def _lines_of(self, index: int, style: Style) -> list[Strip]:
        """The card's lines in `style`, wrapped to the column's width (kept until it changes)."""
        key = (index, style)
        strips = self._wrapped.get(key)
        if strips is None:
            width, rich_style = self._wrapped_width, style.rich_style
            pad = Segment(" ", rich_style)  # a cell each side, added here: a Padding visual doubled the cost
            strips = [Strip([pad, *strip], strip.cell_length + 1).extend_cell_length(width, rich_style)
                      for strip in Visual.to_strips(self, self._prompt(index), width - 2, None, style)]
            self._wrapped[key] = strips
        return strips

    # --- drawing --------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._measure()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped = {}  # the theme or the focus changed: the old styles' lines are never drawn again

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._read:  # blank until the first cards are in: an empty column was painted two or
            # three times over on a first visit, on the UI thread the read in the background shares
            return [Strip.blank(crop.width, self.rich_style)] * crop.height
        self._measure()
        self._paint_styles = (self.get_visual_style(), self.get_visual_style("board-column--cursor"),
                              self.get_visual_style("board-column--rule"))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        plain, cursor, rule = self._paint_styles
        width = self._wrapped_width or self.scrollable_content_region.width
        line = round(self.scroll_offset.y) + y
        if not 0 <= line < len(self._rows):
            return Strip.blank(width, plain.rich_style)
        index, offset = self._rows[line]
        if offset < 0:
            return Strip([Segment("─" * width, rule.rich_style)], width)
        return self._lines_of(index, cursor if index == self._highlighted and self.has_focus else plain)[offset]

    # --- the cursor -----------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        """The index of the card under the cursor (None: no cards)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._cards) - 1)) if self._cards else None
        if index == self._highlighted:
            return
        self._highlighted = index
        if index is not None:
            if index >= self.laid_out - AHEAD:
                self._lay_out(index + PAGE)
            self._scroll_to_card(index)
        self.refresh()

    def _scroll_to_card(self, index: int) -> None:
        if index >= len(self._card_top):
            self.call_after_refresh(self._scroll_to_card, index)  # not measured yet
            return
        top = self._card_top[index]
        bottom = self._card_top[index + 1] if index + 1 < len(self._card_top) else len(self._rows) + 1
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, force=True, immediate=True)

    @property
    def current(self) -> int | None:
        """The opportunity id of the highlighted card."""
        index = self._highlighted
        return self._cards[index].id if index is not None and index < len(self._cards) else None

    def show_card(self, opportunity_id: int) -> bool:
        """Highlight the card of `opportunity_id`; False if it is not among the column's cards."""
        ids = [card.id for card in self._cards]
        if opportunity_id not in ids:
            return False
        self.highlighted = ids.index(opportunity_id)
        return True

    def _step(self, step: int) -> None:
        if self._cards:
            self.highlighted = (self._highlighted or 0) + step if self._highlighted is not None else 0

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        if self._cards:
            self.highlighted = 0

    def action_last(self) -> None:
        if self._cards:
            self._lay_out(len(self._cards))
            self.highlighted = len(self._cards) - 1

    def action_page_down(self) -> None:
        self._step(max(1, self.size.height // CARD_LINES))

    def action_page_up(self) -> None:
        self._step(-max(1, self.size.height // CARD_LINES))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.laid_out < len(self._cards) and new_value >= self.max_scroll_y - self.size.height:
            self._lay_out(self.laid_out + PAGE)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        line = None if offset is None else round(self.scroll_offset.y) + offset.y
        if line is None or not 0 <= line < len(self._rows):
            return
        index, _line = self._rows[line]
        self.focus()
        self.highlighted = index
        self.post_message(self.Selected(self, self._cards[index].id))
