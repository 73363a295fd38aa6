"""What a first visit to a main screen costs the UI thread (Pilot): no work that shows nothing.

A first visit was 0.4-1 s on the demo season, nearly all of it on the UI thread: Textual
re-parsed the app's whole stylesheet twice, and the footer rebuilt its keys (a widget each) on
each of about six signals, most of which changed nothing. These tests count that work, and check that what
is shown (the theme's colours, the footer's keys) is still right.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet

from tracker.tui.screens.letters import LettersScreen
from tracker.tui.widgets.app_footer import AppFooter
from tui_helpers import make_app, no_screens_made_ahead, screen_lines, settle


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(owner, name)

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


async def first_visit_to_letters(pilot: Any) -> None:
    """Press 5 and wait until the Letters screen shows its rows."""
    app = pilot.app
    await pilot.press("5")
    await settle(pilot, lambda: isinstance(app.screen, LettersScreen) and app.screen.overview is not None)


def test_a_first_visit_does_not_parse_the_stylesheet_again(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            reparses = _counting(monkeypatch, Stylesheet, "reparse")
            await first_visit_to_letters(pilot)
            assert reparses == []
            assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])

    asyncio.run(scenario())


def test_a_screen_first_shown_after_a_theme_change_has_the_new_theme(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            before = app.screen.styles.background
            app.theme = "nord"
            await first_visit_to_letters(pilot)  # in the same turn as the change: before Textual applied it
            nord = Color.parse(app.get_css_variables()["background"])
            assert nord != before
            assert app.screen.styles.background == nord
            await pilot.press("4")
            await settle(pilot)
            assert app.screen.styles.background == nord

    asyncio.run(scenario())


def test_the_footer_is_one_widget_drawn_again_only_when_its_keys_change(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's footer mounted a widget per key, twenty-odd on a first visit (the screen's keys, then the
    focused table's): the footer is one widget now, whose line is drawn again only when its keys change."""
    async def scenario() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            redraws = _counting(monkeypatch, AppFooter, "render_line")
            await first_visit_to_letters(pilot)
            assert not app.screen.query_one(AppFooter).children
            assert len(redraws) <= 2  # its first keys, and those of the focused table once loaded
            footer = screen_lines(app)[-1]
            assert footer.startswith(" ? Help  q Quit  a Advance status") and footer.endswith("▏^p palette ")
            redraws.clear()
            for _ in range(3):
                await pilot.press("down")
            await settle(pilot)
            assert redraws == []  # the same keys on every row

    asyncio.run(scenario())


def test_the_board_paints_no_empty_columns_while_its_cards_are_read(demo_db: Path, monkeypatch: pytest.MonkeyPatch
                                                                    ) -> None:
    """Seven empty columns were painted two or three times over before the cards came (20-30 ms a
    time at full size, on the UI thread the read in the background shares): the board's area stays
    blank until then, and the columns are painted once, with their cards."""
    import threading

    from tracker.tui.screens.board import BoardScreen

    no_screens_made_ahead(monkeypatch)  # a first visit: the Board made by the key
    release = threading.Event()
    read = BoardScreen.fetch
    monkeypatch.setattr(BoardScreen, "fetch", lambda self, store: (release.wait(10), read(self, store))[1])
    from tracker.tui.widgets.board_column import BoardColumn

    painted: list[str] = []
    line = BoardColumn.render_line
    monkeypatch.setattr(BoardColumn, "render_line", lambda self, y: (painted.append(self.id or ""), line(self, y))[1])

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            for _ in range(20):  # several frames while the read is held
                await pilot.pause(0.02)
            assert isinstance(app.screen, BoardScreen) and app.screen.data is None
            assert not any("Contacted" in line or "Closed" in line for line in screen_lines(app))
            assert painted == [], "empty columns painted"
            release.set()
            await settle(pilot, lambda: app.screen.data is not None)
            assert any("Contacted" in line and "Closed" in line for line in screen_lines(app))
            assert any("Rapid Object" in line for line in screen_lines(app))

    asyncio.run(scenario())


def test_coming_back_to_a_screen_paints_at_once(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual holds every paint for 50 ms at a switch of mode, to hide a screen being built: a main
    screen already made is whole, so coming back to it is painted at once (a first visit keeps the hold)."""
    from textual.app import App

    async def scenario() -> None:
        app = make_app(demo_db, "agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            holds = _counting(monkeypatch, App, "delay_update")
            await first_visit_to_letters(pilot)
            assert len(holds) == 1
            await pilot.press("1")
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            assert len(holds) == 1  # neither the agenda (made at launch) nor Letters again
            assert "Letters" in screen_lines(app)[0]

    asyncio.run(scenario())


def test_a_first_visit_reads_its_data_once(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each main screen reads its data once when first shown. Textual calls the `on_mount` of every class
    on the way up, so the tables' and Letters' own `on_mount` calling the base's too read everything
    twice, two workers side by side on the first visit (and the detail screens the same)."""
    from tracker.tui.screens.base import DataScreen

    reads: dict[str, int] = {}
    original = DataScreen.reload

    def counted(self: Any) -> None:
        reads[type(self).__name__] = reads.get(type(self).__name__, 0) + 1
        original(self)

    monkeypatch.setattr(DataScreen, "reload", counted)

    async def scenario() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            for key in "23456":
                await pilot.press(key)
                await settle(pilot)
            await pilot.press("3", "enter")  # an opportunity's screen
            await settle(pilot)

    asyncio.run(scenario())
    reads.pop("AgendaScreen")  # (the launch: the screen mounts before the store is open)
    assert reads == {"BoardScreen": 1, "OpportunitiesScreen": 1, "PeopleScreen": 1, "LettersScreen": 1,
                     "OffersScreen": 1, "OpportunityDetailScreen": 1}, reads
