"""Helpers shared by the TUI tests: a demo database, an app on a chosen screen, waiting for workers."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList

from conftest import TODAY, demo_database, new_database
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.app import TrackerApp

KOLKATA = ZoneInfo("Asia/Kolkata")
"""The demo student's zone."""


def make_demo_db(path: Path) -> Path:
    """A database at `path` (no file there yet) holding the demo season, as of TODAY in India time.

    A copy of the one this process made with `load_demo` (conftest's `demo_database`).
    """
    return demo_database(path)


def make_tables_db(path: Path) -> Path:
    """A database at `path` (no file there yet) for the Opportunities and People tables: three people
    (Kim Young-hoon replied), five opportunities (one rejected, one needing two letters)."""
    db = new_database(path)
    store = open_store(db)
    with store.write() as s:
        records.add_person(s, name="Kim Young-hoon", role="professor", organization="GIST", lab="Computer Vision Lab",
                           research_areas="3D vision, SLAM")
        records.add_person(s, name="Tan Wei Ming", role="professor", organization="NTU Singapore",
                           research_areas="object search")
        records.add_person(s, name="Meera Nair", role="writer", organization="VIT Vellore")
        records.add_opportunity(s, title="Computer Vision Lab, GIST", kind="outreach", organization="GIST",
                                contact="Kim", on=TODAY - timedelta(days=40))
        records.add_opportunity(s, title="Rapid Object Search Lab, NTU", kind="outreach", organization="NTU Singapore",
                                contact="Tan", on=TODAY - timedelta(days=30))
        records.add_opportunity(s, title="DAAD WISE", kind="program", organization="DAAD", cycle="Summer 2027",
                                deadline=TODAY + timedelta(days=35), on=TODAY - timedelta(days=20))
        records.add_opportunity(s, title="Mitacs Globalink", kind="program", organization="Mitacs",
                                stage="rejected", deadline=TODAY - timedelta(days=100), on=TODAY - timedelta(days=120))
        records.add_opportunity(s, title="[bold]Failure Explanation[/bold] intern", kind="posting",
                                organization="Northbridge", letters_required=2, cycle="Summer 2027",
                                deadline=TODAY + timedelta(days=10), on=TODAY - timedelta(days=10))
        records.log_interaction(s, channel="email", direction="sent", person="Kim", on=TODAY - timedelta(days=20))
        records.log_interaction(s, channel="email", direction="received", person="Kim", on=TODAY - timedelta(days=12),
                                subject="Re: summer internship", notes="Send your CV")
        records.set_letter(s, opportunity="[bold]Failure", writer="Meera", status="submitted", on=TODAY)
    store.close()
    return db


def make_app(db: Path, mode: str = "agenda") -> TrackerApp:
    """The app on `db`, opening on screen `mode`, not watching the file."""

    class App(TrackerApp):
        DEFAULT_MODE = mode

    return App(db, watch_interval=0)


async def settle(
    pilot: Pilot[Any], until: Callable[[], bool] | None = None, timeout: float = 10.0, rounds: int = 4
) -> None:
    """Wait until the store is open, workers are done and messages landed (at least `rounds` times),
    and `until` holds.

    A round handles the messages queued (`pause(0)`), waits for the workers, and handles what they
    posted; only the last of the `rounds`, and any after it, also waits for the app to be idle (at
    least 20 ms each time: every round did, 0.16 s a call, half of the TUI tests' time).
    """
    app = pilot.app
    deadline = time.monotonic() + timeout
    done = 0
    while True:
        await pilot.pause(0)
        await app.workers.wait_for_complete()
        await pilot.pause(0 if done + 1 < rounds else None)
        done += 1
        if getattr(app, "store", None) is not None and done >= rounds and (until is None or until()):
            return
        if time.monotonic() > deadline:
            raise AssertionError("the app did not settle")


def text_of(widget: Any) -> str:
    """What a Static shows, as plain text."""
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(widget.content)
    return out.getvalue()


def cells(table: Any, row: int) -> list[str]:
    """The cells of a DataTable row, as text."""
    return [str(c) for c in table.get_row_at(row)]


def table_cell(table: Any, row: int, key: str) -> str:
    """The text in `row` of a DataTable's column keyed `key`."""
    return str(table.get_row_at(row)[table.get_column_index(key)])


def table_column(table: Any, key: str) -> list[str]:
    """The texts of a DataTable's column keyed `key`, top to bottom."""
    return [table_cell(table, r, key) for r in range(table.row_count)]


def notifications(app: Any) -> list[str]:
    """The messages of the notifications shown so far."""
    return [n.message for n in app._notifications]


def run(db: Path, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]], size: tuple[int, int] = (120, 40)) -> None:
    """Run `test(pilot, app)` on the app over `db`, once the store is open and the screen loaded."""

    async def main() -> None:
        app = TrackerApp(db, watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


def listing(app: TrackerApp) -> OptionList:
    """The agenda's list of reminders."""
    return app.screen.query_one("#agenda-list", OptionList)


def shown(app: TrackerApp) -> list[str]:
    """The plain text of every option of the agenda."""
    return [option.prompt.plain for option in listing(app).options]  # a heading's Text, a ReminderRow



def read(db: Path, query: Any) -> list[Any]:
    """The rows of `query` on the database at `db`."""
    from tracker.store import open_store

    store = open_store(db)
    try:
        with store.read() as session:
            return list(session.execute(query).all())
    finally:
        store.close()


def screen_lines(app: Any) -> list[str]:
    """The lines of text the terminal shows now (the screen on top, with what a modal lets through)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def open_accept_dialog(pilot: Pilot[Any]) -> Any:
    """On the Offers screen: wait for the three demo offers, press `a` on the first, return the dialog."""
    from tracker.tui.widgets.accept_dialog import AcceptDialog
    from tracker.tui.widgets.offer_card import OfferCard

    app = pilot.app
    await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
    await pilot.press("a")
    await settle(pilot, lambda: isinstance(app.screen, AcceptDialog))
    return app.screen


async def accept_first_offer(pilot: Pilot[Any]) -> None:
    """Go to Offers (6) and accept the first offer with the dialog's defaults (every other one closed)."""
    from tracker.tui.widgets.accept_dialog import AcceptDialog

    await pilot.press("6")
    await open_accept_dialog(pilot)
    await pilot.press("a")
    await settle(pilot, lambda: not isinstance(pilot.app.screen, AcceptDialog))


def burst(app: Any, *keys: str) -> None:
    """Send keys the way `tmux send-keys` or a fast typist does: all at once, without waiting for
    the app between them (Pilot's `press` waits until the app is idle after each key)."""
    import unicodedata

    from textual import events
    from textual.app import _character_to_key, _get_unicode_name_from_key
    from textual.keys import REPLACED_KEYS

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


def typed(text: str) -> list[str]:
    """The keys that type `text`."""
    return [{" ": "space"}.get(c, c) for c in text]


def contrast(style: Any) -> float:
    """The WCAG contrast ratio of a segment's colour on its background (1: invisible, 21: black on white)."""

    def luminance(color: Any) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(style.color), luminance(style.bgcolor)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def held(monkeypatch: Any, owner: type, name: str, release: threading.Event) -> list[str]:
    """Make the method (or classmethod) `name` of `owner` wait for `release` (10 s at most) before it
    runs, as a read on a busy machine or a large database does; returns the names of the threads that
    called it, in order (one appended as each call starts)."""
    calls: list[str] = []
    original = owner.__dict__[name]
    function = original.__func__ if isinstance(original, classmethod) else original

    def slow(first: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(threading.current_thread().name)
        release.wait(10)
        return function(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, classmethod(slow) if isinstance(original, classmethod) else slow)
    return calls


def no_screens_made_ahead(monkeypatch: Any) -> None:
    """No main screen made ahead of its first visit (`MainScreens.make_ahead`): what is read ahead waits
    for the visit, and a first visit makes its screen, as when the user presses its key at once."""
    monkeypatch.setattr("tracker.tui.main_screens.MainScreens.make_ahead", lambda self, mode: None)
