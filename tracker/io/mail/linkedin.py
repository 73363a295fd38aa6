"""LinkedIn's data export ("Get a copy of your data"): `messages.csv`, alone or in the export's zip.

Columns: CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS,
DATE, SUBJECT, CONTENT, FOLDER. A message is matched to a tracked person by their LinkedIn profile
URL (`tracker.domain.linkedin.profile_key`), else by full name. The student's own profile is the
one found in every conversation (or the one given, or the one bearing the profile's name). The
content is read past, never kept; each row is logged once, by a stable id made from its
conversation, sender, date and a digest of its content.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from tracker.domain.errors import InvalidInput
from tracker.domain.linkedin import name_key, profile_key
from tracker.domain.mail import SUBJECT_LIMIT, Verdict
from tracker.io.csv_file import read_csv_file
from tracker.store.queries.mail import MailBook
from tracker.store.writes.mail_log import Entry

COLUMNS = ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
           "DATE", "SUBJECT", "CONTENT", "FOLDER")
REQUIRED = ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "DATE")
MAX_MEMBER = 512 * 1024 * 1024
"""The largest messages.csv read out of a zip."""


@dataclass(frozen=True)
class Row:
    """One LinkedIn message, without its content."""

    stable_id: str
    conversation: str
    title: str | None
    sender: str
    sender_url: str | None
    to_names: tuple[str, ...]
    to_urls: tuple[str, ...]
    at: datetime
    subject: str | None


def looks_like_linkedin(path: Path) -> bool:
    """A .csv or .zip: what `tracker mail import` reads as LinkedIn's export."""
    return path.suffix.lower() in (".csv", ".zip")


def _date(text: str) -> datetime | None:
    text = text.strip()
    for form in ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M %Z", "%m/%d/%Y, %I:%M %p"):
        try:
            return datetime.strptime(text, form).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


def _rows_of(csv_path: Path, shown: Path) -> Iterator[Row]:
    header, records = read_csv_file(csv_path)
    index = {name.strip().upper(): n for n, name in enumerate(header)}
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise InvalidInput(f"{shown} is not LinkedIn's messages.csv (no {', '.join(missing)} column); "
                           "give the messages.csv of LinkedIn's data export, its zip, an mbox or a Maildir")

    def cell(cells: list[str], name: str) -> str:
        n = index.get(name)
        return cells[n].strip() if n is not None and n < len(cells) else ""

    for line, cells in records:
        at = _date(cell(cells, "DATE"))
        if at is None:
            raise InvalidInput(f"{shown}, line {line}: the DATE {cell(cells, 'DATE')!r} is not a date and time")
        if cell(cells, "FOLDER").upper() == "SPAM":
            continue
        content = hashlib.sha256(cell(cells, "CONTENT").encode()).hexdigest()[:16]
        key = "|".join((cell(cells, "CONVERSATION ID"), cell(cells, "SENDER PROFILE URL"), cell(cells, "DATE"),
                        content))
        subject = cell(cells, "SUBJECT") or cell(cells, "CONVERSATION TITLE") or None
        yield Row(
            stable_id="linkedin:" + hashlib.sha256(key.encode()).hexdigest()[:40],
            conversation=cell(cells, "CONVERSATION ID"), title=cell(cells, "CONVERSATION TITLE") or None,
            sender=cell(cells, "FROM"), sender_url=cell(cells, "SENDER PROFILE URL") or None,
            to_names=_split(cell(cells, "TO")), to_urls=_split(cell(cells, "RECIPIENT PROFILE URLS")), at=at,
            subject=subject[:SUBJECT_LIMIT] if subject else None,
        )


def read_export(path: Path) -> list[Row]:
    """Every message of messages.csv, or of the messages.csv inside LinkedIn's export zip."""
    if path.suffix.lower() != ".zip":
        return list(_rows_of(path, path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if Path(i.filename).name.lower() == "messages.csv"]
            if not members:
                raise InvalidInput(f"{path} holds no messages.csv; is it LinkedIn's data export?")
            if members[0].file_size > MAX_MEMBER:
                raise InvalidInput(f"messages.csv in {path} is larger than {MAX_MEMBER >> 20} MB")
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "messages.csv"
                with archive.open(members[0]) as src, open(target, "wb") as out:
                    out.write(src.read(MAX_MEMBER + 1))
                return list(_rows_of(target, path))
    except (zipfile.BadZipFile, OSError) as err:
        raise InvalidInput(f"{path} is not a zip file LinkedIn made: {err}") from None


def _person_key(url: str | None) -> str | None:
    return profile_key(url)


def owner(rows: list[Row], *, me: str | None, my_name: str | None) -> str:
    """The student's own profile key: `me`'s, else the one in every conversation, else the profile name's."""
    if me:
        key = profile_key(me)
        if key is None:
            raise InvalidInput(f'--me-linkedin "{me}" is not a LinkedIn profile address (linkedin.com/in/...)')
        return key
    conversations: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        keys = [k for k in (_person_key(row.sender_url), *map(_person_key, row.to_urls)) if k]
        for k in keys:
            conversations.setdefault(k, set()).add(row.conversation)
        key = _person_key(row.sender_url)
        if key:
            names[key] = row.sender
    counts = Counter({k: len(v) for k, v in conversations.items()})
    ranked = counts.most_common()
    if not ranked:
        raise InvalidInput("no LinkedIn profile address in the file; is it LinkedIn's messages.csv?")
    top = [k for k, n in ranked if n == ranked[0][1]]
    if len(top) == 1:
        return top[0]
    mine = [k for k in top if my_name and name_key(names.get(k)) == name_key(my_name)]
    if len(mine) == 1:
        return mine[0]
    raise InvalidInput("cannot tell which LinkedIn profile is yours; give it with --me-linkedin URL "
                       "(or set your name with tracker profile --name)")


def entries(rows: list[Row], book: MailBook, *, me: str, zone: tzinfo) -> Iterator[Entry | None]:
    """The rows as entries to log, oldest first (None: a row about no tracked person)."""

    def who(url: str | None, name: str | None) -> int | None:
        key = _person_key(url)
        if key and key in book.linkedin:
            return book.linkedin[key]
        folded = name_key(name)
        return book.names.get(folded) if folded else None

    for row in sorted(rows, key=lambda r: r.at):
        on = row.at.astimezone(zone).date()
        if _person_key(row.sender_url) == me:
            names = list(row.to_names) if len(row.to_names) == len(row.to_urls) else [None] * len(row.to_urls)
            targets = [who(url, name) for url, name in zip(row.to_urls, names)]
            if not row.to_urls:
                targets = [who(None, name) for name in row.to_names]
            ids = [t for t in dict.fromkeys(targets) if t is not None]
            verdict = Verdict("sent", ids) if ids else None
        else:
            person = who(row.sender_url, row.sender)
            verdict = Verdict("received", [person]) if person is not None else None
        if verdict is None:
            yield None
        else:
            yield Entry(message_id=row.stable_id, verdict=verdict, on=on, subject=row.subject, channel="linkedin")
