"""Offers side by side, for the TUI's Offers screen, and the open opportunities around them: the
queries (what they make: `tracker.store.views.offers_data`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, or_, select
from sqlmodel import Session, col

from tracker.domain.vocab import OPEN_STAGES
from tracker.store.models import Offer, Opportunity, Organization, Person
from tracker.store.views.offers_data import MAX_OFFERS, OfferView, OpenOpportunity, open_opportunities_of


def offers_overview(session: Session) -> list[OfferView]:
    """Offers: pending first, soonest answer due first; then decided ones, newest first."""
    return [OfferView(*row) for row in session.execute(offers_query())]


def offers_query() -> Select[Any]:
    """The query of `offers_overview` (`tracker.store.queries.rendering` renders it for SQLite)."""
    pending_first = case((Offer.decision == "pending", 0), else_=1)
    return (
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


def open_opportunities_besides(
    session: Session, opportunity_id: int | None = None, *, limit: int = 500
) -> list[OpenOpportunity]:
    """Open opportunities other than `opportunity_id` (at most `limit`), those with a pending offer first."""
    return open_opportunities_of(session.execute(open_opportunities_query(opportunity_id, limit=limit)))


def open_opportunities_query(opportunity_id: int | None = None, *, limit: int = 500) -> Select[Any]:
    """The query of `open_opportunities_besides`."""
    with_offer = select(Offer.opportunity_id).where(Offer.decision == "pending")
    has_offer = or_(Opportunity.id.in_(with_offer), Opportunity.stage == "offered")  # type: ignore[union-attr]
    return (
        select(Opportunity.id, Opportunity.title, Opportunity.stage, has_offer)
        .where(col(Opportunity.stage).in_(OPEN_STAGES), Opportunity.id != (opportunity_id or 0))
        .order_by(has_offer.desc(), Opportunity.title)
        .limit(limit)
    )
