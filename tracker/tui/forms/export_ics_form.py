"""Export calendar: where to write the iCalendar file (`ExportDialog`).

The file holds the deadlines, interviews, offers to answer and due follow-ups (see
`tracker.store.views.calendar_view`), the same as `tracker export ics -o FILE`.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from tracker.tui.forms.export_dialog import ExportDialog, Writer

DEFAULT_PATH = "~/tracker.ics"
HINT = "Deadlines, interviews, offers to answer, follow-ups. Import it into Google Calendar, Apple Calendar or khal."


def write_ics(store: Any, path: Path, *, today: date, now: datetime, zone: tzinfo) -> int:
    """Write the calendar to `path` (private, through a temporary file and a rename); the number of events."""
    from tracker.io.ics import calendar_text
    from tracker.system.private_files import replace_atomically
    from tracker.store.views.calendar_view import calendar_events

    with store.read() as session:
        events = calendar_events(session, today=today, zone=zone)
    text = calendar_text(events, now=now)
    with replace_atomically(path) as handle:
        handle.write(text)
    return len(events)


class ExportIcsForm(ExportDialog):
    """Pick a path, then write the calendar there."""

    PREFIX = "ics"
    HEADING = "Export calendar (.ics)"
    HINT = HINT
    PLACEHOLDER = "path of the .ics file"
    EXAMPLE = "tracker.ics"
    NOUN = ("event", "events")

    def __init__(self, path: str = DEFAULT_PATH) -> None:
        super().__init__(path)

    def writer(self) -> Writer:
        app: Any = self.app
        today, now, zone = app.today(), app.now(), app.zone
        return lambda store, path: write_ics(store, path, today=today, now=now, zone=zone)
