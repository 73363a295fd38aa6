"""Logging messages read from a mailbox or from LinkedIn's export, each in its own transaction.

Each message goes through `tracker.store.writes.records.log_interaction`, the write `tracker log`
uses (linking the open opportunity, the follow-up date, contacted -> replied), and its Message-ID
is kept in `mailseen` in the same transaction: a message is logged whole or not at all, and once ever.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, delete, select

from tracker.domain.mail import Verdict
from tracker.store.models import MailAccount, MailFolder, MailSeen, MailUnknown, Person
from tracker.store.queries.mail import MailBook, awaiting_reply, logged_by_hand
from tracker.store.writes.records import log_interaction


@dataclass
class Tally:
    """What a sync or an import did, for the line it prints."""

    sent: int = 0
    received: int = 0
    cleared: int = 0
    """Received messages that answered a message waiting for a reply: follow-ups that went away."""
    unknown: int = 0
    skipped: int = 0
    """Messages that were not about a tracked person, or were logged before."""
    logged: list[str] = field(default_factory=list)
    """One line per message logged (for --dry-run and the TUI)."""

    def line(self, *, dry_run: bool = False) -> str:
        """ "3 sent, 2 received, 2 follow-ups cleared, 140 skipped"."""
        parts = [f"{self.sent} sent", f"{self.received} received",
                 f"{self.cleared} follow-up{'s' if self.cleared != 1 else ''} cleared"]
        if self.unknown:
            parts.append(f"{self.unknown} from unknown addresses")
        parts.append(f"{self.skipped} skipped")
        text = ", ".join(parts)
        return f"would log: {text} (dry run: nothing written)" if dry_run else text


@dataclass(frozen=True)
class Entry:
    """One message to log: what `classify` made of it, and the few fields kept."""

    message_id: str
    verdict: Verdict
    on: date
    subject: str | None
    channel: str = "email"
    """"email" or "linkedin"."""
    sender: tuple[str, str] | None = None
    """(name, address) of the sender, kept only for a reply from an unknown address."""


def log_entry(session: Session, entry: Entry, book: MailBook, tally: Tally) -> None:
    """Log one message in the caller's transaction, keep its id, and count it; `book` learns it too."""
    verdict = entry.verdict
    if verdict.kind == "unknown":
        if session.get(MailUnknown, entry.message_id) is None and entry.sender is not None:
            session.add(MailUnknown(message_id=entry.message_id, address=entry.sender[1],
                                    name=entry.sender[0] or None, on=entry.on, subject=entry.subject,
                                    person_id=verdict.thread_person_id))
            tally.unknown += 1
        else:
            tally.skipped += 1
        return
    direction = "sent" if verdict.kind == "sent" else "received"
    logged = 0
    for person_id in verdict.person_ids:
        person = session.get(Person, person_id)
        if person is None or logged_by_hand(session, person_id=person_id, on=entry.on, channel=entry.channel,
                                            direction=direction, subject=entry.subject):
            continue
        logged += 1
        if direction == "received" and awaiting_reply(session, person_id, entry.on):
            tally.cleared += 1
        log_interaction(session, channel=entry.channel, direction=direction, person=person, on=entry.on,
                        subject=entry.subject, logged_from="linkedin" if entry.channel == "linkedin" else "mail")
        arrow = "to" if direction == "sent" else "from"
        line = f"{entry.on:%Y-%m-%d} {entry.channel} {arrow} {person.name}"
        tally.logged.append(f"{line}: {entry.subject}" if entry.subject else line)
    session.add(MailSeen(message_id=entry.message_id, person_id=verdict.person_ids[0]))
    session.flush()
    book.seen.add(entry.message_id)
    book.threads[entry.message_id] = verdict.person_ids[0]
    if not logged:
        tally.skipped += 1  # logged by hand already: only its Message-ID is kept, for the thread
    elif direction == "sent":
        tally.sent += 1
    else:
        tally.received += 1


def resolve_unknown(session: Session, book: MailBook) -> list[Entry]:
    """The replies once from unknown addresses whose address is now a tracked person's, as entries to log."""
    rows = session.exec(select(MailUnknown).order_by(MailUnknown.on)).all()
    return [
        Entry(message_id=row.message_id, verdict=Verdict("received", [book.people[row.address]]), on=row.on,
              subject=row.subject)
        for row in rows if row.address in book.people
    ]


def forget_unknown(session: Session, message_id: str) -> None:
    """Drop a reply from the unknown list (it was logged)."""
    session.exec(delete(MailUnknown).where(MailUnknown.message_id == message_id))  # type: ignore[call-overload]


# --- accounts and folders ----------------------------------------------------------------------------


def add_account(session: Session, *, name: str, url: str, sent: str | None, inbox: str | None,
                own: list[str]) -> MailAccount:
    """Record a mail account (no password); refuses a second one of the same name."""
    from tracker.domain.errors import InvalidInput

    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a mail account needs a name")
    for other in session.exec(select(MailAccount)):
        if other.name.lower() == name.lower():
            raise InvalidInput(f'a mail account "{other.name}" already exists; remove it first to change it')
    account = MailAccount(name=name, url=url, sent_folder=sent, inbox_folder=inbox,
                          own_addresses="\n".join(dict.fromkeys(own)) or None)
    session.add(account)
    session.flush()
    return account


def save_folder(session: Session, account_id: int, folder: str, *, uidvalidity: int, last_uid: int) -> None:
    """Remember how far `folder` was read."""
    state = session.exec(select(MailFolder).where(MailFolder.account_id == account_id,
                                                  MailFolder.folder == folder)).first()
    if state is None:
        state = MailFolder(account_id=account_id, folder=folder, uidvalidity=uidvalidity, last_uid=last_uid)
    else:
        state.uidvalidity, state.last_uid = uidvalidity, last_uid
    session.add(state)
