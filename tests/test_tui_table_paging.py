"""The Opportunities table over many rows: read a page at a time as the cursor or the scroll goes,
never more than 500 rows held, a new filter back on the first page."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from conftest import TODAY, new_database
from tracker.domain.vocab import STAGES
from tracker.store import open_store
from tracker.store.models import Opportunity, Organization, StageChange
from tracker.tui.screens.opportunities import OpportunitiesScreen
from tracker.tui.widgets.paged_table import PagedTable
from tui_helpers import make_app, settle, table_cell as cell, table_column as column

FIRST_PAGE = OpportunitiesScreen.FIRST_PAGE
"""Rows a table reads for a new filter or sort at 120x40 (a screenful and more; the rest as the cursor goes)."""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())


def build_many(db: Path, count: int) -> None:
    """`count` opportunities in a new database at `db`, written in one transaction straight through the models."""
    store = open_store(new_database(db))
    with store.write() as s:
        org = Organization(name="University")
        s.add(org)
        s.flush()
        opps = [
            Opportunity(title=f"Opportunity {i:05d}", kind="outreach", organization_id=org.id,
                        stage=STAGES[i % len(STAGES)], created_on=TODAY)
            for i in range(count)
        ]
        s.add_all(opps)
        s.flush()
        s.add_all(StageChange(opportunity_id=o.id, to_stage=o.stage, changed_on=TODAY) for o in opps)
    store.close()


def test_rows_are_paged_and_the_table_never_holds_more_than_500(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build_many(db, 800)

    async def scenario() -> None:
        app = make_app(db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == FIRST_PAGE)
            assert table.total == 800
            seen = set()
            for _ in range(60):  # page down to the very end
                await pilot.press("pagedown")
                await settle(pilot)
                assert table.row_count <= 500
                seen.add(table.window_offset)
                ids = table.ids
                expected = [f"Opportunity {i:05d}" for i in range(table.window_offset, table.window_offset + len(ids))]
                assert column(table, "title") == expected
                if table.cursor_position == 799:
                    break
            assert table.cursor_position == 799
            assert cell(table, table.cursor_row, "title") == "Opportunity 00799"
            assert max(seen) > 0
            # going back up loads the earlier pages again
            await pilot.press("ctrl+home")
            await settle(pilot, lambda: table.window_offset == 0 and table.cursor_row == 0)
            assert cell(table, 0, "title") == "Opportunity 00000"
            await pilot.press("ctrl+end")
            await settle(pilot, lambda: table.cursor_position == 799)
            assert table.row_count <= 500 and table.window_offset >= 300
            for _ in range(20):
                await pilot.press("pageup")
                await settle(pilot)
                assert table.row_count <= 500
            assert table.window_offset < 300
            position = table.cursor_position
            assert cell(table, table.cursor_row, "title") == f"Opportunity {position:05d}"

    asyncio.run(scenario())


def test_scrolling_without_moving_the_cursor_also_loads_pages(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build_many(db, 1_000)

    async def scenario() -> None:
        app = make_app(db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == FIRST_PAGE)
            for _ in range(8):  # like a mouse wheel: the view moves, the cursor stays behind
                table.scroll_to(y=table.max_scroll_y, animate=False, immediate=True)
                await settle(pilot)
                assert table.row_count <= 500
            assert table.window_offset + table.row_count == 1_000
            assert cell(table, table.row_count - 1, "title") == "Opportunity 00999"
            # the cursor's first row was dropped with its page: the cursor moved to a row still held
            assert table.cursor_id in table.ids and table.window_offset > 0

    asyncio.run(scenario())


def test_end_and_home_go_to_the_last_and_first_row_of_the_whole_result(tmp_path: Path) -> None:
    """End and Home moved nothing in a table (DataTable's own go to the last and first column, and the columns
    fit): like ctrl+end and ctrl+home, and the Board's home and end, they go to the last and the first row."""
    db = tmp_path / "t.db"
    build_many(db, 700)

    async def scenario() -> None:
        app = make_app(db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == FIRST_PAGE)
            await pilot.press("end")
            await settle(pilot, lambda: table.cursor_position == 699)
            assert cell(table, table.cursor_row, "title") == "Opportunity 00699"
            await pilot.press("home")
            await settle(pilot, lambda: table.cursor_position == 0)
            assert cell(table, table.cursor_row, "title") == "Opportunity 00000"

    asyncio.run(scenario())


def test_filtering_many_rows_resets_to_the_first_page(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build_many(db, 700)

    async def scenario() -> None:
        app = make_app(db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == FIRST_PAGE)
            await pilot.press("ctrl+end")
            await settle(pilot, lambda: table.cursor_position == 699)
            await pilot.press("slash", *"00066")
            await settle(pilot, lambda: table.total == 1)
            assert table.window_offset == 0 and table.cursor_row == 0
            assert column(table, "title")[0] == "Opportunity 00066"

    asyncio.run(scenario())
