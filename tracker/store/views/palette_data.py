"""What the command palette offers by name: the people to log a message to, the opportunities to record on.

Read once when the palette opens (`tracker.tui.commands.TrackerCommands.startup`, in a thread), so
typing in it reads nothing. Each name is what the forms' lookup takes back
(`tracker.store.queries.lookup`): a name, or for two opportunities of one title, `Title (#12, Org)`.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.domain.name_match import name_key
from tracker.domain.vocab import CLOSED_STAGES
from tracker.store.models import Interaction, Opportunity, Organization, Person
from tracker.store.queries.lookup import twin_label


def recent_people(session: Session, *, limit: int) -> list[str]:
    """Distinct names of the people most recently in touch with, then everyone else by name."""
    last = (
        select(Interaction.person_id.label("person"), func.max(Interaction.on).label("on"))
        .group_by(Interaction.person_id)
        .subquery()
    )
    names: list[str] = []
    rows = session.execute(
        select(Person.name)
        .outerjoin(last, last.c.person == Person.id)
        .order_by(last.c.on.is_(None), last.c.on.desc(), Person.name)
        .limit(limit * 2)
    ).scalars()
    for name in rows:
        if name not in names:
            names.append(name)
        if len(names) >= limit:
            break
    return names


def open_opportunities(session: Session, *, limit: int) -> list[str]:
    """The opportunities still open (not in a closed stage), most recently active first: each by its title, or
    `Title (#id, Organization)` where two bear the same title."""
    last = (
        select(Interaction.opportunity_id.label("opportunity"), func.max(Interaction.on).label("on"))
        .where(Interaction.opportunity_id.is_not(None))  # type: ignore[union-attr]
        .group_by(Interaction.opportunity_id)
        .subquery()
    )
    rows = session.execute(
        select(Opportunity.id, Opportunity.title, Organization.name)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(last, last.c.opportunity == Opportunity.id)
        .where(Opportunity.stage.not_in(CLOSED_STAGES))  # type: ignore[attr-defined]
        .order_by(func.coalesce(last.c.on, Opportunity.created_on).desc(), Opportunity.id.desc())  # type: ignore[union-attr]
        .limit(limit)
    ).all()
    # a title some other opportunity bears too, open or closed, names neither: the lookup would ask which
    shared = Counter(name_key(title) for title in session.execute(select(Opportunity.title)).scalars())
    return [title if shared[name_key(title)] == 1 else twin_label(title, oid, org) for oid, title, org in rows]
