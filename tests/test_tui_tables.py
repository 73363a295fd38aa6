"""The Opportunities table: live filter, sort, drop-down filters, enter opens the detail (the People
table: test_tui_people_table.py; paging through many rows: test_tui_table_paging.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.domain.vocab import CLOSED_STAGES, OPEN_STAGES
from tracker.store.models import Opportunity
from tracker.store.writes import records
from tracker.tui.screens.opportunities import OpportunitiesScreen
from tracker.tui.widgets.paged_table import PagedTable
from conftest import TODAY
from tui_helpers import make_app, settle, table_cell as cell, table_column as column, text_of

FIRST_PAGE = OpportunitiesScreen.FIRST_PAGE
"""Rows a table reads for a new filter or sort at 120x40 (a screenful and more; the rest as the cursor goes)."""

pytestmark = pytest.mark.usefixtures("pinned")  # (today pinned to TODAY; `small_db`: conftest)


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())  # type: ignore[arg-type]


# --- opportunities -----------------------------------------------------------------------------------


def test_opportunities_show_rows_sorted_by_title_with_literal_text(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            assert column(table, "title") == [
                "[bold]Failure Explanation[/bold] intern", "Computer Vision Lab, GIST", "DAAD WISE",
                "Mitacs Globalink", "Rapid Object Search Lab, NTU",
            ]
            assert cell(table, 0, "stage") == "shortlisted" and cell(table, 0, "letters") == "1/2"
            assert cell(table, 1, "contact") == "Kim Young-hoon" and cell(table, 1, "last_activity") == "2026-11-10"
            assert "kind" not in table.columns  # only on screens 140 wide or more
            assert app.focused is table

    run(scenario)


def test_typing_in_the_filter_refilters_each_keystroke_and_escape_clears(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("slash")
            assert app.focused.id == "filter-text"
            await pilot.press("n")
            await settle(pilot, lambda: table.row_count == 4)  # every title with an "n": all but DAAD WISE
            await pilot.press("t", "u")
            await settle(pilot, lambda: table.row_count == 1)
            assert column(table, "title") == ["Rapid Object Search Lab, NTU"]
            await pilot.press("backspace", "backspace", "backspace", *"kim")
            await settle(pilot, lambda: column(table, "title") == ["Computer Vision Lab, GIST"])
            await pilot.press("escape")
            await settle(pilot, lambda: table.row_count == 5)
            assert app.focused is table
            assert app.screen.filter_bar.text == ""

    run(scenario)


def test_enter_in_the_filter_keeps_it_and_returns_to_the_table(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("slash", *"lab", "enter")
            await settle(pilot, lambda: table.row_count == 2)
            assert app.focused is table

    run(scenario)


def test_sort_cycles_with_o_reverses_with_shift_o_and_by_header_click(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("o")  # title -> stage
            await settle(pilot, lambda: app.screen.sort.column == "stage" and cell(table, 4, "stage") == "rejected")
            assert str(table.columns["stage"].label) == "Stage ▲"
            await pilot.press("O")
            await settle(pilot, lambda: cell(table, 0, "stage") == "rejected")
            assert str(table.columns["stage"].label) == "Stage ▼"
            # a click on the Deadline header sorts by deadline, empty ones last
            before = list(table.columns.values())[: table.get_column_index("deadline")]
            x = sum(c.get_render_width(table) for c in before) + 2
            await pilot.click("#table", offset=(x, 0))
            await settle(pilot, lambda: app.screen.sort.column == "deadline")
            assert column(table, "deadline") == ["2026-08-14", "2026-12-02", "2026-12-27", "—", "—"]
            await pilot.click("#table", offset=(x, 0))
            await settle(pilot, lambda: column(table, "deadline")[0] == "2026-12-27")
            assert column(table, "deadline")[-2:] == ["—", "—"]

    run(scenario)


def test_stage_kind_and_cycle_filters(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("s")  # open stages
            await settle(pilot, lambda: table.row_count == 4)
            assert all(stage in OPEN_STAGES for stage in column(table, "stage"))
            await pilot.press("s")  # closed stages
            await settle(pilot, lambda: table.row_count == 1)
            assert column(table, "stage") == ["rejected"] and "rejected" in CLOSED_STAGES
            await pilot.press("s")  # shortlisted
            await settle(pilot, lambda: table.row_count == 3)
            await pilot.press("K")  # outreach
            await settle(pilot, lambda: table.row_count == 1)
            assert column(table, "title") == ["Rapid Object Search Lab, NTU"]
            await pilot.press("K")  # program
            await settle(pilot, lambda: column(table, "title") == ["DAAD WISE"])
            bar = app.screen.filter_bar
            assert bar.values() == {"stage": "shortlisted", "kind": "program", "cycle": None, "country": None}
            await pilot.press("K", "K", "s", "s")  # kind: posting, then any; stage: contacted, then replied
            await settle(pilot, lambda: column(table, "title") == ["Computer Vision Lab, GIST"])
            await pilot.press("c")  # the cycles come from the database
            await settle(pilot, lambda: table.row_count == 0)
            assert bar.values()["cycle"] == "Summer 2027"
            assert "No match" in text_of(app.screen.query_one("#table-status"))

    run(scenario)


def test_a_drop_down_opens_under_its_box_chooses_and_closes(small_db: Path) -> None:
    """The drop-down filters open with enter or a click, choose with enter, and escape closes without choosing."""
    from textual.widgets import OptionList

    from tracker.tui.widgets.choice_box import ChoiceBox, ChoiceMenu

    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            screen = app.screen
            box = screen.query_one("#filter-stage", ChoiceBox)
            assert "Any stage" in box.render().plain
            box.focus()
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ChoiceMenu))
            menu = app.screen.query_one(OptionList)
            assert menu.region.y == box.region.bottom  # right under the box
            labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
            assert labels[:3] == ["Any stage", "Open stages", "Closed stages"] and "shortlisted" in labels
            await pilot.press("escape")  # closed, nothing chosen
            await settle(pilot, lambda: app.screen is screen)
            assert box.value is None and app.focused is box
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ChoiceMenu))
            await pilot.press(*["down"] * labels.index("rejected"), "enter")
            await settle(pilot, lambda: app.screen is screen and table.row_count == 1)
            assert column(table, "title") == ["Mitacs Globalink"] and "rejected" in box.render().plain
            await pilot.click(box)  # a click opens it too; the first option is "any" again
            await settle(pilot, lambda: isinstance(app.screen, ChoiceMenu))
            await pilot.press("home", "enter")
            await settle(pilot, lambda: app.screen is screen and table.row_count == 5)
            assert box.value is None and "Any stage" in box.render().plain

    run(scenario)


def test_enter_opens_the_opportunity_detail_and_escape_comes_back(small_db: Path) -> None:
    from tracker.tui.screens.opportunities import OpportunitiesScreen
    from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("down", "enter")
            await settle(pilot, lambda: isinstance(app.screen, OpportunityDetailScreen) and app.screen.view is not None)
            screen = app.screen
            assert screen.view.title == "Computer Vision Lab, GIST"
            history = text_of(screen.query_one("#detail-history"))
            assert "shortlisted" in history and "contacted" in history and "replied" in history
            timeline = screen.query_one("#detail-timeline")
            assert [e.kind for e in timeline.events] == ["sent", "received"]
            assert "Send your CV" in text_of(timeline)
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, OpportunitiesScreen))

    run(scenario)


def test_new_rows_written_elsewhere_appear_on_reload_keeping_the_cursor(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 5)
            await pilot.press("down", "down")
            assert cell(table, table.cursor_row, "title") == "DAAD WISE"

            def change(session) -> None:  # type: ignore[no-untyped-def]
                records.add_opportunity(session, title="AAA first", kind="program", organization=None, on=TODAY)

            app.write(change)
            await settle(pilot, lambda: table.row_count == 6)
            assert cell(table, table.cursor_row, "title") == "DAAD WISE"
            store = app.store
            with store.read() as s:
                assert s.scalars(select(Opportunity.title).where(Opportunity.title == "AAA first")).one()

    run(scenario)
