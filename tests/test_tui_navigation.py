"""Moving around the app (number keys, help, the mouse) and the welcome on an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typing import Any

from sqlalchemy import func, select
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tracker.store.models import Opportunity, Person
from tracker.tui.app import TrackerApp
from tui_helpers import listing, notifications, read, run, screen_lines, settle, shown


def test_number_keys_switch_between_agenda_and_board(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.agenda import AgendaScreen
        from tracker.tui.screens.board import BoardScreen

        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert app.focused is listing(app)

    run(demo_db, test)


def test_the_header_names_the_screen(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        for key, title in (("1", "Agenda"), ("2", "Board"), ("3", "Opportunities"), ("4", "People"),
                           ("5", "Letters"), ("6", "Offers")):
            await pilot.press(key)
            await settle(pilot)
            header = screen_lines(app)[0]
            assert f"{title} — tracker" in header and "research-internship" not in header, header
        await pilot.press("3", "enter")
        await settle(pilot)
        assert "Opportunity — Computer Vision Lab, GIST" in screen_lines(app)[0]

    run(demo_db, test)


def test_help_lists_the_keys_of_every_screen_and_escape_closes(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.agenda import AgendaScreen
        from tracker.tui.screens.help import HelpScreen

        app.update_keymap({"agenda.dismiss": "delete"})
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        ids = {row[3] for row in rows}
        assert {"agenda.follow_up", "agenda.snooze", "board.move_right", "app.help", "screen.board"} <= ids
        dismiss = next(row for row in rows if row[3] == "agenda.dismiss")
        assert dismiss[1] == "del"  # the keymap is applied (shown as the footer shows it)
        assert table.cursor_row == next(i for i, row in enumerate(rows) if row[0] == "Agenda")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)

    run(demo_db, test)


# --- the empty database -----------------------------------------------------------------------


def test_empty_database_shows_the_guide_and_d_loads_the_demo(empty_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        screen = app.screen
        guide = screen.query_one("#welcome-guide", Static)
        assert guide.display and not listing(app).display
        text = str(guide.render())
        assert "Start in three steps" in text and "New opportunity…" in text
        assert "d" in screen.active_bindings and "f" not in screen.active_bindings
        await pilot.press("d")
        await settle(pilot, rounds=6)
        assert not screen.has_class("-empty") and listing(app).display
        assert "Today and overdue (4)" in shown(app)
        assert app.focused is listing(app)
        assert any(n.startswith("Demo data for Aarav Sharma loaded: 14 people") for n in notifications(app)), notifications(app)

    run(empty_db, test)
    assert read(empty_db, select(func.count()).select_from(Person))[0][0] == 14


def test_the_welcome_button_loads_the_demo_too(empty_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.click("#load-demo")
        await settle(pilot, rounds=6)
        assert "Today and overdue (4)" in shown(app)

    run(empty_db, test)




def test_clicking_a_reminder_opens_it(demo_db: Path) -> None:
    detail = pytest.importorskip("tracker.tui.screens.opportunity_detail")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.click("#agenda-list", offset=(30, 2))  # row 0 is the border, row 1 the first heading
        await settle(pilot)
        assert isinstance(app.screen, detail.OpportunityDetailScreen)
        assert app.screen.opportunity_id == read(
            demo_db, select(Opportunity.id).where(Opportunity.title == "Video Analytics Lab, IISc")
        )[0][0]

    run(demo_db, test)


# --- coming back to a screen ---------------------------------------------------------------------


def test_coming_back_to_a_screen_shows_it_without_reading_it_again_unless_the_data_changed(demo_db: Path) -> None:
    """A revisit of People reads nothing (it is shown as it was); after another process adds a
    person, the next revisit reads again and lists them, before the file watcher would notice."""
    from tracker.store import open_store
    from tracker.store.models import Person

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.people import PeopleScreen

        await pilot.press("4")
        await settle(pilot)
        people = app.screen
        assert isinstance(people, PeopleScreen)
        fetched: list[int] = []
        original = people.fetch
        people.fetch = lambda store: (fetched.append(1), original(store))[1]  # type: ignore[method-assign]
        before = people.table.total
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert fetched == []  # nothing changed: nothing read
        assert people.table.total == before

        await pilot.press("1")
        await settle(pilot)
        other = open_store(demo_db)  # another tracker process, in effect: its own connection
        try:
            with other.write() as session:
                session.add(Person(name="Şükrü Öztürk", role="professor"))
        finally:
            other.close()
        await pilot.press("4")
        await settle(pilot)
        assert fetched == [1]
        assert people.table.total == before + 1

    run(demo_db, test)
def test_at_80x24_footers_keep_help_and_quit_and_offers_reach_every_card(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        for key in "123456":
            await pilot.press(key)
            await settle(pilot)
            footer = screen_lines(app)[-1]
            assert "? Help" in footer.replace("?  Help", "? Help") and "q Quit" in footer.replace("q  Quit", "q Quit"), \
                (key, footer)
        titles = ("Rapid Object Search Lab, NTU", "Multimodal Learning Lab", "Computer Vision Lab, GIST")
        seen = set()
        for _ in range(3):
            lines = "\n".join(screen_lines(app))
            seen |= {t for t in titles if t in lines}
            await pilot.press("right")
            await settle(pilot)
        assert seen == set(titles)

    run(demo_db, test, size=(80, 24))


def test_at_80_columns_a_footer_leaves_out_the_keys_that_do_not_fit_instead_of_cutting_one(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        for screen_key in "43":  # a person's page, an opportunity's: more keys than 80 columns hold
            await pilot.press(screen_key)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            footer = screen_lines(app)[-1]
            keys = footer.split("▏")[0].rstrip()
            assert keys.endswith("…"), footer
            described = [part.strip().split(" ", 1) for part in keys[:-1].split("  ") if part.strip()]
            assert all(len(pair) == 2 and len(pair[1]) > 1 for pair in described), footer  # no "D D"
            assert "? Help" in footer and "q Quit" in footer and footer.rstrip().endswith("palette")
            await pilot.press("escape")
            await settle(pilot)

    run(demo_db, test, size=(80, 24))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_help_fits_the_width_without_scrolling_sideways(demo_db: Path, size: tuple[int, int]) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.help import HelpScreen

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, table.virtual_size
        assert not table.show_horizontal_scrollbar or table.max_scroll_x == 0
        shown = "\n".join(screen_lines(app))
        assert "Open the reminder's opportunity (or person)" in shown  # whole, not cut at the edge

    run(demo_db, test, size=size)


def test_a_long_notification_leaves_the_status_line_and_the_footer_visible(demo_db: Path) -> None:
    import asyncio

    from textual.widgets._toast import Toast

    from tui_helpers import make_app

    async def main() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            before = screen_lines(app)[-2:]
            assert "letters owed" in before[0]
            app.notify("A long message about something that happened, " * 4, timeout=30)
            await pilot.pause(0.3)
            toasts = list(app.screen.query(Toast))
            assert toasts and all(t.region.bottom <= app.size.height - 2 for t in toasts), [t.region for t in toasts]
            assert screen_lines(app)[-2:] == before

    asyncio.run(main())


@pytest.mark.parametrize("mode, says", [
    ("agenda", "demo"), ("board", "Press 3 then n"), ("opportunities", "press n to add one"),
    ("people", "press n to add a professor"), ("letters", "press L"), ("offers", "press o"),
])
def test_every_screen_says_what_to_do_first_on_an_empty_database_at_80x24(
        empty_db: Path, mode: str, says: str) -> None:
    import asyncio

    from tui_helpers import make_app

    async def main() -> None:
        app = make_app(empty_db, mode)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            lines = screen_lines(app)
            text = " ".join(" ".join(line.split()) for line in lines)
            assert says in text, text
            assert "? Help" in lines[-1] and "q Quit" in lines[-1]

    asyncio.run(main())


def test_the_footer_keys_answer_the_mouse(demo_db: Path) -> None:
    """A click on a footer key presses it (the palette's at the right edge too); the key under the mouse is
    highlighted."""
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from textual.command import CommandPalette

        from tracker.tui.screens.help import HelpScreen
        from tracker.tui.screens.people import PeopleScreen
        from tracker.tui.widgets.app_footer import AppFooter

        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        line = screen_lines(app)[-1]
        footer = app.screen.query_one(AppFooter)
        filter_at = line.index("/ Filter")
        await pilot.hover(AppFooter, offset=(filter_at + 2, 0))
        await settle(pilot)
        hovered = footer.item_at(filter_at + 2)
        assert hovered is not None and hovered.description == "Filter"
        strip = footer.render_line(0)
        background = [next(iter(strip.crop(x, x + 1))).style.bgcolor for x in (filter_at + 2, line.index("? Help"))]
        assert background[0] != background[1]  # the key under the mouse is highlighted, not the others
        await pilot.click(AppFooter, offset=(filter_at + 2, 0))
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "filter-text"
        await pilot.press("escape")
        await pilot.click(AppFooter, offset=(line.index("? Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click(AppFooter, offset=(line.index("^p palette") + 3, 0))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)

    run(demo_db, test, size=(80, 24))
