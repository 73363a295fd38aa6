"""One column of the board: the cards of one stage (or of several closed stages) as an OptionList.

A column is a single widget however many cards it holds (at most the store's limit; the
border's subtitle gives the count, or "+N more" for the cards not shown), so a pipeline
of 10,000 opportunities never creates 10,000 widgets. Up/down move between cards; the board screen moves between columns.

Of its cards the column lays out a page at first (a screenful and more) and the next page
when the cursor or the scroll comes near the end: an option list measures and wraps every
option it holds, again at each width, and seven columns of fifty cards were half a second
of a first visit at full size for the nine cards a column shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tracker.store.views.board_cards import Card

PAGE = 15
"""Cards laid out at first, and added each time the cursor or the scroll nears the last one."""
AHEAD = 3
"""How near the last laid-out card the cursor comes before the next page is added."""


def card_id(opportunity_id: int) -> str:
    """The option id of an opportunity's card."""
    return f"opp-{opportunity_id}"


def opportunity_of(option_id: str | None) -> int | None:
    """The opportunity id behind a card's option id."""
    if option_id and option_id.startswith("opp-"):
        return int(option_id[4:])
    return None


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


class BoardColumn(OptionList):
    """The cards of `stages`; the border shows the stage name, and the count or "+N more"."""

    DEFAULT_CSS = """
    BoardColumn {
        width: 16;
        height: 1fr;
        max-height: 100%;
        margin: 0 0;
        padding: 0;
        border-title-align: left;
        border-subtitle-align: right;
        /* Readable when not focused too: the title and count in text colours, not the border's. */
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        &:focus {
            border-title-color: $text-accent;
        }
        /* No scrollbar: the subtitle gives the count and the cards come a page at a time. Seven
           scrollbars side by side were half the cost of the board's first paint (each one a
           widget of its own, cutting every line of the screen twice more). The wheel and the
           keys still scroll. */
        scrollbar-size-vertical: 0;
        & > .option-list--option {
            padding: 0 1;
        }
        /* Only the focused column shows its cursor: one highlighted card on the board. */
        & > .option-list--option-highlighted {
            color: $foreground;
            background: transparent;
            text-style: none;
        }
        &:focus > .option-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    def __init__(self, title: str, stages: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.title = title
        """The column's name, e.g. "Contacted" or "Closed"."""
        self.stages = tuple(stages)
        """The stages whose cards the column holds."""
        self.total = 0
        """How many opportunities are in these stages (shown or not)."""
        self._cards: tuple[Card, ...] = ()
        """The column's cards, in order (the store's first `limit`)."""
        self._laid_out = 0
        """How many of them are options so far."""
        self._today = date.min
        self._read = False
        """Whether cards have been set yet (until then the column is painted blank)."""
        self.set_class(len(self.stages) > 1, "-closed")
        self.border_title = title

    def set_cards(self, cards: Sequence[Card], total: int, today: date) -> None:
        """Show `cards` (the first of `total`), keeping the highlighted card when it is still here."""
        previous = self.highlighted_option
        keep, index = (previous.id, self.highlighted) if previous else (None, None)
        self.total = total
        self._read = True
        self._cards = tuple(cards)
        self._today = today
        ids = [card_id(card.id) for card in cards]
        at = ids.index(keep) if keep in ids else min(index or 0, len(cards) - 1) if cards else None
        self._laid_out = 0
        self.set_options([])
        self._lay_out(max(PAGE, (at or 0) + PAGE))
        hidden = total - len(cards)
        self.border_subtitle = f"+{hidden} more" if hidden > 0 else f"{total}"
        if at is not None:
            self.highlighted = at

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._read:  # blank until the first cards are in: an empty column was painted two or
            # three times over on a first visit, on the UI thread the read in the background shares
            return [Strip.blank(crop.width, self.rich_style)] * crop.height
        return super().render_lines(crop)

    @property
    def cards(self) -> tuple[Card, ...]:
        """The column's cards, laid out or not yet."""
        return self._cards

    def _lay_out(self, upto: int) -> None:
        """Add the cards up to `upto` (exclusive) to the options, after those laid out already."""
        batch = self._cards[self._laid_out:upto]
        if not batch:
            return
        closed = len(self.stages) > 1
        options: list[Option | None] = [None] if self._laid_out else []  # the rule after the last card
        for card in batch:
            options.append(Option(card_prompt(card, self._today, show_stage=closed), id=card_id(card.id)))
            options.append(None)
        options.pop()
        self._laid_out += len(batch)
        self.add_options(options)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None and highlighted >= self._laid_out - AHEAD:
            self._lay_out(self._laid_out + PAGE)
        super().watch_highlighted(highlighted)

    def action_last(self) -> None:
        self._lay_out(len(self._cards))
        super().action_last()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._laid_out < len(self._cards) and new_value >= self.max_scroll_y - self.size.height:
            self._lay_out(self._laid_out + PAGE)

    @property
    def current(self) -> int | None:
        """The opportunity id of the highlighted card."""
        option = self.highlighted_option
        return opportunity_of(option.id) if option else None

    def show_card(self, opportunity_id: int) -> bool:
        """Highlight the card of `opportunity_id`; False if it is not among the column's cards."""
        ids = [card.id for card in self._cards]
        if opportunity_id in ids:
            self._lay_out(ids.index(opportunity_id) + PAGE)
        try:
            self.highlighted = self.get_option_index(card_id(opportunity_id))
        except OptionDoesNotExist:
            return False
        return True
