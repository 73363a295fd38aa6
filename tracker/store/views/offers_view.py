"""Offers side by side, for the TUI's Offers screen, and the open opportunities around them.

The four weights (topic fit, familiarity with the professor, renown, place) are the
student's own 0-5 ratings of each offer; the score adds them up (see `offer_score`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, or_, select
from sqlmodel import Session, col

from tracker.domain.scoring import offer_score
from tracker.domain.vocab import OPEN_STAGES
from tracker.store.models import Offer, Opportunity, Organization, Person

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


def offers_overview(session: Session) -> list[OfferView]:
    """Offers: pending first, soonest answer due first; then decided ones, newest first."""
    pending_first = case((Offer.decision == "pending", 0), else_=1)
    query = (
        select(
            Offer.id, Offer.opportunity_id, Opportunity.title, Organization.name, Opportunity.lab, Person.name,
            Opportunity.stage, Offer.received_on, Offer.respond_by, Offer.start, Offer.end, Offer.stipend,
            Offer.currency, Offer.decision, Offer.reasons, Offer.score_topic, Offer.score_familiarity,
            Offer.score_renown, Offer.score_place,
        )
        .join(Opportunity, Opportunity.id == Offer.opportunity_id)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(Person, Person.id == Opportunity.contact_id)
        .order_by(pending_first, col(Offer.respond_by).is_(None), col(Offer.respond_by),
                  col(Offer.received_on).desc(), col(Offer.id))
        .limit(MAX_OFFERS)
    )
    return [OfferView(*row) for row in session.execute(query)]


def open_opportunities_besides(
    session: Session, opportunity_id: int | None = None, *, limit: int = 500
) -> list[OpenOpportunity]:
    """Open opportunities other than `opportunity_id` (at most `limit`), those with a pending offer first."""
    with_offer = select(Offer.opportunity_id).where(Offer.decision == "pending")
    has_offer = or_(Opportunity.id.in_(with_offer), Opportunity.stage == "offered")  # type: ignore[union-attr]
    query = (
        select(Opportunity.id, Opportunity.title, Opportunity.stage, has_offer)
        .where(col(Opportunity.stage).in_(OPEN_STAGES), Opportunity.id != (opportunity_id or 0))
        .order_by(has_offer.desc(), Opportunity.title)
        .limit(limit)
    )
    return [OpenOpportunity(oid, title, stage, bool(offer)) for oid, title, stage, offer in session.execute(query)]
