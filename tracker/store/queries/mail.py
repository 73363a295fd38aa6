"""Reads for the mail sync and import: who is tracked by which address or LinkedIn profile, the
messages already logged, the threads they belong to, and the replies from unknown addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam
from sqlmodel import Session, select

from tracker.domain.linkedin import name_key, profile_key
from tracker.domain.mail import addresses_of
from tracker.domain.vocab import FOLLOW_UP_CHANNELS
from tracker.store.models import Interaction, MailAccount, MailFolder, MailSeen, MailUnknown, Person


@dataclass
class MailBook:
    """What the sync compares each message with, read once before it starts."""

    people: dict[str, int]
    """E-mail address (lower-case) -> person id: every address in a person's e-mail field."""
    threads: dict[str, int]
    """Message-ID already logged -> the tracked person of its thread."""
    seen: set[str]
    """Every Message-ID (or LinkedIn row id) already logged."""
    linkedin: dict[str, int]
    """Normalized LinkedIn profile URL -> person id."""
    names: dict[str, int]
    """Full name as compared (folded) -> person id, for names that belong to one person only."""


def read_book(session: Session) -> MailBook:
    """The address book, the threads and the ids already logged."""
    people: dict[str, int] = {}
    linkedin: dict[str, int] = {}
    names: dict[str, int | None] = {}
    for ident, email, url, name, aliases in session.exec(
            select(Person.id, Person.email, Person.linkedin, Person.name, Person.aliases)):
        for address in addresses_of(email):
            people.setdefault(address, ident)
        key = profile_key(url)
        if key:
            linkedin.setdefault(key, ident)
        for spelling in [name, *(aliases or "").splitlines()]:
            folded = name_key(spelling)
            if folded:
                names[folded] = ident if names.get(folded, ident) == ident else None
    threads: dict[str, int] = {}
    seen: set[str] = set()
    for message_id, person_id in session.exec(select(MailSeen.message_id, MailSeen.person_id)):
        seen.add(message_id)
        if person_id is not None:
            threads[message_id] = person_id
    return MailBook(people=people, threads=threads, seen=seen, linkedin=linkedin,
                    names={k: v for k, v in names.items() if v is not None})


# The two queries a mail import asks per message, built once with their parameters: building a statement
# cost three times what running it does (0.18 of 0.25 ms), 180 messages logged about 0.1 s of building.
_NEWEST_DIRECTION = (
    select(Interaction.direction)
    .where(Interaction.person_id == bindparam("person"), Interaction.on <= bindparam("on"),
           Interaction.channel.in_(FOLLOW_UP_CHANNELS))  # type: ignore[attr-defined]
    .order_by(Interaction.on.desc(), Interaction.id.desc())  # type: ignore[attr-defined]
    .limit(1)
)
_SAME_MESSAGE_SUBJECTS = select(Interaction.subject).where(
    Interaction.person_id == bindparam("person"), Interaction.on == bindparam("on"),
    Interaction.channel == bindparam("channel"), Interaction.direction == bindparam("direction"),
    Interaction.logged_from.is_(None))  # type: ignore[union-attr]


def awaiting_reply(session: Session, person_id: int, on: date) -> bool:
    """Whether the person's newest e-mail/LinkedIn message up to `on` is one the student sent:
    a reply received then clears a follow-up."""
    last = session.exec(_NEWEST_DIRECTION, params={"person": person_id, "on": on}).first()
    return last == "sent"


def logged_by_hand(session: Session, *, person_id: int, on: date, channel: str, direction: str,
                   subject: str | None) -> bool:
    """Whether the same message seems logged already by hand (`tracker log`, a draft, the TUI): same person,
    day, channel and direction, with the same subject or none."""
    rows = session.exec(_SAME_MESSAGE_SUBJECTS, params={"person": person_id, "on": on, "channel": channel,
                                                        "direction": direction}).all()
    wanted = (subject or "").strip().lower()
    return any(not (s or "").strip() or (s or "").strip().lower() == wanted for s in rows)


def accounts(session: Session) -> list[MailAccount]:
    """Every mail account, by name."""
    return list(session.exec(select(MailAccount).order_by(MailAccount.name)))


def find_account(session: Session, name: str | None) -> MailAccount:
    """The account named `name`; without a name, the only one."""
    from tracker.domain.errors import InvalidInput, NotFound

    rows = accounts(session)
    if name is None:
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise NotFound("no mail account yet; add one with: tracker mail add NAME --imap imaps://USER@HOST")
        raise InvalidInput(f"several mail accounts ({', '.join(a.name for a in rows)}); name the one to sync")
    for account in rows:
        if account.name.lower() == name.strip().lower():
            return account
    known = ", ".join(a.name for a in rows) or "none yet"
    raise NotFound(f'no mail account "{name}" (accounts: {known})')


def folder_state(session: Session, account_id: int, folder: str) -> MailFolder | None:
    """How far `folder` of the account was read."""
    return session.exec(select(MailFolder).where(MailFolder.account_id == account_id,
                                                 MailFolder.folder == folder)).first()


def unknown_replies(session: Session, known: dict[str, int] | None = None) -> list[tuple[MailUnknown, str]]:
    """The replies from unknown addresses, oldest first, each with the name of the thread's tracked person.

    Addresses tracked since (in `known`, else read) are left out: the next sync logs them.
    """
    if known is None:
        known = read_book(session).people
    rows = session.exec(
        select(MailUnknown, Person.name).join(Person, Person.id == MailUnknown.person_id)  # type: ignore[arg-type]
        .order_by(MailUnknown.on, MailUnknown.address)
    ).all()
    return [(row, name) for row, name in rows if row.address not in known]
