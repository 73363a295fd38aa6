"""`tracker mail sync`: the new headers of an account's sent folder and inbox, into the log.

The sent folder is read first, then the inbox; the messages go to the `Logbook` oldest first.
Each folder's UIDVALIDITY and highest UID are saved once its messages are logged, so the next sync
fetches only newer ones; a sync killed half-way fetches again what it had not saved, and the
Message-IDs already logged are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo

from tracker.io.mail import imap
from tracker.io.mail.logbook import Logbook, RawMail
from tracker.store import Store
from tracker.store.models import MailAccount
from tracker.store.queries.mail import folder_state
from tracker.store.writes.mail_log import Tally, save_folder

Report = Callable[[str, int, int | None], None]
"""Called with (what is being done, how many so far, out of how many if known)."""


def own_addresses(account: MailAccount) -> list[str]:
    """The student's addresses for this account: `--me` ones, and the login when it is an address."""
    found = [a for a in (account.own_addresses or "").splitlines() if a.strip()]
    user = imap.parse_url(account.url).user
    if "@" in user:
        found.append(user)
    return found


def sync_account(store: Store, account: MailAccount, password: str, *, zone: tzinfo, since: date | None = None,
                 dry_run: bool = False, report: Report | None = None) -> Tally:
    """Fetch the new headers of `account`'s sent folder and inbox and log them; what was done."""
    url = imap.parse_url(account.url)
    conn = imap.connect(url, password)
    messages: list[RawMail] = []
    states: list[tuple[str, int, int]] = []
    try:
        sent = account.sent_folder or imap.sent_folder(conn)
        inbox = account.inbox_folder or "INBOX"
        for folder, mine in dict.fromkeys([(sent, True), (inbox, False)]):
            uidvalidity = imap.open_folder(conn, folder)
            with store.read() as session:
                state = folder_state(session, account.id or 0, folder)
            after = state.last_uid if state is not None and state.uidvalidity == uidvalidity else 0
            uids = imap.new_uids(conn, after, since)
            done = 0

            def fetched(count: int, folder: str = folder, total: int = len(uids)) -> None:
                nonlocal done
                done += count
                if report is not None:
                    report(f"reading {folder}", done, total)

            if uids:
                messages.extend((raw, received, mine) for _, raw, received in imap.fetch_headers(conn, uids, fetched))
            states.append((folder, uidvalidity, max([after, *uids])))
    except imap.BROKEN_OFF as err:  # mid-way: a timeout, a dropped line
        raise imap.MailError(f"the connection to {url.host}:{url.port} broke off while reading "
                             f"({type(err).__name__}: {err}); nothing of this sync was logged, run it again") from None
    finally:
        imap.close(conn)
    book = Logbook(store, zone=zone, own=own_addresses(account), dry_run=dry_run)
    tally = book.raw(messages, progress=(lambda n, total: report("logging", n, total)) if report else None)
    if not dry_run:
        with store.write() as session:
            for folder, uidvalidity, last in states:
                save_folder(session, account.id or 0, folder, uidvalidity=uidvalidity, last_uid=last)
    return tally
