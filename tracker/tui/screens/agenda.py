"""The Agenda: every reminder due within 30 days, grouped, each actionable with one key.

Groups: today (overdue included), this week (the next 7 days), later. `enter` opens the
thread; `f` / `r` log a follow-up sent / a reply received today at once; `s` snoozes;
`x` dismisses; `n` marks a cold thread's opportunity as no-response. An empty database
shows a short guide instead, with the demo data one key away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Header, OptionList, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.tui.screens.base import DataScreen
from tracker.tui.widgets.agenda_list import AgendaList
from tracker.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from tracker.domain.reminders import Reminder  # (the first frame does not wait for its module)
    from tracker.store import Store

WITHIN_DAYS = 30
"""How far ahead the agenda looks."""
MAX_ROWS = 200
"""Reminders shown at most; the rest are counted (`tracker remind` lists them all). Each row is
laid out when the list is set, so a longer list holds the keyboard up for longer."""
FIRST_ROWS = 60
"""Reminders painted first, before the rest are computed (more than a tall terminal shows)."""


@dataclass(frozen=True)
class AgendaData:
    """What the agenda shows, as read by the worker."""

    today: date
    empty: bool
    reminders: tuple[Reminder, ...]
    total: int | None
    """How many are due in all; None while only the first screenful has been read."""


DRAFT_FOR: tuple[tuple[str, str], ...] = (
    ("decline:", "decline-offer"), ("thank-writer:", "thank-writer"), ("tell-writer:", "writer-news"),
    ("follow-up:", "follow-up"),
    ("no-response:", "follow-up"), ("letter-", "letter-writer"),
)
"""(reminder key prefix, template `m` opens on) on the agenda."""


class AgendaScreen(DataScreen):
    """Reminders of every kind, overdue first, with one-key actions."""

    TITLE = "Agenda"
    AUTO_FOCUS = "#agenda-list"

    DEFAULT_CSS = """
    AgendaScreen #agenda-title {
        padding: 0 1;
        color: $text-muted;
    }
    AgendaScreen #agenda-about {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    AgendaScreen.-empty #agenda-list, AgendaScreen.-empty #agenda-about, AgendaScreen.-empty #agenda-title {
        display: none;
    }
    AgendaScreen Welcome {
        display: none;
    }
    AgendaScreen.-empty Welcome {
        display: block;
    }
    """

    WRITES = frozenset({"follow_up", "reply", "no_response", "snooze", "dismiss", "load_demo", "sync_mail"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_thread", "Open", id="agenda.open", priority=True,
                tooltip="Open the reminder's opportunity (or person)"),
        Binding("f", "follow_up", "Followed up", id="agenda.follow_up",
                tooltip="Log a follow-up sent today, on the thread's channel"),
        Binding("r", "reply", "Got a reply", id="agenda.reply",
                tooltip="Log a reply received today from the reminder's person"),
        Binding("s", "snooze", "Snooze", id="agenda.snooze", tooltip="Hide the reminder until a later day"),
        Binding("x", "dismiss", "Dismiss", id="agenda.dismiss", tooltip="Dismiss the reminder for good"),
        Binding("n", "no_response", "No response", id="agenda.no_response",
                tooltip="Move a cold thread's opportunity to no-response"),
        Binding("m", "draft", "Draft", id="agenda.draft",
                tooltip="Draft the message the reminder asks for (a decline, a thank-you, a follow-up)"),
        Binding("d", "load_demo", "Load demo", id="agenda.load_demo",
                tooltip="Load the demo data (empty database only)"),
        Binding("ctrl+y", "sync_mail", "Sync mail", id="agenda.sync_mail", show=False,
                tooltip="Log new messages from your mail accounts (tracker mail sync)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: AgendaData | None = None
        """What is shown; None until the first load."""
        self._acted: set[str] = set()
        """Reminders acted on since the last load (a second key press must not act twice)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="agenda-title")
        yield AgendaList(id="agenda-list")
        yield Static("", id="agenda-about")
        yield Welcome()
        yield AppFooter()

    # --- data -------------------------------------------------------------------------------

    def fetch_first(self, store: Store) -> AgendaData | None:
        """The first screenful, from the follow-up threads due soonest only: painted at once."""
        if self.data is not None:
            return None  # a refresh: the rows on screen stay until the new ones are in
        today = self.app.today()  # type: ignore[attr-defined]
        if store.is_empty():
            return AgendaData(today, True, (), 0)
        found = self._reminders(store, today, first=FIRST_ROWS)
        return AgendaData(today, False, tuple(found[:FIRST_ROWS]), len(found) if len(found) < FIRST_ROWS else None)

    def fetch(self, store: Store) -> AgendaData:
        today = self.app.today()  # type: ignore[attr-defined]
        if store.is_empty():
            return AgendaData(today, True, (), 0)
        found = self._reminders(store, today)
        return AgendaData(today, False, tuple(found[:MAX_ROWS]), len(found))

    def _reminders(self, store: Store, today: date, first: int | None = None) -> list[Reminder]:
        return store.current_reminders(today=today, within_days=WITHIN_DAYS, first=first,
                                       zone=self.app.zone, give_way=self.still_wanted)  # type: ignore[attr-defined]

    def show(self, data: AgendaData) -> None:
        first_rows = self.data is None and not data.empty
        self.data = data
        if first_rows:  # the screen most often opened next reads its cards while these are read
            read_ahead = getattr(self.app, "read_ahead", None)
            if read_ahead is not None:
                from tracker.tui.read_ahead import READ_FIRST

                self.call_after_refresh(read_ahead, READ_FIRST)
        self._acted.clear()
        welcome = data.empty and not self.hides("load_demo")  # not on records read only (an adviser's)
        self.set_class(welcome, "-empty")
        listing = self.query_one("#agenda-list", AgendaList)
        if data.empty:
            listing.clear_options()
            if welcome:
                self.query_one("#load-demo", Button).focus()
            else:
                self.query_one("#agenda-title", Static).update(Text(f"{data.today:%a %d %b %Y} · nothing recorded yet"))
            self.refresh_bindings()
            return
        listing.set_reminders(data.reminders, data.today)
        shown = len(data.reminders)
        if data.total is None:
            title = f"{data.today:%a %d %b %Y} · counting the reminders within {WITHIN_DAYS} days…"
        else:
            title = (f"{data.today:%a %d %b %Y} · {data.total} reminder{'s' if data.total != 1 else ''} "
                     f"within {WITHIN_DAYS} days")
        if data.total is not None and data.total > shown:
            title += f" (first {shown} shown; `tracker remind --within 30d` lists all)"
        self.query_one("#agenda-title", Static).update(Text(title))
        if self.focused is None or not self.focused.is_attached or isinstance(self.focused, Button):
            listing.focus()
        self._describe_highlighted()
        self.refresh_bindings()

    # --- the highlighted reminder -----------------------------------------------------------

    def _act_on(self) -> Reminder | None:
        """The highlighted reminder, once: None (and a bell) if it was just acted on."""
        reminder = self.current
        if reminder is None:
            return None
        if reminder.key in self._acted:
            self.app.bell()
            return None
        return reminder

    def _write(self, reminder: Reminder, change: Any) -> None:
        self._acted.add(reminder.key)
        self.app.write(change)  # type: ignore[attr-defined]

    @property
    def current(self) -> Reminder | None:
        """The highlighted reminder, if any."""
        if self.data is None or self.data.empty:
            return None
        return self.query_one("#agenda-list", AgendaList).reminder

    def on_mount(self) -> None:
        # The line under the list follows the cursor in the frame it moves in (from the list's
        # OptionHighlighted message it was drawn a frame later); the footer's keys follow it too.
        self.watch(self.query_one("#agenda-list", AgendaList), "highlighted", self._highlighted, init=False)

    def _highlighted(self) -> None:
        self._describe_highlighted()
        self.refresh_bindings()

    def _describe_highlighted(self) -> None:
        reminder = self.current
        about = ""
        if reminder is not None:
            parts = [p for p in (reminder.person, reminder.opportunity) if p]
            about = " · ".join(parts) + (f"  (id {reminder.id})" if parts else f"id {reminder.id}")
        self.query_one("#agenda-about", Static).update(Text(about))

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        empty = self.data is None or self.data.empty
        if action == "load_demo":
            return self.data is not None and self.data.empty
        if action == "no_response":
            reminder = self.current
            return reminder is not None and reminder.kind == "no-response" and reminder.opportunity_id is not None
        if action == "draft":
            reminder = self.current
            return not empty and reminder is not None and reminder.person_id is not None
        if action in ("open_thread", "follow_up", "reply", "snooze", "dismiss"):
            if empty:
                return False
            return self.current is not None or None
        return True

    # --- actions ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#agenda-list")
    def _selected(self) -> None:
        self._open_thread()

    def action_open_thread(self) -> None:
        if not isinstance(self.focused, OptionList):
            raise SkipAction()  # enter goes on to the focused widget (the welcome's button)
        self._open_thread()

    def _open_thread(self) -> None:
        reminder = self.current
        if reminder is None:
            return
        if reminder.opportunity_id is not None:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(reminder.opportunity_id))
        elif reminder.person_id is not None:
            from tracker.tui.screens.person_detail import PersonDetailScreen

            self.app.push_screen(PersonDetailScreen(reminder.person_id))
        else:
            self.notify("This reminder is not about a person or an opportunity: nothing to open.")

    def _log(self, direction: str) -> None:
        reminder = self._act_on()
        if reminder is None:
            return
        if reminder.person_id is None:
            what = "follow-up" if direction == "sent" else "reply"
            self.notify(
                f"No {what} logged: this {reminder.kind} reminder is not about a person. "
                "Use ctrl+p → Log email to… instead.",
                severity="warning",
            )
            return
        today = self.app.today()  # type: ignore[attr-defined]
        person, person_id, opportunity_id = reminder.person or "them", reminder.person_id, reminder.opportunity_id

        def change(session: Any) -> str:
            from tracker.domain.vocab import channel_said
            from tracker.store.views.board import log_quick

            _still_stands(session, reminder, "Nothing logged")
            logged = log_quick(
                session, person_id=person_id, opportunity_id=opportunity_id, direction=direction, on=today
            )
            channel = channel_said(logged.channel)
            if direction == "received":
                return f"Reply from {person} logged ({channel}, today)"
            after = f"; next follow-up {logged.follow_up_on:%a %d %b}" if logged.follow_up_on else ""
            return f"Follow-up {channel} to {person} logged (today){after}"

        self._write(reminder, change)

    def action_follow_up(self) -> None:
        self._log("sent")

    def action_reply(self) -> None:
        self._log("received")

    def action_snooze(self) -> None:
        from tracker.tui.forms.snooze import SnoozeForm

        reminder = self._act_on()
        if reminder is None:
            return
        today = self.app.today()  # type: ignore[attr-defined]

        def snoozed(until: date | None) -> None:
            if until is None:
                return

            def change(session: Any) -> str:
                from tracker.store.queries.reminders import snooze

                snooze(session, reminder, until=until, today=today)
                return f"Snoozed until {until:%a %d %b %Y}"

            self._write(reminder, change)

        self.app.push_screen(SnoozeForm(reminder.message, today=today), snoozed)

    def action_dismiss(self) -> None:
        reminder = self._act_on()
        if reminder is None:
            return

        def change(session: Any) -> str:
            from tracker.store.queries.reminders import dismiss

            dismiss(session, reminder)
            short = reminder.message if len(reminder.message) <= 60 else reminder.message[:57] + "…"
            return f"Dismissed: {short}"

        self._write(reminder, change)

    def action_no_response(self) -> None:
        reminder = self._act_on()
        if reminder is None or reminder.opportunity_id is None:
            return
        today = self.app.today()  # type: ignore[attr-defined]
        opportunity_id = reminder.opportunity_id

        def change(session: Any) -> str:
            from tracker.store.views.board import move_opportunity

            _still_stands(session, reminder, "Not marked no-response")
            return move_opportunity(session, opportunity_id=opportunity_id, stage="no-response", on=today)

        self._write(reminder, change)

    def action_draft(self) -> None:
        """Open the drafts for the reminder's person, on the template the reminder asks for."""
        from tracker.tui.screens.draft import DraftScreen

        reminder = self.current
        if reminder is None or reminder.person_id is None:
            return
        template = next((name for prefix, name in DRAFT_FOR if reminder.key.startswith(prefix)), None)
        self.app.push_screen(DraftScreen(person=reminder.person, person_id=reminder.person_id, template=template))

    @on(Button.Pressed, "#load-demo")
    def _load_demo_pressed(self) -> None:
        self.action_load_demo()

    def action_load_demo(self) -> None:
        from tracker.tui.commands import load_demo_data

        if self.data is not None and self.data.empty:
            load_demo_data(self.app)

    def action_sync_mail(self) -> None:
        from tracker.tui.mail_sync import sync_mail

        sync_mail(self.app)


def _still_stands(session: Any, reminder: Reminder, refused: str) -> None:
    """Refuse (ChangedElsewhere, nothing written) an action on a thread that moved on since the agenda
    showed it (`tracker.store.queries.reminders.moved_on`)."""
    from tracker.domain.errors import ChangedElsewhere
    from tracker.store.queries.reminders import moved_on

    why = moved_on(session, reminder)
    if why is not None:
        thread = f"{reminder.person}'s thread" if reminder.person else "the thread"
        raise ChangedElsewhere(f"{refused}: {thread} changed elsewhere ({why}); the agenda shows it as it is now")
