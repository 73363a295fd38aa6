"""`tracker programs`: the catalog of structured programs (DAAD WISE, Mitacs Globalink, SURF...),
checked against your GPA and your opportunities.

    tracker programs [--country C] [--eligible] [--json]    the catalog, soonest deadline first
    tracker programs show KEY                               one program's facts and your standing
    tracker programs add KEY [--cycle "Summer 2027"]        track it as an opportunity
    tracker programs edit                                   your own copy of the catalog, in $EDITOR

The facts are in `tracker/catalog/programs.toml`, merged with the user's `programs.toml` in the
config directory (see docs/programs.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from tracker.cli.context import state
from tracker.cli.output import cell, console, done, print_json, warn

if TYPE_CHECKING:
    from tracker.catalog import Catalog
    from tracker.store.views.catalog_view import ProgramRow

app = typer.Typer(
    help="The program catalog: structured programs with their cycle, typical deadline and GPA cut-off.",
    invoke_without_command=True,
    no_args_is_help=False,
)

COLUMNS = ("key", "program", "country", "deadline", "cycle", "cut-off", "you", "tracked")
WIDE = 110
"""Narrower terminals get the table without the country and cycle columns."""
def _catalog() -> Catalog:
    from tracker.catalog import load_catalog

    return load_catalog()


def _rows(ctx: typer.Context, catalog: Catalog) -> tuple[tuple[ProgramRow, ...], bool]:
    from tracker.store.views.catalog_view import program_rows

    st = state(ctx)
    today = st.today()
    with st.store.read() as session:
        return program_rows(session, catalog.programs, today=today)


def _deadline_cell(row: ProgramRow) -> str:
    deadline = row.program.deadline
    if deadline is None:
        return "see page"
    if row.next_deadline is None:
        return "rolling"
    if deadline.day is None:
        return f"{row.next_deadline:%b %Y}"
    return row.next_deadline.isoformat()


def _tracked_cell(row: ProgramRow) -> str:
    """The cycles you track it for ("Summer 2027"), "yes" when without a cycle, else "no"."""
    if not row.tracked:
        return "no"
    return ", ".join(dict.fromkeys(t.cycle or "yes" for t in row.tracked))


def _country_matches(country: str, wanted: str) -> bool:
    """Whether `country` is the one asked for: by any of its spellings ("USA", "UK", "Korea", "KR":
    `tracker.domain.countries`, the rule every country filter uses), else by the start of its name
    ("united"), in any case."""
    from tracker.domain.catalog_check import fold
    from tracker.domain.countries import code

    known = code(wanted)
    if known is not None:
        return code(country) == known
    want = fold(wanted)
    return bool(want) and fold(country).startswith(want)


def _as_json(row: ProgramRow) -> dict[str, Any]:
    p = row.program
    return {
        "key": p.key, "name": p.name, "host": p.host, "country": p.country, "url": p.url,
        "cycle": row.cycle, "next_deadline": row.next_deadline,
        "deadline": str(p.deadline) if p.deadline else None,
        "deadline_day_known": bool(p.deadline and p.deadline.day),
        "gpa_cutoff": str(p.gpa) if p.gpa else None, "standing": row.standing.status,
        "warning": row.standing.warning, "letters": p.letters, "stipend": p.stipend,
        "eligibility": p.eligibility, "notes": p.notes, "aliases": list(p.aliases), "source": p.source,
        "tracked": [{"title": t.title, "cycle": t.cycle, "stage": t.stage} for t in row.tracked],
    }


@app.callback()
def programs(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option("--country", metavar="NAME", help="Only programs in this country.")] = None,
    eligible: Annotated[bool, typer.Option("--eligible", help="Only programs whose GPA cut-off you meet (or that have none).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """The program catalog, soonest deadline first, with your GPA against each cut-off."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.domain.catalog_check import NO_GPA_HINT, due_this_month
    from tracker.domain.errors import InvalidInput

    catalog = _catalog()
    rows, has_gpa = _rows(ctx, catalog)
    if eligible and not has_gpa:
        raise InvalidInput(f"--eligible needs your GPA: {NO_GPA_HINT}")
    if country:
        rows = tuple(r for r in rows if _country_matches(r.program.country, country))
    if eligible:
        rows = tuple(r for r in rows if r.standing.status in ("meets", "no-cutoff"))
    if as_json:
        print_json(_as_json(r) for r in rows)
        return
    if not rows:
        countries = ", ".join(sorted({p.country for p in catalog.programs}))
        console.print(cell(f"No program matches. Countries in the catalog: {countries}." if country else "No program matches."))
        return
    _print_table(rows)
    today = state(ctx).today()
    if not has_gpa and any(r.program.gpa for r in rows):
        console.print(cell(f"? no GPA: {NO_GPA_HINT}"))
    for r in rows:
        if due_this_month(r.program, today):
            console.print(cell(
                f"{r.program.name}: typically due in {r.program.deadline} (day not known), so maybe still "
                f"this month: {r.program.url or 'check the official page'}"
            ))
    console.print(cell("Typical facts: they change every year, check the official page."), style="dim")
    yours = f" (yours: {catalog.user_file})" if catalog.user_file_exists else ""
    console.print(cell(
        f"Details: tracker programs show KEY · track one: tracker programs add KEY · correct: tracker programs edit{yours}"
    ), style="dim")


def _print_table(rows: tuple[ProgramRow, ...], *, out: TextIO | None = None,
                 environ: Mapping[str, str] = os.environ) -> None:
    """The catalog as the CLI's other tables (`tracker.terminal.table`): the program's name and what you
    track wrap between words, the short columns are kept whole; country and cycle are left out on a
    terminal narrower than WIDE (`show` has them). In a pipe every column, one program a line."""
    from tracker.cli.output import table_text
    from tracker.terminal.table import Column, output_mode, write_table

    out = console.file if out is None else out
    color, width = output_mode(out, environ)
    columns = [c for c in COLUMNS if width is None or width >= WIDE or c not in ("country", "cycle")]
    least = {"program": 0, "tracked": 11}  # (the name takes what is left: 14 cells at 80 columns)
    cells = []
    for r in rows:
        row = {
            "key": r.program.key, "program": r.program.name, "country": r.program.country,
            "deadline": _deadline_cell(r), "cycle": r.cycle,
            "cut-off": str(r.program.gpa) if r.program.gpa else "none", "you": r.standing.label,
            "tracked": _tracked_cell(r),
        }
        cells.append([(table_text(row[c]), STANDING_STYLE.get(r.standing.status, "dim") if c == "you" else "")
                      for c in columns])
    write_table(out, [Column(c, wraps=c in least, least=least.get(c, 0)) for c in columns], cells,
                width=width, color=color)
    out.flush()


STANDING_STYLE = {"meets": "green", "below": "red", "no-gpa": "yellow"}
"""The colour of your standing against a program's cut-off ("no-cutoff": dim)."""


@app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A program's key, or a unique start of it (e.g. daad).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """One program's facts, your GPA against its cut-off, and your opportunities for it."""
    from rich.table import Table
    from rich.text import Text

    from tracker.domain.catalog_check import NO_GPA_HINT, deadline_text, find_program

    catalog = _catalog()
    program = find_program(catalog.programs, key)
    rows, _has_gpa = _rows(ctx, catalog)
    row = next(r for r in rows if r.program.key == program.key)
    if as_json:
        print_json(_as_json(row))
        return
    p = program
    next_text = f" → next {row.next_deadline:%a %Y-%m-%d}" if row.next_deadline else ""
    cutoff = f"{p.gpa}: {row.standing.label}" if p.gpa else "none published"
    if p.gpa and row.standing.status == "no-gpa":
        cutoff += f" ({NO_GPA_HINT})"
    facts: list[tuple[str, Any]] = [
        ("Host", f"{p.host}, {p.country}"),
        ("Page", p.url),
        ("Cycle", f"{row.cycle} (the next you can apply for); starts around {_month(p.starts)}"),
        ("Typical deadline", deadline_text(p) + next_text),
        ("GPA cut-off", cutoff),
        ("Letters", str(p.letters) if p.letters is not None else "not known"),
        ("Stipend", p.stipend),
        ("Eligibility", p.eligibility),
        ("Notes", p.notes),
        ("Also called", ", ".join(p.aliases) or None),
        ("You track", "; ".join(f'"{t.title}" ({t})' for t in row.tracked) or "no"),
        ("Facts from", "the built-in catalog" if p.source == "built-in" else p.source),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in facts:
        if value:
            grid.add_row(label, cell(value))
    console.print(Text(f"{p.name}  ", style="bold") + Text(f"({p.key})", style="dim"))
    console.print(grid)
    if row.standing.warning:
        warn(row.standing.warning)
    if not row.tracked:
        console.print(cell(f"Track it: tracker programs add {p.key}"), style="dim")


def _month(number: int) -> str:
    import calendar

    return calendar.month_name[number]


@app.command("add")
def add(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A program's key, or a unique start of it (e.g. daad).")],
    cycle: Annotated[
        str | None, typer.Option("--cycle", metavar="CYCLE", help='e.g. "Summer 2028" (default: the next you can apply for).')
    ] = None,
) -> None:
    """Track a catalog program as an opportunity: its host, cycle, typical deadline, cut-off and link."""
    from tracker.domain.catalog_check import find_program
    from tracker.store.views.catalog_view import add_program

    catalog = _catalog()
    program = find_program(catalog.programs, key)
    st = state(ctx)
    today = st.today()
    with st.store.write() as session:
        added = add_program(session, program, cycle=cycle, today=today)
        opp = added.opportunity
        summary = f'Added program "{opp.title}" ({opp.stage}) at {program.host}'
        if opp.deadline is not None:
            summary += f", deadline {opp.deadline:%a %Y-%m-%d}"
    done(summary)
    for message in added.warnings:
        warn(message)


@app.command("edit")
def edit() -> None:
    """Open your copy of the catalog in $VISUAL or $EDITOR (created from the built-in one if missing)."""
    import os
    import shlex

    from tracker.catalog import ensure_user_file, load_catalog
    from tracker.domain.catalog import CatalogError

    path, created = ensure_user_file()
    if created:
        done(f"Created {path} from the built-in catalog")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not editor.strip():
        console.print(cell(f"Your catalog: {path}"))
        console.print(cell("Set VISUAL or EDITOR to open it from here, or edit it with any text editor."), style="dim")
        return
    from tracker.cli.handoff import run_editor  # the one module that starts another program, on request

    run_editor(shlex.split(editor), path)
    try:
        catalog = load_catalog(path)
    except CatalogError as err:
        raise CatalogError(f"{err} (run tracker programs edit again to fix it)") from None
    done(f"{path} is fine: {len(catalog.programs)} programs in the catalog")


def register(root: typer.Typer) -> None:
    """Add `tracker programs` to the root app."""
    root.add_typer(app, name="programs")
