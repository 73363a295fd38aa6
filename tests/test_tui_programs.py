"""The Program catalog screen: opened with `p` on Opportunities or from the palette, on the demo season."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from conftest import table_counts
from tracker.store.models import Opportunity
from tracker.tui.app import TrackerApp
from tracker.tui.screens.programs import ProgramsScreen
from tui_helpers import make_app, notifications, read, settle, text_of


def run(db: Path, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]], mode: str = "opportunities",
        size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        app = make_app(db, mode)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


def loaded(app: TrackerApp) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, ProgramsScreen) and app.screen.loaded is not None


async def open_with_p(pilot: Pilot[Any], app: TrackerApp) -> ProgramsScreen:
    await pilot.press("p")
    await settle(pilot, until=loaded(app))
    screen = app.screen
    assert isinstance(screen, ProgramsScreen)
    return screen


def row_of(screen: ProgramsScreen, key: str) -> dict[str, str]:
    """The cells of a program's row, by column key."""
    table = screen.query_one("#programs-table", DataTable)
    cells = table.get_row(key)
    return {str(column.key.value): str(value) for column, value in zip(table.columns.values(), cells)}


async def highlight(pilot: Pilot[Any], screen: ProgramsScreen, key: str) -> None:
    table = screen.query_one("#programs-table", DataTable)
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()


def test_p_on_opportunities_opens_the_catalog_with_the_gpa_check(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        screen = await open_with_p(pilot, app)
        daad = row_of(screen, "daad-wise")
        assert daad["program"] == "DAAD WISE" and daad["cutoff"] == "8/10"
        assert daad["you"] == "✗ below (7.1/10)" and daad["tracked"] == "Summer 2027"
        you = screen.query_one("#programs-table", DataTable).get_cell("daad-wise", "you")
        assert "red" in str(you.style)
        assert row_of(screen, "surf-caltech")["you"] == "✓ meets" and row_of(screen, "surf-caltech")["tracked"] == "no"
        table = screen.query_one("#programs-table", DataTable)
        table.move_cursor(row=table.get_row_index("daad-wise"))  # the detail follows at once, in that frame
        detail = text_of(screen.query_one("#programs-detail", Static))
        assert "November 1" in detail and "below the cut-off of 8/10" in detail and '"DAAD WISE"' in detail
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ProgramsScreen)

    run(demo_db, test)


def test_the_palette_opens_the_catalog(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("ctrl+p")
        await settle(pilot, until=lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(CommandInput).value = "program catalog"
        await pilot.pause(0.3)
        await settle(pilot)
        hits = [option.hit.text for option in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]
        assert hits[0] == "Program catalog"
        await pilot.press("enter")
        await settle(pilot, until=loaded(app))
        assert row_of(app.screen, "ntu-india")["tracked"] == "Summer 2027"  # type: ignore[arg-type]

    run(demo_db, test, mode="agenda")


def test_a_tracks_the_highlighted_program(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        screen = await open_with_p(pilot, app)
        await highlight(pilot, screen, "surf-caltech")
        await pilot.press("a")
        await settle(pilot, until=lambda: row_of(screen, "surf-caltech")["tracked"] == "Summer 2027")
        assert any('Added program "SURF Caltech 2027"' in n for n in notifications(app))
        rows = read(demo_db, select(Opportunity.kind, Opportunity.cycle, Opportunity.deadline, Opportunity.min_gpa)
                    .where(Opportunity.title == "SURF Caltech 2027"))
        assert [tuple(r) for r in rows] == [("program", "Summer 2027", date(2027, 2, 22), "2.5/4")]

    run(demo_db, test)


def test_enter_on_a_program_below_the_cut_off_tracks_it_with_the_warning(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        screen = await open_with_p(pilot, app)
        await highlight(pilot, screen, "khorana")
        await pilot.press("enter")
        await settle(pilot, until=lambda: row_of(screen, "khorana")["tracked"] == "Summer 2028")
        message = next(n for n in notifications(app) if "Khorana" in n)
        assert "below the cut-off of 8/10" in message

    run(demo_db, test)


def test_a_program_already_tracked_is_refused_and_nothing_is_written(demo_db: Path) -> None:
    before = table_counts(demo_db)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        screen = await open_with_p(pilot, app)
        await highlight(pilot, screen, "ntu-india")
        await pilot.press("a")
        await settle(pilot, until=lambda: any("already tracked" in n for n in notifications(app)))

    run(demo_db, test)
    assert table_counts(demo_db) == before
    count = read(demo_db, select(func.count()).select_from(Opportunity))[0][0]
    assert count == before["opportunity"]


def test_e_without_an_editor_creates_the_users_catalog_and_says_where(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "tracker" / "programs.toml"

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await open_with_p(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        assert any(str(path) in n for n in notifications(app))

    run(demo_db, test)
    assert "[daad-wise]" in path.read_text(encoding="utf-8")


def test_a_broken_users_catalog_is_reported_not_crashed_on(demo_db: Path) -> None:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "tracker" / "programs.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[daad-wise]\nletters = -1\n', encoding="utf-8")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgramsScreen)
        assert any(f"{path}, line 2: [daad-wise] letters" in n for n in notifications(app))
        assert "press e to fix it" in text_of(app.screen.query_one("#programs-status", Static))

    run(demo_db, test)
