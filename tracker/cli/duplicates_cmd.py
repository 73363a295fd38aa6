"""The duplicate guard on the command line.

- `tracker add person` / `tracker add opportunity` call `refuse_similar_person` /
  `refuse_similar_opportunity` before writing: a close name refuses the command (exit 2,
  nothing written) unless `--force` is given.
- `tracker log email|linkedin --to NAME` calls `recent_contact_lines` before logging and prints
  what it found as warnings after: the message was sent already, so nothing is refused.
- `tracker duplicates` lists the likely duplicates already in the database.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, print_json, print_table

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.store.queries.duplicates import Match

Opt = typer.Option

SHOWN = 3
"""At most this many matches are named in a refusal."""


def _refuse(typed: str, matches: list[Match], *, one: str, many: str) -> None:
    from tracker.domain.errors import InvalidInput
    from tracker.store.queries.duplicates import describe_matches

    if not matches or any(m.exact for m in matches):
        return  # none, or the store's own check refuses it with its own message
    what = one if len(matches) == 1 else f"one of the {many}"
    raise InvalidInput(
        f'"{" ".join(typed.split())}" looks like {what} you already have: '
        f"{describe_matches(matches, limit=SHOWN)}. Nothing was added; if it is not a duplicate, "
        "run the command again with --force"
    )


def refuse_similar_person(session: Session, name: str, organization: str | None) -> None:
    """Raise InvalidInput naming the people whose name is close to `name` (nothing to do if none)."""
    from tracker.store.queries.duplicates import similar_people

    _refuse(name, similar_people(session, name, organization=organization), one="a person", many="people")


def refuse_similar_opportunity(
    session: Session, title: str, organization: str | None, *, cycle: str | None = None, contact: str | None = None
) -> None:
    """Raise InvalidInput naming the opportunities whose title is close to `title`."""
    from tracker.store.queries.duplicates import similar_opportunities

    matches = similar_opportunities(session, title, organization=organization, cycle=cycle, contact=contact)
    _refuse(title, matches, one="an opportunity", many="opportunities")


def recent_contact_lines(session: Session, *, channel: str, person: str, today: date) -> list[str]:
    """Before logging a message sent to `person`: what was sent to them or their lab recently.

    Only e-mails and LinkedIn messages count; a name that does not resolve gives nothing
    here (logging reports it).
    """
    from tracker.domain.choices import choose
    from tracker.domain.vocab import CHANNELS
    from tracker.domain.errors import TrackerError
    from tracker.store.queries.duplicates import CHANNELS_WATCHED, recent_contact_warnings
    from tracker.store.queries.lookup import find_person

    try:
        if choose(channel, CHANNELS, "channel") not in CHANNELS_WATCHED:
            return []
        who = find_person(session, person)
    except TrackerError:
        return []
    assert who.id is not None
    return recent_contact_warnings(session, who.id, today=today)


def duplicates(
    ctx: typer.Context,
    as_json: Annotated[bool, Opt("--json", help="Print the pairs as JSON.")] = False,
) -> None:
    """List people and opportunities that are probably entered twice (close names or titles)."""
    from tracker.store.queries.duplicate_pairs import duplicate_pairs

    st = state(ctx)
    with st.store.read() as session:
        report = duplicate_pairs(session)
    if as_json:
        print_json(report.as_dict())
        return
    for title, pairs in (("People", report.people), ("Opportunities", report.opportunities)):
        if pairs:
            print_table(
                f"{title}: {len(pairs)} likely duplicate{'s' if len(pairs) != 1 else ''}",
                ("this", "is probably the same as", "why"),
                ((str(p.first), str(p.second), p.reason) for p in pairs),
                empty="",
            )
    if not report.people and not report.opportunities:
        console.print(
            f"No likely duplicates among {report.people_checked} people and "
            f"{report.opportunities_checked} opportunities."
        )
    else:
        console.print(
            "Keep one of each pair: copy what the other holds into it (TUI: e edits), then remove the other "
            "with `tracker delete person NAME` or `tracker delete opportunity TITLE` (its messages go with it; "
            "`tracker undo` brings it back)."
        )


def register(app: typer.Typer) -> None:
    """Add `tracker duplicates` to the root app."""
    app.command("duplicates")(duplicates)
