"""Text search: the one place that decides how "contains this text" is asked of the database.

What a search means, everywhere (CLI `--search`, the TUI filters): a record matches when one of
the searched columns contains the text, in any case, as SQL's LIKE '%text%' finds it on SQLite
(letters A-Z match either case; other letters as typed, so "müller" finds "Müller" but
"MÜLLER" does not). `every_word=True` splits the text into words that must each appear in
one of the columns (the TUI filters); otherwise the whole text is one phrase (the CLI).

How it is found fast: on SQLite with the trigram index of `tracker.store.queries.search_index`, each
phrase or word of three characters or more first narrows the records to the index's matches
(an FTS5 MATCH, one lookup for all the words), and LIKE then confirms those few rows; the
index folds non-ASCII case too, so LIKE keeps results exactly those of the plain LIKE search.
Shorter fragments, databases without the index and other databases (PostgreSQL: ILIKE) use
the plain LIKE search alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, literal_column, or_, select, table, text, true
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.store.models import Opportunity, Organization, Person
from tracker.store.queries.search_index import TABLES

MIN_INDEXED = 3
"""Shortest fragment the trigram index can find; shorter ones are searched with LIKE alone."""


@dataclass(frozen=True)
class SearchIndex:
    """An FTS5 table of `tracker.store.queries.search_index`: one row per record, rowid = the record's id."""

    table: str
    fields: tuple[str, ...]


PEOPLE = SearchIndex("fts_person", TABLES["fts_person"])
"""People: name, organization, lab, research_areas, email."""
OPPORTUNITIES = SearchIndex("fts_opportunity", TABLES["fts_opportunity"])
"""Opportunities: title, organization, lab, contact, cycle, notes."""


def like_pattern(fragment: str) -> str:
    """`%fragment%` for LIKE ... ESCAPE '\\', with LIKE's wildcards taken literally."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fragments(text: str, every_word: bool) -> list[str]:
    return text.split() if every_word else ([text.strip()] if text.strip() else [])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _like_any(dialect: str, fragment: str, columns: Sequence[Any]) -> ColumnElement[bool]:
    pattern = like_pattern(fragment)
    if dialect == "sqlite":  # SQLite's LIKE ignores ASCII case already; lower() would only cost time
        return or_(*(c.like(pattern, escape="\\") for c in columns))
    return or_(*(c.ilike(pattern, escape="\\") for c in columns))


def contains(session: Session, text: str | None, columns: Sequence[Any], *,
             every_word: bool = False) -> ColumnElement[bool]:
    """The plain search: one of `columns` contains `text` (or each word of it), any case.

    Used as it is for columns no index covers (the log's subjects and notes), and as the
    reference the indexed search must equal. An empty text matches everything.
    """
    dialect = _dialect(session)
    parts = [_like_any(dialect, f, columns) for f in _fragments(text or "", every_word)]
    return and_(true(), *parts)


def has_index(session: Session, index: SearchIndex) -> bool:
    """True when the database holds the FTS5 table of `index` (SQLite with FTS5, migrated)."""
    if _dialect(session) != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": index.table}
    ).first()
    return found is not None


def _fts_query(fragments: Sequence[str], fields: Sequence[str], index: SearchIndex) -> str:
    phrases = " AND ".join('"' + f.replace('"', '""') + '"' for f in fragments)
    if tuple(fields) == index.fields:
        return phrases
    return "{" + " ".join(fields) + "} : (" + phrases + ")"


def matches(
    session: Session,
    text: str | None,
    *,
    index: SearchIndex,
    row_id: Any,
    columns: Mapping[str, Any],
    every_word: bool = False,
    use_index: bool = True,
) -> ColumnElement[bool]:
    """A WHERE clause: one of `columns` contains `text` (or each word of it), any case.

    `columns` maps fields of `index` to the expressions that hold them in the caller's query
    (e.g. {"name": Person.name, "organization": Organization.name}); `row_id` is the id of
    the indexed record there (Person.id). With `use_index=False`, the plain LIKE search.
    """
    unknown = set(columns) - set(index.fields)
    if unknown:
        raise ValueError(f"{index.table} does not index {sorted(unknown)}")
    fragments = _fragments(text or "", every_word)
    if not fragments:
        return true()
    dialect = _dialect(session)
    confirm = [_like_any(dialect, f, list(columns.values())) for f in fragments]
    indexed = [f for f in fragments if len(f) >= MIN_INDEXED]
    if not indexed or not use_index or not has_index(session, index):
        return and_(*confirm)
    query = _fts_query(indexed, list(columns), index)
    found = (
        select(literal_column("rowid"))
        .select_from(table(index.table))
        .where(literal_column(index.table).op("MATCH")(literal(query)))
    )
    return and_(row_id.in_(found.scalar_subquery()), *confirm)


def _ids(session: Session, query: Any) -> set[int]:
    return {row[0] for row in session.execute(query)}


def person_ids_matching(session: Session, text: str | None, *, fields: Sequence[str] = PEOPLE.fields,
                        every_word: bool = False, use_index: bool = True) -> set[int]:
    """Ids of the people whose `fields` (all of `PEOPLE.fields` by default) contain `text`."""
    available = {
        "name": Person.name, "organization": Organization.name, "lab": Person.lab,
        "research_areas": Person.research_areas, "email": Person.email,
    }
    query = select(Person.id).outerjoin(Organization, Organization.id == Person.organization_id).where(
        matches(session, text, index=PEOPLE, row_id=Person.id, columns={f: available[f] for f in fields},
                every_word=every_word, use_index=use_index)
    )
    return _ids(session, query)


def opportunity_ids_matching(session: Session, text: str | None, *, fields: Sequence[str] = OPPORTUNITIES.fields,
                             every_word: bool = False, use_index: bool = True) -> set[int]:
    """Ids of the opportunities whose `fields` (all of `OPPORTUNITIES.fields` by default) contain `text`."""
    contact = aliased(Person)
    available = {
        "title": Opportunity.title, "organization": Organization.name, "lab": Opportunity.lab,
        "contact": contact.name, "cycle": Opportunity.cycle, "notes": Opportunity.notes,
    }
    query = (
        select(Opportunity.id)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(contact, contact.id == Opportunity.contact_id)
        .where(matches(session, text, index=OPPORTUNITIES, row_id=Opportunity.id,
                       columns={f: available[f] for f in fields}, every_word=every_word, use_index=use_index))
    )
    return _ids(session, query)
