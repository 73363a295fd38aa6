"""`tracker import faculty FILE`: a faculty directory (the CSRankings file) as professors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, done, warn


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on a terminal (none when the output is piped or redirected)."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("Importing faculty"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("faculty", total=None)

        def advance(written: int, total: int) -> None:
            bar.update(task, completed=written, total=total)

        yield advance


def import_faculty(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV with name,affiliation,homepage,scholarid.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and count, write nothing.")] = False,
    countries: Annotated[Path | None, typer.Option(
        "--countries", metavar="FILE",
        help="CSRankings' country-info.csv: give organizations their country and region.",
    )] = None,
) -> None:
    """Import professors from a faculty directory such as CSRankings' csrankings.csv.

    Rows with one Google Scholar id, or one name (DBLP's number aside) at one affiliation, are
    one professor, whose other spellings search finds. Importing again updates the same people
    (matched by Scholar id, else by a spelling at their organization). One transaction: a bad
    row means nothing is written.
    """
    from tracker.domain.errors import InvalidInput
    from tracker.io.faculty import import_faculty as run_import

    for given in (file, countries):
        if given is not None and not given.is_file():
            raise InvalidInput(f"no file {given}")
    st = state(ctx)
    with _progress_bar() as progress:
        report = run_import(st.store, file, today=st.today(), dry_run=dry_run, countries=countries,
                            progress=progress)
    for line in report.warnings():
        warn(line)
    if dry_run:
        console.print(f"Dry run, nothing written: {report.summary()}")
    else:
        done(f"Imported faculty: {report.summary()}")


def register(app: typer.Typer) -> None:
    """Add `faculty` to the `import` group (which `tracker.cli` has added to `app`)."""
    from tracker.cli.data_cmd import import_app

    import_app.command("faculty")(import_faculty)
