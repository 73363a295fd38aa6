"""`tracker list ...` and `tracker show`: what is in the database."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli.context import state
from tracker.cli.output import console, print_json, print_table

app = typer.Typer(help="List people, opportunities or the interaction log.", no_args_is_help=True)

Opt = typer.Option
SearchOpt = Annotated[str | None, Opt("--search", "-q", metavar="TEXT",
                                      help="Words, in any order, any case, any accents: of a name, title, organization...")]
JsonOpt = Annotated[bool, Opt("--json", help="Print JSON instead of a table.")]
StageOpt = Annotated[str | None, Opt("--stage", "-s", metavar="STAGE", help="Only opportunities at this stage.")]
CountryOpt = Annotated[str | None, Opt("--country", metavar="COUNTRY",
                                       help='Where the organization is: a code or a name ("KR", "South Korea").')]


def _stage(text: str | None) -> str | None:
    from tracker.domain.choices import choose
    from tracker.domain.vocab import STAGES

    return choose(text, STAGES, "stage") if text else None


@app.command("people")
def list_people(
    ctx: typer.Context,
    search: SearchOpt = None,
    role: Annotated[str | None, Opt("--role", "-r", metavar="ROLE")] = None,
    stage: StageOpt = None,
    country: CountryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """People, by name; --stage keeps those involved in an opportunity at that stage."""
    from tracker.domain.choices import choose
    from tracker.domain.vocab import ROLES
    from tracker.store.queries.listings import people_rows

    chosen = choose(role, ROLES, "role") if role else None
    with state(ctx).store.read() as session:
        rows = list(people_rows(session, search=search, role=chosen, stage=_stage(stage), country=country))
    if as_json:
        print_json(rows)
        return
    shown = ("name", "role", "organization", "lab", "email", "research_areas")
    print_table(None, shown, ([r[c] for c in shown] for r in rows), empty="No people match.")


@app.command("opportunities")
def list_opportunities(
    ctx: typer.Context,
    search: SearchOpt = None,
    stage: StageOpt = None,
    kind: Annotated[str | None, Opt("--kind", "-k", metavar="KIND", help="outreach, program, posting.")] = None,
    cycle: Annotated[str | None, Opt("--cycle", metavar="CYCLE", help="e.g. \"Summer 2027\".")] = None,
    country: CountryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Opportunities, oldest first."""
    from tracker.domain.choices import choose
    from tracker.domain.vocab import KINDS
    from tracker.store.queries.listings import opportunity_rows

    chosen_kind = choose(kind, KINDS, "kind") if kind else None
    with state(ctx).store.read() as session:
        rows = list(opportunity_rows(session, search=search, stage=_stage(stage), kind=chosen_kind, cycle=cycle,
                                     country=country))
    if as_json:
        print_json(rows)
        return
    shown = ("title", "kind", "organization", "stage", "deadline", "contact", "last_activity", "next_follow_up")
    print_table(None, shown, ([r[c] for c in shown] for r in rows), empty="No opportunities match.")


@app.command("log")
def list_log(
    ctx: typer.Context,
    search: SearchOpt = None,
    stage: StageOpt = None,
    channel: Annotated[str | None, Opt("--channel", "-c", metavar="CHANNEL")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every message and meeting, oldest first."""
    from tracker.domain.choices import choose
    from tracker.domain.vocab import CHANNELS
    from tracker.store.queries.listings import log_rows

    chosen = choose(channel, CHANNELS, "channel") if channel else None
    with state(ctx).store.read() as session:
        rows = list(log_rows(session, search=search, stage=_stage(stage), channel=chosen))
    if as_json:
        print_json(rows)
        return
    shown = ("date", "channel", "direction", "person", "organization", "opportunity", "subject", "follow_up_due")
    filtered = bool((search or "").strip() or stage or chosen)
    print_table(None, shown, ([r[c] for c in shown] for r in rows),
                empty="No message matches." if filtered else "Nothing logged yet.")


def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="The opportunity, else the person (a unique prefix is enough).")],
    person: Annotated[bool, typer.Option("--person", "-p", help="A person, even where an opportunity matches.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """An opportunity in full (fields, stage history, messages, letters, interviews, offers), or a person
    (fields, threads, messages, letters)."""
    from tracker.domain.errors import NotFound
    from tracker.store.views.details import opportunity_detail, person_detail

    st = state(ctx)
    with st.store.read() as session:
        if person:
            detail = person_detail(session, name)
        else:
            try:
                detail = opportunity_detail(session, name)
            except NotFound as no_opportunity:
                try:
                    detail = person_detail(session, name)
                except NotFound:  # (keeps the opportunities it suggests, if any)
                    raise NotFound(str(no_opportunity).replace(
                        "no opportunity named", "no opportunity or person named", 1)) from None
    if as_json:
        print_json(detail)
        return
    if "title" in detail:
        _print_opportunity(detail, st.zone)
    else:
        _print_sections(detail["name"], detail, ("threads", "log", "letters"))


def _print_opportunity(detail: dict[str, Any], zone: Any) -> None:
    from datetime import datetime

    from tracker.domain.times import in_both_zones

    # Instants in your zone and in the zone they were given in ("Fri 2026-12-04 10:30 IST (14:00 KST)"),
    # as the TUI shows them; --json keeps them in ISO 8601.
    if isinstance(detail.get("deadline"), datetime):
        detail["deadline"] = in_both_zones(detail["deadline"], detail.pop("deadline_zone", None), zone)
    detail["interviews"] = [{"when": in_both_zones(i["at"], i["zone"], zone),
                             **{k: v for k, v in i.items() if k not in ("at", "zone")}} for i in detail["interviews"]]
    _print_sections(detail["title"], detail, ("history", "log", "letters", "interviews", "offers"))


def _print_sections(heading: str, detail: dict[str, Any], sections: tuple[str, ...]) -> None:
    """The heading, the fields that have a value, then each section that has rows, as tables."""
    fields = {k: v for k, v in detail.items() if not isinstance(v, list) and v not in (None, "")}
    console.print(heading, style="bold", markup=False)
    print_table(None, ("field", "value"), fields.items(), empty="")
    for section in sections:
        items = detail[section]
        if items:
            columns = tuple(items[0].keys())
            print_table(section.capitalize(), columns, ([i[c] for c in columns] for i in items), empty="")


def register(app_: typer.Typer) -> None:
    """Add `show` to the root app."""
    app_.command("show")(show)
