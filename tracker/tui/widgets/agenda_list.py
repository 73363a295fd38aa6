"""The agenda's list: reminders grouped under "Today and overdue", "This week" and "Later".

Headings are disabled options, so the cursor skips them. Each reminder is a three-column
row (due, kind, message: `ReminderRow`) so a long message wraps under itself; overdue rows take the
theme's error colour and today's the warning colour. User text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.tui.widgets.reminder_row import ReminderRow

if TYPE_CHECKING:
    from tracker.domain.reminders import Reminder  # (the first frame does not wait for its module)

GROUP_TITLES = {"today": "Today and overdue", "week": "This week", "later": "Later"}
EMPTY_HINT = ("A message logged as sent (ctrl+p: Log email to…) gets its follow-up here; deadlines, interviews, "
              "offers and letters fall due here too.")
"""Under "Nothing due": what fills the agenda, for a student who has added people but logged nothing yet."""


def group_of(reminder: Reminder, today: date) -> str:
    """ "today" (overdue included), "week" (the next 7 days) or "later"."""
    if reminder.due <= today:
        return "today"
    return "week" if reminder.due <= today + timedelta(days=7) else "later"


def reminder_row(reminder: Reminder, today: date, style: str) -> ReminderRow:
    """One reminder as a row: due (relative), kind, message."""
    from tracker.domain.dates import describe_due

    return ReminderRow(
        Content.styled(describe_due(reminder.due, today=today), f"bold {style}" if style else ""),
        Content.styled(reminder.kind, style or "dim"),
        Content.styled(reminder.message, style),
    )


class AgendaList(OptionList):
    """Grouped reminders; `reminder` is the highlighted one."""

    DEFAULT_CSS = """
    AgendaList {
        height: 1fr;
        max-height: 100%;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._by_key: dict[str, Reminder] = {}

    @property
    def reminder(self) -> Reminder | None:
        """The highlighted reminder, if any."""
        option = self.highlighted_option
        return self._by_key.get(option.id) if option is not None and option.id else None

    def set_reminders(self, reminders: Sequence[Reminder], today: date) -> None:
        """Show `reminders` (already sorted), keeping the cursor on the same reminder, or in place."""
        previous = self.highlighted_option
        key, index = (previous.id, self.highlighted) if previous else (None, None)
        self._by_key = {r.key: r for r in reminders}
        self.set_options(self._grouped(reminders, today))
        if key is not None and key in self._by_key:
            self.highlighted = self.get_option_index(key)
            return
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if enabled:
            after = [i for i in enabled if index is None or i >= index]
            self.highlighted = after[0] if after else enabled[-1]

    def _grouped(self, reminders: Sequence[Reminder], today: date) -> list[Option | None]:
        colors = self.app.get_css_variables()
        error, warning = colors.get("text-error", "red"), colors.get("text-warning", "yellow")
        accent = colors.get("text-accent", "cyan")
        groups: dict[str, list[Reminder]] = {name: [] for name in GROUP_TITLES}
        for reminder in reminders:
            groups[group_of(reminder, today)].append(reminder)
        options: list[Option | None] = []
        for name, members in groups.items():
            if not members:
                continue
            if options:
                options.append(None)
            heading = Text(f"{GROUP_TITLES[name]} ({len(members)})", style=f"bold {accent}")
            options.append(Option(heading, id=f"group:{name}", disabled=True))
            for reminder in members:
                status = reminder.status(today)
                style = error if status == "overdue" else warning if status == "today" else ""
                options.append(Option(reminder_row(reminder, today, style), id=reminder.key))
        if not options:
            options.append(Option(Text("Nothing due in the next 30 days.", style="italic"), disabled=True))
            options.append(Option(Text(EMPTY_HINT, style="dim"), disabled=True))
        return options
