"""The lean entry point for CSV: `tracker export csv` and `tracker import csv` without Typer or SQLAlchemy.

Importing Typer, SQLAlchemy and SQLModel takes longer than exporting 100k rows, so this module
handles

    tracker [--db PATH] export csv [--what W | -w W] [--output FILE | -o FILE]
    tracker [--db PATH] import csv FILE [--what W | -w W] [--map HEADER=FIELD | -m ...] [--dry-run]
                                        [--dayfirst | --monthfirst]

with the standard library and the same functions the Typer commands call (`tracker.io.csv_export`,
`tracker.io.csv_import` over a `Store`, whose SQLite variants need no SQLAlchemy), so it writes
exactly what they write. Anything it does not fully handle goes to the full command line, which
then does all the work itself: other commands or options, `--help`, shell completion, input
the command refuses (the full command prints the error), a database that is missing, not
tracker's, older or newer than this program (the full command creates, migrates or refuses it),
an import into a database whose profile keeps a calendar file (the full command writes it).
Errors found after the work started (a bad row, a busy database) are printed here, as the
full command prints them: one line (or the list of bad rows) on standard error, exit status 2.

`dispatch(argv)` returns the exit status, or None when the full command line must run. The
console script (`tracker.entry.main`, `python -m tracker` too) calls it before it imports `tracker.cli`.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any, TextIO

from tracker.domain.sanitize import undecodable
from tracker.terminal.report import OUTPUT_ERRNOS, detach_stdout, error, output_failed, warn  # one implementation for all

WHATS = ("log", "opportunities", "people")
"""What `--what` accepts (as `tracker.cli.data_cmd.WHATS`)."""
RICH_ENV = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")
"""Environment variables that change how Rich prints: with one set, the real console prints."""

_PLAIN = re.compile(r"[ -Z^-~✓]*")  # printable ASCII without [ \ ] (Rich markup), and the check mark
_EMOJI = re.compile(r":\S*?:")


@dataclass
class Request:
    """A CSV command the fast path understands completely."""

    command: str  # "export" | "import"
    db: str | None = None
    what: str | None = None
    """None: "log" for export; for import, a log unless the file is a tracker's known export."""
    output: str | None = None
    file: str | None = None
    maps: list[str] = field(default_factory=list)
    dry_run: bool = False
    order: str | None = None
    """"day-first" (--dayfirst) or "month-first" (--monthfirst)."""


def _value(token: str, options: list[str], long: str, short: str) -> str | None:
    """The value of `token` if it is `long`/`short` (as --what W, --what=W, -w W, -wW); pops it from `options`."""
    if token == long or token == short:
        if not options or options[0].startswith("-"):
            return None
        return options.pop(0)
    if token.startswith(long + "="):
        return token[len(long) + 1:]
    if token.startswith(short) and len(token) > 2:
        return token[2:]
    return None


def split_db(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """(the `--db PATH` or `--db=PATH` before the command, the rest); None when `--db` has no value."""
    rest = list(argv)
    db = None
    while rest and (rest[0] == "--db" or rest[0].startswith("--db=")):
        token = rest.pop(0)
        if token == "--db":
            if not rest or rest[0].startswith("-"):
                return None
            db = rest.pop(0)
        else:
            db = token[len("--db="):]
    return db, rest


def command_line(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> tuple[str | None, list[str]] | None:
    """(the --db value, the rest) of a command line a fast path may answer; None for shell
    completion or a --db it cannot read (Typer takes those)."""
    if any(name.startswith("_TRACKER_COMPLETE") for name in environ):
        return None
    return split_db(argv)


def report_import(report: Any, *, dry_run: bool, done_prefix: str) -> int:
    """An import's warnings, then its summary (as the Typer commands print them); status 0."""
    for line in report.warnings():
        warn(line)
    if dry_run:
        say(f"Dry run, nothing written: {report.summary()}")
    else:
        done(f"{done_prefix}{report.summary()}")
    return 0


def answer(run: Callable[[], int | None]) -> int | None:
    """`run()`, with standard output gone (status 1, quietly, as Click does) or full (one line,
    status 2) handled as the Typer commands handle them."""
    try:
        return run()
    except BrokenPipeError:  # `tracker export csv | head`: stop quietly with status 1
        detach_stdout()
        return 1
    except OSError as err:  # standard output on a full disk: one line, status 2
        if err.errno not in OUTPUT_ERRNOS:
            raise
        return output_failed(err)


def parse(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> Request | None:
    """The request `argv` (without the program name) makes, or None to leave it to Typer."""
    split = command_line(argv, environ)
    if split is None:
        return None
    db, rest = split
    if len(rest) < 2 or rest[0] not in ("export", "import") or rest[1] != "csv":
        return None
    request = Request(rest[0], db)
    options = rest[2:]
    while options:
        token = options.pop(0)
        if not token.startswith("-") and request.command == "import" and request.file is None:
            request.file = token
        elif token.startswith(("--what", "-w")) and (value := _value(token, options, "--what", "-w")) is not None:
            request.what = value
        elif (request.command == "export" and token.startswith(("--output", "-o"))
              and (value := _value(token, options, "--output", "-o")) is not None):
            request.output = value
        elif (request.command == "import" and token.startswith(("--map", "-m"))
              and (value := _value(token, options, "--map", "-m")) is not None):
            request.maps.append(value)
        elif request.command == "import" and token == "--dry-run":
            request.dry_run = True
        elif request.command == "import" and token in ("--dayfirst", "--monthfirst"):
            order = "day-first" if token == "--dayfirst" else "month-first"
            if request.order not in (None, order):
                return None  # both: Typer prints the error
            request.order = order
        else:
            return None  # --help, --, an unknown option or a second FILE: Typer says what it means
    if request.command == "import" and request.file is None:
        return None
    if any(undecodable(text) for text in (request.what or "", *request.maps)):
        return None  # text whose bytes are not UTF-8: the full command line refuses it by name
    return request


# --- printing as tracker.cli.output does -----------------------------------------------------------


def _width(environ: dict[str, str] | os._Environ[str]) -> int:
    """The width Rich gives a console that is not a terminal (COLUMNS, else a terminal's, else 80)."""
    columns = environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def _plain_line(stream: TextIO, text: str, *, markup: bool) -> bool:
    """Print `text` as Rich would, if Rich would print it as it is (no colour, no wrapping): True if printed."""
    environ = os.environ
    try:
        if stream.isatty() or os.name != "posix" or (stream.encoding or "").lower().replace("-", "") != "utf8":
            return False
    except (AttributeError, ValueError):
        return False
    if any(name in environ for name in RICH_ENV) or not _PLAIN.fullmatch(text) or text != text.strip():
        return False
    if markup and _EMOJI.search(text):
        return False
    if not 0 < len(text) <= _width(environ):
        return False
    stream.write(text + "\n")
    return True


def done(message: str) -> None:
    """As `tracker.cli.output.done`: "✓ message" on standard output."""
    if not _plain_line(sys.stdout, "✓ " + message, markup=False):
        from tracker.terminal.console import done as rich_done

        rich_done(message)


def say(message: str) -> None:
    """As `tracker.cli.output.console.print(message)`."""
    if not _plain_line(sys.stdout, message, markup=True):
        from tracker.terminal.console import console

        console.print(message)


# --- the commands -----------------------------------------------------------------------------------


def _what(text: str) -> str | None:
    from tracker.domain.choices import choose
    from tracker.domain.errors import InvalidInput

    try:
        return choose(text, WHATS, "--what")
    except InvalidInput:
        return None


def open_fast(db: str | None):  # type: ignore[no-untyped-def]
    """The store at `db` if the fast path can use it (a file already at this schema), else None."""
    from tracker.store.engine.opening import open_current
    from tracker.system.paths import resolve_db_path

    return open_current(resolve_db_path(db)[0])


def export(request: Request) -> int | None:
    """`tracker export csv`: `tracker.io.csv_export.export_csv`, as the Typer command runs it."""
    from tracker.domain.errors import StoreError
    from tracker.io.csv_export import export_csv, for_terminal
    from tracker.system.private_files import WriteFailed, replace_atomically

    what = _what(request.what or "log")
    output = Path(request.output) if request.output is not None else None
    if what is None or (output is not None and (output.is_dir() or not output.parent.exists())):
        return None
    store = open_fast(request.db)
    if store is None:
        return None
    try:
        if output is None:
            export_csv(store, what, for_terminal(sys.stdout))
            sys.stdout.flush()  # a full disk is reported here, not at exit
            return 0
        with replace_atomically(output) as handle:
            count = export_csv(store, what, handle)
    except (StoreError, WriteFailed) as err:
        error(str(err))
        return 2
    finally:
        store.close()
    done(f"Exported {count} {what} rows to {output}")
    return 0


def import_(request: Request) -> int | None:
    """`tracker import csv`: `tracker.io.csv_import.import_csv`, as the Typer command runs it."""
    from tracker.domain.dates import DateParseError
    from tracker.domain.errors import TrackerError
    from tracker.io.csv_import import import_csv
    from tracker.system import clock

    mapping: dict[str, str] = {}
    for item in request.maps:
        header, sep, name = item.partition("=")
        if not sep or not header.strip() or not name.strip():
            return None
        mapping[header.strip()] = name.strip()
    file = Path(request.file or "")
    what = _what(request.what) if request.what is not None else None
    if (request.what is not None and what is None) or not file.is_file():
        return None
    store = open_fast(request.db)
    if store is None:
        return None
    try:
        if store.keeps_calendar():  # the full command writes the calendar file after the import
            return None
        zone = store.user_zone()
        report = import_csv(store, file, what=what, mapping=mapping, dry_run=request.dry_run,
                            order=request.order, today=clock.today(zone), now=clock.now(zone), zone=zone)
    except (TrackerError, DateParseError) as err:
        error(str(err))
        return 2
    finally:
        store.close()
    return report_import(report, dry_run=request.dry_run, done_prefix="Imported ")


def dispatch(argv: list[str] | None = None) -> int | None:
    """Run a CSV command on the fast path if it can; its exit status, else None (nothing was done)."""
    request = parse(sys.argv[1:] if argv is None else list(argv), os.environ)
    if request is None:
        return None
    return answer(lambda: export(request) if request.command == "export" else import_(request))
