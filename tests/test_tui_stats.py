"""The statistics screen and the calendar export in the TUI: opened from the palette, on the demo season."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Select, Sparkline, Static

from tracker.tui.app import TrackerApp
from tracker.tui.forms.export_ics_form import ExportIcsForm
from tracker.tui.screens.stats import StatsScreen
from tracker.tui.stats_commands import StatsCommands
from tui_helpers import make_app, notifications, settle, text_of


@pytest.fixture(autouse=True)
def with_stats_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """The provider as tracker/tui/app.py registers it (`COMMANDS = ... | {StatsCommands}`)."""
    monkeypatch.setattr(TrackerApp, "COMMANDS", TrackerApp.COMMANDS | {StatsCommands})


def run(db: Path, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]], size: tuple[int, int] = (120, 50)) -> None:
    async def main() -> None:
        app = make_app(db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


async def palette(pilot: Pilot[Any], app: TrackerApp, query: str) -> list[str]:
    """Open the palette, type `query`, return the hits, best first."""
    await pilot.press("ctrl+p")
    await settle(pilot, until=lambda: isinstance(app.screen, CommandPalette))
    app.screen.query_one(CommandInput).value = query
    await pilot.pause(0.3)
    await settle(pilot)
    return [option.hit.text for option in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]


def loaded(app: TrackerApp) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, StatsScreen) and app.screen.stats is not None


def test_palette_opens_the_statistics_with_the_funnel(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await palette(pilot, app, "statistics")
        assert hits[0] == "Statistics"
        await pilot.press("enter")
        await settle(pilot, until=loaded(app))
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        funnel = text_of(screen.query_one("#stats-funnel", Static))
        assert "11 opportunities" in funnel
        assert "each step counts what got that far or further (an interview counts as applied)" in funnel
        rows = {line.split()[0]: line for line in funnel.splitlines()
                if line.strip() and "Funnel" not in line and "each step" not in line}
        assert rows["contacted"].split()[-1] == "10" and rows["contacted"].count("█") == 30
        assert rows["replied"].split()[-2:] == ["7", "70%"]
        assert rows["interviewed"].split()[-2:] == ["4", "40%"]
        assert rows["offered"].split()[-2:] == ["3", "30%"]
        channels = text_of(screen.query_one("#stats-channels", Static))
        assert "5 of 7" in channels and "71%" in channels and "median 8 days" in channels
        assert "5 of 6" in channels and "83%" in channels
        roles = text_of(screen.query_one("#stats-roles", Static))
        assert "professor" in roles and "5 of 8" in roles and "phd-student" in roles and "postdoc" in roles
        summary = text_of(screen.query_one("#stats-summary", Static))
        assert "Replies: 10 of 13 threads (77%); median 2 days to a reply" in summary
        assert "if they wrote back within 30 days of your last message in it" in summary
        sent = screen.query_one("#stats-sent", Sparkline)
        assert sent.data is not None and len(sent.data) == 26 and sum(sent.data) > 0
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)

    run(demo_db, test)


def test_choosing_a_cycle_limits_the_numbers(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        app.push_screen(StatsScreen())
        await settle(pilot, until=loaded(app))
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.stats is not None
        assert screen.stats.overall.threads == 13
        cycle = screen.stats.cycles[0]
        assert cycle is not None
        select = screen.query_one("#stats-cycle", Select)
        select.value = cycle
        await settle(pilot, until=lambda: screen.stats is not None and screen.stats.cycle == cycle)
        assert screen.cycle == cycle
        assert screen.stats.overall.threads == 12  # Whitfield's thread is about no opportunity
        assert "12 threads" in text_of(screen.query_one("#stats-summary", Static))

    run(demo_db, test)


def test_statistics_of_an_empty_database(tmp_path: Path, pinned: None) -> None:
    from conftest import new_database

    db = new_database(tmp_path / "empty.db")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        app.push_screen(StatsScreen())
        await settle(pilot, until=loaded(app))
        assert "No opportunities yet" in text_of(app.screen.query_one("#stats-funnel", Static))
        assert "No email or LinkedIn message sent yet" in text_of(app.screen.query_one("#stats-summary", Static))

    run(db, test)


def test_export_calendar_from_the_palette(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "season.ics"

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await palette(pilot, app, "export calendar")
        assert hits[0] == "Export calendar…"
        await pilot.press("enter")
        await settle(pilot, until=lambda: isinstance(app.screen, ExportIcsForm))
        field = app.screen.query_one("#ics-path", Input)
        assert field.value == "~/tracker.ics"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot, until=lambda: not isinstance(app.screen, ExportIcsForm))
        assert any(n.startswith("Exported 12 events to ") for n in notifications(app)), notifications(app)
        # Again to the same file: it asks first.
        app.push_screen(ExportIcsForm(str(target)))
        await settle(pilot, until=lambda: isinstance(app.screen, ExportIcsForm))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportIcsForm)
        assert "exists: press Export again" in text_of(app.screen.query_one("#ics-status", Static))
        await pilot.press("escape")

    run(demo_db, test)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert len(uids) == 12
    assert {u.split("-")[0] for u in uids} == {"deadline", "interview", "offer", "follow"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # private, like the database
    assert not [p for p in target.parent.iterdir() if "partial" in p.name]  # no temporary file left


def test_export_calendar_into_a_missing_folder_says_so(demo_db: Path, tmp_path: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        app.push_screen(ExportIcsForm(str(tmp_path / "nope" / "x.ics")))
        await settle(pilot, until=lambda: isinstance(app.screen, ExportIcsForm))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportIcsForm)
        assert "does not exist" in text_of(app.screen.query_one("#ics-status", Static))

    run(demo_db, test)
    assert not (tmp_path / "nope").exists()


def test_an_opportunity_without_a_cycle_leaves_the_selector_on_all_cycles(demo_db: Path) -> None:
    """One opportunity added without a cycle: "Statistics" ended the app with a traceback (the selector was
    set to None, the cycles holding None for "no cycle")."""
    from conftest import Cli

    Cli(demo_db).ok("add", "opportunity", "İTÜ AI Lab yaz stajı", "--kind", "outreach", "--org", "İTÜ")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        app.push_screen(StatsScreen())
        await settle(pilot, until=loaded(app))
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.stats is not None
        assert None in screen.stats.cycles and screen.query_one("#stats-cycle", Select).value == "*"
        assert "12 opportunities" in text_of(screen.query_one("#stats-funnel", Static))

    run(demo_db, test)
