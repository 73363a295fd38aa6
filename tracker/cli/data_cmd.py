"""`tracker export csv` and `tracker import csv`: the application log in and out of spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, done, warn

export_app = typer.Typer(help="Export to CSV or iCalendar.", no_args_is_help=True)
import_app = typer.Typer(help="Import from CSV.", no_args_is_help=True)

WHATS = ("log", "opportunities", "people")
WhatOpt = Annotated[str, typer.Option("--what", "-w", metavar="WHAT", help="log, opportunities or people.")]


def _what(text: str) -> str:
    from tracker.domain.choices import choose

    return choose(text, WHATS, "--what")


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    what: WhatOpt = "log",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Default: standard output.")] = None,
) -> None:
    """Write the log, the opportunities or the people as CSV (UTF-8, RFC 4180)."""
    from tracker.domain.errors import InvalidInput
    from tracker.io.csv_export import export_csv as write_csv
    from tracker.io.csv_export import for_terminal

    from tracker.system.private_files import replace_atomically

    chosen = _what(what)
    st = state(ctx)
    if output is None:
        write_csv(st.store, chosen, for_terminal(sys.stdout))  # on a terminal, escapes shown, not run
        sys.stdout.flush()  # a full disk is reported here, not at exit
        return
    if output.is_dir():
        raise InvalidInput(f"{output} is a directory; give a file name")
    if not output.parent.exists():
        raise InvalidInput(f"the directory {output.parent} does not exist")
    with replace_atomically(output) as handle:  # private, whole or not at all
        count = write_csv(st.store, chosen, handle)
    done(f"Exported {count} {chosen} rows to {output}")


@import_app.command("csv")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV file (UTF-8; spreadsheets: save as 'CSV UTF-8').")],
    what: Annotated[str | None, typer.Option(
        "--what", "-w", metavar="WHAT",
        help="log, opportunities or people (default: log; Huntr, JobSync and LinkedIn exports are recognized).",
    )] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", "-m", metavar="HEADER=FIELD", help="Read column HEADER as FIELD; repeat as needed."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and count, write nothing.")] = False,
    dayfirst: Annotated[bool, typer.Option("--dayfirst", help="Read 03/08/2026 as 3 August.")] = False,
    monthfirst: Annotated[bool, typer.Option("--monthfirst", help="Read 03/08/2026 as 8 March.")] = False,
) -> None:
    """Import rows from a CSV file: all of them, or none if any row is bad.

    Dates such as 03/08/2026 are read the way their column shows (a 20/11/2026 in it means
    day-first); --dayfirst or --monthfirst decides for a file whose dates never show it.
    """
    from tracker.domain.errors import InvalidInput
    from tracker.io.csv_import import import_csv as read_csv
    from tracker.io.date_cells import DAY_FIRST, MONTH_FIRST

    if dayfirst and monthfirst:
        raise InvalidInput("give --dayfirst or --monthfirst, not both")

    mapping: dict[str, str] = {}
    for item in map_ or []:
        header, sep, field = item.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise InvalidInput(f'--map takes HEADER=FIELD, e.g. --map "Prof Name=person"; got "{item}"')
        mapping[header.strip()] = field.strip()
    if not file.is_file():
        raise InvalidInput(f"no file {file}")
    st = state(ctx)
    order = DAY_FIRST if dayfirst else MONTH_FIRST if monthfirst else None
    report = read_csv(st.store, file, what=_what(what) if what else None, mapping=mapping, dry_run=dry_run, order=order,
                      today=st.today(), now=st.now(), zone=st.zone)
    for line in report.warnings():
        warn(line)
    if dry_run:
        console.print(f"Dry run, nothing written: {report.summary()}")
    else:
        done(f"Imported {report.summary()}")
