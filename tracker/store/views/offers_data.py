"""Offers side by side, as the Offers screen shows them, and the open opportunities around them;
plain data (no SQLAlchemy, so the screen loads without the ORM; the queries: `offers_view`).

The four weights (topic fit, familiarity with the professor, renown, place) are the
student's own 0-5 ratings of each offer; the score adds them up (see `offer_score`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain.scoring import offer_score

WEIGHTS: tuple[tuple[str, str], ...] = (
    ("topic", "Topic fit"),
    ("familiarity", "Familiarity"),
    ("renown", "Renown"),
    ("place", "Place"),
)
"""(field, label) of the four ratings, in display order. Fields are `Offer.score_<field>`."""
MAX_WEIGHT = 5
MAX_OFFERS = 50
"""Offers shown at most (pending ones first)."""


@dataclass(frozen=True)
class OfferView:
    """One offer, with its opportunity and the student's ratings."""

    id: int
    opportunity_id: int
    title: str
    organization: str | None
    lab: str | None
    contact: str | None
    stage: str
    received_on: date
    respond_by: date | None
    start: date | None
    end: date | None
    stipend: float | None
    currency: str | None
    decision: str
    reasons: str | None
    topic: int | None
    familiarity: int | None
    renown: int | None
    place: int | None

    @property
    def score(self) -> int | None:
        """The sum of the ratings (see `offer_score`)."""
        return offer_score(self.topic, self.familiarity, self.renown, self.place)

    def weight(self, name: str) -> int | None:
        """The rating called `name` ("topic", "familiarity", "renown", "place")."""
        return getattr(self, name)


@dataclass(frozen=True)
class OpenOpportunity:
    """An opportunity still being pursued, as the accept dialog lists it."""

    id: int
    title: str
    stage: str
    has_offer: bool
    """It has a pending offer, or is at "offered": accepting another one declines it (else withdraws it)."""


def open_opportunities_of(rows: Iterable[Sequence[Any]]) -> list[OpenOpportunity]:
    """The rows of the open opportunities' query (id, title, stage, has an offer) as OpenOpportunity."""
    return [OpenOpportunity(oid, title, stage, bool(offer)) for oid, title, stage, offer in rows]
