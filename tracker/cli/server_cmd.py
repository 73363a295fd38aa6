"""`tracker db init|upgrade|advise` (a database on a server, its owner) and `tracker cohort` (an advisor).

See docs/shared-database.md: the administrator makes login roles and puts them in the group roles
`tracker_student` / `tracker_advisor` with plain SQL; the database's owner runs these.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, done, print_json, print_table

db_app = typer.Typer(help="Set up and keep a shared database on a PostgreSQL server (its owner).",
                     no_args_is_help=True)


def _url(ctx: typer.Context) -> str:
    path, _source = state(ctx).db_path()
    return str(path)


@db_app.command("init")
def init(ctx: typer.Context) -> None:
    """Create tracker's tables, the group roles, the grants and the row-level security policies."""
    from tracker.store.engine.server_admin import set_up

    result = set_up(_url(ctx), "init")
    if result.before == result.after:
        done(f"{result.where} is already set up (schema {result.after}); nothing to do")
    else:
        done(f"{result.where} is set up for tracker (schema {result.after}); groups tracker_student and "
             f"tracker_advisor are ready")


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Run the migrations this tracker has and the database lacks (take a pg_dump first)."""
    from tracker.store.engine.server_admin import set_up

    result = set_up(_url(ctx), "upgrade")
    if result.before == result.after:
        done(f"{result.where} is up to date (schema {result.after})")
    else:
        done(f"{result.where} upgraded from schema {result.before} to {result.after}")


@db_app.command("advise")
def advise(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(metavar="ADVISOR", help="The advisor's login role.")],
    student: Annotated[str, typer.Argument(metavar="STUDENT", help="The student's login role.")],
    remove: Annotated[bool, typer.Option("--remove", help="Unlink them: the advisor no longer reads the student's rows.")] = False,
) -> None:
    """Let ADVISOR read STUDENT's records (never change them); --remove ends it."""
    from tracker.store.engine.server_admin import advise as link

    changed = link(_url(ctx), advisor, student, remove=remove)
    if remove:
        done(f"{advisor} no longer reads {student}'s records" if changed else
             f"{advisor} did not advise {student}; nothing changed")
    else:
        done(f"{advisor} now reads {student}'s records" if changed else
             f"{advisor} already advises {student}; nothing changed")


def _funnel(funnel: dict[str, int]) -> str:
    return " · ".join(f"{stage} {count}" for stage, count in funnel.items() if count) or "no opportunities"


def cohort(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Each student you advise: funnel, overdue follow-ups, the next 14 days, offers, letters, last activity."""
    from tracker.store.views.cohort_view import cohort as rows_of

    st = state(ctx)
    rows = rows_of(st.store, today=st.today())
    if as_json:
        print_json([row.as_json() for row in rows])
        return
    shown = print_table(
        "Cohort", ("student", "funnel", "overdue follow-ups", "deadlines 14d", "interviews 14d", "offers waiting",
                   "letters outstanding", "last activity"),
        ((r.student, _funnel(r.funnel), r.overdue_follow_ups, r.deadlines, r.interviews, r.offers_waiting,
          r.letters_outstanding, r.last_activity) for r in rows),
        empty="You advise no one yet: the database's owner links you with `tracker db advise YOU STUDENT`.")
    if shown:
        console.print("A student's agenda and board: the Cohort screen of the TUI (key 7), read-only.")


def register(app: typer.Typer) -> None:
    """Add these commands to the root app."""
    app.add_typer(db_app, name="db")
    app.command("cohort")(cohort)
