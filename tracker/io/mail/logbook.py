"""The one path every message read from mail or LinkedIn takes into the log.

A `Logbook` reads the address book once (`tracker.store.queries.mail.read_book`), then takes the
messages oldest first: each is classified (`tracker.domain.mail.classify`) and, when it concerns a
tracked person, logged with its Message-ID (`tracker.store.writes.mail_log.log_entry`), in
transactions of about a quarter of a second of messages each (`_Batches`). Killed half-way, what
was committed stays logged, each message whole, and the next run skips it by its Message-ID and
logs the rest. A dry run does the same in one transaction that is
rolled back at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from datetime import date, datetime, tzinfo
from time import monotonic
from typing import Any

from tracker.domain.mail import MailHeaders, Verdict, classify, mentions, parse_headers
from tracker.store import Store
from tracker.store.queries.mail import read_book
from tracker.store.writes.mail_log import Entry, Tally, forget_unknown, log_entry, resolve_unknown

Progress = Callable[[int, int], None]
"""Called with (done, total) as messages are taken."""
RawMail = tuple[bytes, "datetime | Callable[[], datetime | None] | None", bool]
"""A message as read: its raw header block, when it arrived (for a missing Date), whether it is from
the sent folder."""


BATCH_SECONDS = 0.25
"""How long one transaction of messages may run before it is committed and the next begins."""


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
        with _Batches(transaction) as batch:
            for entry in resolved:
                session = batch.session()
                forget_unknown(session, entry.message_id)
                log_entry(session, entry, self.book, self.tally)
                batch.commit_if_due()
            for n, entry in enumerate(entries, 1):
                if entry is None or entry.message_id in self.book.seen:
                    self.tally.skipped += 1
                else:
                    log_entry(batch.session(), entry, self.book, self.tally)
                    batch.commit_if_due()
                if progress is not None and (n % 200 == 0 or n == total):
                    progress(n, total)


class _Batches:
    """Transactions of the messages logged in about `BATCH_SECONDS` each: every message is whole in one,
    a commit is paid per batch, not per message, and the write lock is held no longer than that, so
    the TUI and other trackers writing meanwhile wait a moment at most."""

    def __init__(self, transaction: Callable[[], object]) -> None:
        self.transaction = transaction
        self.stack: ExitStack | None = None
        self.current: object = None
        self.started = 0.0

    def session(self) -> Any:
        """The open batch's session (a new batch begins if none is open)."""
        if self.stack is None:
            self.stack = ExitStack()
            self.current = self.stack.enter_context(self.transaction())  # type: ignore[arg-type]
            self.started = monotonic()
        return self.current

    def commit_if_due(self) -> None:
        if self.stack is not None and monotonic() - self.started >= BATCH_SECONDS:
            stack, self.stack, self.current = self.stack, None, None
            stack.close()  # the transaction's exit: commit

    def __enter__(self) -> _Batches:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: Any) -> None:
        stack, self.stack, self.current = self.stack, None, None
        if stack is not None:
            stack.__exit__(kind, error, trace)  # commit, or roll the open batch back on an error


class _Same:
    """The dry run's one session, handed out as if it were a new transaction each time."""

    def __init__(self, session: object) -> None:
        self.session = session

    def __enter__(self) -> object:
        return self.session

    def __exit__(self, *exc: object) -> None:
        return None
