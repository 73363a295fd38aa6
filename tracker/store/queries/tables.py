"""Paged, filtered and sorted rows for the TUI's Opportunities and People tables: what both
queries share, and the Opportunities queries (the People queries: `people_table`; the rows,
filters and pages of both, plain data: `table_rows`).

A table asks for one page at a time (LIMIT/OFFSET) and gets the total count with it,
so ten thousand opportunities cost no more to show than ten. Filtering and sorting
happen in SQL; the rows come back as small frozen dataclasses of plain values.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from tracker.domain.vocab import ROLES, STAGES
from tracker.store.models import Interaction, LetterRequest, Opportunity, Organization, Person
from tracker.store.queries.search import (folded_name, folded_organization, folded_text, in_country, in_order,
                                         opportunities_matching)
from tracker.store.queries.table_rows import (
    OPPORTUNITY_SORTS, PAGE_SIZE, STAGE_GROUPS, OpportunityFilter, OpportunityRow, Page, Sort, cycle_names, page_found,
)


def ordered(query: Select[Any], key: Any, descending: bool, tiebreak: Any, *, never_empty: bool = False
            ) -> Select[Any]:
    """Order by `key` (empty values last, either way), then by `tiebreak` for a stable paging order.

    `never_empty`: the key is never NULL (a required column), so the first key that puts empty
    values last is left out: the database sorts on one key less (a People filter matching most
    people sorted 23,000 rows by it at each keystroke).
    """
    direction = key.desc() if descending else key.asc()
    if never_empty:
        return query.order_by(direction, tiebreak)
    return query.order_by(key.is_(None), direction, tiebreak)


def _stage_rank(column: Any) -> Any:
    return case({stage: index for index, stage in enumerate(STAGES)}, value=column, else_=len(STAGES))


def role_rank(column: Any) -> Any:
    return case({role: index for index, role in enumerate(ROLES)}, value=column, else_=len(ROLES))


# --- opportunities ---------------------------------------------------------------------------------


def _opportunity_totals() -> tuple[Any, Any]:
    """Per opportunity, for all of them: (letters submitted, day of the last message), as joined
    subqueries; for sorting by one of them."""
    submitted = (
        select(LetterRequest.opportunity_id.label("oid"), func.count().label("n"))  # type: ignore[attr-defined]
        .where(LetterRequest.status.in_(("submitted", "thanked")))  # type: ignore[attr-defined]
        .group_by(LetterRequest.opportunity_id)
        .subquery()
    )
    activity = (
        select(col(Interaction.opportunity_id).label("oid"), func.max(Interaction.on).label("last"))
        .where(Interaction.opportunity_id.is_not(None))  # type: ignore[union-attr]
        .group_by(Interaction.opportunity_id)
        .subquery()
    )
    return submitted, activity


def _opportunity_counts() -> tuple[Any, Any]:
    """The same two as scalar subqueries correlated to `Opportunity.id`: worked out for the rows of
    the page only (the joined totals cost a pass over every message on each keystroke of a filter)."""
    submitted = (
        select(func.count()).where(
            LetterRequest.opportunity_id == Opportunity.id,
            LetterRequest.status.in_(("submitted", "thanked")),  # type: ignore[attr-defined]
        ).scalar_subquery()
    )
    last = select(func.max(Interaction.on)).where(Interaction.opportunity_id == Opportunity.id).scalar_subquery()
    return submitted, last


def _opportunity_select(contact: Any, letters: Any, last: Any, *more: Any) -> Select[Any]:
    """The table's columns (then `more`), with the organization and the contact (`contact`) joined."""
    return (
        select(
            Opportunity.id, Opportunity.title, Opportunity.kind, Organization.name, Opportunity.lab, contact.name,
            Opportunity.cycle, Opportunity.stage, Opportunity.deadline, Opportunity.letters_required, letters,
            last, *more,
        )
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(contact, contact.id == Opportunity.contact_id)
    )


def _opportunity_keys(contact: Any) -> dict[str, Any]:
    """The sort keys that need no totals."""
    return {
        "title": in_order(folded_text(Opportunity)),
        "kind": Opportunity.kind,
        "organization": in_order(folded_organization(Organization)),
        "lab": func.lower(Opportunity.lab),
        "contact": in_order(folded_name(contact)),
        "cycle": func.lower(Opportunity.cycle),
        "stage": _stage_rank(Opportunity.stage),
        "deadline": Opportunity.deadline,
    }


def _opportunity_rows(
    session: Session, filters: OpportunityFilter, sort: Sort, offset: int, limit: int
) -> list[Any]:
    """The page's rows as tuples, each ending with the count of every opportunity passing `filters`."""
    return list(session.execute(opportunity_page_query(session, filters, sort, offset, limit)))


def opportunity_page_query(
    session: Session, filters: OpportunityFilter, sort: Sort, offset: int, limit: int
) -> Select[Any]:
    """The query of `_opportunity_rows` (`tracker.store.queries.rendering` renders it for SQLite).

    The count of every opportunity passing `filters` is a query of its own, worked out once: as a window
    (`count(*) OVER ()`) it made the database keep and sort every row to cut the page (20-30 ms at 10,000
    opportunities), where the page alone keeps its first rows as it reads (3 ms)."""
    total = _count_query(session, filters).scalar_subquery()
    contact = aliased(Person)
    if sort.column in ("letters", "last_activity"):  # every opportunity's totals are needed to sort
        submitted, activity = _opportunity_totals()
        letters = func.coalesce(submitted.c.n, 0)
        query = (
            _opportunity_select(contact, letters, activity.c.last, total)
            .outerjoin(submitted, submitted.c.oid == Opportunity.id)
            .outerjoin(activity, activity.c.oid == Opportunity.id)
        )
        key = (case((Opportunity.letters_required > 0, Opportunity.letters_required - letters), else_=None)
               if sort.column == "letters" else activity.c.last)
        query = ordered(_filter_opportunities(query, session, filters), key, sort.descending, Opportunity.id)
        return query.limit(limit).offset(offset)
    # The page's opportunities first (filtered, sorted, cut), then their totals (as for people).
    key = _opportunity_keys(contact)[sort.column]
    ids = select(Opportunity.id.label("oid"), key.label("key"), total.label("total"))
    if sort.column == "organization" or filters.country:  # (a join for nothing costs each row)
        ids = ids.outerjoin(Organization, Organization.id == Opportunity.organization_id)
    if sort.column == "contact":
        ids = ids.outerjoin(contact, contact.id == Opportunity.contact_id)
    never_empty = sort.column in ("title", "kind", "stage")
    page = ordered(_filter_opportunities(ids, session, filters), key, sort.descending, Opportunity.id,
                   never_empty=never_empty)
    page = page.limit(limit).offset(offset).subquery()
    letters, last = _opportunity_counts()
    query = _opportunity_select(aliased(Person), letters, last, page.c.total).join(page, page.c.oid == Opportunity.id)
    return ordered(query, page.c.key, sort.descending, Opportunity.id, never_empty=never_empty)


def _filter_opportunities(query: Select[Any], session: Session, filters: OpportunityFilter) -> Select[Any]:
    if filters.text.strip():  # the search of `tracker list opportunities --search` (tracker.store.queries.search)
        query = query.where(opportunities_matching(session, filters.text))
    if filters.stage:
        stages = STAGE_GROUPS.get(filters.stage, (filters.stage,))
        query = query.where(Opportunity.stage.in_(stages))  # type: ignore[attr-defined]
    if filters.kind:
        query = query.where(Opportunity.kind == filters.kind)
    if filters.cycle:
        query = query.where(func.lower(Opportunity.cycle) == filters.cycle.strip().lower())
    if filters.country:
        query = query.where(in_country(Organization, filters.country))
    return query


def _count_query(session: Session, filters: OpportunityFilter) -> Select[Any]:
    """The count of the opportunities passing `filters`, as a query of its own (never correlated to an outer one)."""
    query = select(func.count(Opportunity.id)).select_from(Opportunity)
    if filters.country:  # (a join for nothing costs each row)
        query = query.outerjoin(Organization, Organization.id == Opportunity.organization_id)
    return _filter_opportunities(query, session, filters).correlate(None)


def count_opportunities(session: Session, *, filters: OpportunityFilter) -> int:
    """How many opportunities pass `filters`."""
    return int(session.execute(_count_query(session, filters)).scalar_one())


def opportunity_page(
    session: Session, *, filters: OpportunityFilter, sort: Sort, offset: int = 0, limit: int = PAGE_SIZE
) -> Page[OpportunityRow]:
    """The opportunities passing `filters`, ordered by `sort`, rows `offset` to `offset + limit`.

    The total comes with the rows (a window count: one pass, not two); only an offset past the
    end costs a count of its own, then the last row is read.
    """
    if sort.column not in OPPORTUNITY_SORTS:
        raise ValueError(f"cannot sort opportunities by {sort.column!r}")
    found = _opportunity_rows(session, filters, sort, offset, limit)
    if found:
        return page_found(found, OpportunityRow, offset)
    total = count_opportunities(session, filters=filters) if offset else 0
    if total == 0:
        return Page([], 0, 0)
    offset = max(0, min(offset, total - 1))
    rows = _opportunity_rows(session, filters, sort, offset, limit)
    return Page([OpportunityRow(*r[:-1]) for r in rows], offset, total)


def opportunity_cycles(session: Session) -> list[str]:
    """The cycles opportunities belong to ("Summer 2027"...), newest first by name."""
    return cycle_names(session.execute(opportunity_cycles_query()))


def opportunity_cycles_query() -> Select[Any]:
    """The distinct cycles of the opportunities (`cycle_names` orders them)."""
    return select(Opportunity.cycle).where(Opportunity.cycle.is_not(None)).distinct()  # type: ignore[union-attr]
