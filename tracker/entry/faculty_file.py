"""The lean entry point for `tracker import faculty`, without Typer, Rich or SQLAlchemy.

Importing Typer, SQLAlchemy and the ORM takes longer than importing 30,000 professors, so this
module handles

    tracker [--db PATH] import faculty FILE [--dry-run] [--countries FILE]

with the standard library and the function the Typer command calls (`tracker.io.faculty.import_faculty`
over a `Store`, whose SQLite variant needs no SQLAlchemy), so it writes exactly what the command
writes and prints the same lines. It shows no progress bar (the whole import takes a fraction
of a second). Anything it does not fully handle goes to the full command line, which then does
all the work itself: other options, `--help`, shell completion, a FILE that is not a file (the
full command names it), a database that is missing, not tracker's, older or newer than this
program, one whose profile keeps a calendar file (the full command writes it). Errors found
after the work started (a bad row, a busy database) are printed here as the full command prints
them: one line (or the list of bad rows) on standard error, exit status 2, nothing written.

`dispatch(argv)` returns the exit status, or None when the full command line must run; the
console script (`tracker.entry.main`, `python -m tracker` too) calls it before it imports Typer.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.sanitize import undecodable
from tracker.entry.csv_files import answer, command_line, open_fast, report_import
from tracker.terminal.report import error


@dataclass
class Request:
    """A faculty import the fast path understands completely."""

    file: str
    db: str | None = None
    dry_run: bool = False
    countries: str | None = None


def parse(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> Request | None:
    """The request `argv` (without the program name) makes, or None to leave it to Typer."""
    split = command_line(argv, environ)
    if split is None:
        return None
    db, rest = split
    if rest[:2] != ["import", "faculty"]:
        return None
    file, dry_run, countries = None, False, None
    options = rest[2:]
    while options:
        token = options.pop(0)
        if not token.startswith("-") and file is None:
            file = token
        elif token == "--dry-run":
            dry_run = True
        elif token == "--countries" and options and not options[0].startswith("-"):
            countries = options.pop(0)
        elif token.startswith("--countries="):
            countries = token[len("--countries="):]
        else:
            return None  # --help, --, an unknown option or a second FILE: Typer says what it means
    if file is None or any(undecodable(text) for text in (file, countries or "")):
        return None
    return Request(file, db, dry_run, countries)


def import_(request: Request) -> int | None:
    """`tracker import faculty`: `tracker.io.faculty.import_faculty`, as the Typer command runs it."""
    from tracker.domain.errors import TrackerError
    from tracker.io.faculty import import_faculty
    from tracker.system import clock

    file = Path(request.file)
    countries = Path(request.countries) if request.countries is not None else None
    if not file.is_file() or (countries is not None and not countries.is_file()):
        return None
    store = open_fast(request.db)
    if store is None:
        return None
    try:
        if store.keeps_calendar():  # the full command writes the calendar file after the import
            return None
        report = import_faculty(store, file, today=clock.today(store.user_zone()), dry_run=request.dry_run,
                                countries=countries)
    except TrackerError as err:
        error(str(err))
        return 2
    finally:
        store.close()
    return report_import(report, dry_run=request.dry_run, done_prefix="Imported faculty: ")


def dispatch(argv: list[str] | None = None) -> int | None:
    """Run a faculty import on the fast path if it can; its exit status, else None (nothing was done)."""
    request = parse(sys.argv[1:] if argv is None else list(argv), os.environ)
    if request is None:
        return None
    return answer(lambda: import_(request))
