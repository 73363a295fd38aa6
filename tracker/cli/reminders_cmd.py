"""`tracker remind`, `tracker snooze`, `tracker dismiss`: what is due, and what to do about it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli.context import State, state
from tracker.cli.output import console, done, print_json

Opt = typer.Option

STATUS_STYLE = {"overdue": "bold red", "today": "bold yellow", "upcoming": "cyan"}


def reminder_json(reminder: Any, today: Any) -> dict[str, Any]:
    """The JSON object of one reminder."""
    return {
        "id": reminder.id,
        "kind": reminder.kind,
        "due": reminder.due.isoformat(),
        "status": reminder.status(today),
        "message": reminder.message,
        "person": reminder.person,
        "opportunity": reminder.opportunity,
        "key": reminder.key,
    }


def show_agenda(st: State, *, within_days: int, as_json: bool) -> None:
    """Print the reminders due within `within_days`, overdue first."""
    from rich.table import Table
    from rich.text import Text

    from tracker.domain.dates import describe_due
    from tracker.store.reminders import current_reminders

    today = st.today()
    with st.store.read() as session:
        reminders = current_reminders(session, today=today, within_days=within_days, zone=st.zone)
    if as_json:
        print_json([reminder_json(r, today) for r in reminders])
        return
    if not reminders:
        console.print(f"Nothing due in the next {within_days} days. "
                      "Add people with `tracker add person`, or try `tracker demo` on an empty database.")
        return
    table = Table(title=f"Reminders for {today:%a %Y-%m-%d}", title_justify="left", header_style="bold")
    for name in ("id", "due", "kind", "what"):
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "due"))
    for r in reminders:
        status = r.status(today)
        due = Text(describe_due(r.due, today=today), style=STATUS_STYLE.get(status, ""))
        table.add_row(Text(r.id, style="dim"), due, Text(r.kind), Text(r.message))
    console.print(table)
    console.print(Text("snooze: tracker snooze ID --until WHEN · dismiss: tracker dismiss ID", style="dim"))


def remind(
    ctx: typer.Context,
    within: Annotated[str, Opt("--within", "-w", metavar="DUR", help="Look ahead this far (e.g. 3d, 2w).")] = "7d",
    as_json: Annotated[bool, Opt("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show due and upcoming reminders, overdue first."""
    from tracker.domain.dates import parse_duration

    show_agenda(state(ctx), within_days=parse_duration(within).days, as_json=as_json)


def snooze(
    ctx: typer.Context,
    reminder_id: Annotated[str, typer.Argument(metavar="ID", help="The id shown by `tracker remind`.")],
    until: Annotated[str, Opt("--until", "-u", metavar="WHEN", help="e.g. +3d, monday, 2026-12-01.")],
) -> None:
    """Hide a reminder until a later day."""
    from tracker.domain.dates import parse_date
    from tracker.store.reminders import find_reminder, snooze as store_snooze

    st = state(ctx)
    today = st.today()
    day = parse_date(until, today=today)
    with st.store.write() as session:
        reminder = find_reminder(session, reminder_id, today=today, zone=st.zone)
        store_snooze(session, reminder, until=day, today=today)
    done(f"Snoozed until {day:%a %Y-%m-%d}: {reminder.message}")


def dismiss(
    ctx: typer.Context,
    reminder_id: Annotated[str, typer.Argument(metavar="ID", help="The id shown by `tracker remind`.")],
) -> None:
    """Dismiss a reminder for good."""
    from tracker.store.reminders import dismiss as store_dismiss, find_reminder

    st = state(ctx)
    with st.store.write() as session:
        reminder = find_reminder(session, reminder_id, today=st.today(), zone=st.zone)
        store_dismiss(session, reminder)
    done(f"Dismissed: {reminder.message}")


def register(app: typer.Typer) -> None:
    """Add these commands to the root app."""
    app.command("remind")(remind)
    app.command("snooze")(snooze)
    app.command("dismiss")(dismiss)
