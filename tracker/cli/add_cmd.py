"""`tracker add ...`: people, organizations, opportunities, interviews, offers, reminders."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import done, warn
from tracker.domain.zones import zone_name

app = typer.Typer(help="Add a person, an organization, an opportunity, an interview, an offer or a reminder.",
                  no_args_is_help=True)

Opt = typer.Option


@app.command("person")
def add_person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name, e.g. \"Prof. Kim Minsoo\".")],
    role: Annotated[str, Opt("--role", "-r", metavar="ROLE", help="professor, phd-student, postdoc, researcher, recruiter, writer.")],
    org: Annotated[str | None, Opt("--org", "-o", metavar="ORG", help="University, company lab or program host.")] = None,
    lab: Annotated[str | None, Opt("--lab", metavar="LAB", help="Lab or group, e.g. \"Computer Vision Lab\".")] = None,
    email: Annotated[str | None, Opt("--email", metavar="EMAIL")] = None,
    linkedin: Annotated[str | None, Opt("--linkedin", metavar="URL")] = None,
    homepage: Annotated[str | None, Opt("--homepage", metavar="URL")] = None,
    areas: Annotated[str | None, Opt("--areas", metavar="TEXT", help="Research areas, comma separated.")] = None,
    met: Annotated[str | None, Opt("--met", metavar="TEXT", help="How you met, e.g. \"LinkedIn, Aug 2026\".")] = None,
    keep_in_touch: Annotated[
        str | None, Opt("--keep-in-touch", metavar="DUR", help="Remind to keep in touch every DUR, e.g. 60d, 8w.")
    ] = None,
    notes: Annotated[str | None, Opt("--notes", metavar="TEXT")] = None,
    force: Annotated[bool, Opt("--force", help="Add even if someone with a close name is already there.")] = False,
) -> None:
    """Add a professor, PhD student, postdoc, researcher, recruiter or letter writer."""
    from tracker.cli.duplicates_cmd import refuse_similar_person
    from tracker.domain.dates import parse_duration
    from tracker.store.writes.records import add_person as store_add

    days = parse_duration(keep_in_touch).days if keep_in_touch else None
    st = state(ctx)
    with st.store.write() as session:
        if not force:
            refuse_similar_person(session, name, org)
        person = store_add(
            session, name=name, role=role, organization=org, lab=lab, email=email, linkedin=linkedin,
            homepage=homepage, research_areas=areas, how_met=met, keep_in_touch_days=days, notes=notes,
            added_on=st.today(),
        )
        label = f"{person.name} ({person.role})"
    done(f"Added {label}")


@app.command("organization")
@app.command("org", hidden=True)
def add_organization(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="University, company lab or program host, e.g. \"GIST\".")],
    country: Annotated[str | None, Opt("--country", metavar="C", help="e.g. \"South Korea\" (\"\" clears it).")] = None,
    city: Annotated[str | None, Opt("--city", metavar="CITY", help="e.g. \"Gwangju\".")] = None,
    website: Annotated[str | None, Opt("--website", metavar="URL")] = None,
    notes: Annotated[str | None, Opt("--notes", metavar="TEXT")] = None,
) -> None:
    """Add an organization, or set the country, city, website or notes of one already there."""
    from tracker.store.writes.organizations import FIELDS, organization_values, save_organization

    st = state(ctx)
    with st.store.write() as session:
        saved, added = save_organization(session, name=name, country=country, city=city, website=website,
                                         notes=notes)
        values = organization_values(session, saved) or {}
    details = ", ".join(f"{field} {values[field]}" for field in FIELDS if field != "notes" and values.get(field))
    done(f"{'Added' if added else 'Saved'} {saved}" + (f": {details}" if details else ""))


@app.command("opportunity")
def add_opportunity(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="A short unique title, e.g. \"GIST CV Lab summer\".")],
    kind: Annotated[str, Opt("--kind", "-k", metavar="KIND", help="outreach (a lab), program, or posting.")],
    org: Annotated[str | None, Opt("--org", "-o", metavar="ORG", help="Organization (created if new).")] = None,
    lab: Annotated[str | None, Opt("--lab", metavar="LAB")] = None,
    contact: Annotated[str | None, Opt("--contact", "-c", metavar="NAME", help="Main contact, a person already added.")] = None,
    deadline: Annotated[
        str | None, Opt("--deadline", "-d", metavar="WHEN", help="e.g. 2026-12-15, \"Jan 10 23:59 EST\", +3w.")
    ] = None,
    letters: Annotated[int, Opt("--letters", help="Reference letters required.")] = 0,
    min_gpa: Annotated[str | None, Opt("--min-gpa", metavar="X", help="GPA cut-off, e.g. 8/10 or 3.0/4.")] = None,
    cycle: Annotated[str | None, Opt("--cycle", metavar="CYCLE", help="e.g. \"Summer 2027\".")] = None,
    url: Annotated[str | None, Opt("--url", metavar="URL")] = None,
    stage: Annotated[str, Opt("--stage", "-s", metavar="STAGE", help="Starting stage.")] = "shortlisted",
    notes: Annotated[str | None, Opt("--notes", metavar="TEXT")] = None,
    force: Annotated[bool, Opt("--force", help="Add even if one with a close title is already there.")] = False,
) -> None:
    """Add a lab to reach out to, a structured program, or an industry posting."""
    from tracker.cli.duplicates_cmd import refuse_similar_opportunity
    from tracker.domain.dates import parse_when, zone_label
    from tracker.domain.gpa import Gpa, eligibility_warning, parse_gpa
    from tracker.store.writes.records import add_opportunity as store_add, get_profile

    st = state(ctx)
    when = parse_when(deadline, now=st.now(), default_tz=st.zone, ahead=True) if deadline else None
    tz = zone_name(when) if isinstance(when, datetime) else None
    cutoff: Gpa | None = parse_gpa(min_gpa) if min_gpa else None
    with st.store.write() as session:
        if not force:
            refuse_similar_opportunity(session, title, org, cycle=cycle, contact=contact)
        opp = store_add(
            session, title=title, kind=kind, organization=org, lab=lab, contact=contact, deadline=when,
            deadline_tz=tz, letters_required=letters, min_gpa=str(cutoff) if cutoff else None, cycle=cycle,
            url=url, stage=stage, notes=notes, on=st.today(),
        )
        profile_gpa = get_profile(session).gpa
        summary = f"Added {opp.kind} \"{opp.title}\" ({opp.stage})"
    if isinstance(when, datetime):
        summary += f", deadline {when:%a %Y-%m-%d %H:%M} {zone_label(when)}"
    elif when is not None:
        summary += f", deadline {when:%a %Y-%m-%d}"
    done(summary)
    if cutoff is not None and profile_gpa:
        message = eligibility_warning(parse_gpa(profile_gpa), cutoff, what=title)
        if message:
            warn(message)


@app.command("interview")
def add_interview(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The opportunity.")],
    at: Annotated[str, Opt("--at", metavar="WHEN", help="Date and time with zone: \"2026-12-01 14:00 KST\".")],
    format: Annotated[
        str | None, Opt("--format", "-f", metavar="TEXT", help="e.g. \"present your work\", \"paper critique\", \"ML basics\".")
    ] = None,
    with_: Annotated[str | None, Opt("--with", "-w", metavar="NAME", help="Interviewer, a person already added.")] = None,
    notes: Annotated[str | None, Opt("--notes", metavar="TEXT", help="Preparation notes.")] = None,
    outcome: Annotated[str | None, Opt("--outcome", metavar="TEXT", help="How it went (logged afterwards).")] = None,
) -> None:
    """Add an interview; its time keeps the zone it was arranged in."""
    from tracker.domain.dates import parse_datetime, zone_label
    from tracker.store.writes.edits import opportunity_stage
    from tracker.store.writes.records import add_interview as store_add
    from tracker.store.writes.records import reopened

    st = state(ctx)
    moment = parse_datetime(at, now=st.now(), default_tz=st.zone, ahead=True)
    with st.store.write() as session:
        stored, stage = opportunity_stage(session, title)
        store_add(session, opportunity=title, at=moment, tz=zone_name(moment), format=format,
                  with_person=with_, notes=notes, outcome=outcome, today=st.today())
    local = moment.astimezone(st.zone)
    text = f"Interview for \"{stored}\" on {moment:%a %Y-%m-%d %H:%M} {zone_label(moment)}"  # as stored, not typed
    if local.utcoffset() != moment.utcoffset():
        text += f" ({local:%H:%M} {zone_label(local)} your time)"
    done(text + reopened(stage))


@app.command("offer")
def add_offer(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The opportunity.")],
    respond_by: Annotated[str | None, Opt("--respond-by", metavar="WHEN")] = None,
    stipend: Annotated[float | None, Opt("--stipend", metavar="AMOUNT", help="Per month.")] = None,
    currency: Annotated[str | None, Opt("--currency", metavar="C", help="e.g. SGD, USD, KRW, INR.")] = None,
    start: Annotated[str | None, Opt("--start", metavar="WHEN")] = None,
    end: Annotated[str | None, Opt("--end", metavar="WHEN")] = None,
    received: Annotated[str | None, Opt("--on", metavar="WHEN", help="When it arrived (default today).")] = None,
) -> None:
    """Record an offer; the opportunity moves to "offered"."""
    from tracker.domain.dates import parse_date
    from tracker.store.writes.edits import opportunity_stage
    from tracker.store.writes.records import add_offer as store_add

    st = state(ctx)
    today = st.today()

    def day(text: str | None, *, ahead: bool = True) -> object:  # ahead: "Jan 15" is the next one
        return parse_date(text, today=today, ahead=ahead) if text else None

    with st.store.write() as session:
        offer = store_add(
            session, opportunity=title, received_on=day(received, ahead=False) or today,  # type: ignore[arg-type]
            respond_by=day(respond_by), stipend=stipend, currency=currency, start=day(start),  # type: ignore[arg-type]
            end=day(end),  # type: ignore[arg-type]
        )
        by = f", respond by {offer.respond_by}" if offer.respond_by else ""
        stored, stage = opportunity_stage(session, f"#{offer.opportunity_id}")
    # the title as stored, not as typed ("itu"), and where the opportunity stands now
    done(f"Offer for \"{stored}\" recorded{by} ({'now offered' if stage == 'offered' else f'it stays {stage}'})")


@app.command("reminder")
def add_reminder(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to do.")],
    on: Annotated[str, Opt("--on", metavar="WHEN", help="When it is due, e.g. friday, +3d, 2026-12-01.")],
    person: Annotated[str | None, Opt("--person", "-p", metavar="NAME")] = None,
    opportunity: Annotated[str | None, Opt("--opportunity", metavar="TITLE")] = None,
) -> None:
    """Add a reminder by hand."""
    from tracker.domain.dates import parse_date
    from tracker.store.queries.reminders import add_manual

    st = state(ctx)
    due = parse_date(on, today=st.today(), ahead=True)
    with st.store.write() as session:
        add_manual(session, text=text, due=due, person=person, opportunity=opportunity)
    done(f"Reminder set for {due:%a %Y-%m-%d}: {text}")
