"""The `tracker` command line: thin Typer commands over the store and the domain.

Every user error (bad date, unknown name, bad file) is printed as one line on
standard error with exit status 2; commands that write do it in one transaction.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tracker.cli.context import state
from tracker.cli.output import error


def _user_errors() -> tuple[type[BaseException], ...]:
    from tracker.domain.dates import DateParseError
    from tracker.domain.gpa import GpaError
    from tracker.errors import TrackerError

    return (TrackerError, DateParseError, GpaError)


class TrackerGroup(TyperGroup):
    """The root group: turns user errors into one line and exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        from sqlalchemy.exc import OperationalError

        try:
            return super().invoke(ctx)
        except _user_errors() as err:
            error(str(err))
            raise typer.Exit(2) from None
        except OperationalError as err:
            reason = str(err.orig) if err.orig is not None else str(err)
            if "locked" in reason or "busy" in reason:
                error("the database is busy (another tracker is writing); nothing was written, try again")
            else:
                error(f"database error: {reason}; nothing was written")
            raise typer.Exit(2) from None
        finally:
            if ctx.obj is not None:
                ctx.obj.finish()  # the calendar file, if the command wrote; then the store closes


app = typer.Typer(
    cls=TrackerGroup,
    help="Track research-internship outreach: contacts, messages, applications, letters, interviews, offers.",
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database file (default: TRACKER_DB, else the user data dir).", metavar="PATH"),
    ] = None,
) -> None:
    """Track research-internship outreach. With no command: the TUI in a terminal, else the agenda."""
    state(ctx).db_option = db
    if ctx.invoked_subcommand is None:
        import sys

        if sys.stdin.isatty() and sys.stdout.isatty():
            run_tui(ctx)
        else:
            from tracker.cli.reminders_cmd import show_agenda

            show_agenda(state(ctx), within_days=7, as_json=False)


def run_tui(ctx: typer.Context) -> None:
    """Open the TUI on the database the global options chose."""
    from tracker.tui.app import TrackerApp

    path, source = state(ctx).db_path()
    TrackerApp(path, create_dirs=source == "default location").run()


@app.command("tui")
def tui(ctx: typer.Context) -> None:
    """Open the TUI (what `tracker` alone does in a terminal)."""
    run_tui(ctx)


def _register() -> None:
    from tracker.cli import add_cmd, data_cmd, list_cmd, reminders_cmd, setup_cmd, workflow_cmd

    app.add_typer(add_cmd.app, name="add")
    app.add_typer(list_cmd.app, name="list")
    app.add_typer(data_cmd.export_app, name="export")
    app.add_typer(data_cmd.import_app, name="import")
    workflow_cmd.register(app)
    reminders_cmd.register(app)
    list_cmd.register(app)
    setup_cmd.register(app)
    from tracker.cli import faculty_cmd

    faculty_cmd.register(app)
    from tracker.cli import safety_cmd

    safety_cmd.register(app)
    from tracker.cli import undo_cmd

    undo_cmd.register(app)
    from tracker.cli import calendar_cmd

    calendar_cmd.register(app)
    from tracker.cli import stats_cmd

    stats_cmd.register(app)
    from tracker.cli import letters_cmd

    letters_cmd.register(app)
    from tracker.cli import programs_cmd

    programs_cmd.register(app)
    from tracker.cli import draft_cmd

    draft_cmd.register(app)
    from tracker.cli import duplicates_cmd

    duplicates_cmd.register(app)


_register()


def main() -> None:
    """Console-script entry point: the lean path (`tracker.fastpath`) when it can, else Typer."""
    from tracker.fastpath import run

    status = run()
    if status is not None:
        raise SystemExit(status)
    from tracker.io_fastpath import dispatch  # export/import csv over sqlite3 (falls back to Typer)

    status = dispatch()
    if status is not None:
        raise SystemExit(status)
    app(prog_name="tracker")
