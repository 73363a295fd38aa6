"""SVG snapshots of the Opportunities, People, Letters and Offers screens and the opportunity detail.

Demo data, today pinned to 2026-11-22, at 120x40 and 80x24. Regenerate after a deliberate change with
`pytest tests/test_tui_snapshots_tables.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import tracker.tui.app
from tracker.demo import load_demo
from tracker.store import open_store
from tracker.tui.app import TrackerApp

TODAY = date(2026, 11, 22)
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


def make_app(db: Path, mode: str) -> TrackerApp:
    class App(TrackerApp):
        DEFAULT_MODE = mode
        CSS_PATH = str(Path(tracker.tui.app.__file__).with_name("app.tcss"))

    return App(db, watch_interval=0)


async def settle(pilot, until: Callable[[], bool] | None = None, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.store is not None and (until is None or until()):
            return
        if time.monotonic() > deadline:
            raise AssertionError("the app did not settle")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "t.db"
    store = open_store(db)
    load_demo(store, today=TODAY, zone=ZoneInfo("Asia/Kolkata"))
    store.close()
    return db


def loaded(selector: str, count: int) -> Callable[..., object]:
    """A run_before that waits until `selector` (a DataTable) holds `count` rows."""

    async def wait(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, lambda: pilot.app.screen.query_one(selector).row_count == count)

    return wait


@pytest.mark.parametrize("size", SIZES)
def test_opportunities(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db, "opportunities"), terminal_size=size, run_before=loaded("#table", 11))


@pytest.mark.parametrize("size", SIZES)
def test_people(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db, "people"), terminal_size=size, run_before=loaded("#table", 14))


@pytest.mark.parametrize("size", SIZES)
def test_letters(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db, "letters"), terminal_size=size, run_before=loaded("#letters-table", 5))


@pytest.mark.parametrize("size", SIZES)
def test_offers(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from tracker.tui.widgets.offer_card import OfferCard

    async def wait(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, lambda: len(pilot.app.screen.query(OfferCard)) == 3)

    assert snap_compare(make_app(demo_db, "offers"), terminal_size=size, run_before=wait)


@pytest.mark.parametrize("size", SIZES)
def test_opportunity_detail(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_posting(pilot) -> None:  # type: ignore[no-untyped-def]
        table = pilot.app.screen.query_one("#table")
        await settle(pilot, lambda: table.row_count == 11)
        index = next(r for r in range(table.row_count) if str(table.get_row_at(r)[0]).startswith("Research Intern"))
        table.move_cursor(row=index)
        await pilot.press("enter")
        await settle(pilot, lambda: getattr(pilot.app.screen, "view", None) is not None)

    assert snap_compare(make_app(demo_db, "opportunities"), terminal_size=size, run_before=open_posting)
