"""Deciding about offers: accept one (and close the others), decline one, rate one.

Each function works inside the caller's transaction (`Store.write()`), so accepting
an offer and closing the other opportunities is all written, or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from tracker.domain.vocab import OPEN_STAGES
from tracker.domain.errors import InvalidInput, NotFound
from tracker.store.models import LetterRequest, Offer, Opportunity, Person
from tracker.store.views.offers_data import MAX_WEIGHT, WEIGHTS
from tracker.store.writes.records import record_stage
from tracker.store.safety.undo import recording


@dataclass(frozen=True)
class AcceptOutcome:
    """What accepting an offer changed."""

    accepted: str
    """The accepted opportunity's title."""
    declined: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    """Letter writers of the student's applications, to tell the news."""

    def __str__(self) -> str:
        parts = [f"Accepted {self.accepted}"]
        if self.declined:
            parts.append(f"declined {len(self.declined)}")
        if self.withdrawn:
            parts.append(f"withdrew {len(self.withdrawn)}")
        text = ", ".join(parts) + "."
        if self.writers:
            text += f" Tell your letter writers: {', '.join(self.writers)}."
        return text


def _offer(session: Session, offer_id: int) -> tuple[Offer, Opportunity]:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound(f"no offer with id {offer_id} (was it deleted?)")
    opp = session.get(Opportunity, offer.opportunity_id)
    assert opp is not None
    return offer, opp


def accept_offer(session: Session, *, offer_id: int, close: Iterable[int] = (), on: date) -> AcceptOutcome:
    """Accept the offer: its decision becomes "accepted" and its opportunity moves to "accepted".

    Each opportunity of `close` that is still open is closed on day `on`: "declined"
    (and its pending offers declined) when it has an offer, else "withdrawn". The whole
    move is recorded for `tracker undo` (a "bulk-move").
    """
    with recording(session, action="bulk-move") as undo:
        outcome = _accept(session, offer_id=offer_id, close=close, on=on)
        closed = len(outcome.declined) + len(outcome.withdrawn)
        undo.description = f'accepted the offer for "{outcome.accepted}"' + (
            f" and closed {closed} other opportunit{'y' if closed == 1 else 'ies'}" if closed else ""
        )
    return outcome


def _accept(session: Session, *, offer_id: int, close: Iterable[int], on: date) -> AcceptOutcome:
    offer, opp = _offer(session, offer_id)
    if offer.decision == "accepted":
        raise InvalidInput(f"the offer for {opp.title} is already accepted")
    offer.decision = "accepted"
    session.add(offer)
    record_stage(session, opp, "accepted", on=on)
    declined: list[str] = []
    withdrawn: list[str] = []
    for other_id in dict.fromkeys(close):
        if other_id == opp.id:
            continue
        other = session.get(Opportunity, other_id)
        if other is None or other.stage not in OPEN_STAGES:
            continue
        pending = list(session.scalars(
            select(Offer).where(Offer.opportunity_id == other_id, Offer.decision == "pending")  # type: ignore[arg-type]
        ))
        for each in pending:
            each.decision = "declined"
            session.add(each)
        if pending or other.stage == "offered":
            record_stage(session, other, "declined", on=on)
            declined.append(other.title)
        else:
            record_stage(session, other, "withdrawn", on=on)
            withdrawn.append(other.title)
    session.flush()
    return AcceptOutcome(opp.title, declined, withdrawn, _writers(session))


def _writers(session: Session) -> list[str]:
    """Writers who agreed to, or did, write a letter for the student."""
    query = (
        select(Person.name)
        .join(LetterRequest, LetterRequest.writer_id == Person.id)
        .where(LetterRequest.status != "not-asked")
        .distinct()
        .order_by(Person.name)
    )
    return list(session.scalars(query))


def decline_offer(session: Session, *, offer_id: int, on: date) -> str:
    """Decline the offer; its opportunity moves to "declined" if it was still open. Returns a sentence."""
    offer, opp = _offer(session, offer_id)
    if offer.decision == "declined":
        raise InvalidInput(f"the offer for {opp.title} is already declined")
    offer.decision = "declined"
    session.add(offer)
    if opp.stage in OPEN_STAGES or opp.stage == "accepted":
        record_stage(session, opp, "declined", on=on)
    session.flush()
    return f"Declined the offer for {opp.title}."


def set_weights(session: Session, *, offer_id: int, **weights: int | None) -> Offer:
    """Set some of the offer's ratings (`topic=4`, `place=None`...), each 0 to MAX_WEIGHT."""
    offer, _opp = _offer(session, offer_id)
    known = dict(WEIGHTS)
    for name, value in weights.items():
        if name not in known:
            raise InvalidInput(f"unknown rating {name!r}; use one of: {', '.join(known)}")
        if value is not None and not 0 <= value <= MAX_WEIGHT:
            raise InvalidInput(f"{known[name].lower()} must be from 0 to {MAX_WEIGHT}")
        setattr(offer, f"score_{name}", value)
    session.add(offer)
    session.flush()
    return offer
