"""`tracker draft`: an e-mail or LinkedIn draft filled from the records, and what to do with it.

    tracker draft TEMPLATE PERSON [-o TITLE] [--paper TITLE] [--edit] [--copy] [--mailto [--open]] [--log] [--json]
    tracker draft templates [--init] [--json]
    tracker draft edit-template NAME

`tracker draft cold-email kim` is short for `tracker draft write cold-email kim`: a first
word that is not one of the group's commands is a template's name. The draft goes to
standard output; warnings, and what was copied, opened or logged, to standard error.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.text import Text
from typer.core import TyperGroup

from tracker.cli.context import state
from tracker.cli.output import console, err_console, print_json, print_table, warn
from tracker.domain.sanitize import visible

Opt = typer.Option

FIXES: dict[str, str] = {
    "paper": "no paper on record that you mentioned to {name}; give --paper TITLE",
    "opportunity": "no opportunity found for {name}; give --opportunity TITLE",
    "deadline": "the opportunity has no deadline; add one, or give --opportunity TITLE",
    "interview_date": "no interview with {name} has taken place yet",
    "offer_respond_by": "the offer has no answer-by date (tracker add offer ... --respond-by)",
    "last_date": "you have not written to {name} yet",
    "days_since": "you have not written to {name} yet",
    "letters": "{name} owes you no letter (tracker letter TITLE --writer NAME)",
    "accepted": "you have not accepted an offer yet (tracker move TITLE accepted)",
    "my_name": "your name is not in the profile; set it with tracker profile --name NAME",
    "my_institution": "your institution is not in the profile; set it with tracker profile --institution NAME",
    "my_gpa": "your GPA is not in the profile; set it with tracker profile --gpa 7.1/10",
}
"""What to do when a placeholder has no value, by placeholder."""


class DraftGroup(TyperGroup):
    """`draft TEMPLATE PERSON` runs `draft write`; `draft templates` and `draft edit-template` are commands."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["write", *args]
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=DraftGroup,
    no_args_is_help=True,
    help="Drafts from templates: tracker draft TEMPLATE PERSON, tracker draft templates.",
)


def _templates() -> Any:
    from tracker.io.templates import load_templates

    loaded = load_templates()
    for problem in loaded.problems:
        warn(f"template left out: {problem}")
    return loaded


def _missing_message(err: Any, name: str) -> str:
    fixes = [f"{{{n}}}: " + FIXES.get(n, "nothing on record fills it").format(name=name) for n in err.names]
    return f"the {err.template} draft for {name} cannot be filled: " + "; ".join(fixes)


def _audience_note(template: Any, name: str, role: str) -> str:
    words = ", ".join(template.audience)
    return f"the {template.name} template is for: {words}; {name} ({role}) is none of these"


@app.command("write")
def write(
    ctx: typer.Context,
    template: Annotated[str, typer.Argument(metavar="TEMPLATE", help="cold-email, linkedin-note, follow-up, thank-you, decline-offer, "
                                                 "letter-writer, thank-writer, writer-news, or one of yours "
                                                 "(tracker draft templates).")],
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Who it is for (a unique prefix or word of the name, or the e-mail).")],
    opportunity: Annotated[str | None, Opt("--opportunity", "-o", metavar="TITLE",
                                           help="What it is about (default: from the template and the records).")] = None,
    paper: Annotated[str | None, Opt("--paper", metavar="TITLE",
                                     help="The paper to name (default: the last one you mentioned to them).")] = None,
    edit: Annotated[bool, Opt("--edit", "-e", help="Edit the draft in $VISUAL / $EDITOR first.")] = False,
    copy: Annotated[bool, Opt("--copy", "-c", help="Copy the body to the clipboard (OSC 52, through the terminal).")] = False,
    mailto: Annotated[bool, Opt("--mailto", help="Print a mailto: link instead of the draft.")] = False,
    open_: Annotated[bool, Opt("--open", help="Open the mailto: link in your mail program.")] = False,
    log: Annotated[bool, Opt("--log", "--sent", help="Log it as sent today (the follow-up clock starts).")] = False,
    as_json: Annotated[bool, Opt("--json", help="The draft, link and what was logged as JSON.")] = False,
) -> None:
    """Write a draft for PERSON from TEMPLATE, filled from the records."""
    from tracker.domain.draft_values import draft_values
    from tracker.domain.drafts import (
        MissingValue,
        applies,
        draft_warnings,
        mailto_url,
        parse_draft,
        render,
    )
    from tracker.domain.errors import InvalidInput
    from tracker.store.views.draft_context import contact_warnings, draft_facts, person_facts
    from tracker.store.queries.lookup import find_opportunity, find_person

    chosen = _templates().get(template)
    st = state(ctx)
    today, now = st.today(), st.now()
    with st.store.read() as session:
        who = find_person(session, person)
        opp = find_opportunity(session, opportunity) if opportunity else None
        facts, opp = draft_facts(session, who, template=chosen, today=today, now=now, opportunity=opp, paper=paper)
        fits = applies(chosen, person_facts(session, who, now=now))
        cautions = contact_warnings(session, who.id or 0, today=today)
        person_id, opp_id = who.id, opp.id if opp else None
        name, role, email = who.name, who.role, who.email
    try:
        draft = render(chosen, draft_values(facts))
    except MissingValue as err:
        raise InvalidInput(_missing_message(err, name)) from None
    wants_mail = mailto or open_
    if wants_mail and draft.channel != "email":
        raise InvalidInput(f"the {chosen.name} draft goes by {draft.channel}, not e-mail; leave out --mailto/--open")
    if wants_mail and not email:
        raise InvalidInput(f"{name} has no e-mail address on record; add it on their page in the TUI (e to edit) "
                           "or leave out --mailto/--open")
    if not fits:
        warn(_audience_note(chosen, name, role))
    for caution in cautions:
        warn(caution)
    subject, body = draft.subject, draft.body
    if edit:
        from tracker.cli.handoff import edit_text

        subject, body = parse_draft(edit_text(draft.text(), name=f"{chosen.name}.txt"))
        if not body.strip():
            raise InvalidInput("the draft is empty after editing; nothing was copied, opened or logged")
    for problem in draft_warnings(chosen, body):
        warn(problem)
    url = mailto_url(email, subject, body) if email and draft.channel == "email" else None
    if not as_json:
        text = body if subject is None else f"Subject: {subject}\n\n{body}"
        sys.stdout.write(url + "\n" if mailto and url else visible(text).rstrip("\n") + "\n")
        sys.stdout.flush()
    if copy:
        from tracker.cli.handoff import copy_to_clipboard

        copy_to_clipboard(body)
        _status(f"Copied the body ({len(body)} characters) to the clipboard")
    if open_ and url:
        from tracker.cli.handoff import open_url

        if open_url(url):
            _status(f"Opened the e-mail to {email} in your mail program")
        else:
            warn("no mail program took the mailto: link; copy it with --mailto")
    logged = _log(st, person_id, opp_id, draft.channel, subject, facts.paper if "paper" in chosen.placeholders() else None,
                  today) if log else None
    if as_json:
        print_json({
            "template": chosen.name, "origin": chosen.origin, "person": name, "email": email,
            "opportunity": facts.opportunity, "channel": draft.channel, "subject": subject, "body": body,
            "mailto": url, "warnings": [*cautions, *draft_warnings(chosen, body)], "logged": logged,
        })


def _status(message: str) -> None:
    err_console.print(Text("✓ ", style="green") + Text(visible(message)))


def _log(st: Any, person_id: int | None, opp_id: int | None, channel: str, subject: str | None,
         paper: str | None, today: Any) -> dict[str, Any]:
    """Log the draft as sent today, in one transaction; say when to follow up."""
    from tracker.store.models import Opportunity
    from tracker.store.views.draft_context import log_draft

    with st.store.write() as session:
        interaction, text = log_draft(session, person_id=person_id or 0, opportunity_id=opp_id, channel=channel,
                                      subject=subject, paper=paper, on=today)
        linked = session.get(Opportunity, interaction.opportunity_id) if interaction.opportunity_id else None
        result = {"id": interaction.id, "on": interaction.on, "channel": channel,
                  "opportunity": linked.title if linked else None, "follow_up_on": interaction.follow_up_on}
    _status(text)
    return result


@app.command("templates")
def templates(
    init: Annotated[bool, Opt("--init", help="Copy the built-in templates to your config folder to edit them "
                                             "(a file already there is kept).")] = False,
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """List the draft templates: name, built-in or yours, who it is for, the placeholders it uses."""
    from tracker.io.templates import init_user_templates, user_dir

    if init:
        for path, written in init_user_templates():
            if written:
                _status(f"Wrote {path}")
            else:
                warn(f"kept {path} (it exists)")
    loaded = _templates()
    rows = [(t.name, t.origin, t.channel, ", ".join(t.audience) or "anyone",
             " ".join("{" + p + "}" for p in t.placeholders())) for t in loaded.templates]
    if as_json:
        print_json([{"name": t.name, "origin": t.origin, "path": t.path, "channel": t.channel,
                     "for": list(t.audience), "placeholders": list(t.placeholders())} for t in loaded.templates])
        return
    print_table(None, ("name", "from", "channel", "for", "placeholders"), rows, empty="No templates.")
    console.print(Text(f"Your templates: {user_dir()} (a file named like a built-in one replaces it)", style="dim"))


@app.command("edit-template")
def edit_template(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A template's name; a new name makes a new template.")],
) -> None:
    """Open your copy of a template in $EDITOR (copied from the built-in one first), then check it."""
    from tracker.cli.handoff import editor_command, run_editor
    from tracker.io.templates import load_templates, user_copy

    command = editor_command()
    path, created = user_copy(name)
    if created:
        _status(f"Wrote {path}")
    run_editor(command, path)
    loaded = load_templates()
    for problem in loaded.problems:
        if str(path) in problem:
            warn(f"{problem} (the file is kept; edit it again to fix it)")
            raise typer.Exit(2)
    _status(f"{path.name} is ready: tracker draft {path.stem} PERSON")


def register(root: typer.Typer) -> None:
    """Add `tracker draft` to the root app."""
    root.add_typer(app, name="draft")
