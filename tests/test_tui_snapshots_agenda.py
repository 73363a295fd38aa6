"""SVG snapshots of the Agenda, the Board and the welcome (demo data, today pinned), and a small-terminal run.

Update with `uv run pytest tests/test_tui_snapshots_agenda.py --snapshot-update`, then read
the SVGs' text: they must show real reminders and cards, not "Loading…".
"""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from conftest import TODAY, demo_database, new_database
from tracker.tui.app import SCREENS_IN_ORDER, TrackerApp


async def settle(pilot: Pilot[Any], rounds: int = 4) -> None:
    """Wait for the store to open and for every worker (writes, loads) and its messages."""
    app = pilot.app
    for _ in range(300):
        await pilot.pause()
        if getattr(app, "store", None) is not None:
            break
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def on_board(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


@pytest.fixture
def app_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Build the app over a fresh database, with or without the demo data, today pinned."""
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())

    def build(*, demo: bool = True) -> TrackerApp:
        path = tmp_path / "t.db"
        (demo_database if demo else new_database)(path)  # the demo season as of TODAY in India time, or empty
        return TrackerApp(path, watch_interval=0)

    return build


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_agenda_snapshot(snap_compare: Any, app_for: Any, size: tuple[int, int]) -> None:
    """The agenda with the demo data: three groups, the overdue rows in the error colour."""
    assert snap_compare(app_for(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_board_snapshot(snap_compare: Any, app_for: Any, size: tuple[int, int]) -> None:
    """The board with the demo data: six open columns and the closed one."""
    assert snap_compare(app_for(), terminal_size=size, run_before=on_board)


def test_welcome_snapshot(snap_compare: Any, app_for: Any) -> None:
    """An empty database: the guide and the demo button."""
    assert snap_compare(app_for(demo=False), terminal_size=(80, 24), run_before=settle)


def test_every_number_key_at_60x20(app_for: Any) -> None:
    """A small terminal survives 1-6 and back to 1; each key shows its screen."""
    for _name, _title, target in SCREENS_IN_ORDER:
        pytest.importorskip(target.split(":")[0])
    app = app_for()

    async def main() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            for number, (_name, _title, target) in enumerate(SCREENS_IN_ORDER, start=1):
                await pilot.press(str(number))
                await settle(pilot)
                module_name, class_name = target.split(":")
                assert isinstance(app.screen, getattr(importlib.import_module(module_name), class_name))
            await pilot.press("1")
            await settle(pilot)
            assert type(app.screen).__name__ == "AgendaScreen"
            assert app.return_code is None  # still running: nothing crashed

    asyncio.run(main())
