"""The TUI's start-up (`tracker.tui.launch`): the garbage collector is off until the app is warm.

Start-up builds what lives as long as the app; full collections during it walked all of it for
nothing (about 0.1 s each, some of them in a first screen switch). The warm-up freezes what was
built and turns the collector on again; a store that cannot be opened turns it on at once. The
warm-up waits for a moment without keys and without a screen reading (`tracker.tui.warm_up`).
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from time import monotonic
from typing import Any

import pytest

from tracker.tui import launch
from tracker.tui.app import TrackerApp
from tracker.tui.warm_up import GC_THRESHOLDS
from form_helpers import wait_for
from tui_helpers import held, no_screens_made_ahead, settle


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The collector as the test process keeps it (conftest: the app's thresholds, what was loaded frozen)."""
    thresholds = gc.get_threshold()
    gc.unfreeze()  # (so that a test sees what the app freezes)
    yield
    gc.set_threshold(*thresholds)
    gc.enable()
    gc.freeze()


def test_launch_runs_the_app_with_the_collector_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    collector_restored: None) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(TrackerApp, "run", lambda self, *a, **k: seen.append(gc.isenabled()))
    launch.run(tmp_path / "t.db", create_dirs=False)
    assert seen == [False]
    assert gc.isenabled()  # and on again once the app is gone


def test_the_warm_up_freezes_the_start_up_and_turns_the_collector_on(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 0.01)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        gc.disable()
        assert gc.get_freeze_count() == 0
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: app.warmed.is_set())
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            assert gc.get_threshold() == GC_THRESHOLDS

    asyncio.run(scenario())


def test_a_store_that_cannot_be_opened_turns_the_collector_on(tmp_path: Path, collector_restored: None) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("shopping list\n" * 100)

    async def scenario() -> Any:
        app = TrackerApp(not_a_database, watch_interval=0)
        gc.disable()
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(300):
                if app._notifications:
                    break
                await pilot.pause(0.01)
            assert [n.title for n in app._notifications] == ["Cannot open the database"]
            assert gc.isenabled()

    asyncio.run(scenario())


# --- when the warm-up runs: when the user has a moment, not at a fixed time after launch ------------


def _warm_up_starts(monkeypatch: pytest.MonkeyPatch, look: Any) -> list[Any]:
    """What `look(app)` says at each start of the warm-up."""
    from tracker.tui.warm_up import WarmsUp

    seen: list[Any] = []
    start = WarmsUp._warm_up

    def looked(self: Any) -> Any:
        seen.append(look(self))
        return start(self)

    monkeypatch.setattr(WarmsUp, "_warm_up", looked)
    return seen


def test_the_warm_up_waits_while_the_user_goes_from_screen_to_screen(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """Started at a fixed time after launch, the warm-up (0.3 s of Python) shared the interpreter with
    whatever the user did then: a Board reading its rows took 0.75 s instead of 0.15 s."""
    quiet = 1.5  # longer than a key takes on a loaded machine: the keys below come 0.1 s apart
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", quiet)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 60.0)
    started = _warm_up_starts(monkeypatch, lambda app: (monotonic() - app.last_key_at, last_press[0]))
    last_press = [0.0]

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.store is not None)
            for key in "2121212121":
                last_press[0] = monotonic()
                await pilot.press(key)
                await pilot.pause(0.1)
            await wait_for(pilot, app.warmed.is_set, timeout=10)  # a moment without keys: warm now

    asyncio.run(scenario())
    assert len(started) == 1
    since_key, pressed_last = started[0]
    assert since_key >= quiet, f"warmed up {since_key:.2f} s after a key"
    assert pressed_last > 0, "warmed up before the user had finished"


def test_the_warm_up_waits_for_the_screen_reading_its_rows(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    from tracker.tui.screens.board import BoardScreen

    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 0.5)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 60.0)
    started = _warm_up_starts(monkeypatch, lambda app: isinstance(app.screen, BoardScreen) and app.screen.data is None)
    release = threading.Event()
    held(monkeypatch, BoardScreen, "fetch", release)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.store is not None)
            await pilot.press("2")
            await pilot.pause(1.5)  # three times the quiet the warm-up waits for, the rows held
            release.set()
            # the read done, its rows are shown a message later: under load the warm-up (instant
            # here, everything is loaded already) may be over first
            await wait_for(pilot, lambda: app.warmed.is_set() and app.screen.data is not None, timeout=10)
            assert isinstance(app.screen, BoardScreen) and app.screen.data is not None

    asyncio.run(scenario())
    assert started == [False], "warmed up while the Board was reading its rows"


def test_a_key_during_the_warm_up_holds_its_next_step(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """A key pressed while the warm-up loads waits for the step under way, not for all of it: no
    further step while the Board reads its rows (after a second on the agenda, the Board took
    1.1-1.3 s on a slow machine, its read waiting for the warm-up's imports; now 0.6 s)."""
    from tracker.tui import warm_up
    from tracker.tui.screens.board import BoardScreen

    monkeypatch.setattr(warm_up, "WARM_UP_QUIET", 0.05)
    monkeypatch.setattr(warm_up, "WARM_UP_AT_LATEST", 60.0)
    no_screens_made_ahead(monkeypatch)  # the Board's first visit is made by the key, during the warm-up
    key_pressed, release = threading.Event(), threading.Event()
    steps: list[tuple[str, bool]] = []
    apps: list[TrackerApp] = []

    def step(name: str) -> None:
        screen = apps[0].screen
        steps.append((name, isinstance(screen, BoardScreen) and screen.data is None))
        if len(steps) == 1:  # the first step is under way when the key comes
            key_pressed.wait(10)

    monkeypatch.setattr(warm_up, "import_module", step)
    held(monkeypatch, BoardScreen, "fetch", release)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        apps.append(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: bool(steps), timeout=10)
            await pilot.press("2")
            key_pressed.set()
            await pilot.pause(1.0)  # the Board reading its rows
            assert len(steps) == 1, f"the warm-up went on while the Board read: {steps}"
            release.set()
            await wait_for(pilot, app.warmed.is_set, timeout=10)
            assert isinstance(app.screen, BoardScreen) and app.screen.data is not None

    asyncio.run(scenario())
    assert [name for name, _reading in steps] == list(warm_up.WARM_UP_STEPS)
    assert not any(reading for _name, reading in steps)
    from tracker.tui.main_screens import SCREENS_IN_ORDER  # and every main screen's module: its first visit need not import it

    assert {target.split(":")[0] for _mode, _title, target in SCREENS_IN_ORDER} <= {name for name, _reading in steps}


def test_quitting_before_the_warm_up_leaves_nothing_waiting(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """Quit in the first seconds, before the warm-up: the agenda's worker went on waiting for it (up
    to 5 s) after the app had closed, and the process with it: `q` took 4.5 s to give the terminal
    back. Now the app's closing releases whatever waits for the warm-up, and it takes no step more."""
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 60.0)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 60.0)
    monkeypatch.setattr("tracker.tui.screens.base.WAIT_FOR_WARM_UP", 30.0)
    waited: list[float] = []

    class Watched(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            done = super().wait(timeout)
            waited.append(monotonic())
            return done

    async def scenario() -> float:
        app = TrackerApp(demo_db, watch_interval=0)
        app.warmed = Watched()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: getattr(app.screen, "reading_the_rest", False), timeout=20)
            await pilot.pause(0.2)  # the agenda's worker waiting for the warm-up
        return monotonic()

    closed = asyncio.run(scenario())
    while not waited and monotonic() < closed + 10:
        threading.Event().wait(0.05)
    assert waited and waited[0] - closed < 1.0, "a worker still waited for the warm-up after the app closed"


def test_a_look_for_quiet_while_the_app_closes_does_nothing(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """The app closes its screens before it unmounts itself, and its timers tick in between: the
    warm-up's look for quiet, ticking there, asked for the screen shown and raised ScreenStackError
    (a traceback on quitting; CI caught it). Now a look with no screen left ends the warm-up."""
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 60.0)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 60.0)
    looked: list[str] = []
    close_all = TrackerApp._close_all

    async def closing(app: TrackerApp) -> None:
        await close_all(app)
        try:
            app._warm_up_when_quiet()  # the timer's tick, where it fell on CI
            looked.append(f"screens {len(app.screen_stack)}, warmed {app.warmed.is_set()}")
        except Exception as err:  # noqa: BLE001 - what the user would have seen
            looked.append(repr(err))

    monkeypatch.setattr(TrackerApp, "_close_all", closing)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.store is not None, timeout=20)
            assert not app.warmed.is_set()

    asyncio.run(scenario())
    assert looked == ["screens 0, warmed True"]


def test_the_warm_up_starts_at_the_latest_however_busy_the_user(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """The collector stays off until the warm-up: it must come, even to a user who never stops."""
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_QUIET", 60.0)
    monkeypatch.setattr("tracker.tui.warm_up.WARM_UP_AT_LATEST", 0.3)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        gc.disable()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, app.warmed.is_set, timeout=5)
            assert gc.isenabled()

    asyncio.run(scenario())


def test_every_main_screen_opens_without_loading_the_orm() -> None:
    """A screen shown before the warm-up is over loads SQLAlchemy and the ORM in its reading worker:
    the UI thread shows the screen at once instead of importing them first (0.3 s without a frame,
    the number key seemingly ignored)."""
    from tracker.tui.main_screens import SCREENS_IN_ORDER

    modules = [target.split(":")[0] for _name, _title, target in SCREENS_IN_ORDER]
    probe = ("import sys, tracker.tui.app; [__import__(m) for m in sys.argv[1:]];"
             " print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'tracker.store.models') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe, *modules], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_an_error_nobody_foresaw_is_one_line_and_a_private_report(demo_db: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   collector_restored: None) -> None:
    """A bug in a handler (Statistics with an opportunity of no cycle, once) ended the app with a screenful of
    traceback, the records in its locals. Now: one line on standard error, exit status 1, the traceback in a
    file of mode 0600 under the data folder."""
    import stat

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real_run = TrackerApp.run
    monkeypatch.setattr(TrackerApp, "run", lambda self, **kwargs: real_run(self, headless=True, size=(80, 24)))

    def broken(self: TrackerApp, message: Any) -> None:
        secret = "kim@gist.ac.kr"  # a local the traceback shows
        raise RuntimeError(f"a bug, near {secret}")

    monkeypatch.setattr(TrackerApp, "on_tracker_app_store_opened", broken)
    with pytest.raises(SystemExit) as stopped:
        launch.run(demo_db, create_dirs=False)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    [line] = err.splitlines()
    assert line.startswith("error: tracker stopped on an error it did not expect (a bug); what happened is in ")
    assert "Traceback" not in err and "kim@gist.ac.kr" not in err
    [report] = (tmp_path / "data" / "tracker" / "crashes").iterdir()
    assert str(report) in line and stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "RuntimeError: a bug, near kim@gist.ac.kr" in report.read_text()


def test_a_quit_prints_nothing(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str], collector_restored: None) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real_run = TrackerApp.run

    async def quit_at_once(pilot: Any) -> None:
        await pilot.press("q")

    monkeypatch.setattr(TrackerApp, "run", lambda self, **kwargs: real_run(self, headless=True, auto_pilot=quit_at_once))
    launch.run(demo_db, create_dirs=False)
    assert capsys.readouterr().err == "" and not (tmp_path / "data").exists()
