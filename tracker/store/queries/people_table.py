"""The People table's page: people passing a filter, sorted, with their last reply, threads and
messages (the rows, filters and pages are `tracker.store.queries.tables`'s)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, literal, select, union
from sqlmodel import Session

from tracker.store.models import Interaction, Interview, LetterRequest, Opportunity, Organization, Person
from tracker.store.queries.search import folded_name, folded_organization, in_country, in_order, people_matching
from tracker.store.queries.table_rows import PAGE_SIZE, PEOPLE_SORTS, Page, PeopleFilter, PersonRow, Sort, page_found
from tracker.store.queries.tables import ordered, role_rank


def _people_totals() -> tuple[Any, Any, Any]:
    """Per person, for all of them: (last day heard from, opportunities taken part in, interactions
    logged), as subqueries to join; for sorting by one of them."""
    heard = (
        select(Interaction.person_id.label("pid"), func.max(Interaction.on).label("last"))  # type: ignore[attr-defined]
        .where(Interaction.direction == "received")
        .group_by(Interaction.person_id)
        .subquery()
    )
    links = union(
        select(Opportunity.contact_id.label("pid"), Opportunity.id.label("oid"))  # type: ignore[union-attr]
        .where(Opportunity.contact_id.is_not(None)),  # type: ignore[union-attr]
        select(Interaction.person_id, Interaction.opportunity_id)
        .where(Interaction.opportunity_id.is_not(None)),  # type: ignore[union-attr]
        select(LetterRequest.writer_id, LetterRequest.opportunity_id),
        select(Interview.with_person_id, Interview.opportunity_id)
        .where(Interview.with_person_id.is_not(None)),  # type: ignore[union-attr]
    ).subquery()
    threads = select(links.c.pid, func.count().label("n")).group_by(links.c.pid).subquery()
    messages = (
        select(Interaction.person_id.label("pid"), func.count().label("n"))  # type: ignore[attr-defined]
        .group_by(Interaction.person_id)
        .subquery()
    )
    return heard, threads, messages


def _people_counts() -> tuple[Any, Any, Any]:
    """The same three per person as `_people_totals`, as scalar subqueries correlated to `Person.id`:
    the database works them out for the rows of the page only, through the indexes on the person
    columns (the joined totals cost a pass over every message on each keystroke of a filter)."""
    heard = (
        select(func.max(Interaction.on))
        .where(Interaction.person_id == Person.id, Interaction.direction == "received")
        .scalar_subquery()
    )
    links = union(
        select(Opportunity.id.label("oid")).where(Opportunity.contact_id == Person.id).correlate(Person),
        select(Interaction.opportunity_id)
        .where(Interaction.person_id == Person.id, Interaction.opportunity_id.is_not(None))  # type: ignore[union-attr]
        .correlate(Person),
        select(LetterRequest.opportunity_id).where(LetterRequest.writer_id == Person.id).correlate(Person),
        select(Interview.opportunity_id).where(Interview.with_person_id == Person.id).correlate(Person),
    ).subquery()
    threads = select(func.count()).select_from(links).scalar_subquery()
    messages = select(func.count()).where(Interaction.person_id == Person.id).scalar_subquery()
    return heard, threads, messages


def _filter_people(query: Select[Any], session: Session, filters: PeopleFilter) -> Select[Any]:
    if filters.text.strip():  # the search of `tracker list people --search` (tracker.store.queries.search)
        query = query.where(people_matching(session, filters.text))
    if filters.role:
        query = query.where(Person.role == filters.role)
    if filters.country:
        query = query.where(in_country(Organization, filters.country))
    return query


def _count_query(session: Session, filters: PeopleFilter) -> Select[Any]:
    """The count of the people passing `filters`, as a query of its own (never correlated to an outer one)."""
    query = select(func.count(Person.id)).select_from(Person)
    if filters.country:  # (a join for nothing costs each row)
        query = query.outerjoin(Organization, Organization.id == Person.organization_id)
    return _filter_people(query, session, filters).correlate(None)


def count_people(session: Session, *, filters: PeopleFilter) -> int:
    """How many people pass `filters`."""
    return int(session.execute(_count_query(session, filters)).scalar_one())


def people_page(
    session: Session, *, filters: PeopleFilter, sort: Sort, offset: int = 0, limit: int = PAGE_SIZE
) -> Page[PersonRow]:
    """The people passing `filters`, ordered by `sort`, rows `offset` to `offset + limit`.

    The total comes with the rows (a window count over the filtered people: one pass, not two);
    only an offset past the end costs a count of its own, then the last row is read.
    """
    if sort.column not in PEOPLE_SORTS:
        raise ValueError(f"cannot sort people by {sort.column!r}")
    found = _people_rows(session, filters, sort, offset, limit)
    if found:
        return page_found(found, PersonRow, offset)
    total = count_people(session, filters=filters) if offset else 0
    if total == 0:
        return Page([], 0, 0)
    offset = max(0, min(offset, total - 1))
    return Page([PersonRow(*r[:-1]) for r in _people_rows(session, filters, sort, offset, limit)], offset, total)


def _row_columns(heard: Any, n_threads: Any, n_messages: Any) -> tuple[Any, ...]:
    """The columns of a `PersonRow`, the three totals given."""
    return Person.id, Person.name, Person.role, Organization.name, Person.lab, heard, n_threads, n_messages


def people_of(session: Session, ids: list[int]) -> list[PersonRow]:
    """The People table's rows of the people `ids`, in that order (one who is gone meanwhile is left out)."""
    query = (
        select(*_row_columns(*_people_counts()))
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .where(Person.id.in_(ids))  # type: ignore[union-attr]
    )
    found = {row[0]: PersonRow(*row) for row in session.execute(query)}
    return [found[pid] for pid in ids if pid in found]


def _people_rows(session: Session, filters: PeopleFilter, sort: Sort, offset: int, limit: int) -> list[Any]:
    """The page's rows as tuples, each ending with the count of every person passing `filters`."""
    return list(session.execute(people_page_query(session, filters, sort, offset, limit)))


def people_page_query(session: Session, filters: PeopleFilter, sort: Sort, offset: int, limit: int) -> Select[Any]:
    """The query of `_people_rows` (`tracker.store.queries.rendering` renders it for SQLite).

    The count of every person passing `filters` is a query of its own, worked out once: as a window
    (`count(*) OVER ()`) it made the database keep and sort every row to cut the page (30 ms at 30,000
    people), where the page alone keeps its first rows as it reads (6 ms)."""
    total = _count_query(session, filters).scalar_subquery()
    if sort.column in ("last_heard", "threads"):  # every person's totals are needed to sort
        heard_q, threads_q, messages_q = _people_totals()
        heard, n_threads = heard_q.c.last, func.coalesce(threads_q.c.n, 0)
        n_messages = func.coalesce(messages_q.c.n, 0)
        query = (
            select(*_row_columns(heard, n_threads, n_messages), total)
            .outerjoin(Organization, Organization.id == Person.organization_id)
            .outerjoin(heard_q, heard_q.c.pid == Person.id)
            .outerjoin(threads_q, threads_q.c.pid == Person.id)
            .outerjoin(messages_q, messages_q.c.pid == Person.id)
        )
        key = heard if sort.column == "last_heard" else n_threads * literal(1_000_000) + n_messages
        query = ordered(_filter_people(query, session, filters), key, sort.descending, Person.id)
        return query.limit(limit).offset(offset)
    # The page's people first (filtered, sorted, cut), then their totals: a database works out the
    # columns of every row it sorts, so totals in the sorted query would cost a pass per person.
    key = {
        "name": in_order(folded_name(Person)),
        "role": role_rank(Person.role),
        "organization": in_order(folded_organization(Organization)),
        "lab": func.lower(Person.lab),
    }[sort.column]
    ids = select(Person.id.label("pid"), key.label("key"), total.label("total"))
    if sort.column == "organization" or filters.country:  # (a join for nothing costs each row)
        ids = ids.outerjoin(Organization, Organization.id == Person.organization_id)
    never_empty = sort.column in ("name", "role")
    page = ordered(_filter_people(ids, session, filters), key, sort.descending, Person.id, never_empty=never_empty)
    page = page.limit(limit).offset(offset).subquery()
    query = (
        select(*_row_columns(*_people_counts()), page.c.total)
        .join(page, page.c.pid == Person.id)
        .outerjoin(Organization, Organization.id == Person.organization_id)
    )
    return ordered(query, page.c.key, sort.descending, Person.id, never_empty=never_empty)
