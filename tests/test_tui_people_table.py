"""The People table: the status line, last heard and threads, the filter (its keys kept in memory, a
letter drawn with its rows), enter opens the person, cells aligned (the Opportunities table and what
both share: test_tui_tables.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.widgets.paged_table import PagedTable
from tui_helpers import cells, make_app, notifications, settle, table_column as column, text_of

pytestmark = pytest.mark.usefixtures("pinned")  # (today pinned to TODAY; `small_db`: conftest)


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())  # type: ignore[arg-type]


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
