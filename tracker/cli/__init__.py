"""The `tracker` command line: thin Typer commands over the store and the domain.

Every user error (bad date, unknown name, bad file) is printed as one line on
standard error with exit status 2; commands that write do it in one transaction.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # Typer vendors Click since 0.2x; before, Click is a package of its own
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import UsageError  # type: ignore[no-redef]

from tracker.cli.context import state
from tracker.cli.output import error


def _user_errors() -> tuple[type[BaseException], ...]:
    from tracker.domain.dates import DateParseError
    from tracker.domain.gpa import GpaError
    from tracker.domain.errors import TrackerError

    return (TrackerError, DateParseError, GpaError)


PATH_METAVARS = ("PATH", "FILE")
"""Parameters that name files: their bytes need not be UTF-8 (Linux file names are bytes)."""


def _undecodable_text(group: TyperGroup, ctx: Any) -> str | None:
    """The first text argument holding bytes that are not UTF-8, as an error message; None if there is none.

    Python keeps such bytes of argv as lone surrogates, which no database, file or terminal takes.
    Text (names, titles, notes, words, dates) must be UTF-8; a file name may be any bytes. The
    command line is parsed once more, without running anything, to know which argument is which.
    """
    from tracker.domain.sanitize import undecodable, visible

    rest = [*ctx._protected_args, *ctx.args]
    if not any(undecodable(arg) for arg in rest) or "--help" in rest or "-h" in rest:
        return None  # the root's own option is --db, a path; help is shown whatever else is typed
    command, context = group, ctx
    while True:
        for param in command.params:
            values = context.params.get(param.name)
            texts = values if isinstance(values, (list, tuple)) else [values]
            bad = next((t for t in texts if isinstance(t, str) and undecodable(t)), None)
            if bad is not None and param.metavar not in PATH_METAVARS:
                if param.param_type_name == "option":
                    label = next((o for o in param.opts if o.startswith("--")), param.opts[0])
                else:
                    label = param.metavar or param.name.upper()
                return f'{label} "{visible(bad)}" is not UTF-8 text; type it again, or set your terminal to UTF-8'
        rest = [*context._protected_args, *context.args]
        if not rest or not isinstance(command, TyperGroup):
            return None
        try:
            name, command, rest = command.resolve_command(context, rest)
        except Exception:  # noqa: BLE001 (an unknown command: Typer says so when the command line runs)
            return None
        if command is None or name is None:
            return None
        context = command.make_context(name, rest, parent=context, resilient_parsing=True)


def _usage_line(err: UsageError) -> str:
    """A command-line mistake as one line: what is wrong, and where help is."""
    message = err.format_message().rstrip(".")
    message = message[:1].lower() + message[1:]
    if err.ctx is not None:
        return f"{message} (see '{err.ctx.command_path} -h')"
    return message


registry = typer.Typer(rich_markup_mode=None, add_completion=False)
"""Every command and group of the command line, registered by the command modules (`_register`).

The root group (`TrackerGroup`) builds each into Click's form only when it is named. Typer builds a
command by reading its function's signature and evaluating the annotations of its parameters (about
0.5 ms a command): building all of them took 60 ms, which every command paid before it ran, and the
tests at each run of the command line."""

_UNBUILT: Any = object()
"""The root's entry for a command not built yet."""


def _registered_names() -> list[str]:
    """The names of the commands, then of the groups, in the order registered (Typer's order of help);
    each is registered with its name."""
    infos = [*registry.registered_commands, *registry.registered_groups]
    return [str(info.name) for info in infos]


@cache
def _built(name: str) -> Any:
    """The command or group `name` of the registry, built by Typer as it builds any command (once: a command
    holds no state of a run, which is in Click's context)."""
    one = typer.Typer(rich_markup_mode=None, add_completion=False)
    one.registered_commands = [info for info in registry.registered_commands if info.name == name]
    one.registered_groups = [info for info in registry.registered_groups if info.name == name]
    return typer.main.get_group(one).commands[name]


class TrackerGroup(TyperGroup):
    """The root group: builds a command when it is named (`registry`); turns user errors into one line and
    exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in _registered_names():
            self.commands.setdefault(name, _UNBUILT)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is _UNBUILT:
            command = self.commands[cmd_name] = _built(cmd_name)
        return command

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        """The root's own options (`--db` without a path, an unknown option): one line too."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as err:
            if parent is not None:
                raise
            error(_usage_line(err))
            raise typer.Exit(2) from None

    def invoke(self, ctx: Any) -> Any:
        import sqlite3

        from sqlalchemy.exc import DBAPIError

        try:
            problem = _undecodable_text(self, ctx)
            if problem is not None:
                from tracker.domain.errors import InvalidInput

                raise InvalidInput(problem)
            return super().invoke(ctx)
        except UsageError as err:  # Click prints usage, a hint and the error on three lines
            error(_usage_line(err))
            raise typer.Exit(2) from None
        except _user_errors() as err:
            error(str(err))
            raise typer.Exit(2) from None
        except (DBAPIError, sqlite3.Error) as err:
            from tracker.store.engine.database import explain

            error(explain(err))
            raise typer.Exit(2) from None
        except OSError as err:  # standard output (or a file) on a full disk: one line, not a traceback
            from tracker.terminal.report import OUTPUT_ERRNOS, output_failed

            if isinstance(err, BrokenPipeError) or err.errno not in OUTPUT_ERRNOS:
                raise
            raise typer.Exit(output_failed(err)) from None
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
        typer.Option("--db", help="Database file, or a server's postgresql:// URL (default: TRACKER_DB, else the "
                                  "user data dir).", metavar="PATH"),
    ] = None,
    student: Annotated[
        str | None,
        typer.Option("--student", help="An advisor on a shared server: read one of your students' records "
                                       "(`tracker cohort` lists them).", metavar="ROLE"),
    ] = None,
) -> None:
    """Track research-internship outreach. With no command: the TUI in a terminal, else the agenda."""
    state(ctx).db_option = db
    state(ctx).student = student
    if ctx.invoked_subcommand is None:
        import sys

        if sys.stdin.isatty() and sys.stdout.isatty():
            run_tui(ctx)
        else:
            from tracker.cli.reminders_cmd import show_agenda

            show_agenda(state(ctx), within_days=7, as_json=False)


def run_tui(ctx: typer.Context) -> None:
    """Open the TUI on the database the global options chose."""
    from tracker.tui.launch import run

    chosen = state(ctx)
    path, source = chosen.db_path()
    if chosen.student is not None:
        chosen.store  # noqa: B018 - an advisor who advises that student, else one line and status 2
        chosen.close()
    run(path, create_dirs=source == "default location", student=chosen.student)


@registry.command("tui")
def tui(ctx: typer.Context) -> None:
    """Open the TUI (what `tracker` alone does in a terminal)."""
    run_tui(ctx)


def _register() -> None:
    from tracker.cli import add_cmd, data_cmd, list_cmd, reminders_cmd, setup_cmd, workflow_cmd

    registry.add_typer(add_cmd.app, name="add")
    registry.add_typer(list_cmd.app, name="list")
    registry.add_typer(data_cmd.export_app, name="export")
    registry.add_typer(data_cmd.import_app, name="import")
    workflow_cmd.register(registry)
    reminders_cmd.register(registry)
    list_cmd.register(registry)
    setup_cmd.register(registry)
    from tracker.cli import faculty_cmd

    faculty_cmd.register(registry)
    from tracker.cli import safety_cmd

    safety_cmd.register(registry)
    from tracker.cli import undo_cmd

    undo_cmd.register(registry)
    from tracker.cli import calendar_cmd

    calendar_cmd.register(registry)
    from tracker.cli import stats_cmd

    stats_cmd.register(registry)
    from tracker.cli import letters_cmd

    letters_cmd.register(registry)
    from tracker.cli import programs_cmd

    programs_cmd.register(registry)
    from tracker.cli import draft_cmd

    draft_cmd.register(registry)
    from tracker.cli import duplicates_cmd

    duplicates_cmd.register(registry)
    from tracker.cli import mail_cmd

    mail_cmd.register(registry)
    from tracker.cli import server_cmd

    server_cmd.register(registry)


_register()


def main() -> None:
    """The Typer command line (the console script `tracker.entry.main` tries the fast paths first)."""
    app(prog_name="tracker")
