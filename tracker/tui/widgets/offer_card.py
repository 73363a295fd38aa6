"""OfferCard: one offer as a focusable card, for comparing offers side by side.

It shows the organization, stipend, dates, the respond-by countdown, the four
ratings as dots (with the key that changes each) and the score. The screen owns
the keys; the card only shows an `OfferView`, which `set_offer` replaces.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tracker.store.views.offers_data import MAX_WEIGHT, WEIGHTS, OfferView
from tracker.tui.widgets.labels import due_text, money, stage_text

WEIGHT_KEYS: dict[str, str] = {"topic": "t", "familiarity": "f", "renown": "n", "place": "p"}
"""The key that cycles each rating (shown on the card)."""


def dots(value: int | None) -> Text:
    """A rating as five dots: ●●●○○ 3 (or ○○○○○ – when unset)."""
    filled = value or 0
    text = Text("●" * filled, style="bold yellow")
    text.append("○" * (MAX_WEIGHT - filled), style="dim")
    text.append(f" {value}" if value is not None else " –", style="" if value is not None else "dim")
    return text


def weeks_between(start: date | None, end: date | None) -> str | None:
    """ "10 weeks" between two days, None when one is missing."""
    if start is None or end is None:
        return None
    days = (end - start).days
    return f"{round(days / 7)} weeks" if days >= 14 else f"{days} days"


class OfferCard(Static, can_focus=True):
    """A focusable card showing one offer."""

    DEFAULT_CSS = """
    OfferCard {
        width: 1fr;
        min-width: 36;
        height: auto;
        border: round $panel-lighten-2;
        padding: 0 1;
        margin: 0 1 0 0;
    }
    OfferCard:focus {
        border: round $accent;
        background-tint: $accent 8%;
    }
    OfferCard.-decided {
        opacity: 70%;
    }
    """

    def __init__(self, offer: OfferView, *, today: date, best: bool = False) -> None:
        super().__init__("", id=f"offer-{offer.id}")
        self.offer = offer
        """The offer shown."""
        self.today = today
        self.best = best
        self._refresh_card()

    def set_offer(self, offer: OfferView, *, today: date, best: bool) -> None:
        """Show `offer` (a newer version of the same one, usually)."""
        self.offer, self.today, self.best = offer, today, best
        self._refresh_card()

    def _refresh_card(self) -> None:
        offer = self.offer
        self.border_title = Text(offer.title, style="bold")
        self.border_subtitle = Text(offer.decision, style="bold green" if offer.decision == "accepted" else "")
        self.set_class(offer.decision != "pending", "-decided")
        self.update(self._body())

    def _body(self) -> RenderableType:
        offer = self.offer
        where = Text(", ".join(part for part in (offer.organization, offer.contact) if part) or "—", style="dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(ratio=1)
        grid.add_row(Text("Stage"), stage_text(offer.stage))
        grid.add_row(Text("Stipend"), Text(money(offer.stipend, offer.currency), style="bold"))
        if offer.start or offer.end:
            span = f"{offer.start.isoformat() if offer.start else '?'} → {offer.end.isoformat() if offer.end else '?'}"
            length = weeks_between(offer.start, offer.end)
            grid.add_row(Text("Dates"), Text(span + (f"\n{length}" if length else "")))
        grid.add_row(Text("Received"), Text(offer.received_on.isoformat()))
        if offer.respond_by and offer.decision == "pending":
            grid.add_row(Text("Respond by"), due_text(offer.respond_by, self.today))
        elif offer.respond_by:
            grid.add_row(Text("Respond by"), Text(offer.respond_by.isoformat()))
        ratings = Table.grid(padding=(0, 1))
        ratings.add_column(no_wrap=True)
        ratings.add_column(no_wrap=True)
        ratings.add_column(no_wrap=True, style="dim")
        for name, label in WEIGHTS:
            ratings.add_row(Text(label), dots(offer.weight(name)), Text(WEIGHT_KEYS[name]))
        score = offer.score
        line = Text("Score ", style="bold")
        line.append(f"{score}/{MAX_WEIGHT * len(WEIGHTS)}" if score is not None else "not rated yet",
                    style="bold" if score is not None else "dim")
        if self.best:
            line.append("  ★ best", style="bold yellow")
        parts: list[RenderableType] = [where, grid, Text(""), ratings, line]
        if offer.reasons:
            parts.append(Text(offer.reasons, style="italic dim"))
        return Group(*parts)
