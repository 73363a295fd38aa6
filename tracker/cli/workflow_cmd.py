"""The outreach workflow: `tracker log`, `tracker move`, `tracker letter`."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import done, warn

Opt = typer.Option


def log(
    ctx: typer.Context,
    channel: Annotated[str, typer.Argument(help="email, linkedin, call, meeting, portal, note.")],
    to: Annotated[str | None, Opt("--to", metavar="NAME", help="You sent it to NAME.")] = None,
    from_: Annotated[str | None, Opt("--from", metavar="NAME", help="You received it from NAME.")] = None,
    opportunity: Annotated[str | None, Opt("--opportunity", "-o", metavar="TITLE")] = None,
    subject: Annotated[str | None, Opt("--subject", "-s", metavar="TEXT")] = None,
    paper: Annotated[str | None, Opt("--paper", metavar="TITLE", help="The paper you mentioned.")] = None,
    notes: Annotated[str | None, Opt("--notes", "-n", metavar="TEXT")] = None,
    on: Annotated[str | None, Opt("--on", metavar="WHEN", help="When (default today): yesterday, Aug 3, 3 days ago.")] = None,
    follow_up_in: Annotated[
        str | None, Opt("--follow-up-in", metavar="DUR", help="Follow up after DUR if no answer (default: profile).")
    ] = None,
) -> None:
    """Log a message or meeting: --to NAME for one you sent, --from NAME for one you received."""
    from tracker.domain.dates import parse_date, parse_duration
    from tracker.domain.errors import InvalidInput
    from tracker.domain.vocab import channel_said
    from tracker.store.writes.records import log_interaction

    if (to is None) == (from_ is None):
        raise InvalidInput("give exactly one of --to NAME (you sent it) or --from NAME (you received it)")
    st = state(ctx)
    day = parse_date(on, today=st.today()) if on else st.today()
    interval = parse_duration(follow_up_in) if follow_up_in else None
    with st.store.write() as session:
        from tracker.cli.duplicates_cmd import recent_contact_lines

        recent = recent_contact_lines(session, channel=channel, person=to, today=st.today()) if to else []
        interaction = log_interaction(
            session, channel=channel, direction="sent" if to else "received", person=to or from_ or "",
            on=day, opportunity=opportunity, subject=subject, paper=paper, notes=notes, follow_up_in=interval,
        )
        from tracker.store.models import Opportunity, Person

        person = session.get(Person, interaction.person_id)
        opp = session.get(Opportunity, interaction.opportunity_id) if interaction.opportunity_id else None
        arrow = "to" if interaction.direction == "sent" else "from"
        text = f"Logged {channel_said(interaction.channel)} {arrow} {person.name if person else '?'} on {day:%a %Y-%m-%d}"
        if opp:
            text += f" about \"{opp.title}\" (now {opp.stage})"
        if interaction.follow_up_on:
            text += f"; follow up on {interaction.follow_up_on:%a %Y-%m-%d} if no answer"
    done(text)
    for line in recent:  # the duplicate guard: sent already, so only said
        warn(line)


def move(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The opportunity (a unique prefix is enough).")],
    stage: Annotated[str, typer.Argument(help="shortlisted, contacted, replied, applied, interviewing, offered, "
                                              "accepted, declined, rejected, no-response, withdrawn.")],
    on: Annotated[str | None, Opt("--on", metavar="WHEN", help="When it happened (default today).")] = None,
) -> None:
    """Move an opportunity to another stage; the change is kept in its history."""
    from tracker.domain.dates import parse_date
    from tracker.store.queries.lookup import find_opportunity
    from tracker.store.writes.records import record_stage

    st = state(ctx)
    day = parse_date(on, today=st.today()) if on else st.today()
    with st.store.write() as session:
        opp = find_opportunity(session, title)
        before = opp.stage
        change = record_stage(session, opp, stage, on=day)
        name, after = opp.title, opp.stage
    if change is None:
        done(f"\"{name}\" is already {after}")
    else:
        done(f"\"{name}\": {before} → {after} on {day:%a %Y-%m-%d}")


def letter(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The opportunity the letter is for.")],
    writer: Annotated[str, Opt("--writer", "-w", metavar="NAME", help="The letter writer, a person already added.")],
    status: Annotated[
        str | None, Opt("--status", "-s", metavar="STATUS", help="not-asked, alerted, agreed, requested, submitted, thanked.")
    ] = None,
    on: Annotated[str | None, Opt("--on", metavar="WHEN", help="When the status changed (default today).")] = None,
    notes: Annotated[str | None, Opt("--notes", metavar="TEXT")] = None,
    via: Annotated[str | None, Opt("--via", metavar="HOW", help="portal or email: how the letter is submitted.")] = None,
    submit_to: Annotated[
        str | None, Opt("--submit-to", metavar="WHERE", help="The portal's address, or the e-mail the letter goes to.")
    ] = None,
    attach: Annotated[
        str | None, Opt("--attach", metavar="TEXT", help='What you send the writer: "CV, transcript, summary".')
    ] = None,
) -> None:
    """Add a reference-letter request, or record its status, how it is submitted and what you send."""
    from tracker.domain.dates import parse_date
    from tracker.store.models import Opportunity, Person
    from tracker.store.writes.records import set_letter

    st = state(ctx)
    day = parse_date(on, today=st.today()) if on else st.today()
    with st.store.write() as session:
        request, created = set_letter(
            session, opportunity=title, writer=writer, status=status, on=day, notes=notes,
            via=via, submit_to=submit_to, attachments=attach,
        )
        person = session.get(Person, request.writer_id)
        opp = session.get(Opportunity, request.opportunity_id)
        text = (f"{'Added' if created else 'Updated'} letter from {person.name if person else '?'} "
                f"for \"{opp.title if opp else '?'}\": {request.status}")
    done(text)


def register(app: typer.Typer) -> None:
    """Add these commands to the root app."""
    app.command("log")(log)
    app.command("move")(move)
    app.command("letter")(letter)
