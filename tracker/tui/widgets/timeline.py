"""Timeline: messages, meetings and interviews in date order, one entry per line or three.

Each entry shows its day, an arrow (→ sent, ← received, ◆ interview), a headline
and, dimmed under it, the subject, notes and follow-up day. Everything typed by the
user is shown as literal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

WHEN_WIDTH = 14
"""Cells of the day column at most ("Fri 2026-12-04")."""

MARKERS: dict[str, tuple[str, str]] = {
    "sent": ("→", "cyan"),
    "received": ("←", "bold green"),
    "interview": ("◆", "bold magenta"),
    "note": ("·", "dim"),
}


@dataclass(frozen=True)
class TimelineEvent:
    """One entry of a timeline."""

    on: date
    kind: str
    """"sent", "received", "interview" or "note": chooses the marker."""
    headline: str
    lines: tuple[str, ...] = ()
    """Further lines shown dimmed under the headline (subject, notes...)."""
    when: str | None = None
    """What to show instead of the day (an interview's time)."""


class Timeline(Static):
    """A list of dated events, oldest first, the upcoming ones highlighted."""

    DEFAULT_CSS = """
    Timeline {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, empty: str = "Nothing logged yet.", hint: str | None = None, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.empty = empty
        """What it says with no events."""
        self.hint = hint
        """What to press to log one, said after `empty` where the app writes (`TrackerApp.writable`)."""
        self.events: list[TimelineEvent] = []
        """The events shown."""

    def set_events(self, events: Sequence[TimelineEvent], *, today: date) -> None:
        """Show `events` (sorted by day here), those after `today` marked as upcoming."""
        self.events = sorted(events, key=lambda e: e.on)
        self.update(self._build(today))

    def _build(self, today: date) -> RenderableType:
        if not self.events:
            if self.hint and getattr(self.app, "writable", True):
                return Text(f"{self.empty.rstrip('.')}: {self.hint}", style="dim italic")
            return Text(self.empty, style="dim italic")
        grid = Table.grid(padding=(0, 1), expand=True)
        # The day column is as wide as a date plus a weekday at most: a long zoned time
        # ("Fri 2026-12-04 10:30 IST (14:00 KST)") wraps within it instead of squeezing the text.
        grid.add_column(min_width=10, max_width=WHEN_WIDTH, overflow="fold")
        grid.add_column(no_wrap=True, width=1)
        grid.add_column(ratio=1)
        for event in self.events:
            marker, style = MARKERS.get(event.kind, MARKERS["note"])
            upcoming = event.on > today
            day = Text(event.when or event.on.isoformat(), style="bold yellow" if upcoming else "dim")
            body = Text(event.headline, style="bold" if upcoming else "")
            for line in event.lines:
                body.append("\n")
                body.append(line, style="dim")
            grid.add_row(day, Text(marker, style=style), body)
        return grid
