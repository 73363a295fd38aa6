"""SVG snapshots of the Opportunities, People, Letters and Offers screens and the opportunity detail.

Demo data, today pinned to 2026-11-22, at 120x40 and 80x24. Regenerate after a deliberate change with
`pytest tests/test_tui_snapshots_tables.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui_helpers import make_app, settle

pytestmark = pytest.mark.usefixtures("pinned")

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


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
    assert snap_compare(make_app(demo_db, "letters"), terminal_size=size, run_before=loaded("#letters-table", 7))


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
