"""The Opportunities and People tables: live filter, sort, drop-down filters, enter opens the detail
(paging through many rows: test_tui_table_paging.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.domain.vocab import CLOSED_STAGES, OPEN_STAGES
from tracker.store.models import Opportunity
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.screens.opportunities import OpportunitiesScreen
from tracker.tui.widgets.paged_table import PagedTable
from conftest import TODAY, new_database
from tui_helpers import cells, make_app, notifications, settle, table_cell as cell, table_column as column, text_of

FIRST_PAGE = OpportunitiesScreen.FIRST_PAGE
"""Rows a table reads for a new filter or sort at 120x40 (a screenful and more; the rest as the cursor goes)."""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = new_database(tmp_path / "t.db")
    store = open_store(db)
    with store.write() as s:
        records.add_person(s, name="Kim Young-hoon", role="professor", organization="GIST", lab="Computer Vision Lab",
                           research_areas="3D vision, SLAM")
        records.add_person(s, name="Tan Wei Ming", role="professor", organization="NTU Singapore",
                           research_areas="object search")
        records.add_person(s, name="Meera Nair", role="writer", organization="VIT Vellore")
        records.add_opportunity(s, title="Computer Vision Lab, GIST", kind="outreach", organization="GIST",
                                contact="Kim", on=TODAY - timedelta(days=40))
        records.add_opportunity(s, title="Rapid Object Search Lab, NTU", kind="outreach", organization="NTU Singapore",
                                contact="Tan", on=TODAY - timedelta(days=30))
        records.add_opportunity(s, title="DAAD WISE", kind="program", organization="DAAD", cycle="Summer 2027",
                                deadline=TODAY + timedelta(days=35), on=TODAY - timedelta(days=20))
        records.add_opportunity(s, title="Mitacs Globalink", kind="program", organization="Mitacs",
                                stage="rejected", deadline=TODAY - timedelta(days=100), on=TODAY - timedelta(days=120))
        records.add_opportunity(s, title="[bold]Failure Explanation[/bold] intern", kind="posting",
                                organization="Northbridge", letters_required=2, cycle="Summer 2027",
                                deadline=TODAY + timedelta(days=10), on=TODAY - timedelta(days=10))
        records.log_interaction(s, channel="email", direction="sent", person="Kim", on=TODAY - timedelta(days=20))
        records.log_interaction(s, channel="email", direction="received", person="Kim", on=TODAY - timedelta(days=12),
                                subject="Re: summer internship", notes="Send your CV")
        records.set_letter(s, opportunity="[bold]Failure", writer="Meera", status="submitted", on=TODAY)
    store.close()
    return db


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


# --- people ---------------------------------------------------------------------------------------------


def test_the_status_line_says_the_new_position_in_the_frame_the_cursor_moves_in(small_db: Path) -> None:
    """The "N of M" line followed the table's RowHighlighted message, handled after the table had
    painted the moved cursor: every cursor move was drawn twice, the position a frame late."""
    async def scenario() -> None:
        app = make_app(small_db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 3)
            status = app.screen.query_one("#table-status")
            assert text_of(status).startswith("1 of 3 people")
            table.action_cursor_down()  # no message handled in between
            assert text_of(status).startswith("2 of 3 people")
            await pilot.press("down")
            assert text_of(status).startswith("3 of 3 people")

    run(scenario)


def test_people_show_last_heard_and_threads_and_filter_on_research_areas(small_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(small_db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 3)
            assert column(table, "name") == ["Kim Young-hoon", "Meera Nair", "Tan Wei Ming"]
            assert cells(table, 0)[1:] == ["professor", "GIST", "Computer Vision Lab", "2026-11-10", "1 / 2"]
            assert cells(table, 1)[4:] == ["—", "1 / 0"]
            await pilot.press("slash", *"slam")
            await settle(pilot, lambda: table.row_count == 1)
            assert column(table, "name") == ["Kim Young-hoon"]
            await pilot.press("escape", "r")  # role: professor
            await settle(pilot, lambda: table.row_count == 2)
            await pilot.press("o", "o", "o", "o")  # name -> role -> organization -> lab -> last heard
            await settle(pilot, lambda: app.screen.sort.column == "last_heard")
            await pilot.press("O")
            await settle(pilot, lambda: column(table, "last_heard") == ["2026-11-10", "—"])

    run(scenario)


def test_the_people_filter_finds_who_another_process_added_since_its_keys_were_read(small_db: Path) -> None:
    """The filter's keys are read (on a file) when the user rests on People or enters the filter, not when
    they pass by; a person added elsewhere after that is found by the next keystroke, before the watcher
    has looked."""
    async def scenario() -> None:
        app = make_app(small_db)
        app.watch_interval = 600  # (the watcher does not look during the test: the filter alone must find him)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("4", "5")  # passing by People to Letters
            await settle(pilot, lambda: type(app.screen).__name__ == "LettersScreen")
            await pilot.pause(0.6)
            assert app.store.people_found("", None) is None
            await pilot.press("4")  # staying a moment: read before the filter is entered
            await settle(pilot, lambda: app.store.people_found("", None) is not None, timeout=5)
            table = app.screen.query_one(PagedTable)
            await pilot.press("slash", *"ki")
            await settle(pilot, lambda: column(table, "name") == ["Kim Young-hoon"])
            other = open_store(small_db)
            with other.write() as s:
                records.add_person(s, name="Kim Min-soo", role="phd-student", organization="KAIST")
            other.close()
            await pilot.press("m")
            await settle(pilot, lambda: column(table, "name") == ["Kim Min-soo", "Kim Young-hoon"])
            assert text_of(app.screen.query_one("#table-status")).startswith("1 of 2 people")

    run(scenario)


def test_a_letter_typed_is_drawn_with_its_rows_and_never_held_when_the_read_fails(
        small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen is not drawn between a letter typed in the filter and its rows (one frame for both), and
    a read that fails holds nothing: the letter is drawn within HOLD, and the failure is said."""
    from tracker.domain.errors import StoreError
    from tracker.tui import held_frames
    from tracker.tui.screens.people import PeopleScreen

    real = PeopleScreen.fetch_page.__func__  # type: ignore[attr-defined]

    def failing(cls: type, store: object, filters: object, *args: object) -> object:
        if getattr(filters, "text", "") == "kx":
            raise StoreError("the disk is full")
        return real(cls, store, filters, *args)

    async def scenario() -> None:
        app = make_app(small_db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 3)
            await pilot.press("slash")
            held: list[int] = []
            monkeypatch.setattr(app.screen, "show", lambda data, show=app.screen.show: (
                held.append(app._batch_count), show(data)))  # (the app's count of batches: Textual's)
            await pilot.press("k")
            await settle(pilot, lambda: column(table, "name") == ["Kim Young-hoon"])
            assert held == [1] and app._batch_count == 0  # drawn once the rows were shown, not before
            monkeypatch.setattr(PeopleScreen, "fetch_page", classmethod(failing))
            await pilot.press("x")
            await pilot.pause(held_frames.HOLD + 0.1)
            assert app._batch_count == 0 and app.screen.filter_bar.text == "kx"
            await settle(pilot, lambda: any("the disk is full" in n for n in notifications(app)))

    run(scenario)


def test_enter_on_a_person_opens_them_and_their_threads(small_db: Path) -> None:
    from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
    from tracker.tui.screens.person_detail import PersonDetailScreen

    async def scenario() -> None:
        app = make_app(small_db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one(PagedTable)
            await settle(pilot, lambda: table.row_count == 3)
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, PersonDetailScreen) and app.screen.view is not None)
            fields = text_of(app.screen.query_one("#person-fields"))
            assert "Last heard from" in fields and "2026-11-10" in fields and "(12 days ago)" in fields
            threads = app.screen.query_one("#person-threads")
            assert threads.row_count == 1 and cells(threads, 0)[:2] == ["Computer Vision Lab, GIST", "replied"]
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, OpportunityDetailScreen) and app.screen.view is not None)
            assert app.screen.view.title == "Computer Vision Lab, GIST"
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, PersonDetailScreen))

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


def test_styled_and_plain_cells_line_up(demo_db: Path) -> None:
    """Bold names, dim dashes and dates, the cursor row: every column starts at the same cell."""
    import asyncio

    from tui_helpers import make_app, screen_lines, settle

    async def main() -> None:
        app = make_app(demo_db, "people")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("DataTable")
            rows = [str(table.get_row_at(r)[1]) for r in range(table.row_count)]  # the organizations
            lines = screen_lines(app)
            starts = set()
            for org in rows:
                line = next(line for line in lines if f" {org}" in line)
                starts.add(line.index(f" {org}"))
            assert len(starts) == 1, starts

    asyncio.run(main())
