"""`tracker letters [WRITER]`: the letters desk, every reference letter at a glance.

Without a writer: one row per letter request, grouped by writer (those who owe the
soonest first), with the opportunity, its deadline, how the letter is submitted and its
status. With a writer: that writer's letters, then the numbered list the
"letter-writer" draft sends them (`tracker draft letter-writer WRITER` writes the whole
message; see docs/letters.md).
"""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import print_json, print_table


def letters(
    ctx: typer.Context,
    writer: Annotated[str | None, typer.Argument(help="One writer (a unique prefix is enough).")] = None,
    owed: Annotated[bool, typer.Option("--owed", help="Only letters still to be written.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Every reference letter by writer: for what, by when, how it is sent, and its status."""
    from tracker.store.views.letters_desk import letters_block, letters_glance, writer_desk
    from tracker.store.queries.lookup import find_person

    st = state(ctx)
    with st.store.read() as session:
        if writer is None:
            rows = letters_glance(session)
        else:
            person = find_person(session, writer)
            assert person.id is not None
            rows = writer_desk(session, person.id)
    if owed:
        rows = [letter for letter in rows if letter.owed]
    if as_json:
        print_json([
            {"writer": r.writer, "opportunity": r.opportunity, "organization": r.organization,
             "deadline": r.deadline, "via": r.via, "submit_to": r.submit_to, "attachments": r.attachments,
             "status": r.status, "status_on": r.status_on, "owed": r.owed}
            for r in rows
        ])
        return
    table = []
    previous = None
    for r in rows:
        status = f"{r.status} {r.status_on:%d %b}" if r.status_on else r.status
        deadline = f"{r.deadline:%a %d %b}" if r.deadline else ""
        table.append((r.writer if r.writer_id != previous else "", r.opportunity, deadline, r.via or "?",
                      status, "owed" if r.owed else ""))
        previous = r.writer_id
    title = "Letters" if writer is None else f"Letters from {rows[0].writer if rows else writer}"
    print_table(title, ("writer", "for", "deadline", "via", "status", ""), table,
                empty="No letters yet: ask with tracker letter TITLE --writer NAME.")
    if writer is not None:
        due = [r for r in rows if r.owed]
        if due:
            typer.echo("")
            typer.echo(letters_block(due))


def register(app: typer.Typer) -> None:
    """Add `tracker letters` to the root app."""
    app.command("letters")(letters)
