"""Finding records by the names people type.

A name matches case-insensitively: exactly, else by a unique prefix, else by a unique
prefix of one of its words ("kim" finds "Prof. Kim Minsoo"); people also match by
e-mail address, and any record by its id written `#12`. An unknown or ambiguous name
raises an error that lists the candidates, so the user can retype it; candidates that
bear the same name (two professors called Kim Minsoo, two postings called "Research
Intern") are listed with their id and organization, since no more of the name tells them
apart.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from sqlalchemy import LargeBinary, cast, func, or_
from sqlmodel import Session, SQLModel, col, select

from tracker.domain.errors import Ambiguous, NotFound
from tracker.store.models import Opportunity, Organization, Person

T = TypeVar("T", bound=SQLModel)
MAX_LISTED = 8


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _label(record: SQLModel, attr: str) -> str:
    return str(getattr(record, attr))


ID_REF = re.compile(r"#(\d{1,18})")
"""A record named by its id: `#12`."""
LABELLED = re.compile(r"(?P<name>.*?)\s*\(#(?P<id>\d{1,18})(?:,[^()]*)?\)")
"""A name with its id, as a candidate is listed: `Prof. Kim Minsoo (#12, GIST)`."""


def twin_label(name: str, record_id: int, organization: str | None) -> str:
    """How a record that shares its name is listed, and can be typed: `Name (#12, Organization)`."""
    return f"{name} (#{record_id}{', ' + organization if organization else ''})"


def _candidates(session: Session, rows: list[T], attr: str) -> tuple[str, bool]:
    """The candidates to list, and whether some bear the same name (then with their id and organization)."""
    labels = sorted((_label(r, attr), getattr(r, "id", 0) or 0, r) for r in rows)
    names = [label for label, _id, _r in labels]
    twins = {n for n in names if names.count(n) > 1}
    shown: list[str] = []
    for label, record_id, record in labels:
        if label not in twins:
            if f'"{label}"' not in shown:
                shown.append(f'"{label}"')
            continue
        org_id = getattr(record, "organization_id", None)
        org = session.get(Organization, org_id) if org_id is not None else None
        shown.append(f'"{label}" {twin_label("", record_id, org.name if org is not None else None).strip()}')
    listed = ", ".join(shown[:MAX_LISTED])
    more = len(shown) - MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else ""), bool(twins)


def _words_start(name: str, wanted: str) -> bool:
    """True when `wanted` starts at a word of `name`: "kim" in "Prof. Kim Minsoo"."""
    folded = _fold(name)
    return any(folded[i:].startswith(wanted) for i in range(len(folded)) if i == 0 or folded[i - 1] in " .-,(/")


WORD_STARTS = ("% ", "%.", "%-", "%(", "%,", "%/")
"""LIKE prefixes for "a word of the name starts here" (the separators of `_words_start`)."""

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
    wanted = _fold(text)
    if not wanted:
        raise NotFound(f"no {what} name given")
    if (by_id := ID_REF.fullmatch(wanted)) is not None:
        found = session.get(model, int(by_id.group(1)))
        if found is None:
            raise NotFound(f"no {what} with the id {wanted}")
        return found
    if (labelled := LABELLED.fullmatch(text.strip())) is not None:  # as a candidate is listed
        found = session.get(model, int(labelled.group("id")))
        if found is not None and _fold(labelled.group("name")) in ("", _fold(_label(found, attr))):
            return found
    column = col(getattr(model, attr))
    typed = wanted if wanted.isascii() else " ".join(text.split())
    pattern = _like_prefix(typed)
    like = column.like if _sqlite(session) else column.ilike  # SQLite's LIKE ignores A-Z's case already
    rows = list(session.exec(select(model).where(or_(
        like(pattern, escape="\\"),
        *(like(sep + pattern, escape="\\") for sep in WORD_STARTS),
    ))))
    # Names with characters outside printable ASCII are checked with Python's casefold as well
    # (`_not_plain_ascii`): LIKE's idea of case is narrower than casefold's.
    rows += [
        r for r in session.exec(select(model).where(_not_plain_ascii(session, column)))
        if r not in rows and _words_start(_label(r, attr), wanted)
    ]
    tiers = (
        [r for r in rows if _fold(_label(r, attr)) == wanted],
        [r for r in rows if _fold(_label(r, attr)).startswith(wanted)],
        [r for r in rows if _words_start(_label(r, attr), wanted)],
    )
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if len(tier) > 1:
            listed, twins = _candidates(session, tier, attr)
            how = "type more of the name" if not twins else \
                "give the #id" if len({_fold(_label(r, attr)) for r in tier}) == 1 else "type more of the name or give the #id"
            raise Ambiguous(f'"{text}" matches several {what}s: {listed}; {how}')
    close = difflib.get_close_matches(text, _suggestion_pool(session, column, text), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise NotFound(f'no {what} named "{text}"{hint}')


def person_reference(session: Session, person: Person) -> str:
    """What names `person` to the lookup: their name, or `Name (#id, Organization)` when someone else
    bears the same name (a form filled in with it then saves to this person, not "several match")."""
    others = session.exec(select(Person.name).where(Person.id != person.id,
                                                    func.lower(Person.name) == func.lower(person.name)))
    if not any(_fold(name) == _fold(person.name) for name in others):
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
    """The organization named exactly `name` (any case), or None."""
    wanted = _fold(name)
    rows = session.exec(select(Organization).where(func.lower(Organization.name) == name.strip().lower())).all()
    if not rows:
        rows = [o for o in session.exec(select(Organization)) if _fold(o.name) == wanted]
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
