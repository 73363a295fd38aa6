"""The one path every message read from mail or LinkedIn takes into the log.

A `Logbook` reads the address book once (`tracker.store.queries.mail.read_book`), then takes the
messages oldest first: each is classified (`tracker.domain.mail.classify`) and, when it concerns a
tracked person, logged in its own transaction with its Message-ID
(`tracker.store.writes.mail_log.log_entry`). Killed half-way, what was logged stays logged, whole,
and the next run skips it by its Message-ID. A dry run does the same in one transaction that is
rolled back at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo

from tracker.domain.mail import MailHeaders, Verdict, classify, mentions, parse_headers
from tracker.store import Store
from tracker.store.queries.mail import read_book
from tracker.store.writes.mail_log import Entry, Tally, forget_unknown, log_entry, resolve_unknown

Progress = Callable[[int, int], None]
"""Called with (done, total) as messages are taken."""
RawMail = tuple[bytes, "datetime | Callable[[], datetime | None] | None", bool]
"""A message as read: its raw header block, when it arrived (for a missing Date), whether it is from
the sent folder."""


class _DryRun(Exception):
    """Raised at the end of a dry run to roll its one transaction back."""


class Logbook:
    """Logs messages into one store: see the module's doc."""

    def __init__(self, store: Store, *, zone: tzinfo, own: Iterable[str] = (), dry_run: bool = False) -> None:
        self.store = store
        self.zone = zone
        self.own = frozenset(a.strip().lower() for a in own if a.strip())
        self.dry_run = dry_run
        self.tally = Tally()
        with store.read() as session:
            self.book = read_book(session)

    def raw(self, messages: list[RawMail], *, since: date | None = None, progress: Progress | None = None) -> Tally:
        """Log the raw messages that concern a tracked person; the others are counted as skipped, unparsed.

        A message is parsed only when its headers name a tracked address, or mention the Message-ID of a
        message logged before or of such a message (a reply from an unknown address in a known thread).
        """
        people = {a.encode() for a in self.book.people}
        keep: list[tuple[RawMail, set[bytes]]] = []
        rest: list[tuple[RawMail, set[bytes]]] = []
        for item in messages:
            addresses, ids = mentions(item[0])
            (keep if addresses & people else rest).append((item, ids))
        known = {i.encode() for i in self.book.threads}
        for _, ids in keep:
            known |= ids
        keep += [(item, ids) for item, ids in rest if ids & known]
        self.tally.skipped += len(messages) - len(keep)
        parsed: list[tuple[MailHeaders, bool]] = []
        for (raw, received, mine), _ in keep:
            headers = parse_headers(raw, received=received)
            if headers is None or (since is not None and headers.at.astimezone(self.zone).date() < since):
                self.tally.skipped += 1
            else:
                parsed.append((headers, mine))
        return self.headers(parsed, progress=progress)

    def headers(self, messages: Iterable[tuple[MailHeaders, bool]], *, progress: Progress | None = None) -> Tally:
        """Log `messages`, each (headers, sent_by_me: it came from the sent folder), oldest first."""
        ordered = sorted(messages, key=lambda item: item[0].at)
        return self.entries((self._entry(h, mine) for h, mine in ordered), total=len(ordered), progress=progress)

    def _entry(self, message: MailHeaders, mine: bool) -> Entry | None:
        if message.message_id in self.book.seen:
            return None
        own = self.own | {message.sender[1]} if mine and message.sender else self.own
        verdict = classify(message, own=own, people=self.book.people, threads=self.book.threads)
        if mine and verdict.kind != "sent":
            verdict = Verdict("ignore")
        if verdict.kind == "ignore":
            return None
        return Entry(message_id=message.message_id, verdict=verdict, on=message.at.astimezone(self.zone).date(),
                     subject=message.subject, sender=message.sender)

    def entries(self, entries: Iterable[Entry | None], *, total: int, progress: Progress | None = None) -> Tally:
        """Log `entries` (None: a message skipped), first the unknown replies whose address is now tracked."""
        with self.store.read() as session:
            resolved = resolve_unknown(session, self.book)
        if self.dry_run:
            try:
                with self.store.write() as session:
                    self._run(resolved, entries, total, progress, lambda: _Same(session))
                    raise _DryRun
            except _DryRun:
                pass
        else:
            self._run(resolved, entries, total, progress, self.store.write)
        return self.tally

    def _run(self, resolved: list[Entry], entries: Iterable[Entry | None], total: int,
             progress: Progress | None, transaction: Callable[[], object]) -> None:
        for entry in resolved:
            with transaction() as session:  # type: ignore[attr-defined]
                forget_unknown(session, entry.message_id)
                log_entry(session, entry, self.book, self.tally)
        for n, entry in enumerate(entries, 1):
            if entry is None or entry.message_id in self.book.seen:
                self.tally.skipped += 1
            else:
                with transaction() as session:  # type: ignore[attr-defined]
                    log_entry(session, entry, self.book, self.tally)
            if progress is not None and (n % 200 == 0 or n == total):
                progress(n, total)


class _Same:
    """The dry run's one session, handed out as if it were a new transaction each time."""

    def __init__(self, session: object) -> None:
        self.session = session

    def __enter__(self) -> object:
        return self.session

    def __exit__(self, *exc: object) -> None:
        return None
