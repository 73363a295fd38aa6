"""The Offers screen: offers side by side, rated, and decided.

Each offer is a card: organization, stipend, dates, how long is left to answer.
On the focused card (`←` / `→` or tab to move), `t` `f` `n` `p` cycle the ratings
for topic fit, familiarity with the professor, renown and place (0-5; the score adds
them up), `a` accepts it (a dialog offers to decline or withdraw every other open
opportunity, in the same transaction), `d` declines it, `enter` opens its opportunity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalScroll
from textual.timer import Timer
from textual.content import Content
from textual.widgets import Header, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.dates import describe_due
from tracker.store import Store
from tracker.store.views.offers_data import MAX_WEIGHT, WEIGHTS, OfferView, OpenOpportunity
from tracker.tui.screens.base import DataScreen
from tracker.tui.widgets.offer_card import OfferCard

FIRST_CARDS = 6
"""Cards mounted at first (three fit in 120 columns); the next ones as the focus nears the last.

A card is a widget, styled and laid out when mounted: fifty of them (the most shown, a cohort's
pending offers) were 0.15 s of the screen's first visit for the three in sight."""
MORE_CARDS = 6
"""Cards mounted each time the focus comes within two of the last mounted one."""
CARD_WIDTH = 38
"""Columns of a card when they do not all fit side by side (at 80 columns, or a fourth offer at 120)."""
SAVE_DELAY = 0.4
"""Seconds after the last rating key before the ratings are saved (quick presses make one write)."""


@dataclass(frozen=True)
class OffersData:
    """What the screen loads: the offers, and the open opportunities (for the accept dialog)."""

    offers: list[OfferView]
    open_opportunities: list[OpenOpportunity]


def best_offer(offers: list[OfferView]) -> int | None:
    """The id of the pending offer with the highest score (None if none is rated, or on a tie)."""
    rated = [o for o in offers if o.decision == "pending" and o.score is not None]
    if not rated:
        return None
    top = max(o.score or 0 for o in rated)
    leaders = [o for o in rated if o.score == top]
    return leaders[0].id if len(leaders) == 1 else None


class OffersScreen(DataScreen):
    """Offers as cards, side by side."""

    TITLE = "Offers"
    MODE = "offers"

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = f"""
    OffersScreen.-narrow OfferCard, OffersScreen #offers-cards.-overflow OfferCard {{
        width: {CARD_WIDTH};
    }}
    OffersScreen #offers-summary {{
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
    }}
    OffersScreen #offers-cards {{
        height: 1fr;
    }}
    """

    WRITES = frozenset({"accept", "decline", "weight"})

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the cards' scrolling row would otherwise take the arrows and scroll a column.
        Binding("left", "move(-1)", "Previous", show=False, id="offers.previous", priority=True),
        Binding("right", "move(1)", "Next", show=False, id="offers.next", priority=True),
        Binding("h", "move(-1)", "Previous", show=False, id="offers.previous_h"),
        Binding("l", "move(1)", "Next", show=False, id="offers.next_l"),
        Binding("t", "weight('topic')", "Topic", id="offers.topic"),
        Binding("f", "weight('familiarity')", "Familiarity", id="offers.familiarity"),
        Binding("n", "weight('renown')", "Renown", id="offers.renown"),
        Binding("p", "weight('place')", "Place", id="offers.place"),
        Binding("a", "accept", "Accept", id="offers.accept"),
        Binding("d", "decline", "Decline", id="offers.decline"),
        Binding("enter", "open", "Open", id="offers.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: OffersData | None = None
        """What was loaded last."""
        self._cards: list[OfferCard] = []
        """A card per offer shown, in order: the first mounted, the rest as the focus comes near."""
        self._unsaved: dict[int, dict[str, int]] = {}
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="offers-summary")
        yield HorizontalScroll(id="offers-cards")
        yield AppFooter()

    @classmethod
    def read(cls, store: Store, today: Any, zone: Any) -> OffersData:
        from tracker.store.views.screen_data import offers_data

        return OffersData(*offers_data(store))

    def fetch(self, store: Store) -> OffersData:
        return self.read_or_take(store)  # type: ignore[no-any-return]

    def show(self, data: OffersData) -> None:
        if self._unsaved:
            offers = [replace(o, **self._unsaved.get(o.id, {})) for o in data.offers]
            data = OffersData(offers, data.open_opportunities)
        self.data = data
        today = self.app.today()  # type: ignore[attr-defined]
        self.query_one("#offers-summary", Static).update(self._summary(data.offers, today, rates=not self.hides("weight")))
        best = best_offer(data.offers)
        holder = self.query_one("#offers-cards", HorizontalScroll)
        self._fit(holder)
        if [c.offer.id for c in self._cards] == [o.id for o in data.offers]:
            for card, offer in zip(self._cards, data.offers, strict=True):
                card.set_offer(offer, today=today, best=offer.id == best)
            return
        kept = self.focused_card()
        kept_id = kept.offer.id if kept else None
        self._cards = [OfferCard(offer, today=today, best=offer.id == best) for offer in data.offers]
        self.call_later(self._replace_cards, holder, self._cards, kept_id)

    def _fit(self, holder: HorizontalScroll) -> None:
        """Cards share the width while they all fit; past that each keeps its own and the row scrolls (a
        fourth offer at 120 columns made every card as wide as the screen)."""
        count = len(self.data.offers) if self.data is not None else 0
        holder.set_class(count * CARD_WIDTH > self.size.width, "-overflow")

    def on_resize(self) -> None:
        self._fit(self.query_one("#offers-cards", HorizontalScroll))

    async def _replace_cards(self, holder: HorizontalScroll, new_cards: list[OfferCard], kept_id: int | None) -> None:
        """Swap the cards once the old ones are gone (they hold the same ids: mounting first would clash)."""
        await holder.remove_children()
        if not new_cards or new_cards is not self._cards:
            return
        focus = next((c for c in new_cards if c.offer.id == kept_id), new_cards[0])
        await self._mount_upto(new_cards.index(focus) + FIRST_CARDS)
        self.call_after_refresh(focus.focus)

    async def _mount_upto(self, count: int) -> None:
        """Mount the cards up to `count` (those not mounted yet), in order."""
        holder = self.query_one("#offers-cards", HorizontalScroll)
        mounted = len(holder.children)
        batch = self._cards[mounted:count]
        if batch:
            await holder.mount_all(batch)

    @staticmethod
    def _summary(offers: list[OfferView], today: Any, *, rates: bool) -> Text:
        if not offers:
            return Text(
                "No offers yet. When one arrives, open its opportunity (3, then enter) and press o.", style="dim"
            )
        pending = [o for o in offers if o.decision == "pending"]
        text = Text()
        if pending:
            text.append(f"{len(pending)} offer{'s' if len(pending) != 1 else ''} to answer", style="bold")
            due = [o for o in pending if o.respond_by]
            if due:
                first, by = min(((o, o.respond_by) for o in due if o.respond_by), key=lambda pair: pair[1])
                text.append(" · next: ")
                text.append(first.title)
                text.append(f", {describe_due(by, today=today)}", style="yellow")
        else:
            text.append("Every offer is decided.", style="bold")
        if rates:  # not where the app only reads (an adviser's view)
            labels = ", ".join(label.lower() for _name, label in WEIGHTS)
            text.append(f"\nt f n p rate the focused offer 0-{MAX_WEIGHT} ({labels}); the score adds them up.",
                        style="dim")
        return text

    def focused_card(self) -> OfferCard | None:
        """The card with the focus (None if none has it)."""
        focused = self.focused
        return focused if isinstance(focused, OfferCard) else None

    # --- actions ---------------------------------------------------------------------------------

    async def action_move(self, step: int) -> None:
        """Focus the card `step` places to the right (left when negative)."""
        cards = self._cards
        if not cards:
            return
        current = self.focused_card()
        index = max(0, min(cards.index(current) + step if current in cards else 0, len(cards) - 1))
        mounted = len(self.query_one("#offers-cards", HorizontalScroll).children)
        if index >= mounted - 2:
            await self._mount_upto(max(mounted, index + 1) + MORE_CARDS)
        cards[index].focus()

    def action_weight(self, name: str) -> None:
        """Cycle one rating of the focused offer: 0, 1, ... 5, then 0 again (saved after a short pause)."""
        card = self.focused_card()
        if card is None:
            return
        current = card.offer.weight(name)
        value = 1 if current is None else (current + 1) % (MAX_WEIGHT + 1)
        card.set_offer(replace(card.offer, **{name: value}), today=card.today, best=card.best)
        self._unsaved.setdefault(card.offer.id, {})[name] = value
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_weights)

    def save_weights(self) -> None:
        """Write the ratings changed since the last save, in one transaction."""
        self._save_timer = None
        unsaved, self._unsaved = self._unsaved, {}
        if not unsaved:
            return

        def change(session: Any) -> None:
            from tracker.store.writes.offers_actions import set_weights

            for offer_id, weights in unsaved.items():
                set_weights(session, offer_id=offer_id, **weights)

        self.app.write(change)  # type: ignore[attr-defined]

    def on_screen_suspend(self) -> None:
        self.save_weights()

    def action_accept(self) -> None:
        """Accept the focused offer, after a dialog that lists the opportunities to close."""
        card = self.focused_card()
        if card is None or self.data is None:
            return
        offer = card.offer
        if offer.decision == "accepted":
            self.notify(f"The offer for {offer.title} is already accepted.")
            return
        from tracker.tui.widgets.accept_dialog import AcceptDialog

        others = [o for o in self.data.open_opportunities if o.id != offer.opportunity_id]
        today = self.app.today()  # type: ignore[attr-defined]

        def accepted(close: list[int] | None) -> None:
            if close is None:
                return

            def change(session: Any) -> str:
                from tracker.store.writes.offers_actions import accept_offer

                return str(accept_offer(session, offer_id=offer.id, close=close, on=today))

            self.app.write(change)  # type: ignore[attr-defined]

        self.app.push_screen(AcceptDialog(offer.title, others), accepted)

    def action_decline(self) -> None:
        """Decline the focused offer (after a yes/no question)."""
        card = self.focused_card()
        if card is None:
            return
        offer = card.offer
        if offer.decision == "declined":
            self.notify(f"The offer for {offer.title} is already declined.")
            return
        from tracker.tui.widgets.confirm_dialog import ConfirmDialog

        today = self.app.today()  # type: ignore[attr-defined]
        question = Content.assemble(
            "Decline the offer for ", (offer.title, "bold"), "? Its opportunity moves to declined.",
        )

        def declined(session: Any) -> str:
            from tracker.store.writes.offers_actions import decline_offer

            return decline_offer(session, offer_id=offer.id, on=today)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.write(declined)  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmDialog(question, yes="Decline"), answered)

    def action_open(self) -> None:
        """Open the focused offer's opportunity."""
        card = self.focused_card()
        if card is not None:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(card.offer.opportunity_id))
