"""The rows, filters, sorts and pages of the TUI's Opportunities and People tables: plain data.

No SQLAlchemy here, so a screen that shows these rows loads without the ORM; the queries that
make them are `tracker.store.queries.tables` (opportunities) and `people_table` (people).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from tracker.domain.vocab import CLOSED_STAGES, OPEN_STAGES

PAGE_SIZE = 200
"""Rows fetched at a time."""

STAGE_GROUPS: dict[str, tuple[str, ...]] = {"open": OPEN_STAGES, "closed": CLOSED_STAGES}
"""Stage filter words that stand for several stages."""

R = TypeVar("R")


@dataclass(frozen=True)
class Sort:
    """Which column a table is sorted by, and in which direction."""

    column: str
    descending: bool = False


@dataclass(frozen=True)
class OpportunityFilter:
    """What the Opportunities table shows: free text, and stage / kind / cycle (None: any)."""

    text: str = ""
    stage: str | None = None
    """A stage, or "open" / "closed" for a group of stages."""
    kind: str | None = None
    cycle: str | None = None
    country: str | None = None
    """Of the organization: a code or a name ("KR", "South Korea")."""


@dataclass(frozen=True)
class PeopleFilter:
    """What the People table shows: free text, a role and a country (None: any)."""

    text: str = ""
    role: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class OpportunityRow:
    """One row of the Opportunities table."""

    id: int
    title: str
    kind: str
    organization: str | None
    lab: str | None
    contact: str | None
    cycle: str | None
    stage: str
    deadline: date | None
    letters_required: int
    letters_submitted: int
    last_activity: date | None


@dataclass(frozen=True)
class PersonRow:
    """One row of the People table."""

    id: int
    name: str
    role: str
    organization: str | None
    lab: str | None
    last_heard: date | None
    """The day of the last message received from them."""
    opportunities: int
    """Opportunities they take part in: as contact, in messages, letters or interviews."""
    interactions: int
    """Messages and meetings logged with them."""


@dataclass(frozen=True)
class Page(Generic[R]):
    """`rows` of the whole (filtered, sorted) result, starting at `offset`, out of `total`."""

    rows: list[R]
    offset: int
    total: int


OPPORTUNITY_SORTS: tuple[str, ...] = (
    "title", "kind", "organization", "lab", "contact", "cycle", "stage", "deadline", "letters", "last_activity",
)
"""Columns the Opportunities table can be sorted by, in the order `o` cycles through them."""

PEOPLE_SORTS: tuple[str, ...] = ("name", "role", "organization", "lab", "last_heard", "threads")
"""Columns the People table can be sorted by."""

OPPORTUNITY_SORT = Sort("title")
"""How the Opportunities table is sorted until the user sorts it otherwise."""
PEOPLE_SORT = Sort("name")
"""How the People table is sorted until the user sorts it otherwise."""


def page_found(found: Sequence[Sequence[Any]], make: Callable[..., R], offset: int) -> Page[R]:
    """The page of `found` (not empty), rows that each end with the total: the page query's window count."""
    return Page([make(*row[:-1]) for row in found], offset, found[0][-1])


def cycle_names(rows: Iterable[Sequence[Any]]) -> list[str]:
    """The cycles of the rows of the distinct cycles' query ("Summer 2027"...), newest first by name."""
    return sorted((row[0] for row in rows if row[0]), reverse=True)
