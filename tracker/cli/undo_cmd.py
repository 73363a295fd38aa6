"""`tracker delete person|opportunity` and `tracker undo`: deleting asks first, and can be undone.

Both say what they will do, then ask on a terminal; `--yes` skips the question. Without a
terminal (a script, cron) and without `--yes` they refuse, with exit status 2, and change
nothing.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tracker.cli.context import State, state
from tracker.cli.output import console, done


def say(line: str) -> None:
    """Print a line that holds data (names, titles) literally, control characters visibly."""
    from rich.text import Text

    from tracker.domain.sanitize import visible

    console.print(Text(visible(line)))

delete_app = typer.Typer(help="Delete a person or an opportunity (asks first; `tracker undo` brings it back).",
                         no_args_is_help=True)

YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed when not at a terminal).")]


def at_terminal() -> bool:
    """Whether a person can answer a question (standard input is a terminal)."""
    return sys.stdin.isatty()


def _confirm(question: str, yes: bool, refusal: str) -> None:
    """Return when the user agreed (or gave --yes); otherwise exit: 2 off a terminal, 1 when they said no."""
    if yes:
        return
    if not at_terminal():
        from tracker.domain.errors import InvalidInput

        raise InvalidInput(f"not at a terminal, so {refusal}; add --yes to go ahead without the question")
    if not typer.confirm(question, default=False):
        say(f"Nothing changed: {refusal}.")
        raise typer.Exit(1)


def _delete(st: State, kind: str, name: str, yes: bool) -> None:
    from tracker.domain.errors import InvalidInput
    from tracker.store.writes import deletes
    from tracker.store.queries.lookup import find_opportunity, find_person

    find = find_person if kind == "person" else find_opportunity
    with st.store.read() as session:
        record = find(session, name)
        assert record.id is not None
        shown = deletes.impact(session, kind, record.id)
    for line in shown.lines():
        say(line)
    _confirm("Delete?", yes, "nothing was deleted")
    remove = deletes.delete_person if kind == "person" else deletes.delete_opportunity
    with st.store.write() as session:
        found = remove(session, **{f"{kind}_id": record.id})
        if found.summary() != shown.summary():
            raise InvalidInput(f"the {kind} changed while you were asked ({found.summary()}); "
                               "nothing was deleted, run the command again")
    done(f"Deleted {found.summary()}. `tracker undo` brings it back.")


@delete_app.command("person")
def delete_person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The person (a unique prefix or their e-mail).")],
    yes: YesOpt = False,
) -> None:
    """Delete a person with their messages and the letters they write; their opportunities stay."""
    _delete(state(ctx), "person", name, yes)


@delete_app.command("opportunity")
def delete_opportunity(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The opportunity (a unique prefix is enough).")],
    yes: YesOpt = False,
) -> None:
    """Delete an opportunity with its stage history, messages, letters, interviews and offers."""
    _delete(state(ctx), "opportunity", title, yes)


def undo(ctx: typer.Context, yes: YesOpt = False) -> None:
    """Undo the last delete, bulk stage move (accepting an offer) or import."""
    from tracker.store.safety.undo import pending, undo_last

    st = state(ctx)
    with st.store.read() as session:
        plan = pending(session)
    when = plan.created_at.astimezone(st.zone)
    say(f"Last change that can be undone ({when:%a %Y-%m-%d %H:%M}): {plan.description}.")
    if plan.effects():
        say(f"Undoing it {'; '.join(plan.effects())}.")
    _confirm("Undo it?", yes, "nothing was undone")
    with st.store.write() as session:
        undone = undo_last(session, expected=plan.id, now=st.now())
    done(str(undone))


def register(app: typer.Typer) -> None:
    """Add `tracker delete ...` and `tracker undo` to the root app."""
    app.add_typer(delete_app, name="delete")
    app.command("undo")(undo)
