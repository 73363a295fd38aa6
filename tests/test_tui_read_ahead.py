"""What the main screens open on, read while the user reads the agenda (the Board's cards first), and the
screens made with it, out of sight: shown whole on a first visit if nothing changed since, read anew if
anything did (another process's commit included)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from conftest import SQLITE_FILE
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.widgets.board_column import BoardColumn
from tui_helpers import held, make_app, no_screens_made_ahead, settle, text_of


@pytest.fixture(autouse=True)
def quick_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 0.01)


@pytest.fixture
def nothing_made_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reads ahead kept until the first visits: no screen made ahead to take them."""
    no_screens_made_ahead(monkeypatch)


def recording_shows(monkeypatch: pytest.MonkeyPatch, mode: str) -> list[str]:
    """The mode on screen at each `show` of `mode`'s screen from here on (its rows put on it)."""
    from tracker.tui.main_screens import screen_class

    cls = screen_class(mode)
    show, seen = cls.show, []

    def recorded(self: Any, data: Any) -> None:
        seen.append(self.app.current_mode)
        show(self, data)

    monkeypatch.setattr(cls, "show", recorded)
    return seen


def board_titles(app: Any) -> list[str]:
    return [card.title for column in app.screen.query(BoardColumn) for card in column.cards[:column.laid_out]]


def counting_reads(app: Any) -> list[int]:
    """Count the store's Board reads from here on."""
    reads = [0]
    store = app.store
    read = store.board_lanes

    def counted(**kwargs: Any) -> Any:
        reads[0] += 1
        return read(**kwargs)

    store.board_lanes = counted
    return reads


async def open_board(pilot: Any) -> None:
    """Key 2, and wait for the Board's cards."""
    app = pilot.app
    await pilot.press("2")
    await settle(pilot, lambda: app.current_mode == "board" and app.screen.data is not None)


@SQLITE_FILE
def test_the_board_is_made_ahead_with_its_cards_and_key_2_only_shows_it(demo_db: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the user reads the agenda, the Board is read and made with its cards, out of sight, and the
    agenda keeps the keys; key 2 then reads nothing and fills nothing: the cards are there as it switches."""
    from tracker.tui.widgets.agenda_list import AgendaList

    shows = recording_shows(monkeypatch, "board")

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: shows == ["agenda"], timeout=20)
            assert "board" in app.made_modes and app.current_mode == "agenda"
            assert isinstance(app.focused, AgendaList)
            reads = counting_reads(app)
            await pilot.press("2")
            assert app.current_mode == "board"
            assert "Visual Reasoning Lab, KAIST" in board_titles(app)  # at the switch, no read to wait for
            await settle(pilot)
            assert reads == [0] and shows == ["agenda"]  # not read again, not filled again
            assert "board" not in app._read_ahead  # taken once

    asyncio.run(scenario())


@SQLITE_FILE
def test_a_commit_after_the_board_was_made_ahead_is_on_it(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shows = recording_shows(monkeypatch, "board")

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: shows == ["agenda"], timeout=20)
            other = open_store(demo_db)  # another process's write, as far as the app can tell
            with other.write() as session:
                records.add_opportunity(session, title="Read-ahead Canary Lab", kind="outreach",
                                        organization="KAIST", on=app.today())
            other.close()
            reads = counting_reads(app)
            await pilot.press("2")
            await settle(pilot, lambda: "Read-ahead Canary Lab" in board_titles(app))
            assert reads == [1] and shows == ["agenda", "board"]

    asyncio.run(scenario())


@SQLITE_FILE
def test_key_2_while_the_read_ahead_is_under_way_waits_for_it(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read starts with the agenda's first rows; a key 2 pressed meanwhile takes its cards
    when it ends instead of reading the same cards a second time beside it."""
    import threading

    from tracker.tui.screens.board import BoardScreen

    release = threading.Event()
    reads = held(monkeypatch, BoardScreen, "read", release)

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1000):  # not `settle`: it waits for the workers, the read ahead among them
                if reads:
                    break
                await pilot.pause(0.02)
            await pilot.press("2")
            await pilot.pause(0.2)
            assert app.screen.data is None  # still waiting for the cards under way
            release.set()
            await settle(pilot, lambda: app.current_mode == "board" and app.screen.data is not None)
            assert "Visual Reasoning Lab, KAIST" in board_titles(app)
            assert len(reads) == 1

    asyncio.run(scenario())


def counting_screen_reads(app: Any) -> list[tuple[str, str]]:
    """The store's screen reads (over sqlite3, or the portable queries' sessions) from here on: (the thread
    that read, what)."""
    import threading

    reads: list[tuple[str, str]] = []
    store = app.store
    rendered, session = store.rendered_rows, store.read

    def counted_rendered(*queries: Any) -> Any:
        reads.append((threading.current_thread().name, f"rendered {queries}"))
        return rendered(*queries)

    def counted_session(*args: Any, **kwargs: Any) -> Any:
        reads.append((threading.current_thread().name, "session"))
        return session(*args, **kwargs)

    store.rendered_rows, store.read = counted_rendered, counted_session
    return reads


SCREENS = (("3", "opportunities", " of 11 opportunities"), ("4", "people", " of 14 people"),
           ("5", "letters", "4 letters owed by 2 writers"), ("6", "offers", "3 offers to answer"))


@SQLITE_FILE
def test_every_main_screen_is_made_ahead_and_opens_on_what_was_read_ahead(demo_db: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Opportunities, People, Letters and Offers are read and made after the Board, once the app is warm:
    their first visits show those rows at the switch, and read nothing."""
    shows = {mode: recording_shows(monkeypatch, mode) for _key, mode, _shown in SCREENS}

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: all(seen == ["agenda"] for seen in shows.values()), timeout=20)
            reads = counting_screen_reads(app)
            for key, mode, shown in SCREENS:
                await pilot.press(key)
                assert app.current_mode == mode and shown in screen_text(app)
            await settle(pilot)
            assert reads == []
            assert app._read_ahead == {}  # each taken once, by the screen made with it
            assert all(seen == ["agenda"] for seen in shows.values())

    asyncio.run(scenario())


@SQLITE_FILE
def test_a_person_added_elsewhere_after_the_read_ahead_is_in_the_people_table(demo_db: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shows = recording_shows(monkeypatch, "people")

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: shows == ["agenda"], timeout=20)
            other = open_store(demo_db)  # another process's write, as far as the app can tell
            with other.write() as session:
                records.add_person(session, name="Aaliyah Abara", role="postdoc")
            other.close()
            await pilot.press("4")
            await settle(pilot, lambda: app.current_mode == "people" and " of 15 people" in screen_text(app))
            assert app.screen.highlighted().name == "Aaliyah Abara"  # first by name

    asyncio.run(scenario())


def screen_text(app: Any) -> str:
    """The status lines and titles of the screen, as plain text."""
    from textual.widgets import Static

    return " ".join(text_of(static) for static in app.screen.query(Static) if static.id)


@SQLITE_FILE
@pytest.mark.usefixtures("nothing_made_ahead")
def test_the_warm_up_ending_during_the_boards_read_ahead_still_reads_the_others(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader reads what each call asked for in turn: the others are not lost to a Board read
    under way when the warm-up asks for them."""
    import threading

    from tracker.tui.screens.board import BoardScreen

    release = threading.Event()
    started = held(monkeypatch, BoardScreen, "read", release)
    monkeypatch.setattr("tracker.tui.app.TrackerApp.after_warm_up", lambda self: None)  # asked for below instead

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1000):
                if started:
                    break
                await pilot.pause(0.02)
            app.read_ahead()  # as the end of the warm-up does
            release.set()
            await settle(pilot, lambda: set(app._read_ahead) == {"board", "opportunities", "people", "letters",
                                                                  "offers"}, timeout=20)

    asyncio.run(scenario())


@SQLITE_FILE
@pytest.mark.usefixtures("nothing_made_ahead")
def test_the_other_screens_are_read_once_the_rest_of_the_agenda_is_in(demo_db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Read beside the rest of the agenda, they made it end later: they wait for it (and a quiet moment)."""
    import threading

    from tracker.tui.screens.agenda import AgendaScreen

    release = threading.Event()
    held(monkeypatch, AgendaScreen, "fetch", release)

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1000):
                if app.warmed.is_set() and "board" in app._read_ahead:
                    break
                await pilot.pause(0.02)
            await pilot.pause(0.5)
            assert set(app._read_ahead) == {"board"}  # the rest of the agenda is still being read
            release.set()
            await settle(pilot, lambda: set(app._read_ahead) == {"board", "opportunities", "people", "letters",
                                                                  "offers"}, timeout=20)

    asyncio.run(scenario())


@SQLITE_FILE
@pytest.mark.usefixtures("nothing_made_ahead")
def test_the_wait_for_a_quiet_moment_ends_quietly_when_the_app_closes(demo_db: Path) -> None:
    """Its look for quiet can come when the app's screens are gone and the app not yet unmounted:
    it stops there (it raised "No screens on stack", a traceback on quitting)."""
    async def scenario() -> Any:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: app.warmed.is_set())
        return app

    app = asyncio.run(scenario())
    app.leaving = False  # as between the screens closing and the app unmounting
    app._read_ahead.clear()
    app._asked.clear()
    app._call_if_quiet(app.after_warm_up, None)  # no "No screens on stack"
    assert app._read_ahead == {} and app._asked == []  # and nothing read or asked for


@SQLITE_FILE
@pytest.mark.usefixtures("nothing_made_ahead")
@pytest.mark.parametrize("key, mode, shown", SCREENS)
def test_a_first_visit_reads_its_rows_while_its_screen_is_made(demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                               key: str, mode: str, shown: str) -> None:
    """Pressed before anything was read ahead for it, a screen's read starts with the key, beside its
    compose (its own load began it only once it was mounted), and the screen's load takes that read."""
    import threading

    from tracker.tui.main_screens import screen_class
    from tracker.tui.read_ahead import ReadsAhead

    monkeypatch.setattr(ReadsAhead, "after_warm_up", lambda self: None)  # nothing read ahead but the Board
    cls = screen_class(mode)
    started, reads, at_compose = threading.Event(), [], []
    read, compose = cls.read.__func__, cls.compose

    def read_now(klass: Any, *args: Any) -> Any:
        reads.append(threading.current_thread().name)
        started.set()
        return read(klass, *args)

    def compose_later(self: Any) -> Any:
        at_compose.append(started.wait(2))  # the read is under way by then (it never was on the old code)
        yield from compose(self)

    monkeypatch.setattr(cls, "read", classmethod(read_now))
    monkeypatch.setattr(cls, "compose", compose_later)

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: "board" in app._read_ahead, timeout=20)
            readers = counting_screen_reads(app)
            await pilot.press(key)
            await settle(pilot, lambda: app.current_mode == mode and shown in screen_text(app))
            assert at_compose == [True]
            assert reads == ["first visit"]  # read once, and taken by the screen: not read again
            rows = [thread for thread, what in readers if "countries" not in what]
            choices = [thread for thread, what in readers if "countries" in what]
            assert set(rows) == {"first visit"}
            # the filters' choices after the rows are shown (not beside them, slowing them), in a worker
            if mode in ("opportunities", "people"):
                assert len(choices) == 1 and choices[0] != "first visit" and "countries" in readers[-1][1]
            else:
                assert choices == []
            assert mode not in app._read_ahead

    asyncio.run(scenario())


@SQLITE_FILE
def test_a_screen_is_made_ahead_at_a_quiet_moment_not_under_keys(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Making a screen takes the UI thread for a moment: with keys coming, it waits for quiet."""
    from time import monotonic

    from tracker.tui.main_screens import MainScreens

    allowed: list[bool] = []
    make_ahead = MainScreens.make_ahead
    monkeypatch.setattr(MainScreens, "make_ahead", lambda self, mode: make_ahead(self, mode) if allowed else None)

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: app.warmed.is_set() and "offers" in app._read_ahead, timeout=20)
            allowed.append(True)
            monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 0.3)
            app.last_key_at = monotonic()  # a key just now
            app._make_ahead_soon("offers")
            assert "offers" not in app.made_modes
            await settle(pilot, lambda: "offers" in app.made_modes, timeout=20)
            await pilot.press("6")
            assert "3 offers to answer" in screen_text(app)

    asyncio.run(scenario())
