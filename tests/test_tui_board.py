"""The Board in the real app (Pilot): columns, moving between cards, moving cards between stages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.pilot import Pilot

from conftest import TODAY, new_database
from tracker.store.models import Opportunity, StageChange
from tracker.store import open_store
from tracker.tui.app import TrackerApp
from tracker.tui.widgets.board_column import BoardColumn
from tui_helpers import screen_lines, settle


def on_board(db: Path, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]], size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        app = TrackerApp(db, watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


def column(app: TrackerApp, name: str) -> BoardColumn:
    return app.screen.query_one(f"#col-{name}", BoardColumn)


def titles(col: BoardColumn) -> list[str]:
    return [card.title for card in col.cards[:col.laid_out]]


def opportunity_id(db: Path, title: str) -> int:
    store = open_store(db)
    with store.read() as session:
        found = session.execute(select(Opportunity.id).where(Opportunity.title == title)).scalar_one()
    store.close()
    return int(found)


def history(db: Path, title: str) -> list[tuple[Any, ...]]:
    store = open_store(db)
    with store.read() as session:
        rows = session.execute(
            select(Opportunity.stage, StageChange.from_stage, StageChange.to_stage, StageChange.changed_on)
            .join(StageChange, StageChange.opportunity_id == Opportunity.id)
            .where(Opportunity.title == title)
            .order_by(StageChange.id)
        ).all()
    store.close()
    return [tuple(r) for r in rows]


def test_columns_per_open_stage_and_one_closed(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        columns = list(app.screen.query(BoardColumn))
        assert [c.title for c in columns] == [
            "Shortlisted", "Contacted", "Replied", "Applied", "Interviews", "Offered", "Closed",
        ]
        assert [c.total for c in columns] == [1, 3, 1, 0, 1, 3, 2]
        assert titles(column(app, "offered")) == [  # soonest next date first
            "Rapid Object Search Lab, NTU",
            "Multimodal Learning Lab, University at Buffalo",
            "Computer Vision Lab, GIST",
        ]
        card = column(app, "offered").card_text(0)
        assert card.split("\n")[1:] == ["NTU Singapore", "reply to offer in 4 days"]
        closed = [column(app, "closed").card_text(i).split("\n")[-2:] for i in range(2)]
        assert closed == [["withdrawn", "since 17 Nov 2026"], ["rejected", "since 2 Nov 2026"]]
        assert app.focused is column(app, "shortlisted")  # the first column with cards

    on_board(demo_db, test)


def test_arrows_move_between_cards_and_skip_empty_columns(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("right")
        assert app.focused is column(app, "contacted")
        await pilot.press("down", "down")
        assert column(app, "contacted").current == opportunity_id(demo_db, "Trustworthy Vision Group, NUS")
        await pilot.press("right")
        assert app.focused is column(app, "replied")
        await pilot.press("right")  # "applied" is empty: skipped
        assert app.focused is column(app, "interviewing")
        await pilot.press("left", "left")
        assert app.focused is column(app, "contacted")

    on_board(demo_db, test)


def test_shift_right_moves_the_card_and_focus_follows(demo_db: Path) -> None:
    title = "Explainable Vision Group, TU Darmstadt"
    wanted = opportunity_id(demo_db, title)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("right")
        while column(app, "contacted").current != wanted:
            await pilot.press("down")
        await pilot.press("shift+right")
        await settle(pilot)
        assert title not in titles(column(app, "contacted"))
        assert title in titles(column(app, "replied"))
        assert app.focused is column(app, "replied")
        assert column(app, "replied").current == wanted
        assert column(app, "replied").total == 2
        assert any("contacted → replied" in n.message for n in app._notifications)
        await pilot.press("shift+left")
        await settle(pilot)
        assert app.focused is column(app, "contacted") and column(app, "contacted").current == wanted

    on_board(demo_db, test)
    assert history(demo_db, title)[-2:] == [
        ("contacted", "contacted", "replied", TODAY),
        ("contacted", "replied", "contacted", TODAY),
    ]


def test_offered_moves_into_the_closed_column_as_accepted(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        column(app, "offered").focus()
        await pilot.pause()
        await pilot.press("shift+right")
        await settle(pilot)
        assert app.focused is column(app, "closed")
        closed = column(app, "closed")
        assert closed.card_text(closed.highlighted).endswith("accepted\nsince 22 Nov 2026")

    on_board(demo_db, test)
    assert history(demo_db, "Rapid Object Search Lab, NTU")[-1] == ("accepted", "offered", "accepted", TODAY)


def test_shift_left_on_the_first_stage_says_so(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("shift+left")
        await settle(pilot)
        assert any("first stage" in n.message for n in app._notifications)

    on_board(demo_db, test)
    assert history(demo_db, "DAAD WISE")[-1][0] == "shortlisted"


def test_enter_opens_the_opportunity(demo_db: Path) -> None:
    detail = pytest.importorskip("tracker.tui.screens.opportunity_detail")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, detail.OpportunityDetailScreen)

    on_board(demo_db, test)


def test_a_crowded_stage_renders_fifty_cards_and_counts_the_rest(tmp_path: Path, pinned: None) -> None:
    from tracker.store.writes import records
    from tracker.store.views.board import board_lanes

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    with store.write() as session:
        for n in range(130):
            records.add_opportunity(session, title=f"Lab {n:03}", kind="outreach", organization=None, on=TODAY)
    with store.read() as session:
        lanes = {lane.stage: lane for lane in board_lanes(session, today=TODAY, zone=timezone.utc, limit=50)}
    store.close()
    assert lanes["shortlisted"].total == 130 and len(lanes["shortlisted"].cards) == 50

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        shortlisted = column(app, "shortlisted")
        assert len(shortlisted.cards) == 50
        assert shortlisted.laid_out < 50  # a page laid out; the rest as the cursor comes near
        assert shortlisted.border_subtitle == "+80 more"
        assert column(app, "contacted").border_subtitle == "0"
        shortlisted.focus()
        for _ in range(49):
            await pilot.press("down")
        await settle(pilot)
        assert shortlisted.laid_out == 50
        last = shortlisted.cards[-1]
        assert shortlisted.current == last.id
        assert any(last.title in line for line in screen_lines(app))
        await pilot.press("home")
        await pilot.press("end")
        await settle(pilot)
        assert shortlisted.current == last.id

    on_board(path, test)


def test_clicking_a_card_opens_it(demo_db: Path) -> None:
    detail = pytest.importorskip("tracker.tui.screens.opportunity_detail")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.click("#col-offered", offset=(4, 1))
        await settle(pilot)
        assert isinstance(app.screen, detail.OpportunityDetailScreen)
        assert app.screen.opportunity_id == opportunity_id(demo_db, "Rapid Object Search Lab, NTU")

    on_board(demo_db, test)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_every_column_title_is_readable_and_closed_cards_keep_stage_and_day_apart(
        demo_db: Path, size: tuple[int, int]) -> None:
    import re

    from tui_helpers import contrast, screen_lines

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await settle(pilot)
        titled = {}
        for segment in app.screen._compositor.render_strips()[1]:
            for title in ("Shortlisted", "Contacted", "Replied", "Applied", "Interviews", "Offered", "Closed"):
                if title in segment.text:
                    titled[title] = contrast(segment.style)
        assert titled and min(titled.values()) >= 4.5, titled  # focused or not, each title reads
        shown = "\n".join(screen_lines(app))
        assert not re.search(r"(withdrawn|rejected|declined|accepted|no-response)\d", shown), shown

    on_board(demo_db, test, size=size)


def _crowded(tmp_path: Path) -> Path:
    from tracker.store.writes import records

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    with store.write() as session:
        for n in range(60):
            records.add_opportunity(session, title=f"Lab {n:03}", kind="outreach", organization=None, on=TODAY)
    store.close()
    return path


def _column_lines(app: TrackerApp, name: str) -> list[str]:
    region = column(app, name).content_region
    return [line[region.x:region.right] for line in screen_lines(app)[region.y:region.bottom]]


def test_a_crowded_column_is_filled_to_its_foot_and_scrolls_with_the_wheel_and_keys(tmp_path: Path, pinned: None) -> None:
    """The column draws its cards itself: laid out a page at a time, it still fills its height,
    and the wheel, page down, j and k move through all fifty cards."""
    path = _crowded(tmp_path)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        shortlisted = column(app, "shortlisted")
        lines = _column_lines(app, "shortlisted")
        assert lines[0].strip() == "Lab 000" and lines[-1].strip(), lines  # no blank foot
        assert shortlisted.laid_out < 50
        from textual.events import MouseScrollDown

        for _ in range(100):  # the wheel, over the column
            shortlisted.post_message(MouseScrollDown(shortlisted, 4, 4, 0, 1, 0, False, False, False))
            await pilot.pause()
        await settle(pilot)
        assert any(line.strip() == "Lab 049" for line in _column_lines(app, "shortlisted"))  # the 50th card
        shortlisted.focus()
        await pilot.press("pagedown")
        assert shortlisted.highlighted and shortlisted.highlighted > 1
        at = shortlisted.highlighted
        await pilot.press("j", "j", "k")
        assert shortlisted.highlighted == at + 1
        assert any(line.strip() == shortlisted.cards[at + 1].title for line in _column_lines(app, "shortlisted"))

    on_board(path, test)


def test_the_cards_take_a_new_theme_at_once(demo_db: Path) -> None:
    """The column keeps each card's drawn lines: a theme change draws them again in its colours."""
    from tui_helpers import screen_lines

    def title_style(app: TrackerApp) -> Any:
        row = next(i for i, line in enumerate(screen_lines(app)) if "DAAD WISE" in line)
        strips = app.screen._compositor.render_strips()
        return next(s.style for s in strips[row] if "DAAD WISE" in s.text)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        before = title_style(app)
        app.theme = "textual-light"
        await settle(pilot)
        after = title_style(app)
        assert after.bgcolor != before.bgcolor and after.color != before.color

    on_board(demo_db, test)
