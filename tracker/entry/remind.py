"""The console script: `tracker remind`, the agenda and the TUI without Typer or SQLAlchemy.

`tracker remind` goes in shell start-up files and `tracker` alone opens the TUI, so both must
start at once. Importing Typer and the ORM takes most of a second; this module handles

    tracker [--db PATH] remind [--within DUR | -w DUR] [--json]
    tracker [--db PATH]                  (the agenda when piped, the TUI in a terminal)
    tracker [--db PATH] tui

with the standard library, the pure domain, the store (`Store.current_reminders`, whose SQLite
variant needs no SQLAlchemy) and the one reminder printer
(`tracker.terminal.reminders`), which the Typer command uses too. Anything it does not fully
understand goes to the full CLI, untouched: another command or option, `--help`, shell
completion, a value that does not parse (the CLI prints the error), a database that is
missing, older or newer than this program (the CLI creates, migrates or refuses it).

`tracker.entry.main` (the console script) tries this, then the CSV fast path, then Typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tracker.store.engine.store import Store

AGENDA_DAYS = 7
"""What `tracker` alone shows when piped, and `remind`'s default look-ahead."""


@dataclass(frozen=True)
class Request:
    """What the command line asked for, when the fast path understands all of it."""

    action: str  # "remind" | "bare" (no command) | "tui"
    db: str | None = None
    within: str = "7d"
    as_json: bool = False


def parse(args: Sequence[str], environ: Mapping[str, str]) -> Request | None:
    """The request `args` (without the program name) make, or None to leave them to Typer."""
    if any(name.startswith("_TRACKER_COMPLETE") for name in environ):
        return None  # shell completion
    rest = list(args)
    db: str | None = None
    while rest and (rest[0] == "--db" or rest[0].startswith("--db=")):
        token = rest.pop(0)
        if token == "--db":
            if not rest or rest[0].startswith("-"):
                return None
            db = rest.pop(0)
        else:
            db = token[len("--db="):]
    if not rest:
        return Request("bare", db)
    command, options = rest[0], rest[1:]
    if command == "tui":
        return Request("tui", db) if not options else None
    if command != "remind":
        return None
    within, as_json = "7d", False
    while options:
        token = options.pop(0)
        if token == "--json":
            as_json = True
        elif token in ("--within", "-w"):
            if not options or options[0].startswith("-"):
                return None
            within = options.pop(0)
        elif token.startswith("--within="):
            within = token[len("--within="):]
        else:
            return None
    return Request("remind", db, within, as_json)


def db_path(option: str | None, environ: Mapping[str, str]) -> str:
    """The database file, as `tracker.system.paths.resolve_db_path` chooses it (a test keeps them equal).

    `--db`, else TRACKER_DB, else the default location; the first two without importing
    pathlib, which costs more than the rest of this module.
    """
    chosen = option or environ.get("TRACKER_DB")
    if chosen:
        return os.path.expanduser(chosen)
    from tracker.system.paths import default_db_path

    return str(default_db_path())


def remind(request: Request, *, out: TextIO, environ: Mapping[str, str]) -> int | None:
    """Print the reminders as `tracker remind` does; None (having printed nothing) to defer."""
    from tracker.domain.dates import DateParseError, parse_duration

    try:
        within_days = parse_duration(request.within).days if request.action == "remind" else AGENDA_DAYS
    except DateParseError:
        return None  # the CLI prints the error, the same way as always

    from tracker.store.engine.opening import open_current

    store = open_current(db_path(request.db, environ))
    if store is None:
        return None
    from tracker.system import collector

    with collector.paused():  # some 100,000 objects and no cycle (see `collector`)
        return _remind(store, request, within_days, out=out, environ=environ)


def _remind(store: Store, request: Request, within_days: int, *, out: TextIO, environ: Mapping[str, str]) -> int | None:
    """`remind` once the store is open: read, compute and print the reminders (it closes the store)."""
    from tracker.system import clock
    from tracker.terminal.reminders import print_reminders

    try:
        zone = store.user_zone()
        today = clock.today(zone)
        reminders = store.current_reminders(today=today, within_days=within_days, zone=zone, kept=True)
    except Exception:  # a StoreError, a value the full CLI would report properly: let it
        return None
    finally:
        store.close()
    try:
        print_reminders(out, reminders, today, within_days, as_json=request.as_json, environ=environ)
        out.flush()
    except BrokenPipeError:  # `tracker remind | head`: quiet, status 1, as Click does
        from tracker.terminal.report import detach_stdout

        detach_stdout(out)
        return 1
    except OSError as err:  # a full disk: one line, status 2, as the full CLI says it
        from tracker.terminal.report import OUTPUT_ERRNOS, output_failed

        if err.errno not in OUTPUT_ERRNOS:
            raise
        return output_failed(err)
    return 0


def tui(request: Request) -> int:
    """Open the TUI, as `tracker` alone does in a terminal (without importing Typer first)."""
    from tracker.system.paths import resolve_db_path
    from tracker.tui.launch import run

    path, source = resolve_db_path(request.db)
    run(path, create_dirs=source == "default location")
    return 0


_tried = False


def run(argv: Sequence[str] | None = None, *, out: TextIO | None = None, environ: Mapping[str, str] | None = None) -> int | None:
    """Handle the command line if the fast path can; its exit status, else None (nothing done).

    `environ` decides the output set-up and the database (TRACKER_TODAY is read by
    `tracker.system.clock`, as everywhere). Without `argv`, runs at most once per process, so entry
    points that chain into each other stay cheap.
    """
    global _tried
    if _tried and argv is None:
        return None
    _tried = True
    args = sys.argv[1:] if argv is None else list(argv)
    env = os.environ if environ is None else environ
    stream = sys.stdout if out is None else out
    request = parse(args, env)
    if request is None:
        return None
    if request.action == "tui" or (request.action == "bare" and sys.stdin.isatty() and stream.isatty()):
        return tui(request)
    return remind(request, out=stream, environ=env)
