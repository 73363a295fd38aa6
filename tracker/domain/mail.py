"""Mail headers as they really come, and what each message is to tracker. Pure: no I/O.

`parse_headers` reads the raw header block of one message (what IMAP's
`BODY.PEEK[HEADER.FIELDS (...)]` returns, or the head of an mbox/Maildir message) into a
`MailHeaders`: RFC 2047 encoded names and subjects decoded (Korean, accented), every address of
To and Cc, the Date (else the server's INTERNALDATE, else the file's date), the Message-ID and the
ids it answers. `classify` says what it is: sent to a tracked person, received from one, a reply
from an unknown address in a thread already logged, or nothing (ignored, nothing kept).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.header import decode_header, make_header
from email.parser import HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

HEADER_FIELDS: tuple[str, ...] = (
    "From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To", "References",
)
"""The only header fields tracker reads. Bodies are never fetched."""

_ADDRESS = re.compile(rb"[\w.+'=-]+@[\w-]+(?:\.[\w-]+)+")
_MESSAGE_ID = re.compile(rb"<([^<>\s]+)>")

SUBJECT_LIMIT = 300
"""Subjects longer than this are cut (a subject is a line, not a letter)."""


@dataclass(frozen=True)
class MailHeaders:
    """The headers of one message that tracker looks at."""

    message_id: str
    """The Message-ID without its angle brackets; one made from the headers when it has none."""
    sender: tuple[str, str] | None
    """(display name, address lower-case) of From."""
    recipients: tuple[tuple[str, str], ...]
    """(display name, address lower-case) of every To and Cc."""
    at: datetime
    """When it was sent: Date, else INTERNALDATE, aware."""
    subject: str | None
    replies_to: tuple[str, ...] = ()
    """The Message-IDs of In-Reply-To and References."""


def decoded(value: object) -> str:
    """A header value as text: RFC 2047 encoded words decoded, whitespace folded, never raising."""
    text = str(value) if value is not None else ""
    try:
        text = str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError):
        pass
    return " ".join(text.split())


def _ids(value: str | None) -> list[str]:
    """Message-IDs in a header ("<a@b> <c@d>"), without their brackets."""
    if not value:
        return []
    found = [part.strip().strip("<>").strip() for part in str(value).replace(">", "> ").split()]
    return [f for f in found if f]


def _addresses(values: Iterable[object]) -> tuple[tuple[str, str], ...]:
    pairs = getaddresses([str(v) for v in values if v is not None])
    seen: list[tuple[str, str]] = []
    for name, address in pairs:
        address = address.strip().lower()
        if "@" not in address:
            continue
        pair = (decoded(name), address)
        if all(pair[1] != s[1] for s in seen):
            seen.append(pair)
    return tuple(seen)


def _date(value: object, fallback: datetime | None) -> datetime | None:
    if value:
        try:
            parsed = parsedate_to_datetime(str(value))
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None and 1971 <= parsed.year <= 9998:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return fallback


def parse_headers(raw: bytes, *, received: datetime | Callable[[], datetime | None] | None = None) -> MailHeaders | None:
    """The headers of one message, from its raw header block; None when it has no usable date at all.

    `received` is the server's INTERNALDATE (or the file's time), or a function that reads it: used
    when Date is missing or malformed.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # 8-bit headers in a legacy charset: every byte kept, as Latin-1
        text = raw.decode("latin-1")
    headers = HeaderParser().parsestr(text)
    at = _date(headers.get("Date"), None)
    if at is None:
        at = received() if callable(received) else received
    if at is None:
        return None
    senders = _addresses(headers.get_all("From") or [])
    recipients = _addresses([*(headers.get_all("To") or []), *(headers.get_all("Cc") or [])])
    subject = decoded(headers.get("Subject")) or None
    if subject and len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1] + "…"
    ids = _ids(headers.get("Message-ID"))
    message_id = ids[0] if ids else synthetic_id(raw)
    replies = [*_ids(headers.get("In-Reply-To")), *_ids(headers.get("References"))]
    return MailHeaders(
        message_id=message_id, sender=senders[0] if senders else None, recipients=recipients, at=at,
        subject=subject, replies_to=tuple(dict.fromkeys(replies)),
    )


def synthetic_id(raw: bytes) -> str:
    """A stable id for a message without a Message-ID: a digest of its header fields."""
    return "sha256:" + hashlib.sha256(raw.strip()).hexdigest()[:40]


def mentions(raw: bytes) -> tuple[set[bytes], set[bytes]]:
    """The e-mail addresses (lower-case) and the <message ids> anywhere in a raw header block: a cheap
    look that tells the many messages about no tracked person from the few worth parsing."""
    low = raw.lower()
    return set(_ADDRESS.findall(low)), set(_MESSAGE_ID.findall(raw))


# --- what a message is to tracker ----------------------------------------------------------------


@dataclass
class Verdict:
    """What to do with one message."""

    kind: str
    """"sent", "received", "unknown" (a reply from an address tracker does not know) or "ignore"."""
    person_ids: list[int] = field(default_factory=list)
    """The tracked people it was sent to (several for one message to two professors) or received from."""
    thread_person_id: int | None = None
    """For "unknown": the tracked person of the thread it answers."""


def classify(
    message: MailHeaders,
    *,
    own: frozenset[str],
    people: Mapping[str, int],
    threads: Mapping[str, int],
) -> Verdict:
    """What `message` is, given the student's own addresses, the tracked people's addresses
    (address -> person id) and the Message-IDs already logged (id -> the tracked person of that thread).

    From one of `own`: sent, to every tracked recipient (not to oneself). From a tracked address:
    received. From another address, answering a logged thread: unknown. Else: ignore.
    """
    sender = message.sender[1] if message.sender else None
    if sender is not None and sender in own:
        ids = [people[a] for _, a in message.recipients if a not in own and a in people]
        if ids:
            return Verdict("sent", list(dict.fromkeys(ids)))
        return Verdict("ignore")
    if sender is None:
        return Verdict("ignore")
    if sender in people:
        return Verdict("received", [people[sender]])
    thread = next((threads[i] for i in message.replies_to if i in threads), None)
    if thread is not None:
        return Verdict("unknown", thread_person_id=thread)
    return Verdict("ignore")


def addresses_of(text: str | None) -> list[str]:
    """The e-mail addresses in a person's e-mail field ("a@x.org, b@y.org"), lower-case."""
    if not text:
        return []
    return [a for _, a in _addresses([text.replace(";", ",")])]


def add_person_command(name: str | None, address: str) -> str:
    """The command that adds the sender of an unknown reply: `tracker add person "Name" --email ADDRESS`."""
    import shlex

    shown = name or address.split("@", 1)[0]
    return f"tracker add person {shlex.quote(shown)} --role researcher --email {shlex.quote(address)}"
