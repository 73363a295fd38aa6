"""PersonDetailScreen: one person, their threads, and every message with them.

The threads table lists the opportunities they take part in (`enter` opens one);
the timeline shows each message sent and received. `l` logs a message to them,
`m` drafts one from a template, `e` edits them, `L` asks them for a letter, `D`
deletes them (after asking); `escape` goes back.
"""

from __future__ import annotations

from datetime import date
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tracker.store.views.person_view import PersonView, person_view
from tracker.tui.screens.detail import DetailScreen, open_form
from tracker.tui.widgets.field_list import FieldList
from tracker.tui.widgets.labels import letter_text, plain, stage_text
from tracker.tui.widgets.timeline import Timeline, TimelineEvent

THREAD_COLUMNS = (("Opportunity", "opportunity", 0), ("Stage", "stage", 12), ("Their part", "their part", 0),
                  ("Msgs", "msgs", 4), ("Last msg", "last msg", 10))
"""The threads table's columns; those of width 0 share what the others leave, 3 to 2."""
NO_THREADS = "None yet: a message logged about an opportunity, or one they are the contact of, starts a thread."

FROM_MAIL = {"mail": "  ✉ from mail", "linkedin": "  ✉ from LinkedIn export"}
"""The timeline's mark on a message that `tracker mail sync`/`import` logged."""


def since(day: date | None, today: date) -> Text | None:
    """ "2026-11-08 (14 days ago)"."""
    if day is None:
        return None
    days = (today - day).days
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago" if days > 0 else "ahead"
    text = Text(day.isoformat())
    text.append(f"  ({ago})", style="dim")
    return text


class PersonDetailScreen(DetailScreen):
    """Everything about one person."""

    TITLE = "Person"

    PREFIX = "person"

    DEFAULT_CSS = """
    PersonDetailScreen.-wide #person-left {
        width: 3fr;
    }
    PersonDetailScreen.-wide #person-right {
        width: 2fr;
    }
    PersonDetailScreen #person-threads {
        height: auto;
        max-height: 12;
        margin: 0 1;
    }
    """

    WRITES = frozenset({"log", "edit", "letter", "delete"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log", id="person.log"),
        Binding("m", "draft", "Draft", id="person.draft"),
        Binding("e", "edit", "Edit", id="person.edit"),
        Binding("L", "letter", "Ask letter", key_display="L", id="person.letter"),
        Binding("D", "delete", "Delete…", key_display="D", id="person.delete"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__(person_id)
        self.person_id = person_id
        """The person shown."""
        self.view: PersonView | None = None
        self._flex_widths = (0, 0)
        """The widths the threads' title and part columns were laid out for."""

    def left(self) -> Iterable[Widget]:
        yield FieldList(id="person-fields")

    def right(self) -> Iterable[Widget]:
        yield Static("Letters they write", classes="section-title", id="person-letters-title")
        yield Static("", id="person-letters", classes="section")

    def below(self) -> Iterable[Widget]:
        yield Static("Threads (enter opens one)", classes="section-title")
        yield DataTable(id="person-threads", cursor_type="row", zebra_stripes=True)
        yield Static(Text(NO_THREADS, style="dim"), id="person-no-threads", classes="section")
        yield Static("Messages", classes="section-title")
        yield Timeline(empty="No message logged yet.", hint="press l to log one.", id="person-timeline")

    def on_mount(self) -> None:
        self._set_thread_columns()
        self.query_one("#person-no-threads").display = False
        self.query_one("#person-threads", DataTable).focus()

    def on_resize(self) -> None:
        if self._set_thread_columns() and self.view is not None:
            self._show_threads(self.view)

    def _set_thread_columns(self) -> bool:
        """The threads' columns for the screen's width (every one shows at 80); True if they changed."""
        room = self.size.width - sum(w + 2 for _label, _key, w in THREAD_COLUMNS) - 6
        part = max(18, room * 2 // 5)
        widths = (max(16, room - part), part)
        if widths == self._flex_widths:
            return False
        self._flex_widths = widths
        flex = iter(widths)
        table = self.query_one("#person-threads", DataTable)
        table.clear(columns=True)
        for label, key, width in THREAD_COLUMNS:
            table.add_column(label, key=key, width=width or next(flex))
        return True

    def read(self, session: Any) -> PersonView:
        return person_view(session, self.person_id)

    def show_view(self, view: PersonView, today: date) -> None:
        heading = Text(view.name, style="bold")
        heading.append(f"  {view.role}", style="cyan")
        if view.organization:
            heading.append(f"  {view.organization}", style="dim")
        self.set_title(heading, view.name)
        self.query_one("#person-fields", FieldList).set_fields(self._fields(view, today))
        self.query_one("#person-letters", Static).update(self._letters(view))
        self._show_threads(view)
        events = [
            TimelineEvent(
                m.on, m.direction, f"{m.channel} {m.direction}" + (f" · {m.opportunity}" if m.opportunity else "")
                + (FROM_MAIL.get(m.logged_from, "") if m.logged_from else ""),
                tuple(line for line in (m.subject, m.paper and f"paper: {m.paper}", m.notes) if line),
            )
            for m in view.messages
        ]
        self.query_one("#person-timeline", Timeline).set_events(events, today=today)

    @staticmethod
    def _fields(view: PersonView, today: date) -> list[tuple[str, Any]]:
        keep = f"every {view.keep_in_touch_days} days" if view.keep_in_touch_days else None
        return [
            ("Last heard from", since(view.last_heard, today) or Text("never", style="dim")),
            ("Last wrote to", since(view.last_sent, today)),
            ("Organization", view.organization),
            ("Also written", "; ".join(view.aliases) or None),
            ("Lab", view.lab),
            ("Email", view.email),
            ("LinkedIn", view.linkedin),
            ("Homepage", view.homepage),
            ("Research areas", view.research_areas),
            ("How we met", view.how_met),
            ("Keep in touch", keep),
            ("Notes", view.notes),
            ("Added on", view.added_on.isoformat()),
        ]

    @staticmethod
    def _letters(view: PersonView) -> Text:
        if not view.letters:
            return Text("None.", style="dim")
        text = Text()
        for index, letter in enumerate(view.letters):
            if index:
                text.append("\n")
            text.append(letter.opportunity)
            text.append("  ")
            text.append_text(letter_text(letter.status))
            if letter.deadline:
                text.append(f"  due {letter.deadline.isoformat()}", style="dim")
        return text

    def _show_threads(self, view: PersonView) -> None:
        table = self.query_one("#person-threads", DataTable)
        keep = table.cursor_row
        table.clear()
        for thread in view.threads:
            table.add_row(
                Text(thread.title, no_wrap=True, overflow="ellipsis"),
                stage_text(thread.stage),
                Text(", ".join(thread.parts), no_wrap=True, overflow="ellipsis"),
                Text(str(thread.messages), justify="right"),
                plain(thread.last_on.isoformat() if thread.last_on else None),
                key=str(thread.opportunity_id),
            )
        if view.threads:
            table.move_cursor(row=min(keep, len(view.threads) - 1))
        table.display = bool(view.threads)
        self.query_one("#person-no-threads").display = not view.threads
        if view.threads and self.focused is None:  # the first thread came while the table was hidden
            table.focus()

    # --- actions ---------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#person-threads")
    def _open_thread(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

            self.app.push_screen(OpportunityDetailScreen(int(event.row_key.value)))

    def action_log(self) -> None:
        """Log a message with this person."""
        if self.view:
            open_form(self, "tracker.tui.forms.interaction_form:InteractionForm", person=self.view.name,
                      person_id=self.view.id)

    def action_draft(self) -> None:
        """Draft a message to this person from a template."""
        if self.view:
            from tracker.tui.screens.draft import DraftScreen

            self.app.push_screen(DraftScreen(person=self.view.name, person_id=self.view.id))

    def action_edit(self) -> None:
        """Edit this person."""
        if self.view:
            open_form(self, "tracker.tui.forms.person_form:PersonForm", person_id=self.view.id)

    def action_letter(self) -> None:
        """Ask this person for a letter."""
        if self.view:
            open_form(self, "tracker.tui.forms.letter_form:LetterForm", writer=self.view.name,
                      writer_id=self.view.id)

    def action_delete(self) -> None:
        """Delete this person (with their messages), after saying what goes; ctrl+z undoes it."""
        if self.view:
            from tracker.tui.forms.confirm_delete import ask_delete

            ask_delete(self, "person", self.view.id)
