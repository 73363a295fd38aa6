"""What the TUI's Opportunities, People, Offers and Letters screens read, through the Store.

No SQLAlchemy here. On SQLite the reads a screen makes when it opens (the unfiltered tables in
their first sort, their filters' choices, the offers, the letters) run the SQL their portable
queries compile to, kept rendered (`Store.rendered_rows`, `tracker.store.queries.rendering`): a
screen opened before the ORM has loaded shows its rows without waiting for it. Every other read
(a filter, another sort) and every read elsewhere runs the portable query, loading the ORM first
if it is not loaded yet. Each read is made in a screen's worker, never on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.domain.countries import choices
from tracker.store.queries.table_rows import (
    OPPORTUNITY_SORT, PEOPLE_SORT, OpportunityFilter, OpportunityRow, Page, PeopleFilter, PersonRow, Sort,
    cycle_names, page_found,
)
from tracker.store.views.letters_data import LettersOverview, letters_overview_of
from tracker.store.views.offers_data import OfferView, OpenOpportunity, open_opportunities_of

if TYPE_CHECKING:
    from tracker.store import Store


def opportunity_page(store: Store, *, filters: OpportunityFilter, sort: Sort, offset: int,
                     limit: int) -> Page[OpportunityRow]:
    """The Opportunities table's page (`tracker.store.queries.tables.opportunity_page`)."""
    if filters == OpportunityFilter() and sort == OPPORTUNITY_SORT:
        read = store.rendered_rows(("opportunities", limit, offset))
        if read is not None and (read[0] or offset == 0):  # (an offset past the end: the portable query)
            return page_found(read[0], OpportunityRow, offset) if read[0] else Page([], 0, 0)
    from tracker.store.queries.tables import opportunity_page as portable

    with store.read() as session:
        return portable(session, filters=filters, sort=sort, offset=offset, limit=limit)


def people_page(store: Store, *, filters: PeopleFilter, sort: Sort, offset: int, limit: int) -> Page[PersonRow]:
    """The People table's page (`tracker.store.queries.people_table.people_page`). Filtered in the first
    sort, on SQLite, the people found are those of the keys the store keeps in memory while they are
    current (`Store.people_found`), then their rows are read."""
    if filters == PeopleFilter() and sort == PEOPLE_SORT:
        read = store.rendered_rows(("people", limit, offset))
        if read is not None and (read[0] or offset == 0):
            return page_found(read[0], PersonRow, offset) if read[0] else Page([], 0, 0)
    found = store.people_found(filters.text, filters.role) if sort == PEOPLE_SORT and not filters.country else None
    from tracker.store.queries.people_table import people_of, people_page as portable

    with store.read() as session:
        if found is None:
            return portable(session, filters=filters, sort=sort, offset=offset, limit=limit)
        if not found:
            return Page([], 0, 0)
        offset = max(0, min(offset, len(found) - 1))
        return Page(people_of(session, found[offset:offset + limit]), offset, len(found))


def keep_people_search(store: Store) -> None:
    """Make the People filter's next reads fast where the store can (`Store.keep_people_keys`); in a worker."""
    store.keep_people_keys()


def opportunity_choices(store: Store) -> tuple[list[str], list[tuple[str, str]]]:
    """The Opportunities filter's cycles (newest first) and countries ((label, value) each)."""
    read = store.rendered_rows("opportunity_cycles", "opportunity_countries")
    if read is not None:
        return cycle_names(read[0]), choices([country for (country,) in read[1]])
    from tracker.store.models import Opportunity
    from tracker.store.queries.search import organization_countries
    from tracker.store.queries.tables import opportunity_cycles

    with store.read() as session:
        return opportunity_cycles(session), organization_countries(session, of=Opportunity)


def people_countries(store: Store) -> list[tuple[str, str]]:
    """The People filter's countries ((label, value) each)."""
    read = store.rendered_rows("people_countries")
    if read is not None:
        return choices([country for (country,) in read[0]])
    from tracker.store.models import Person
    from tracker.store.queries.search import organization_countries

    with store.read() as session:
        return organization_countries(session, of=Person)


def offers_data(store: Store) -> tuple[list[OfferView], list[OpenOpportunity]]:
    """The offers (`tracker.store.views.offers_view.offers_overview`) and the open opportunities
    besides them (`open_opportunities_besides`)."""
    read = store.rendered_rows("offers", "open_opportunities")
    if read is not None:
        return [OfferView(*row) for row in read[0]], open_opportunities_of(read[1])
    from tracker.store.views.offers_view import offers_overview, open_opportunities_besides

    with store.read() as session:
        return offers_overview(session), open_opportunities_besides(session)


def letters_overview(store: Store) -> LettersOverview:
    """What the Letters screen shows (`tracker.store.views.letters_view.letters_overview`)."""
    read = store.rendered_rows("letters", "letter_counts", "letter_opportunities")
    if read is not None:
        return letters_overview_of(read[0], read[1][0], read[2])
    from tracker.store.views.letters_view import letters_overview as portable

    with store.read() as session:
        return portable(session)
