"""Sync mail from the TUI ("Sync mail" in the palette, ctrl+y on the agenda).

Every mail account is synced in a thread worker (`tracker.io.mail.sync.sync_account`, what
`tracker mail sync` runs), guarded: a failure (no password, a server that does not answer, a
certificate that does not verify) is one sentence in a notification. Progress shows in the header's
subtitle; at the end the outcome is notified and the screen reads its data again. The password comes
from `TRACKER_IMAP_PASSWORD` or the system keyring: the TUI does not ask for it.
"""

from __future__ import annotations

from typing import Any

from tracker.tui.failures import guarded


def sync_mail(app: Any) -> None:
    """Start syncing every mail account in a worker (one at a time)."""
    if app.store is None:
        app.notify("The database is not open yet.", severity="warning")
        return
    job = MailSyncJob(app)
    app.run_worker(job.run, thread=True, group="mail-sync", exclusive=True, name="sync mail")


class MailSyncJob:
    """One run of "Sync mail": posts to the app through `call_from_thread`, never touches widgets itself."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.store = app.store
        self.zone = app.zone

    def _say(self, text: str, **kwargs: Any) -> None:
        self.app.call_from_thread(self.app.notify, text, markup=False, **kwargs)

    def _progress(self, text: str | None) -> None:
        self.app.call_from_thread(setattr, self.app, "sub_title", text or "")

    @guarded("sync mail")
    def run(self) -> None:
        from tracker.domain.errors import InvalidInput
        from tracker.io.mail.password import ENV, stored_password
        from tracker.io.mail.sync import sync_account
        from tracker.store.queries.mail import accounts

        with self.store.read() as session:
            found = accounts(session)
        if not found:
            raise InvalidInput("no mail account yet; add one with: tracker mail add NAME --imap imaps://USER@HOST")
        lines: list[str] = []
        try:
            for account in found:
                password = stored_password(account.url)
                if not password:
                    raise InvalidInput(f"no password for {account.url}: set {ENV} or save it in the system "
                                       f"keyring, or run tracker mail sync {account.name} in a terminal")
                name = account.name

                def report(what: str, n: int, total: int | None, name: str = name) -> None:
                    self._progress(f"Syncing mail ({name}): {what} {n}/{total if total is not None else '?'}")

                self._progress(f"Syncing mail ({name})…")
                tally = sync_account(self.store, account, password, zone=self.zone, report=report)
                lines.append(f"{name}: {tally.line()}")
        finally:
            self._progress(None)
            if lines:
                self.app.call_from_thread(self.app.reload_screen)
        self._say("\n".join(lines), title="Mail synced", timeout=10)
