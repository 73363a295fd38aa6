"""`tracker mail`: accounts, `sync` (IMAP), `import` (mbox, Maildir, LinkedIn's export), `unknown`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import State, state
from tracker.cli.output import console, done, print_json, print_table, warn

app = typer.Typer(help="Fill the log from your mailbox (IMAP, mbox, Maildir) and LinkedIn's export.",
                  no_args_is_help=True)
if TYPE_CHECKING:
    from tracker.store.writes.mail_log import Tally

Opt = typer.Option
MeOpt = Annotated[list[str] | None, Opt("--me", metavar="ADDRESS",
                                        help="One of your own addresses or aliases (repeatable).")]


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A progress bar on a terminal (none when the output is piped or redirected)."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("mail", total=None)

        def report(what: str, n: int, total: int | None) -> None:
            bar.update(task, description=what.capitalize(), completed=n, total=total)

        yield report


def _password(url: str, *, ask: bool = True) -> str:
    from tracker.domain.errors import InvalidInput
    from tracker.io.mail.password import ENV, stored_password

    found = stored_password(url)
    if found:
        return found
    if ask and sys.stdin.isatty():
        import getpass

        typed = getpass.getpass(f"Password for {url} (not stored by tracker): ")
        if typed:
            return typed
    raise InvalidInput(f"no password for {url}: set {ENV}, save it in the system keyring (tracker mail add "
                       "offers to), or run the command in a terminal to be asked")


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the account: uni, gmail...")],
    imap_url: Annotated[str, Opt("--imap", metavar="URL", help="imaps://USER@HOST[:PORT] (no password).")],
    sent: Annotated[str | None, Opt("--sent", metavar="FOLDER", help="Default: the server's \\Sent folder.")] = None,
    inbox: Annotated[str | None, Opt("--inbox", metavar="FOLDER", help="Default: INBOX.")] = None,
    me: MeOpt = None,
) -> None:
    """Record a mail account to sync from (never its password)."""
    from tracker.io.mail.imap import parse_url
    from tracker.io.mail.password import keyring_available, save_password
    from tracker.store.writes.mail_log import add_account

    url = parse_url(imap_url)
    own = [a.strip().lower() for a in me or [] if a.strip()]
    with state(ctx).store.write() as session:
        account = add_account(session, name=name, url=str(url), sent=sent, inbox=inbox, own=own)
        label, shown = account.name, account.url
    done(f'Added mail account "{label}": {shown}; sync it with: tracker mail sync {label}')
    if keyring_available() and sys.stdin.isatty() and typer.confirm("Save its password in the system keyring?"):
        import getpass

        typed = getpass.getpass(f"Password for {shown}: ")
        if typed and save_password(shown, typed):
            done("Saved in the system keyring (tracker itself keeps no password)")


@app.command("list")
def list_accounts(ctx: typer.Context, as_json: Annotated[bool, Opt("--json")] = False) -> None:
    """The mail accounts, with their folders and how far they were read."""
    from sqlmodel import select

    from tracker.store.models import MailFolder
    from tracker.store.queries.mail import accounts

    with state(ctx).store.read() as session:
        rows = []
        for a in accounts(session):
            read = {f.folder: f.last_uid for f in session.exec(select(MailFolder).where(MailFolder.account_id == a.id))}
            rows.append({"name": a.name, "url": a.url, "sent": a.sent_folder or "(\\Sent)",
                         "inbox": a.inbox_folder or "INBOX", "me": (a.own_addresses or "").split("\n"),
                         "last_uid": read})
    if as_json:
        print_json(rows)
        return
    print_table("Mail accounts", ["name", "url", "sent", "inbox", "me"],
                ([r["name"], r["url"], r["sent"], r["inbox"], ", ".join(r["me"])] for r in rows),
                empty="No mail account yet: tracker mail add NAME --imap imaps://USER@HOST")


@app.command("remove")
def remove(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The account's name.")]) -> None:
    """Forget a mail account and how far it was read (what it logged stays in the log)."""
    from tracker.io.mail.password import forget_password
    from tracker.store.queries.mail import find_account

    with state(ctx).store.write() as session:
        account = find_account(session, name)
        label, url = account.name, account.url
        session.delete(account)
    forget_password(url)
    done(f'Removed mail account "{label}"')


@app.command("sync")
def sync(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="The account (default: the only one).")] = None,
    since: Annotated[str | None, Opt("--since", metavar="WHEN", help="Only messages from that day on.")] = None,
    dry_run: Annotated[bool, Opt("--dry-run", help="Say what would be logged; write nothing.")] = False,
) -> None:
    """Log the new messages of an IMAP account: sent to and received from the people you track."""
    from tracker.domain.dates import parse_date
    from tracker.io.mail.sync import sync_account
    from tracker.store.queries.mail import find_account

    st = state(ctx)
    day = parse_date(since, today=st.today()) if since else None
    with st.store.read() as session:
        account = find_account(session, name)
    password = _password(account.url)
    with _progress() as report:
        tally = sync_account(st.store, account, password, zone=st.zone, since=day, dry_run=dry_run, report=report)
    _show(tally, dry_run)


@app.command("import")
def import_mail(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="An mbox file, a Maildir folder, or LinkedIn's "
                                                              "messages.csv or export zip.")],
    me: MeOpt = None,
    me_linkedin: Annotated[str | None, Opt("--me-linkedin", metavar="URL",
                                           help="Your LinkedIn profile (default: found in the export).")] = None,
    since: Annotated[str | None, Opt("--since", metavar="WHEN", help="Only messages from that day on.")] = None,
    dry_run: Annotated[bool, Opt("--dry-run", help="Say what would be logged; write nothing.")] = False,
) -> None:
    """Log the messages of a mailbox file or of LinkedIn's export, offline."""
    from tracker.domain.dates import parse_date
    from tracker.io.mail.linkedin import looks_like_linkedin
    from tracker.io.mail.logbook import Logbook

    st = state(ctx)
    day = parse_date(since, today=st.today()) if since else None
    if not path.is_dir() and looks_like_linkedin(path):
        tally = _import_linkedin(st, path, me_linkedin, day, dry_run)
    else:
        from tracker.io.mail.files import read_path

        own = _own_addresses(st, me)
        messages = [(raw, received, False) for raw, received in read_path(path)]
        with _progress() as report:
            progress = (lambda n, total: report("logging", n, total)) if report else None
            tally = Logbook(st.store, zone=st.zone, own=own, dry_run=dry_run).raw(messages, since=day,
                                                                                  progress=progress)
    _show(tally, dry_run)


def _own_addresses(st: State, me: list[str] | None) -> list[str]:
    from tracker.domain.errors import InvalidInput
    from tracker.io.mail.sync import own_addresses
    from tracker.store.queries.mail import accounts

    own = [a for a in me or [] if a.strip()]
    with st.store.read() as session:
        for account in accounts(session):
            own.extend(own_addresses(account))
    if not own:
        raise InvalidInput("say which addresses are yours with --me ADDRESS (repeatable), "
                           "or add a mail account first (tracker mail add)")
    return own


def _import_linkedin(st: State, path: Path, me: str | None, day: date | None, dry_run: bool) -> Tally:
    from tracker.io.mail import linkedin
    from tracker.io.mail.logbook import Logbook
    from tracker.store.writes.records import read_profile

    rows = linkedin.read_export(path)
    if day is not None:
        rows = [r for r in rows if r.at.astimezone(st.zone).date() >= day]
    with st.store.read() as session:
        my_name = read_profile(session).name
    mine = linkedin.owner(rows, me=me, my_name=my_name) if rows else ""
    book = Logbook(st.store, zone=st.zone, dry_run=dry_run)
    return book.entries(linkedin.entries(rows, book.book, me=mine, zone=st.zone), total=len(rows))


def _show(tally: Tally, dry_run: bool) -> None:
    if dry_run:
        for line in tally.logged:
            console.print(line, markup=False)
    done(tally.line(dry_run=dry_run))
    if tally.unknown:
        n = tally.unknown
        warn(f"{n} {'reply' if n == 1 else 'replies'} came from addresses tracker does not know: "
             "see tracker mail unknown")


@app.command("unknown")
def unknown(ctx: typer.Context, as_json: Annotated[bool, Opt("--json")] = False) -> None:
    """Replies in threads you started with a tracked person, from addresses tracker does not know."""
    from tracker.domain.mail import add_person_command
    from tracker.store.queries.mail import unknown_replies

    with state(ctx).store.read() as session:
        rows = [(u.on, u.name or "", u.address, u.subject or "", person, add_person_command(u.name, u.address))
                for u, person in unknown_replies(session)]
    if as_json:
        print_json([{"on": on, "name": n, "address": a, "subject": s, "thread_with": p, "add": c}
                    for on, n, a, s, p, c in rows])
        return
    print_table("Replies from unknown addresses", ["on", "name", "address", "subject", "thread with", "to add them"],
                rows, empty="No reply from an unknown address.")


def register(root: typer.Typer) -> None:
    """Add `tracker mail` to the root app."""
    root.add_typer(app, name="mail")
