"""The command palette's tracker commands (ctrl+p): go to a screen, add, log, export, demo, refresh.

Registered on TrackerApp with `COMMANDS = App.COMMANDS | {TrackerCommands}`. Forms are
imported only when their command runs. "Log email to <name>" hits are offered for the
people most recently written to, and "New interview for <title>", "New offer for <title>" and
"Letter request for <title>" for the open opportunities most recently active (both read once, in
a thread, when the palette opens), once three letters are typed.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

PEOPLE_OFFERED = 200
"""People offered by name in "Log email to <name>" (the most recently contacted)."""
OPPORTUNITIES_OFFERED = 200
"""Open opportunities offered by title in "New interview for <title>"... (the most recently active)."""


def _push(target: str, **kwargs: Any) -> Callable[[Any], None]:
    """A callback that imports "module:Class" and pushes `Class(**kwargs)` on the app."""

    def run(app: Any) -> None:
        import importlib

        from textual.screen import ModalScreen

        if isinstance(app.screen, ModalScreen):  # a form (or a question) is open: never stack another on it
            app.notify("Finish this form first: ctrl+s saves it, esc cancels it.", severity="warning")
            return
        module_name, class_name = target.split(":")
        try:
            screen_class = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            app.notify(f"{class_name} is not available in this version.", severity="error")
            return
        app.push_screen(screen_class(**kwargs))

    return run


def load_demo_data(app: Any) -> None:
    """Load the demo data in a worker through `app.write`; the outcome is notified."""
    store = app.store
    if store is None:
        app.notify("The database is not open yet.", severity="warning")
        return
    today, zone = app.today(), app.zone

    def change(_session: Any) -> str:
        # load_demo runs its own transaction; the session given here is never used, so it
        # holds no lock while the demo is written.
        from tracker.demo.season import load_demo

        summary = load_demo(store, today=today, zone=zone)
        return (
            f"Demo data for {summary.student} loaded: {summary.people} people, "
            f"{summary.opportunities} opportunities, {summary.interactions} messages"
        )

    app.notify("Loading the demo data…")
    app.write(change, undoable=False)  # its own transaction, not undone with ctrl+z


def _sync_mail(app: Any) -> None:
    from tracker.tui.mail_sync import sync_mail

    sync_mail(app)


def _commands() -> list[tuple[str, str, Callable[[Any], None]]]:
    """(name, help, callback taking the app) of every fixed command."""
    from tracker.tui.app import SCREENS_IN_ORDER

    commands: list[tuple[str, str, Callable[[Any], None]]] = [
        (f"Go to {title}", f"Show the {title} screen (key {number})",
         partial(lambda app, mode: app.switch_mode(mode), mode=name))
        for number, (name, title, _target) in enumerate(SCREENS_IN_ORDER, start=1)
    ]
    commands += [
        ("New person…", "Add a professor, PhD student, postdoc, recruiter or letter writer",
         _push("tracker.tui.forms.person_form:PersonForm")),
        ("New opportunity…", "Add a lab to reach out to, a program or a posting",
         _push("tracker.tui.forms.opportunity_form:OpportunityForm")),
        ("Organization…", "A university, lab or program host: its country, city and website",
         _push("tracker.tui.forms.organization_form:OrganizationForm")),
        ("Log email to…", "Log an e-mail you sent",
         _push("tracker.tui.forms.interaction_form:InteractionForm", channel="email", direction="sent")),
        ("Log LinkedIn message to…", "Log a LinkedIn message you sent",
         _push("tracker.tui.forms.interaction_form:InteractionForm", channel="linkedin", direction="sent")),
        ("Profile…", "Your name, institution, GPA, time zone and follow-up intervals",
         lambda app: app.action_profile()),
        ("Import CSV…", "Read the spreadsheet you keep (a log, opportunities, people) or a faculty directory",
         _push("tracker.tui.forms.import_form:ImportForm")),
        ("Export CSV…", "Write the log, opportunities or people to a CSV file",
         _push("tracker.tui.forms.export_form:ExportForm")),
        ("Load demo data", "Fill an empty database with a sample outreach season", load_demo_data),
        ("Sync mail", "Log new messages from your mail accounts (tracker mail sync; ctrl+y on the agenda)",
         _sync_mail),
        ("Refresh", "Read the data of this screen again", lambda app: app.reload_screen()),
        ("Help: every key", "Every key of every screen (the ? key)", lambda app: app.action_help()),
    ]
    return commands


WRITING = frozenset({"New person…", "New opportunity…", "Organization…", "Log email to…", "Log LinkedIn message to…",
                     "Profile…", "Import CSV…", "Load demo data", "Sync mail"})
"""The commands that write: not offered where the app only reads (`TrackerApp.writable`)."""


def _offered(app: Any) -> list[tuple[str, str, Callable[[Any], None]]]:
    """`_commands()`, without those that write where `app` only reads."""
    writable = getattr(app, "writable", True)
    return [command for command in _commands() if writable or command[0] not in WRITING]


def _names(app: Any) -> tuple[list[str], list[str]]:
    """The people most recently written to, then the rest by name, and the open opportunities most recently
    active first (`tracker.store.views.palette_data`; a thread-safe read)."""
    store = getattr(app, "store", None)
    if store is None:
        return [], []
    from tracker.domain.errors import TrackerError
    from tracker.store.views.palette_data import open_opportunities, recent_people

    try:
        with store.read() as session:
            return (recent_people(session, limit=PEOPLE_OFFERED),
                    open_opportunities(session, limit=OPPORTUNITIES_OFFERED))
    except TrackerError:  # the database cannot be read now: offer no names rather than fail the palette
        return [], []


RECORDS: tuple[tuple[str, str, str], ...] = (
    ("New interview for {}", "An interview for {}, in its own time zone", "tracker.tui.forms.interview_form:InterviewForm"),
    ("New offer for {}", "An offer for {}: answer-by date, stipend, dates", "tracker.tui.forms.offer_form:OfferForm"),
    ("Letter request for {}", "A reference letter {} needs: writer, status, how it is sent",
     "tracker.tui.forms.letter_form:LetterForm"),
)
"""(hit, help, form) of what the palette records on an open opportunity it names, as its detail's i, o and L do."""


def fold(text: str) -> str:
    """`text` without accents, one character for one ("Jürgen" → "Jurgen"), so offsets still match."""
    folded = []
    for char in text:
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        folded.append(bare[0] if len(bare) >= 1 else char)
    return "".join(folded)


def _highlight(matcher: Any, text: str) -> Content:
    """`text` (user data: never read as markup) with the matched letters styled."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, fold(text))
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class TrackerCommands(Provider):
    """tracker's commands for Textual's command palette."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people: list[str] = []
        self._opportunities: list[str] = []

    async def startup(self) -> None:
        self._people, self._opportunities = await asyncio.to_thread(_names, self.app)

    async def discover(self) -> Hits:
        for name, help_text, callback in _offered(self.app):
            yield DiscoveryHit(name, partial(callback, self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in _offered(self.app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback, self.app), help=help_text)
        if len(query.strip()) < 3 or not getattr(self.app, "writable", True):
            return
        from tracker.domain.vocab import channel_said

        matcher = self.matcher(fold(query))
        # (text, help, form, its arguments): the people's and the open opportunities' hits
        named: list[tuple[str, str, str, dict[str, str]]] = [
            (f"Log {channel_said(channel)} to {person}", f"Log {article} {channel_said(channel)} you sent to {person}",
             "tracker.tui.forms.interaction_form:InteractionForm",
             {"person": person, "channel": channel, "direction": "sent"})
            for person in self._people for channel, article in (("email", "an"), ("linkedin", "a"))
        ]
        named += [(hit.format(title), help_text.format(title), form, {"opportunity": title})
                  for title in self._opportunities for hit, help_text, form in RECORDS]
        for text, help_text, form, arguments in named:
            score = matcher.match(fold(text))
            if score > 0:  # slightly below the fixed commands, so "log email" still ranks them first
                yield Hit(score * 0.9, _highlight(matcher, text), partial(_push(form, **arguments), self.app),
                          text=text, help=help_text)
