"""Small Rich `Text` builders shared by the tables and detail screens.

Everything shown from the database goes through `Text` (never markup), so a title
such as "[bold]Lab" is shown as typed.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from rich.text import Text

from tracker.domain.vocab import CLOSED_STAGES

STAGE_STYLES: dict[str, str] = {
    "shortlisted": "",
    "contacted": "cyan",
    "replied": "bold cyan",
    "applied": "blue",
    "interviewing": "bold magenta",
    "offered": "bold green",
    "accepted": "bold green reverse",
}
LETTER_STYLES: dict[str, str] = {
    "not-asked": "yellow",
    "alerted": "cyan",
    "agreed": "cyan",
    "requested": "blue",
    "submitted": "green",
    "thanked": "dim green",
}
EMPTY = "—"


def plain(value: object, style: str = "") -> Text:
    """`value` as literal text (a dash for nothing)."""
    if value is None or value == "":
        return Text(EMPTY, style="dim")
    return Text(str(value), style=style)


def stage_style(stage: str) -> str:
    """A stage's colour: by where it is in the pipeline (closed stages dimmed)."""
    return "dim" if stage in CLOSED_STAGES and stage != "accepted" else STAGE_STYLES.get(stage, "")


def stage_text(stage: str) -> Text:
    """A stage, coloured by where it is in the pipeline (closed stages dimmed)."""
    return Text(stage, style=stage_style(stage))


def letter_text(status: str) -> Text:
    """A letter status, coloured."""
    return Text(status, style=LETTER_STYLES.get(status, ""))


def day_text(day: date | None) -> Text:
    """A calendar day, ISO."""
    return plain(day.isoformat() if day else None)


def due_style(due: date, today: date) -> str:
    """Red when past, yellow within a week, plain after."""
    days = (due - today).days
    if days < 0:
        return "bold red"
    if days <= 7:
        return "yellow"
    return ""


def due_text(due: date | None, today: date, *, relative: bool = True) -> Text:
    """A due day with a countdown ("2026-12-02 · in 10 days"), coloured by urgency."""
    if due is None:
        return plain(None)
    from tracker.domain.dates import describe_due

    label = f"{due.isoformat()} · {describe_due(due, today=today)}" if relative else due.isoformat()
    return Text(label, style=due_style(due, today))


def instant_text(at: datetime, zone_name: str | None, user_zone: tzinfo) -> str:
    """An instant in the user's zone, and in its own zone when that differs: "2026-11-23 10:30 IST (14:00 KST)"."""
    from tracker.domain.times import in_both_zones

    return in_both_zones(at, zone_name, user_zone, weekday=False)


def money(amount: float | None, currency: str | None) -> str:
    """A stipend: "1,500,000 KRW", "2,000 SGD"."""
    if amount is None:
        return EMPTY
    number = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{number} {currency}" if currency else number
