"""Snapshot of the statistics screen (funnel, reply rates, days to a reply) on the demo season."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.tui.screens.stats import StatsScreen
from tui_helpers import make_app, settle

pytestmark = pytest.mark.usefixtures("pinned")


@pytest.mark.parametrize("size", [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")])
def test_statistics(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_stats(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.push_screen(StatsScreen())
        await settle(pilot, lambda: isinstance(pilot.app.screen, StatsScreen) and pilot.app.screen.stats is not None)

    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=open_stats)
