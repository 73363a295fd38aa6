"""The facts behind `tracker stats` and the statistics screen, read in three queries.

The counting itself is pure (`tracker.domain.stats`): this module only reads the opportunities,
their stage histories and the messages (with the person's role and the opportunity's cycle).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from tracker.domain import stats as domain
from tracker.store.models import Interaction, Opportunity, Person, StageChange


def opportunity_facts(session: Session) -> list[domain.OpportunityFact]:
    """Every opportunity's cycle, stage and creation day."""
    rows = session.execute(select(Opportunity.id, Opportunity.cycle, Opportunity.stage, Opportunity.created_on))
    return [domain.OpportunityFact(r[0], _cycle(r[1]), r[2], r[3]) for r in rows]


def stage_facts(session: Session) -> list[domain.StageFact]:
    """Every change of stage."""
    rows = session.execute(select(StageChange.opportunity_id, StageChange.to_stage, StageChange.changed_on))
    return [domain.StageFact(r[0], r[1], r[2]) for r in rows]


def message_facts(session: Session) -> list[domain.MessageFact]:
    """Every interaction, with the person's role and the opportunity's cycle."""
    rows = session.execute(
        select(
            Interaction.id, Interaction.person_id, Person.role, Interaction.channel, Interaction.direction,
            Interaction.on, Interaction.opportunity_id, Opportunity.cycle,
        )
        .join(Person, Person.id == Interaction.person_id)
        .outerjoin(Opportunity, Opportunity.id == Interaction.opportunity_id)
    )
    return [domain.MessageFact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _cycle(r[7])) for r in rows]


def _cycle(text: str | None) -> str | None:
    """A cycle as stored, with blank meaning none."""
    return text.strip() or None if text is not None else None


def cycles(session: Session) -> list[str | None]:
    """Every cycle, oldest first (None: opportunities without one)."""
    return domain.cycles_in_order(opportunity_facts(session))


def load_stats(session: Session, *, today: date, cycle: str | None = None) -> domain.Stats:
    """The statistics of everything, or of the cycle `cycle` names (any case); InvalidInput for an unknown one."""
    opportunities = opportunity_facts(session)
    chosen = None
    if cycle is not None and cycle.strip():
        chosen = domain.pick_cycle(cycle, domain.cycles_in_order(opportunities))
    return domain.compute_stats(
        opportunities, stage_facts(session), message_facts(session), today=today, cycle=chosen,
    )


__all__ = ["cycles", "load_stats", "message_facts", "opportunity_facts", "stage_facts"]
