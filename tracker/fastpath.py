"""The lean entry point: `tracker remind`, the agenda and the TUI without Typer or SQLAlchemy.

`tracker remind` goes in shell start-up files and `tracker` alone opens the TUI, so both must
start at once. Importing Typer and the ORM takes a second or more; this module handles

    tracker [--db PATH] remind [--within DUR | -w DUR] [--json]
    tracker [--db PATH]                  (the agenda when piped, the TUI in a terminal)
    tracker [--db PATH] tui

with the standard library, the pure domain and `tracker.store.lean` (raw `sqlite3`), and
prints exactly what the Typer commands print. Anything it does not fully understand goes to
the full CLI, untouched: another command or option, `--help`, shell completion, a value
that does not parse (the CLI prints the error), a database that is missing, older or newer
than this program (the CLI creates, migrates or refuses it), text it cannot lay out exactly
like Rich (`tracker.lean_table.fits`), or a terminal set-up Rich treats specially
(FORCE_COLOR, NO_COLOR, TTY_COMPATIBLE, a dumb terminal, a non-UTF-8 encoding, Windows).

`main()` is the console script this module is written for (`tracker = "tracker.fastpath:main"`
in pyproject.toml): this fast path, then the CSV one (`tracker.io_fastpath`), then Typer. The
entry point `tracker.cli.main` runs the same fast paths first, but only once `tracker.cli` is
imported, which is most of the cost (docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tracker.domain.reminders import Reminder

AGENDA_DAYS = 7
"""What `tracker` alone shows when piped, and `remind`'s default look-ahead."""
MIN_WIDTH = 40
"""Narrower terminals go to Rich (the port in tracker.lean_table is not tested below this)."""
RICH_ENV = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")
"""Environment variables that change how Rich prints: when one is set, Rich prints."""

STATUS_STYLE = {"overdue": "bold red", "today": "bold yellow", "upcoming": "cyan"}
FOOTER = "snooze: tracker snooze ID --until WHEN · dismiss: tracker dismiss ID"
NOTHING_DUE = (
    "Nothing due in the next {days} days. "
    "Add people with `tracker add person`, or try `tracker demo` on an empty database."
)
# The three texts above, the table's title and columns, and the JSON keys below are
# tracker.cli.reminders_cmd.show_agenda's: tests/test_lean_paths.py and test_lean_table.py
# compare both outputs byte for byte.


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


def _output_mode(out: TextIO, environ: Mapping[str, str]) -> tuple[bool, int] | None:
    """(colour?, width) as rich.console.Console(file=out) would decide them, None if unusual."""
    if sys.platform == "win32" or any(name in environ for name in RICH_ENV):
        return None
    if not (getattr(out, "encoding", None) or "utf-8").lower().startswith("utf"):
        return None
    try:
        terminal = out.isatty()
    except ValueError:
        return None
    if terminal and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = 0
        for fd in (0, 1, 2):  # Rich asks stdin first, then stdout, then stderr
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return (terminal, width) if width >= MIN_WIDTH else None


def db_path(option: str | None, environ: Mapping[str, str]) -> str:
    """The database file, as `tracker.paths.resolve_db_path` chooses it (a test keeps them equal).

    `--db`, else TRACKER_DB, else the default location; the first two without importing
    pathlib, which costs more than the rest of this module.
    """
    chosen = option or environ.get("TRACKER_DB")
    if chosen:
        return os.path.expanduser(chosen)
    from tracker.paths import default_db_path

    return str(default_db_path())


def remind(request: Request, *, out: TextIO, environ: Mapping[str, str]) -> int | None:
    """Print the reminders as `tracker remind` does; None (having printed nothing) to defer."""
    from tracker.domain.dates import DateParseError, parse_duration

    try:
        within_days = parse_duration(request.within).days if request.action == "remind" else AGENDA_DAYS
    except DateParseError:
        return None  # the CLI prints the error, the same way as always
    mode = None if request.as_json else _output_mode(out, environ)
    if mode is None and not request.as_json:
        return None

    from tracker import clock
    from tracker.migrations import HEAD
    from tracker.store import lean

    conn = lean.connect(db_path(request.db, environ), head=HEAD)
    if conn is None:
        return None
    try:
        _gpa, zone_name, _settings = lean.read_profile(conn)
        zone = lean.user_zone(zone_name)
        today = clock.today(zone)
        reminders = lean.current_reminders(conn, today=today, within_days=within_days, zone=zone)
    except Exception:  # sqlite3.Error, a value the full CLI would report properly: let it
        return None
    finally:
        conn.close()
    if request.as_json:
        text = _json(reminders, today)
    else:
        assert mode is not None
        text = _table(reminders, today, within_days, color=mode[0], width=mode[1])
    if text is None:
        return None
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:  # as Rich does: quiet, status 1
        from tracker.report import detach_stdout

        detach_stdout(out)
        return 1
    except OSError as err:  # a full disk: one line, status 2, as the full CLI says it
        from tracker.report import OUTPUT_ERRNOS, output_failed

        if err.errno not in OUTPUT_ERRNOS:
            raise
        return output_failed(err)
    return 0


def _json(reminders: list[Reminder], today: date) -> str | None:
    import json

    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "due": r.due.isoformat(),
            "status": r.status(today),
            "message": r.message,
            "person": r.person,
            "opportunity": r.opportunity,
            "key": r.key,
        }
        for r in reminders
    ]
    texts = (v for row in rows for v in row.values() if isinstance(v, str))
    if not all(t.isprintable() for t in texts):
        return None  # the CLI escapes control characters its own way
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _table(reminders: list[Reminder], today: date, within_days: int, *, color: bool, width: int) -> str | None:
    from tracker import lean_table
    from tracker.domain.dates import describe_due

    if not reminders:
        return lean_table.paragraph(NOTHING_DUE.format(days=within_days), width, color=color)
    rows = [
        (
            (r.id, "dim"),
            (describe_due(r.due, today=today), STATUS_STYLE.get(r.status(today), "")),
            (r.kind, ""),
            (r.message, ""),
        )
        for r in reminders
    ]
    if not all(lean_table.fits(text) for row in rows for text, _style in row):
        return None
    text = lean_table.table(
        f"Reminders for {today:%a %Y-%m-%d}", ("id", "due", "kind", "what"), rows,
        no_wrap=(True, True, False, False), width=width, color=color,
    )
    if text is None:
        return None
    return text + lean_table.paragraph(FOOTER, width, "dim", color=color)


def tui(request: Request) -> int:
    """Open the TUI, as `tracker` alone does in a terminal (without importing Typer first)."""
    from tracker.paths import resolve_db_path
    from tracker.tui.app import TrackerApp

    path, source = resolve_db_path(request.db)
    TrackerApp(path, create_dirs=source == "default location").run()
    return 0


_tried = False


def run(argv: Sequence[str] | None = None, *, out: TextIO | None = None, environ: Mapping[str, str] | None = None) -> int | None:
    """Handle the command line if the fast path can; its exit status, else None (nothing done).

    `environ` decides the output set-up and the database (TRACKER_TODAY is read by
    `tracker.clock`, as everywhere). Without `argv`, runs at most once per process, so entry
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


def main() -> int | None:
    """Console-script entry point: this fast path, the CSV one (`tracker.io_fastpath`), else Typer.

    Neither fast path imports `tracker.cli`, whose import alone (Typer, SQLAlchemy) costs a second.
    """
    status = run()
    if status is None:
        from tracker.io_fastpath import dispatch

        status = dispatch()
    if status is not None:
        return status
    from tracker.cli import main as full_main

    full_main()  # tries both fast paths again: each declines at once
    return None


if __name__ == "__main__":
    sys.exit(main())
