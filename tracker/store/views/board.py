"""The pipeline board (cards per stage) and the agenda's one-key actions.

The board reads, per stage, the candidates for its first `limit` cards (one lean row each: id,
stage and the dates that make its "next date"), selected and ordered by the database, and each
stage's total; then titles and organizations for the cards kept only: 10,000 opportunities cost
three queries and about `limit` rows per stage. This is the portable query; the candidates, the
rule from them to the lanes, and the cards, are `tracker.store.views.board_cards` (shared with
the SQLite variant, `tracker.store.queries.board_sqlite`). The board reads it through
`Store.board_lanes`.

The agenda's quick actions (`log_quick`, `mark_no_response`) work from the ids a
reminder carries, so two people with the same name never make them ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from sqlalchemy import and_, case, func, null, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from tracker.domain.vocab import CLOSED_STAGES, FOLLOW_UP_CHANNELS, PRE_APPLICATION_STAGES, STAGES
from tracker.domain.errors import InvalidInput, NotFound
from tracker.store.models import Interaction, Interview, Offer, Opportunity, Organization, Person, StageChange
from tracker.store.views.board_cards import DEFAULT_LIMIT, Card, Lane, lanes, start_of_day_utc
from tracker.store.writes import records

__all__ = ["DEFAULT_LIMIT", "Card", "Lane", "board_lanes", "move_opportunity", "neighbour_stage"]


def board_lanes(
    session: Session, *, today: date, zone: tzinfo, limit: int = DEFAULT_LIMIT, stages: Sequence[str] = STAGES
) -> list[Lane]:
    """One lane per stage of `stages` (in that order), each with its first `limit` cards.

    Open stages are sorted by next date (soonest first, none last); closed stages by the
    day they were reached (latest first).
    """
    last_received = (
        select(Interaction.opportunity_id.label("opp"), func.max(Interaction.on).label("on"))  # type: ignore[union-attr]
        .where(Interaction.direction == "received", Interaction.opportunity_id.is_not(None))  # type: ignore[union-attr]
        .group_by(Interaction.opportunity_id)
        .subquery()
    )
    follow_up = (
        select(Interaction.opportunity_id.label("opp"), func.max(Interaction.follow_up_on).label("due"))  # type: ignore[union-attr]
        .outerjoin(last_received, last_received.c.opp == Interaction.opportunity_id)
        .where(
            Interaction.opportunity_id.is_not(None),  # type: ignore[union-attr]
            Interaction.direction == "sent",
            Interaction.follow_up_on.is_not(None),  # type: ignore[union-attr]
            or_(last_received.c.on.is_(None), Interaction.on > last_received.c.on),
        )
        .group_by(Interaction.opportunity_id)
        .subquery()
    )
    interview = (
        select(Interview.opportunity_id.label("opp"), func.min(Interview.at).label("at"))
        .where(Interview.at >= start_of_day_utc(today, zone))
        .group_by(Interview.opportunity_id)
        .subquery()
    )
    offer = (
        select(Offer.opportunity_id.label("opp"), func.min(Offer.respond_by).label("by"))
        .where(Offer.decision == "pending", Offer.respond_by.is_not(None))  # type: ignore[union-attr]
        .group_by(Offer.opportunity_id)
        .subquery()
    )
    closed = Opportunity.stage.in_(CLOSED_STAGES)  # type: ignore[attr-defined]
    reached = case((closed, select(func.max(StageChange.changed_on)).where(  # closed cards only show and sort by it
        StageChange.opportunity_id == Opportunity.id).scalar_subquery()))
    counted_deadline = case((Opportunity.stage.in_(PRE_APPLICATION_STAGES), Opportunity.deadline))  # type: ignore[attr-defined]
    next_but_interviews = _lesser(_lesser(counted_deadline, follow_up.c.due), offer.c.by)
    place = func.row_number().over(
        partition_by=Opportunity.stage,
        order_by=(
            case((closed, null()), else_=next_but_interviews).asc().nulls_last(),
            case((closed, reached)).desc().nulls_last(),
            case((closed, -Opportunity.id), else_=Opportunity.id),  # type: ignore[operator]
        ),
    )
    every = (
        select(
            Opportunity.id, Opportunity.stage, Opportunity.deadline,
            follow_up.c.due, interview.c.at, offer.c.by, reached.label("since"), place.label("place"),
        )
        .outerjoin(follow_up, follow_up.c.opp == Opportunity.id)
        .outerjoin(interview, interview.c.opp == Opportunity.id)
        .outerjoin(offer, offer.c.opp == Opportunity.id)
        .where(Opportunity.stage.in_(tuple(stages)))  # type: ignore[attr-defined]
        .subquery()
    )
    candidates = select(every.c.id, every.c.stage, every.c.deadline, every.c.due, every.c.at, every.c.by,
                        every.c.since).where(
        or_(every.c.place <= limit, and_(every.c.at.is_not(None), every.c.stage.not_in(CLOSED_STAGES)))
    )
    totals = session.execute(
        select(Opportunity.stage, func.count()).where(Opportunity.stage.in_(tuple(stages)))  # type: ignore[attr-defined]
        .group_by(Opportunity.stage)
    )
    return lanes(session.execute(candidates), dict(totals.all()),  # type: ignore[arg-type]
                 zone=zone, limit=limit, stages=stages, titles=lambda ids: _titles(session, ids))


def _lesser(a: ColumnElement, b: ColumnElement) -> ColumnElement:
    """The earlier of two nullable dates, in any database (SQLite has no least())."""
    return case((a.is_(None), b), (b.is_(None), a), (a <= b, a), else_=b)


def _titles(session: Session, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    found: dict[int, tuple[str, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for opp_id, title, organization in session.execute(
            select(Opportunity.id, Opportunity.title, Organization.name)
            .outerjoin(Organization, Organization.id == Opportunity.organization_id)
            .where(Opportunity.id.in_(chunk))  # type: ignore[union-attr]
        ):
            found[opp_id] = (title, organization)
    return found


def move_opportunity(session: Session, *, opportunity_id: int, stage: str, on: date) -> str:
    """Move the opportunity to `stage` on `on` (kept in its history); returns a sentence saying so."""
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        raise NotFound("that opportunity no longer exists")
    before = opportunity.stage
    if records.record_stage(session, opportunity, stage, on=on) is None:
        return f"{opportunity.title} is already {stage}"
    return f"{opportunity.title}: {before} → {stage}"


def neighbour_stage(stage: str, step: int) -> str | None:
    """The stage `step` places away in pipeline order, None past either end."""
    index = STAGES.index(stage) + step
    return STAGES[index] if 0 <= index < len(STAGES) else None


# --- the agenda's quick actions ---------------------------------------------------------------


def thread_channel(session: Session, person_id: int) -> str:
    """The channel of the newest e-mail/LinkedIn message sent to the person (e-mail if none)."""
    channel = session.execute(
        select(Interaction.channel)
        .where(
            Interaction.person_id == person_id,
            Interaction.direction == "sent",
            Interaction.channel.in_(FOLLOW_UP_CHANNELS),  # type: ignore[attr-defined]
        )
        .order_by(Interaction.on.desc(), Interaction.id.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).scalar()
    return channel or "email"


def log_quick(
    session: Session, *, person_id: int, opportunity_id: int | None, direction: str, on: date
) -> Interaction:
    """Log a message sent to (or received from) a person today, on the thread's channel.

    Same rules as `records.log_interaction`: a sent message gets the profile's follow-up
    interval; a first message moves a shortlisted opportunity to "contacted", a reply
    moves it to "replied".
    """
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("that person no longer exists")
    opportunity = session.get(Opportunity, opportunity_id) if opportunity_id is not None else None
    channel = thread_channel(session, person_id)
    follow_up_on = None
    if direction == "sent":
        days = records.follow_up_days(records.read_profile(session), channel)
        follow_up_on = on + timedelta(days=days) if days is not None else None
    elif direction != "received":
        raise InvalidInput(f'direction must be "sent" or "received", not "{direction}"')
    interaction = Interaction(
        on=on,
        channel=channel,
        direction=direction,
        person_id=person_id,
        opportunity_id=opportunity.id if opportunity else None,
        follow_up_on=follow_up_on,
    )
    session.add(interaction)
    if opportunity is not None:
        if direction == "sent" and opportunity.stage in records.AUTO_CONTACTED_FROM:
            records.record_stage(session, opportunity, "contacted", on=on)
        elif direction == "received" and opportunity.stage in records.AUTO_REPLIED_FROM:
            records.record_stage(session, opportunity, "replied", on=on)
    session.flush()
    return interaction
