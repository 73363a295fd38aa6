"""Finding records by the names people type.

A name matches case-insensitively: exactly, else by a unique prefix, else by a unique
prefix of one of its words ("kim" finds "Prof. Kim Minsoo"), a name's leading titles aside
(`tracker.domain.name_match`); people also match by
e-mail address, and any record by its id written `#12`. An unknown or ambiguous name
raises an error that lists the candidates, so the user can retype it; candidates that
bear the same name (two professors called Kim Minsoo, two postings called "Research
Intern") are listed with their id and organization, since no more of the name tells them
apart.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any, TypeVar

from sqlalchemy import LargeBinary, cast, func, or_
from sqlmodel import Session, SQLModel, col, select

from tracker.domain.errors import Ambiguous, NotFound
from tracker.domain.folding import fold
from tracker.domain.name_match import WORD_SEPARATORS, hyphens_joined, hyphens_spaced, name_key, picked, same_name
from tracker.store.models import Opportunity, Organization, Person

T = TypeVar("T", bound=SQLModel)
MAX_LISTED = 8


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _label(record: SQLModel, attr: str) -> str:
    return str(getattr(record, attr))


ID_REF = re.compile(r"#(\d{1,18})")
"""A record named by its id: `#12`."""
LABELLED = re.compile(r"(?P<name>.*?)\s*\(#(?P<id>\d{1,18})(?:,[^()]*)?\)")
"""A name with its id, as a candidate is listed: `Prof. Kim Minsoo (#12, GIST)`."""


def _id_and_org(record_id: int, organization: str | None) -> str:
    return f"#{record_id}{', ' + organization if organization else ''}"


def twin_label(name: str, record_id: int, organization: str | None) -> str:
    """How a record that shares its name is listed, and can be typed: `Name (#12, Organization)`."""
    return f"{name} ({_id_and_org(record_id, organization)})"


def _candidates(session: Session, rows: list[T], attr: str) -> tuple[str, int, bool]:
    """The candidates as listed, how many names they bear, and whether some bear the same one (those
    are listed with their id and organization)."""
    keys = Counter(name_key(_label(r, attr)) for r in rows)
    shown: list[str] = []
    for record in sorted(rows, key=lambda r: (_label(r, attr), getattr(r, "id", 0) or 0)):
        label = _label(record, attr)
        if keys[name_key(label)] == 1:
            shown.append(f'"{label}"')
            continue
        org_id = getattr(record, "organization_id", None)
        org = session.get(Organization, org_id) if org_id is not None else None
        shown.append(f'"{label}" ({_id_and_org(getattr(record, "id", 0) or 0, org.name if org else None)})')
    more = len(shown) - MAX_LISTED
    listed = ", ".join(shown[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")
    return listed, len(keys), len(keys) < len(rows)


def _by_id(session: Session, model: type[T], attr: str, text: str, what: str) -> T | None:
    """The record `text` names by its id (`#12`, or `Name (#12, Org)` as a candidate is listed), else None."""
    if (by_id := ID_REF.fullmatch(text.strip())) is not None:
        found = session.get(model, int(by_id.group(1)))
        if found is None:
            raise NotFound(f"no {what} with the id {text.strip()}")
        return found
    if (labelled := LABELLED.fullmatch(text.strip())) is not None:
        found = session.get(model, int(labelled.group("id")))
        if found is not None and name_key(labelled.group("name")) in ("", name_key(_label(found, attr))):
            return found
    return None


WORD_STARTS = tuple(f"%{separator}" for separator in WORD_SEPARATORS)
"""LIKE prefixes for "a word of the name starts here"."""

SUGGESTION_POOL = 2000
"""At most this many names are compared for "did you mean" (difflib is quadratic-ish)."""


def _suggestion_pool(session: Session, column: Any, text: str) -> list[str]:
    """Names that share a word's first two letters with `text`: the candidates for a suggestion."""
    words = [w[:2] for w in text.split() if len(w) >= 2] or [text.strip()[:1]]
    patterns = [_like_prefix(w) for w in words] + [f"% {_like_prefix(w)}" for w in words]
    like = column.like if _sqlite(session) else column.ilike
    query = select(column).where(or_(*(like(p, escape="\\") for p in patterns))).limit(SUGGESTION_POOL)
    return [str(name) for name in session.exec(query)]


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _not_plain_ascii(session: Session, column: Any) -> Any:
    """The name holds a character outside printable ASCII.

    On SQLite, also a NUL (its LIKE stops there): their bytes outnumber their characters.
    PostgreSQL's text holds no NUL; a regular expression says it.
    """
    if _sqlite(session):
        return or_(column.op("GLOB")("*[^ -~]*"), func.length(cast(column, LargeBinary)) != func.length(column))
    return column.op("~")("[^ -~]")


def _find(session: Session, model: type[T], attr: str, text: str, what: str) -> T:
    wanted = name_key(text)
    if not wanted:
        raise NotFound(f"no {what} name given")
    if (found_by_id := _by_id(session, model, attr, text, what)) is not None:
        return found_by_id
    column, ident = col(getattr(model, attr)), col(getattr(model, "id"))
    folded = fold(text)
    like = column.like if _sqlite(session) else column.ilike  # SQLite's LIKE ignores A-Z's case already
    typed = {wanted if wanted.isascii() else " ".join(text.split())}
    typed |= {form for form in (folded, hyphens_joined(text), hyphens_spaced(text)) if form and form.isascii()}
    # The names only (id, name), the records of those picked after: a quarter of a faculty directory
    # has a name outside ASCII, and making each a record cost a lookup 0.25 s.
    names = dict(session.exec(select(ident, column).where(or_(*(
        like(sep + _like_prefix(form), escape="\\") for form in typed for sep in ("", *WORD_STARTS))))).all())
    # Names with characters outside printable ASCII are compared in Python (`_not_plain_ascii`): LIKE's
    # idea of case is narrower than casefold's, and it knows no accents. So are names with a hyphen, whose
    # hyphens count for nothing when nothing else matches ("seoyeon" is "Seo-yeon": `name_match.comparisons`).
    others = or_(_not_plain_ascii(session, column), column.like("%-%"))
    for record_id, name in session.exec(select(ident, column).where(others)):
        names.setdefault(record_id, name)
    ids = list(names)
    chosen = [ids[i] for i in picked([str(names[i]) for i in ids], text)]  # tracker.domain.name_match
    if chosen:
        tier = list(session.exec(select(model).where(ident.in_(chosen))))
        if len(tier) == 1:
            return tier[0]
        listed, count, twins = _candidates(session, tier, attr)
        how = ("type more of the name" if not twins else "give the #id" if count == 1
               else "type more of the name or give the #id")
        raise Ambiguous(f'"{text}" matches several {what}s: {listed}; {how}')
    close = difflib.get_close_matches(text, _suggestion_pool(session, column, text), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise NotFound(f'no {what} named "{text}"{hint}')


def person_reference(session: Session, person: Person) -> str:
    """What names `person` to the lookup: their name, or `Name (#id, Organization)` when someone else
    bears the same name (a form filled in with it then saves to this person, not "several match")."""
    others = session.exec(select(Person.name).where(Person.id != person.id,
                                                    func.lower(Person.name) == func.lower(person.name)))
    if not any(name_key(name) == name_key(person.name) for name in others):  # no namesake
        return person.name
    org = session.get(Organization, person.organization_id) if person.organization_id is not None else None
    return twin_label(person.name, person.id or 0, org.name if org is not None else None)


def find_person(session: Session, text: str) -> Person:
    """The person whose name (or e-mail address) is `text`, or starts with it."""
    if "@" in text:
        found = session.exec(select(Person).where(func.lower(Person.email) == text.strip().lower())).first()
        if found:
            return found
    return _find(session, Person, "name", text, "person")


def find_opportunity(session: Session, text: str) -> Opportunity:
    """The opportunity whose title is `text`, or starts with it."""
    return _find(session, Opportunity, "title", text, "opportunity")


def find_organization(session: Session, name: str) -> Organization | None:
    """The organization named exactly `name` (any case), else with any accent ("Bogazici University" is
    "Boğaziçi University"), or None."""
    wanted = name_key(name)
    rows = session.exec(select(Organization).where(func.lower(Organization.name) == name.strip().lower())).all()
    if not rows:
        every = list(session.exec(select(Organization)))
        rows = [o for o in every if name_key(o.name) == wanted] or [o for o in every if same_name(o.name, name)]
    return rows[0] if rows else None


def get_or_create_organization(session: Session, name: str | None) -> Organization | None:
    """The organization named `name`, created if new; None for an empty name."""
    if name is None or not name.strip():
        return None
    found = find_organization(session, name)
    if found is not None:
        return found
    org = Organization(name=" ".join(name.split()))
    session.add(org)
    session.flush()
    return org
