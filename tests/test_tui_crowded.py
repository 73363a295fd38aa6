"""Crowded screens (Pilot): an adviser's cohort on Offers and Letters. Only what is in sight is
built (cards mounted as the focus nears them, the first 200 letters), and every offer and the
count of every letter can still be reached."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY
from tracker.store import open_store
from tui_helpers import make_app, screen_lines, settle

pytestmark = pytest.mark.usefixtures("pinned")


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())  # type: ignore[arg-type]


def test_many_offers_mount_as_the_focus_comes_near_and_right_reaches_the_last(tmp_path: Path) -> None:
    """Twenty pending offers: a few cards are mounted at first (each is a widget to style and lay out),
    the rest as the focus moves right, and → goes through every one of them, in order."""
    from tracker.store.writes import records
    from tracker.tui.screens import offers
    from tracker.tui.widgets.offer_card import OfferCard
    from conftest import new_database

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    with store.write() as session:
        for n in range(20):
            records.add_opportunity(session, title=f"Lab {n:02}", kind="outreach", organization=None, on=TODAY)
            records.add_offer(session, opportunity=f"Lab {n:02}", received_on=TODAY, respond_by=date(2027, 1, 1 + n))
    store.close()

    async def scenario() -> None:
        app = make_app(path, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) > 0)
            assert len(app.screen.query(OfferCard)) == offers.FIRST_CARDS
            seen = [app.screen.focused_card().offer.title]
            for _ in range(19):
                await pilot.press("right")
                await settle(pilot)
                seen.append(app.screen.focused_card().offer.title)
            assert seen == [f"Lab {n:02}" for n in range(20)]  # answer soonest first
            assert len(app.screen.query(OfferCard)) == 20
            assert any("Lab 19" in line for line in screen_lines(app))

    run(scenario)


def test_a_fourth_offer_added_elsewhere_keeps_three_cards_in_sight_at_120_columns(tmp_path: Path) -> None:
    """Three offers share 120 columns; another process records a fourth while Offers is open: the cards
    keep their width and the row scrolls (every card became as wide as the screen, one in sight)."""
    from tracker.store.writes import records
    from tracker.tui.widgets.offer_card import OfferCard
    from conftest import new_database

    path = new_database(tmp_path / "t.db")

    def add_offers(numbers: range) -> None:
        store = open_store(path)
        with store.write() as session:
            for n in numbers:
                records.add_opportunity(session, title=f"Lab {n:02}", kind="outreach", organization=None, on=TODAY)
                records.add_offer(session, opportunity=f"Lab {n:02}", received_on=TODAY,
                                  respond_by=date(2027, 1, 1 + n))
        store.close()

    add_offers(range(3))

    async def scenario() -> None:
        app = make_app(path, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            add_offers(range(3, 4))
            app.reload_screen()  # what the app does when its watcher sees another process's commit
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 4)
            await settle(pilot)
            tops = next(line for line in screen_lines(app) if "╭─ Lab 00" in line)  # the cards' top borders
            assert all(f"Lab {n:02}" in tops for n in range(3)), tops
            assert all(card.outer_size.width <= 40 for card in app.screen.query(OfferCard))

    run(scenario)


def test_a_cohort_of_letters_shows_the_first_two_hundred_and_counts_the_rest(tmp_path: Path) -> None:
    """An adviser's desk with 230 letter requests: the owed ones first, 200 of them shown, and the
    status line says how many there are, and how many are owed of all of them."""
    from tracker.store.views.letters_data import MAX_LETTERS
    from tracker.store.writes import records
    from tracker.store.writes.letter_records import set_letter
    from conftest import new_database

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    with store.write() as session:
        records.add_person(session, name="Prof. Ayşe Yılmaz", role="professor", organization=None)
        for n in range(230):
            records.add_opportunity(session, title=f"Program {n:03}", kind="program", organization=None, on=TODAY)
            set_letter(session, writer="Prof. Ayşe Yılmaz", opportunity=f"Program {n:03}", status="requested", on=TODAY)
    store.close()

    async def scenario() -> None:
        app = make_app(path, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: getattr(app.screen, "overview", None) is not None)
            table = app.screen.query_one("#letters-table")
            assert table.row_count == 1 + MAX_LETTERS == 201  # the writer, then their letters
            assert any(f"showing the first {MAX_LETTERS} of 230" in line for line in screen_lines(app))
            assert any("230 letters owed by 1 writer ·" in line for line in screen_lines(app)), \
                "the owed letters are counted among all, not among those shown"
            # The cursor on a late row stays on it when the data is read again.
            table.move_cursor(row=200, animate=False)
            await settle(pilot)
            last = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            assert table.cursor_row == 200 and last.startswith("l")
            app.screen.reload()
            await settle(pilot)
            assert table.row_count == 201
            assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == last

    run(scenario)
