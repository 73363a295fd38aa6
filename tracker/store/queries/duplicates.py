"""The duplicate guard's queries: records with a close name, and messages sent recently.

- `similar_people` / `similar_opportunities`: the people (opportunities) whose name (title)
  is probably the one typed, by `tracker.domain.similar`. At the same organization (or
  when either has none, or the two organizations' names look like one written two ways:
  "TU Darmstadt", "Technische Universität Darmstadt") any close name counts; at another
  organization only the same name does ("Kim Young-hoon" at KAIST and at GIST may be one
  professor who moved; "Tan Wei Min" at NTU and "Tan Wei Ming" at NUS are two people).
- `recent_contact_warnings`: before writing to someone, what was sent to them, or to
  someone in the same lab, within the profile's `recent_contact_days`.

Speed: the database is asked only for rows that can match, never for every row. For a
person, a row must hold a piece (the first or last three letters) of each word typed, or
of all but one when three or more words are typed; SQL's LIKE finds them (a scan of the
names, a few milliseconds for 30,000 people). For an opportunity, every opportunity of the
same organization, and elsewhere those holding pieces of half its distinctive words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.domain.similar import CLOSE, SURE, compare_names, name_words
from tracker.domain.similar_titles import (
    compare_titles,
    contacts_differ,
    cycles_differ,
    organizations_alike,
    title_key,
    title_words,
)
from tracker.domain.errors import TrackerError
from tracker.store.models import Interaction, Opportunity, Organization, Person
from tracker.store.queries.lookup import find_organization, find_person
from tracker.store.writes.records import read_profile

__all__ = [
    "Match", "describe_matches", "recent_contact_warnings", "similar_opportunities", "similar_people",
]

CANDIDATES = 2000
"""At most this many rows are compared in Python for one name or title."""
MOST_WORDS = 4
"""At most this many words of a name or title (the longest) narrow the rows."""
SUBJECT_SHOWN = 60
"""Subjects longer than this are cut in the warnings."""
LAB_PEERS_SHOWN = 3
"""At most this many other people of the same lab are named in the warnings."""
CHANNELS_WATCHED = ("email", "linkedin")
"""Messages that count as "you wrote to them"."""


@dataclass(frozen=True)
class Match:
    """A record that probably is the one being typed."""

    id: int
    name: str
    """The person's name, or the opportunity's title."""
    detail: str
    """What tells it apart: "professor, GIST" or "outreach, GIST, contacted"."""
    score: float
    reason: str
    """Why it matches, in a few words: "same name", "similar spelling"."""
    exact: bool = False
    """The store itself refuses the new record (the same name at the same organization, the same title)."""

    def __str__(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name

    def explained(self) -> str:
        """'Kim Young-hoon (professor, GIST: same name)'."""
        return f"{self.name} ({self.detail}: {self.reason})" if self.detail else f"{self.name} ({self.reason})"


def describe_matches(matches: list[Match], *, limit: int = 3, reasons: bool = True) -> str:
    """'Kim Young-hoon (professor, GIST: same name), ... and 2 more' (without `reasons`: no "same name")."""
    shown = [m.explained() if reasons else str(m) for m in matches[:limit]]
    more = len(matches) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


# --- narrowing the rows in SQL ---------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _patterns(word: str) -> list[str]:
    """LIKE patterns a row holding `word` (or a slight misspelling of it) matches."""
    if len(word) >= 3:
        return [f"%{_escape(word[:3])}%", f"%{_escape(word[-3:])}%"]
    if word.isascii():  # "li", "wu": as a word of its own, not inside another
        w = _escape(word)
        return [w, f"{w} %", f"% {w}", f"% {w} %", f"%-{w}%", f"{w}-%"]
    return [f"%{_escape(word)}%"]  # one or two CJK characters


def _holds(session: Session, column: Any, words: list[str], accented: list[str]) -> list[ColumnElement[bool]]:
    """One condition per word (the longest MOST_WORDS): the column holds a piece of it."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    pairs = sorted(zip(words, accented), key=lambda pair: -len(pair[0]))[:MOST_WORDS]
    conditions = []
    for word, raw in pairs:
        patterns = sorted(set(_patterns(word)) | set(_patterns(raw)))
        if sqlite:  # SQLite's LIKE ignores ASCII case already
            conditions.append(or_(*(column.like(p, escape="\\") for p in patterns)))
        else:
            conditions.append(or_(*(column.ilike(p, escape="\\") for p in patterns)))
    return conditions


def _at_least(conditions: list[ColumnElement[bool]], need: int) -> ColumnElement[bool]:
    if not conditions or need <= 0:
        return false()
    if need >= len(conditions):
        return and_(*conditions)
    return sum(case((c, 1), else_=0) for c in conditions) >= need  # type: ignore[return-value,no-any-return]


def _sql_lower(text: str) -> str:
    """`text` as the store's own duplicate check sees it: SQLite's lower() folds A-Z only."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _aligned(words: list[str], accented: list[str]) -> list[str]:
    return accented if len(accented) == len(words) else words


def _pieces(session: Session, title: str, keep: set[str] | None) -> list[ColumnElement[bool]]:
    """Conditions "the title holds a piece of this word" for the words of `title` in `keep` (None: all)."""
    folded, raw = title_words(title), title_words(title, keep_accents=True)
    pairs = [(f, r) for f, r in zip(folded, _aligned(folded, raw)) if keep is None or f in keep]
    return _holds(session, Opportunity.title, [f for f, _ in pairs], [r for _, r in pairs])


# --- people ------------------------------------------------------------------------------------


def similar_people(
    session: Session, name: str, *, organization: str | None = None, exclude_id: int | None = None
) -> list[Match]:
    """People whose name is probably `name`, best first (see the module's doc for the rules).

    `organization` is the name typed for the new person's organization (None: unknown);
    `exclude_id` leaves out the person being edited.
    """
    words = [w for w in name_words(name) if len(w) > 1 or not w.isascii()]
    if not words:
        return []
    accented = _aligned(words, [w for w in name_words(name, keep_accents=True) if len(w) > 1 or not w.isascii()])
    org = find_organization(session, organization) if organization and organization.strip() else None
    conditions = _holds(session, Person.name, words, accented)
    need = len(conditions) if len(conditions) <= 2 else len(conditions) - 1
    query = (
        select(Person.id, Person.name, Person.role, Person.organization_id, Organization.name)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .where(_at_least(conditions, need))
        .limit(CANDIDATES)
    )
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    typed = " ".join(name.split()).lower()
    found: list[Match] = []
    for pid, other, role, org_id, org_name in session.execute(query):
        similarity = compare_names(name, other)
        if not similarity:
            continue
        same_place = organization is None or not organization.strip() or org_id is None or (
            org is not None and org_id == org.id) or organizations_alike(organization, org_name or "")
        if similarity.score < 1.0 and not (same_place and similarity.score >= CLOSE):
            continue
        exact = org is not None and org_id == org.id and _sql_lower(other) == typed
        detail = ", ".join(part for part in (role, org_name) if part)
        found.append(Match(pid, other, detail, similarity.score, similarity.reason, exact))
    return sorted(found, key=lambda m: (-m.score, m.name.casefold(), m.id))


# --- opportunities -----------------------------------------------------------------------------


def similar_opportunities(
    session: Session,
    title: str,
    *,
    organization: str | None = None,
    exclude_id: int | None = None,
    cycle: str | None = None,
    contact: str | None = None,
) -> list[Match]:
    """Opportunities whose title is probably `title`, best first.

    At the same organization (or one without) a close title counts, the organization's
    name aside ("Computer Vision Lab, GIST" and "GIST CV Lab" at GIST); with no
    organization typed, the same distinctive words do; at another organization only the
    same title. Titles (with their `cycle`) of different years or seasons never match, nor
    opportunities whose main contacts are two different people (`contact`: the name typed).
    """
    if not title_words(title):
        return []
    known_org = bool(organization and organization.strip())
    org = find_organization(session, organization) if known_org and organization else None
    distinctive = _pieces(session, title, set(title_key(title, org.name if org else organization).distinctive))
    if known_org:  # elsewhere only the same title counts: every word must be there
        nearby = [_at_least(_pieces(session, title, None), MOST_WORDS)]
        if org is not None:
            nearby.append(Opportunity.organization_id == org.id)
    else:
        nearby = [_at_least(distinctive, len(distinctive))]
    nearby.append(and_(Opportunity.organization_id.is_(None), _at_least(distinctive, 1)))  # type: ignore[union-attr]
    their_contact = aliased(Person)
    query = (
        select(Opportunity.id, Opportunity.title, Opportunity.kind, Opportunity.stage, Opportunity.cycle,
               Opportunity.organization_id, Organization.name, their_contact.name)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(their_contact, their_contact.id == Opportunity.contact_id)
        .where(or_(*nearby))
        .limit(CANDIDATES)
    )
    if exclude_id is not None:
        query = query.where(Opportunity.id != exclude_id)
    typed = " ".join(title.split()).lower()
    when = f"{title} {cycle or ''}"
    contact = _contact_name(session, contact)
    found: list[Match] = []
    for oid, other, kind, stage, other_cycle, org_id, org_name, other_contact in session.execute(query):
        if cycles_differ(when, f"{other} {other_cycle or ''}") or contacts_differ(contact, other_contact):
            continue
        if org_id is None or (org is not None and org_id == org.id) or (
                known_org and organizations_alike(organization or "", org_name or "")):
            similarity, least = compare_titles(title, other, organization=org_name or organization), CLOSE
        elif not known_org:
            similarity, least = compare_titles(title, other), SURE
        else:
            similarity, least = compare_titles(title, other), 1.0
        if similarity.score < least:
            continue
        detail = ", ".join(part for part in (kind, org_name, stage) if part)
        exact = _sql_lower(other) == typed
        found.append(Match(oid, other, detail, similarity.score, similarity.reason, exact))
    return sorted(found, key=lambda m: (-m.score, m.name.casefold(), m.id))


def _contact_name(session: Session, typed: str | None) -> str | None:
    """The full name of the contact typed ("Kim" finds "Kim Young-hoon"); None when unknown or ambiguous."""
    if not typed or not typed.strip():
        return None
    try:
        return find_person(session, typed).name
    except TrackerError:
        return None


# --- recent messages ---------------------------------------------------------------------------


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def _about(message: Interaction) -> str:
    channel = "LinkedIn" if message.channel == "linkedin" else message.channel
    subject = " ".join((message.subject or "").split())
    if len(subject) > SUBJECT_SHOWN:
        subject = subject[: SUBJECT_SHOWN - 1] + "…"
    return f"{message.on:%a %Y-%m-%d}, {channel}" + (f': "{subject}"' if subject else "")


def _lab(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _sent_since(session: Session, person_ids: list[int], since: date, today: date) -> list[Interaction]:
    """Emails and LinkedIn messages sent to these people from `since` to `today`, newest first."""
    if not person_ids:
        return []
    query = (
        select(Interaction)
        .where(
            Interaction.person_id.in_(person_ids),  # type: ignore[attr-defined]
            Interaction.direction == "sent",
            Interaction.channel.in_(CHANNELS_WATCHED),  # type: ignore[attr-defined]
            Interaction.on >= since,
            Interaction.on <= today,
        )
        .order_by(Interaction.on.desc(), Interaction.id.desc())  # type: ignore[attr-defined,union-attr]
    )
    return list(session.scalars(query))


def recent_contact_warnings(session: Session, person_id: int, *, today: date) -> list[str]:
    """What you sent recently to this person, or to others of their lab: one sentence each.

    Counts e-mails and LinkedIn messages sent within the profile's `recent_contact_days`
    up to `today`: the newest to the person ('You wrote to Prof. Tan 5 days ago (Tue
    2026-11-17, email: "Subject")'), then the newest to each other person with the same
    organization and the same lab (case and spacing aside). Empty when there is nothing.
    """
    window = read_profile(session).recent_contact_days
    person = session.get(Person, person_id)
    if person is None or not window or window < 1:
        return []
    since = today - timedelta(days=window)
    warnings: list[str] = []
    own = _sent_since(session, [person_id], since, today)
    if own:
        text = f"You wrote to {person.name} {_ago(own[0].on, today)} ({_about(own[0])})"
        if len(own) > 1:
            text += f"; {len(own)} messages in the last {window} days"
        warnings.append(text)
    lab = _lab(person.lab)
    if not lab or person.organization_id is None:
        return warnings
    peers = {
        pid: name
        for pid, name, their_lab in session.execute(
            select(Person.id, Person.name, Person.lab).where(
                Person.organization_id == person.organization_id, Person.id != person_id, Person.lab.is_not(None)  # type: ignore[union-attr]
            )
        )
        if _lab(their_lab) == lab
    }
    newest: dict[int, Interaction] = {}
    for message in _sent_since(session, list(peers), since, today):
        newest.setdefault(message.person_id, message)
    if not newest:
        return warnings
    organization = session.get(Organization, person.organization_id)
    where = f"{' '.join((person.lab or '').split())}, {organization.name}" if organization else person.lab
    for index, (pid, message) in enumerate(newest.items()):
        if index == LAB_PEERS_SHOWN:
            warnings.append(f"... and {len(newest) - LAB_PEERS_SHOWN} more people in the same lab ({where})")
            break
        warnings.append(
            f"You wrote to {peers[pid]} in the same lab ({where}) {_ago(message.on, today)} ({_about(message)})"
        )
    return warnings
