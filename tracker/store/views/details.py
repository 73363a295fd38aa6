"""One opportunity or one person in full: fields, stage history or threads, messages, letters, interviews, offers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    Offer,
    Opportunity,
    Organization,
    Person,
    StageChange,
)
from tracker.store.queries.lookup import find_opportunity, find_person
from tracker.store.views.person_view import person_view


def _name(session: Session, model: type[Person] | type[Organization], ident: int | None) -> str | None:
    if ident is None:
        return None
    record = session.get(model, ident)
    return record.name if record else None


def opportunity_detail(session: Session, title: str) -> dict[str, Any]:
    """Everything about the opportunity named `title` (a unique prefix is enough)."""
    opp: Opportunity = find_opportunity(session, title)
    detail: dict[str, Any] = {
        "title": opp.title,
        "kind": opp.kind,
        "organization": _name(session, Organization, opp.organization_id),
        "lab": opp.lab,
        "contact": _name(session, Person, opp.contact_id),
        "cycle": opp.cycle,
        "stage": opp.stage,
        "deadline": opp.deadline_at if opp.deadline_at else opp.deadline,
        "deadline_zone": opp.deadline_tz,
        "applied_on": opp.applied_on,
        "letters_required": opp.letters_required,
        "min_gpa": opp.min_gpa,
        "location_rule": opp.location_rule,
        "stipend": opp.stipend,
        "url": opp.url,
        "notes": opp.notes,
    }
    detail["history"] = [
        {"date": c.changed_on, "from": c.from_stage, "to": c.to_stage}
        for c in session.scalars(
            select(StageChange).where(StageChange.opportunity_id == opp.id).order_by(StageChange.changed_on, StageChange.id)
        )
    ]
    detail["log"] = [
        {
            "date": i.on, "channel": i.channel, "direction": i.direction,
            "person": _name(session, Person, i.person_id), "subject": i.subject, "follow_up_due": i.follow_up_on,
        }
        for i in session.scalars(
            select(Interaction).where(Interaction.opportunity_id == opp.id).order_by(Interaction.on, Interaction.id)
        )
    ]
    detail["letters"] = [
        {"writer": _name(session, Person, r.writer_id), "status": r.status}
        for r in session.scalars(select(LetterRequest).where(LetterRequest.opportunity_id == opp.id))
    ]
    detail["interviews"] = [
        {"at": iv.at, "zone": iv.tz, "format": iv.format, "with": _name(session, Person, iv.with_person_id),
         "outcome": iv.outcome}
        for iv in session.scalars(select(Interview).where(Interview.opportunity_id == opp.id).order_by(Interview.at))
    ]
    detail["offers"] = [
        {"received_on": o.received_on, "respond_by": o.respond_by, "stipend": o.stipend, "currency": o.currency,
         "start": o.start, "end": o.end, "decision": o.decision}
        for o in session.scalars(select(Offer).where(Offer.opportunity_id == opp.id))
    ]
    return detail


def person_detail(session: Session, name: str) -> dict[str, Any]:
    """Everything about the person named `name` (a unique prefix, a word's start, an e-mail address):
    their fields, their threads, the messages, the letters they write (`person_view`)."""
    view = person_view(session, find_person(session, name).id or 0)
    detail: dict[str, Any] = {
        "name": view.name, "role": view.role, "organization": view.organization, "lab": view.lab,
        "email": view.email, "linkedin": view.linkedin, "homepage": view.homepage,
        "research_areas": view.research_areas, "also_known_as": ", ".join(view.aliases) or None,
        "how_met": view.how_met,
        "keep_in_touch": f"every {view.keep_in_touch_days} days" if view.keep_in_touch_days else None,
        "added_on": view.added_on, "last_heard": view.last_heard, "last_sent": view.last_sent, "notes": view.notes,
    }
    detail["threads"] = [
        {"opportunity": t.title, "stage": t.stage, "as": ", ".join(t.parts), "messages": t.messages,
         "last": t.last_on}
        for t in view.threads
    ]
    detail["log"] = [
        {"date": m.on, "channel": m.channel, "direction": m.direction, "opportunity": m.opportunity,
         "subject": m.subject, "follow_up_due": m.follow_up_on}
        for m in view.messages
    ]
    detail["letters"] = [
        {"for": w.opportunity, "status": w.status, "since": w.status_on, "deadline": w.deadline}
        for w in view.letters
    ]
    return detail
