"""`tracker backup` and `tracker restore`: consistent copies of the database, and putting one back."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.context import state
from tracker.cli.output import console, done, warn


def backup(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the copy to FILE (default: the backups folder)."),
    ] = None,
) -> None:
    """Copy the database, consistently, even while tracker is in use (SQLite's backup API)."""
    from tracker.store.safety.backup import backup_now, backup_to

    path, _source = state(ctx).db_path()
    if isinstance(path, str):
        from tracker.domain.errors import InvalidInput
        from tracker.store.engine.server_admin import no_file_backups

        raise InvalidInput(no_file_backups(path, "backup"))
    info = backup_to(path, output) if output is not None else backup_now(path)
    done(f"Backed up {path.name} ({info.summary()}) to {info.path}")


def _interactive() -> bool:
    """True when a person can answer a question (standard input and output are a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def restore(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup: from `tracker backup` or the backups folder.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; required when not run in a terminal.")] = False,
) -> None:
    """Replace the database with a backup, after checking it; what it replaces is backed up first."""
    from tracker.domain.errors import InvalidInput
    from tracker.store.safety.backup import BackupInfo
    from tracker.store.safety.restore import restore_from

    if not yes and not _interactive():
        raise InvalidInput("restore replaces your database: run it in a terminal to confirm, or pass --yes")
    path, source = state(ctx).db_path()
    if isinstance(path, str):
        from tracker.store.engine.server_admin import no_file_backups

        raise InvalidInput(no_file_backups(path, "restore"))

    def confirm(backup: BackupInfo, current: BackupInfo | None) -> bool:
        if yes:
            return True
        now = current.summary() if current else "no readable database"
        console.print(f"{file} passed the checks: {backup.summary()}.")
        return typer.confirm(f"Replace {path} ({now}) with it?", default=False)

    result = restore_from(file, path, create_dirs=source == "default location", confirm=confirm)
    if result is None:
        console.print("Nothing was restored.")
        raise typer.Exit(1)
    text = f"Restored {file} ({result.restored.summary()}) into {path}"
    if result.replaced is not None:
        text += f"; what it replaced is saved as {result.replaced}"
    done(text)
    _keep_calendar(state(ctx))


def _keep_calendar(st: Any) -> None:
    """The profile's calendar file follows the restored data (restore writes around the store)."""
    from tracker.io.calendar_file import keep_calendar

    try:
        keep_calendar(st.store, today=st.today(), now=st.now(), zone=st.zone)
    except OSError as err:
        warn(f"the calendar file was not written: {err.strerror or err}")


def register(app: typer.Typer) -> None:
    """Add these commands to the root app."""
    app.command("backup")(backup)
    app.command("restore")(restore)
