"""Text search: the one place that decides how a search is asked of the database.

What a search means, everywhere (CLI `--search`, the TUI's `/` filters): the text is split into
words, and a record matches when every word, in any order, is part of one of its searched
fields, in any case and with any accents ("aaron roth" finds Aaron Leon Roth, "hyvarinen" finds
Aapo Hyvärinen, "bogazici" Boğaziçi University). People are searched by name and other
spellings (aliases), lab, research areas, e-mail and organization; opportunities by title, lab,
cycle, notes, organization and contact.

How: every searchable record keeps its text folded (`tracker.domain.folding`) in `search_*`
columns, the words are folded the same way, and a plain `LIKE '%word%'` on those keys answers,
on any database: that is the portable search, and the reference. On SQLite the FTS5 trigram
index of `tracker.store.queries.search_index`, which holds the very same keys, first narrows the records
to its matches for the words of three characters or more (one MATCH for all of them), and LIKE
then confirms those few rows, so the results are exactly the portable search's; a test compares
the two. (A PostgreSQL store would put a pg_trgm index on the same keys.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, literal_column, or_, select, table, text, true
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.domain.folding import fold, word_forms, words
from tracker.store.models import Opportunity, Organization, Person
from tracker.store.queries.search_index import TABLES

MIN_INDEXED = 3
"""Shortest word the trigram index can find; shorter ones are searched with LIKE alone."""


@dataclass(frozen=True)
class SearchIndex:
    """An FTS5 table of `tracker.store.queries.search_index`: one row per record, rowid = the record's id."""

    table: str
    fields: tuple[str, ...]


PEOPLE = SearchIndex("fts_person", TABLES["fts_person"])
"""People: name (and aliases), details (lab, research areas, e-mail), organization."""
OPPORTUNITIES = SearchIndex("fts_opportunity", TABLES["fts_opportunity"])
"""Opportunities: text (title, lab, cycle, notes), organization, contact."""


def like_pattern(fragment: str) -> str:
    """`%fragment%` for LIKE ... ESCAPE '\\', with LIKE's wildcards taken literally."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


Key = Any
"""A folded key in a query: an expression to LIKE, or a `Via` (the key of a row it refers to)."""


@dataclass(frozen=True)
class Via:
    """The key of another table's row, found through a reference: `reference IN (SELECT id ... LIKE)`.

    Each organization (or contact) is then compared once, not once per person who refers to it.
    """

    reference: Any
    """The referring column in the caller's query (Person.organization_id)."""
    target: Any
    """The id of the table referred to, in a table or alias of its own (not the caller's)."""
    key: Any
    """The key of that table or alias."""

    def like(self, pattern: str, escape: str) -> ColumnElement[bool]:
        return self.reference.in_(select(self.target).where(self.key.like(pattern, escape=escape)))


def _keys_like(word: str, keys: Sequence[Key]) -> ColumnElement[bool]:
    """One of the folded `keys` contains the folded `word` (a plain LIKE: both sides are folded)."""
    pattern = like_pattern(word)
    return or_(*(key.like(pattern, escape="\\") for key in keys))


def _like_any(dialect: str, fragment: str, columns: Sequence[Any]) -> ColumnElement[bool]:
    """One of the raw (not folded) `columns` contains `fragment`: any case of A-Z (ILIKE elsewhere)."""
    pattern = like_pattern(fragment)
    if dialect == "sqlite":  # SQLite's LIKE ignores ASCII case already
        return or_(*(c.like(pattern, escape="\\") for c in columns))
    return or_(*(c.ilike(pattern, escape="\\") for c in columns))


def folded_organization(organization: Any) -> Any:
    """An organization's name as search compares it (and the tables sort it: "Boğaziçi" with the b's)."""
    return func.coalesce(organization.search_text, func.lower(organization.name))


def folded_name(person: Any) -> Any:
    """A person's name and other spellings as search compares them (and the tables sort them)."""
    return func.coalesce(person.search_name, func.lower(person.name))


def in_order(folded: Any) -> Any:
    """A folded key as the tables and lists sort by it: in any accent ("Çağla" with the c's, "İTÜ" with the i's,
    not after "Z" as `lower(name)` put them), and lower-cased again for a letter that folds to a capital
    ("ℌ" is "H")."""
    return func.lower(folded)


def folded_text(opportunity: Any) -> Any:
    """An opportunity's title, lab, cycle and notes as search compares them (the title first: the tables sort
    by it)."""
    return func.coalesce(opportunity.search_text, func.lower(opportunity.title))


def person_keys(person: Any = Person) -> dict[str, Key]:
    """The folded keys of a person in a query (`person` may be an alias), by index column."""
    org = aliased(Organization)
    return {
        "name": folded_name(person),
        "details": person.search_text,
        "organization": Via(person.organization_id, org.id, folded_organization(org)),
    }


def opportunity_keys(opportunity: Any = Opportunity) -> dict[str, Key]:
    """The folded keys of an opportunity in a query: its text, its organization's, its contact's name."""
    org, contact = aliased(Organization), aliased(Person)
    return {
        "text": folded_text(opportunity),
        "organization": Via(opportunity.organization_id, org.id, folded_organization(org)),
        "contact": Via(opportunity.contact_id, contact.id, folded_name(contact)),
    }


def has_index(session: Session, index: SearchIndex) -> bool:
    """True when the database holds the FTS5 table of `index` (SQLite with FTS5, migrated)."""
    if _dialect(session) != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": index.table}
    ).first()
    return found is not None


def _phrase(fragment: str) -> str:
    return '"' + fragment.replace('"', '""') + '"'


def _fts_query(fragments: Sequence[tuple[str, ...]], fields: Sequence[str], index: SearchIndex) -> str:
    """Every fragment in one of `fields`: each a word's forms (`word_forms`), any one of them."""
    phrases = " AND ".join(_phrase(forms[0]) if len(forms) == 1 else "(" + " OR ".join(map(_phrase, forms)) + ")"
                           for forms in fragments)
    if tuple(fields) == index.fields:
        return phrases
    return "{" + " ".join(fields) + "} : (" + phrases + ")"


def matches(session: Session, search: str | None, *, index: SearchIndex, row_id: Any, keys: Mapping[str, Any],
            use_index: bool = True) -> ColumnElement[bool]:
    """A WHERE clause: every word of `search` is in one of `keys` (folded; see the module docstring).

    `keys` maps columns of `index` to the expressions of the same keys in the caller's query
    (`person_keys()`, `opportunity_keys(...)`); `row_id` is the indexed record's id there. With
    `use_index=False`, or without the index, the portable LIKE search alone. No words: true.
    """
    unknown = set(keys) - set(index.fields)
    if unknown:
        raise ValueError(f"{index.table} does not index {sorted(unknown)}")
    found = words(search)
    if not found:
        return true()
    forms = [word_forms(word) for word in found]
    confirm = [or_(*(_keys_like(form, list(keys.values())) for form in each)) for each in forms]
    indexed = [each for each in forms if min(map(len, each)) >= MIN_INDEXED]  # (a shorter form: LIKE alone)
    if not indexed or not use_index or not has_index(session, index):
        return and_(*confirm)
    query = _fts_query(indexed, list(keys), index)
    narrowed = (
        select(literal_column("rowid"))
        .select_from(table(index.table))
        .where(literal_column(index.table).op("MATCH")(literal(query)))
    )
    return and_(row_id.in_(narrowed.scalar_subquery()), *confirm)


def people_matching(session: Session, search: str | None, *, use_index: bool = True) -> ColumnElement[bool]:
    """People whose name, aliases, lab, research areas, e-mail or organization hold every word
    (for any query of `Person`)."""
    return matches(session, search, index=PEOPLE, row_id=Person.id, keys=person_keys(), use_index=use_index)


def opportunities_matching(session: Session, search: str | None, *, use_index: bool = True) -> ColumnElement[bool]:
    """Opportunities whose title, lab, cycle, notes, organization or contact hold every word
    (for any query of `Opportunity`)."""
    return matches(session, search, index=OPPORTUNITIES, row_id=Opportunity.id, keys=opportunity_keys(),
                   use_index=use_index)


def log_matching(session: Session, search: str | None, *, keys: Sequence[Key], columns: Sequence[Any]
                 ) -> ColumnElement[bool]:
    """Messages with every word in one of the folded `keys` (person, organization, opportunity) or
    of the raw `columns` (subject, notes, paper: any case of A-Z; a word with accents is looked
    for as typed and without them, "Résumé" finding "Résumé" and "resume" finding "resume")."""
    dialect = _dialect(session)
    conditions = []
    for typed in (search or "").split():
        folded = fold(typed)
        if not folded:
            continue
        forms = {folded, typed.lower()}
        conditions.append(or_(_keys_like(folded, keys), *(_like_any(dialect, form, columns) for form in forms)))
    return and_(true(), *conditions)


def in_country(organization: Any, country: str) -> ColumnElement[bool]:
    """The organization is in `country` (a code or a name: "KR", "South Korea"; `tracker.domain.countries`)."""
    from tracker.domain.countries import spellings

    return func.lower(func.trim(organization.country)).in_(spellings(country))


def organization_countries(session: Session, *, of: Any) -> list[tuple[str, str]]:
    """(label, value) of every country with an organization of someone (`of` Person) or of an
    opportunity (`of` Opportunity) in it, for a country filter."""
    from tracker.domain.countries import choices

    return choices([country for (country,) in session.execute(organization_countries_query(of))])


def organization_countries_query(of: Any) -> Select[Any]:
    """The distinct countries of the organizations of `of` (Person or Opportunity)."""
    return (
        select(Organization.country).where(Organization.country.is_not(None))  # type: ignore[union-attr]
        .where(Organization.id.in_(select(of.organization_id))).distinct()  # type: ignore[union-attr]
    )


def _ids(session: Session, query: Any) -> set[int]:
    return {row[0] for row in session.execute(query)}


def person_ids_matching(session: Session, search: str | None, *, use_index: bool = True) -> set[int]:
    """Ids of the people `search` finds."""
    return _ids(session, select(Person.id).where(people_matching(session, search, use_index=use_index)))


def opportunity_ids_matching(session: Session, search: str | None, *, use_index: bool = True) -> set[int]:
    """Ids of the opportunities `search` finds."""
    return _ids(session, select(Opportunity.id).where(opportunities_matching(session, search, use_index=use_index)))
