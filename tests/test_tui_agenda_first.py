"""The agenda's first screenful, then the rest (Pilot): the rest waits while the user is elsewhere."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from conftest import TODAY
from db_helpers import generated_cohort
from form_helpers import wait_for
from tracker.tui.app import TrackerApp
from tracker.tui.key_gate import KeyGate
from tracker.tui.screens import agenda
from tracker.tui.screens.board import BoardScreen
from tui_helpers import settle

@pytest.fixture
def busy_db(tmp_path: Path, pinned: None) -> Path:
    """A small benchmark data set with every thread left open: several hundred reminders."""
    path = generated_cohort(tmp_path / "tracker.db", TODAY)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM interaction WHERE direction = 'received'")
    return path


def title(screen: Any) -> str:
    return str(screen.query_one("#agenda-title", Static).render())


def test_the_rest_of_the_agenda_is_read_when_the_user_comes_back(busy_db: Path, monkeypatch: Any) -> None:
    """Gone to the Board before the first screenful landed: the whole list is not read meanwhile (the
    Board has the machine), and coming back shows the whole count."""
    switched = threading.Event()
    full_reads: list[str] = []
    first_screenful = agenda.AgendaScreen.fetch_first
    whole = agenda.AgendaScreen.fetch

    def slow_first(self: Any, store: Any) -> Any:
        found = first_screenful(self, store)
        switched.wait(10)
        return found

    def counted(self: Any, store: Any) -> Any:
        full_reads.append(self.app.current_mode)
        return whole(self, store)

    monkeypatch.setattr(agenda.AgendaScreen, "fetch_first", slow_first)
    monkeypatch.setattr(agenda.AgendaScreen, "fetch", counted)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shown = app.screen
            assert isinstance(shown, agenda.AgendaScreen)
            await pilot.press("2")
            # not settle: the agenda's worker waits for this switch
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=2)
            assert isinstance(app.screen, BoardScreen)
            switched.set()
            await settle(pilot)  # the first screenful is read, to be shown on the agenda's return
            assert full_reads == [], "the whole agenda was read while the Board was shown"
            await pilot.press("1")
            await settle(pilot, lambda: "reminders within 30 days" in title(shown) and "counting" not in title(shown))
            assert full_reads == ["agenda"]
            total = int(title(shown).split(" · ")[1].split()[0])
            assert total > agenda.FIRST_ROWS
            assert shown.query_one(agenda.AgendaList).option_count > agenda.FIRST_ROWS

    asyncio.run(scenario())


def test_keys_go_at_once_while_the_rest_of_the_agenda_is_read(busy_db: Path, monkeypatch: Any) -> None:
    """The first screenful is shown: the arrows move through it without waiting for the rest of the
    list (keys otherwise wait for a screen's workers, up to a second each: tracker.tui.key_gate)."""
    release = threading.Event()
    whole = agenda.AgendaScreen.fetch

    def slow_rest(self: Any, store: Any) -> Any:
        release.wait(10)
        return whole(self, store)

    monkeypatch.setattr(agenda.AgendaScreen, "fetch", slow_rest)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            shown = app.screen
            assert isinstance(shown, agenda.AgendaScreen)
            listing = shown.query_one(agenda.AgendaList)
            await wait_for(pilot, lambda: shown.data is not None and listing.highlighted is not None
                           and shown.reading_the_rest, timeout=5)
            assert shown.data is not None and shown.data.total is None, "the first screenful, still counting"
            assert shown.reading_the_rest
            gate = KeyGate(app)
            assert not gate._working(shown), "a key would wait for the rest of the list"
            start = listing.highlighted
            await pilot.press("down", "down", "down")
            await wait_for(pilot, lambda: listing.highlighted is not None and listing.highlighted >= start + 3,
                           timeout=3)
            assert listing.highlighted >= start + 3 and not release.is_set()
            release.set()

    try:
        asyncio.run(scenario())
    finally:
        release.set()


def test_the_rest_of_the_agenda_waits_for_the_warm_up_and_is_not_read_if_the_user_left(
        busy_db: Path, monkeypatch: Any) -> None:
    """The ORM warm-up goes first (every other screen needs it, a key away); a user who went to the
    Board meanwhile gets the machine for it, and the rest is read when they come back."""
    full_reads: list[str] = []
    whole = agenda.AgendaScreen.fetch

    def counted(self: Any, store: Any) -> Any:
        full_reads.append(self.app.current_mode)
        return whole(self, store)

    monkeypatch.setattr(agenda.AgendaScreen, "fetch", counted)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 60.0)  # not during this test, unless asked
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 60.0)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            shown = app.screen
            assert isinstance(shown, agenda.AgendaScreen)
            await wait_for(pilot, lambda: shown.data is not None and shown.reading_the_rest, timeout=5)
            assert shown.data is not None and shown.data.total is None, "the first screenful, still counting"
            await pilot.pause(0.3)
            assert full_reads == [], "the rest was read before the warm-up"
            await pilot.press("2")
            app.warmed.set()  # the warm-up is over once the user is on the Board
            await settle(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert full_reads == []
            await pilot.press("1")
            await settle(pilot, lambda: "counting" not in title(shown) and shown.data.total is not None)
            assert full_reads == ["agenda"]

    asyncio.run(scenario())


def test_the_rest_read_while_the_user_is_elsewhere_is_shown_on_return(busy_db: Path, monkeypatch: Any) -> None:
    """The rest of the agenda lands while the Board is shown: the agenda's 200 rows are laid out when
    the user comes back, not on the UI thread the Board is using."""
    release = threading.Event()
    rest_started = threading.Event()
    whole = agenda.AgendaScreen.fetch
    shows: list[tuple[str, bool]] = []
    show = agenda.AgendaScreen.show

    def slow_rest(self: Any, store: Any) -> Any:
        rest_started.set()
        release.wait(10)
        return whole(self, store)

    def counted_show(self: Any, data: Any) -> None:
        shows.append((self.app.current_mode, data.total is not None))
        show(self, data)

    monkeypatch.setattr(agenda.AgendaScreen, "fetch", slow_rest)
    monkeypatch.setattr(agenda.AgendaScreen, "show", counted_show)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            shown = app.screen
            await wait_for(pilot, lambda: rest_started.is_set(), timeout=5)
            assert rest_started.is_set()
            await pilot.press("2")
            release.set()
            await settle(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert shows == [("agenda", False)], "the rest was laid out while the Board was shown"
            await pilot.press("1")
            await settle(pilot, lambda: "counting" not in title(shown))
            assert shows[1] == ("agenda", True)

    try:
        asyncio.run(scenario())
    finally:
        release.set()


def test_a_rest_read_under_way_stops_when_the_user_goes_to_another_screen(busy_db: Path, monkeypatch: Any) -> None:
    """The rest of the agenda (every reminder: about 0.7 s of Python at full size) was read to its
    end after the user had gone to the Board, and the Board's rows shared the interpreter with it
    (key 2 a moment after the agenda: 1.0-1.1 s to the Board's rows, against 0.7-0.8 now). It
    stops between its rules once the agenda is not shown, and is read again on the return."""
    from tracker.domain import reminder_rules

    at_first_rule = threading.Event()
    switched = threading.Event()
    later_rules: list[str] = []
    follow_ups, deadlines = reminder_rules.follow_up_reminders, reminder_rules.deadline_reminders
    screens: list[Any] = []

    def held_follow_ups(*args: Any, **kwargs: Any) -> Any:
        if screens and screens[0].reading_the_rest and not switched.is_set():
            at_first_rule.set()
            switched.wait(10)  # the user goes to the Board while the rest is being worked out
        return follow_ups(*args, **kwargs)

    def counted_deadlines(*args: Any, **kwargs: Any) -> Any:
        if screens and screens[0].reading_the_rest:
            later_rules.append(screens[0].app.current_mode)
        return deadlines(*args, **kwargs)

    monkeypatch.setattr(reminder_rules, "follow_up_reminders", held_follow_ups)
    monkeypatch.setattr(reminder_rules, "deadline_reminders", counted_deadlines)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            shown = app.screen
            screens.append(shown)
            await wait_for(pilot, at_first_rule.is_set, timeout=10)
            assert at_first_rule.is_set()
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=5)
            switched.set()
            await settle(pilot, lambda: not shown.reading_the_rest)
            assert later_rules == [], "the rest of the agenda was worked out while the Board was shown"
            await pilot.press("1")
            await settle(pilot, lambda: "reminders within 30 days" in title(shown) and "counting" not in title(shown))
            assert later_rules == ["agenda"]
            assert shown.query_one(agenda.AgendaList).option_count > agenda.FIRST_ROWS

    try:
        asyncio.run(scenario())
    finally:
        switched.set()


def test_keys_go_at_once_while_the_rest_is_read_on_return(busy_db: Path, monkeypatch: Any) -> None:
    """Back on the agenda whose rest was left for later: the rest is read while the first screenful
    stays shown, and a number key goes to its screen without waiting for it (it waited 0.6 s)."""
    release = threading.Event()
    rest_started = threading.Event()
    whole = agenda.AgendaScreen.fetch
    first_screenful = agenda.AgendaScreen.fetch_first

    def slow_first(self: Any, store: Any) -> Any:
        found = first_screenful(self, store)
        if found is not None:
            release.wait(10)  # the user goes to the Board before the first screenful lands
        return found

    def slow_rest(self: Any, store: Any) -> Any:
        rest_started.set()
        release.wait(10)
        return whole(self, store)

    monkeypatch.setattr(agenda.AgendaScreen, "fetch_first", slow_first)
    monkeypatch.setattr(agenda.AgendaScreen, "fetch", slow_rest)

    async def scenario() -> None:
        app = TrackerApp(busy_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            shown = app.screen
            await pilot.pause()
            await pilot.press("2")
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=3)
            release.set()
            await settle(pilot)
            release.clear()
            await pilot.press("1")
            await wait_for(pilot, lambda: rest_started.is_set() and app.screen is shown, timeout=3)
            assert rest_started.is_set() and shown.data is not None and shown.data.total is None
            assert not KeyGate(app)._working(shown), "a key would wait for the rest of the agenda"
            release.set()
            await settle(pilot, lambda: "counting" not in title(shown))

    try:
        asyncio.run(scenario())
    finally:
        release.set()
