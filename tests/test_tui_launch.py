"""The TUI's start-up (`tracker.tui.launch`): the garbage collector is off until the app is warm.

Start-up builds what lives as long as the app; full collections during it walked all of it for
nothing (about 0.1 s each, some of them in a first screen switch). The warm-up freezes what was
built and turns the collector on again; a store that cannot be opened turns it on at once.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracker.tui import launch
from tracker.tui.app import GC_THRESHOLDS, TrackerApp
from tui_helpers import settle


@pytest.fixture
def collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    gc.enable()


def test_launch_runs_the_app_with_the_collector_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    collector_restored: None) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(TrackerApp, "run", lambda self, *a, **k: seen.append(gc.isenabled()))
    launch.run(tmp_path / "t.db", create_dirs=False)
    assert seen == [False]
    assert gc.isenabled()  # and on again once the app is gone


def test_the_warm_up_freezes_the_start_up_and_turns_the_collector_on(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    monkeypatch.setattr("tracker.tui.app.WARM_UP_AFTER", 0.01)

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        gc.disable()
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
