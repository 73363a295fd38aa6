"""`tracker remind`, `tracker snooze`, `tracker dismiss`: what is due, and what to do about it."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import State, state
from tracker.cli.output import done

Opt = typer.Option

def show_agenda(st: State, *, within_days: int, as_json: bool) -> None:
    """Print the reminders due within `within_days`, overdue first (`tracker.terminal.reminders`)."""
    import sys

    from tracker.terminal.reminders import print_reminders

    today = st.today()
    reminders = st.store.current_reminders(today=today, within_days=within_days, zone=st.zone, kept=True)
    print_reminders(sys.stdout, reminders, today, within_days, as_json=as_json)


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
    from tracker.store.queries.reminders import find_reminder, snooze as store_snooze

    st = state(ctx)
    today = st.today()
    day = parse_date(until, today=today, ahead=True)
    with st.store.write() as session:
        reminder = find_reminder(session, reminder_id, today=today, zone=st.zone)
        store_snooze(session, reminder, until=day, today=today)
    done(f"Snoozed until {day:%a %Y-%m-%d}: {reminder.message}")


def dismiss(
    ctx: typer.Context,
    reminder_id: Annotated[str, typer.Argument(metavar="ID", help="The id shown by `tracker remind`.")],
) -> None:
    """Dismiss a reminder for good."""
    from tracker.store.queries.reminders import dismiss as store_dismiss, find_reminder

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
