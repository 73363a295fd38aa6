"""The command palette (ctrl+p) with tracker's commands: go to, new, log, export, demo."""

from __future__ import annotations

import asyncio
import importlib.util
import stat
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot

from conftest import TODAY, demo_database, new_database
from tracker.store.models import Person
from tracker.store import open_store
from tracker.tui.app import TrackerApp
from tracker.tui.commands import TrackerCommands


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    # What app.py's `COMMANDS = App.COMMANDS | {TrackerCommands}` does (checked on its own below).
    monkeypatch.setattr(TrackerApp, "COMMANDS", TrackerApp.COMMANDS | {TrackerCommands})


@pytest.fixture
def demo_db(tmp_path: Path, pinned: None) -> Path:
    return demo_database(tmp_path / "t.db")  # the demo season as of TODAY in India time


async def settle(pilot: Pilot[Any], rounds: int = 4) -> None:
    """Wait for the store to open and for every worker (writes, loads, searches) and its messages."""
    app = pilot.app
    for _ in range(300):
        await pilot.pause()
        if getattr(app, "store", None) is not None:
            break
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


def run(db: Path, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]]) -> None:
    async def main() -> None:
        app = TrackerApp(db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


async def search(pilot: Pilot[Any], app: TrackerApp, query: str) -> list[str]:
    """Open the palette (ctrl+p), type `query`, return the hits' texts, best first."""
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(CommandInput).value = query
    await pilot.pause(0.3)
    await settle(pilot)
    return [option.hit.text for option in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]


def test_the_app_registers_the_tracker_commands() -> None:
    assert TrackerCommands in TrackerApp.COMMANDS, (
        "add `COMMANDS = App.COMMANDS | {TrackerCommands}` to TrackerApp in tracker/tui/app.py"
    )


def test_palette_finds_new_opportunity_and_opens_the_form(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await search(pilot, app, "new opportunity")
        assert hits[0] == "New opportunity…"
        await pilot.press("enter")
        await settle(pilot)
        if importlib.util.find_spec("tracker.tui.forms.opportunity_form") is None:
            assert any("not available" in n.message for n in app._notifications)
        else:
            assert type(app.screen).__name__ == "OpportunityForm"

    run(demo_db, test)


def test_go_to_board(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.tui.screens.board import BoardScreen

        hits = await search(pilot, app, "go to board")
        assert hits[0] == "Go to Board"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)

    run(demo_db, test)


def test_log_email_to_a_person_by_name(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await search(pilot, app, "log email jurgen")  # accents need not be typed
        assert hits[0] == "Log email to Jürgen Müller"
        hits = await search(pilot, app, "linkedin müller")
        assert hits[0] == "Log LinkedIn message to Jürgen Müller"
        hits = await search(pilot, app, "log email")
        assert hits[0] == "Log email to…"

    run(demo_db, test)


def test_load_demo_data_from_the_palette(tmp_path: Path, pinned: None) -> None:
    path = new_database(tmp_path / "t.db")

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await search(pilot, app, "load demo")
        assert hits[0] == "Load demo data"
        await pilot.press("enter")
        await settle(pilot, rounds=6)
        assert "Today and overdue (4)" in [getattr(o.prompt, "plain", "") for o in app.screen.query_one("#agenda-list").options]

    run(path, test)
    store = open_store(path)
    with store.read() as session:
        assert session.execute(select(func.count()).select_from(Person)).scalar_one() == 14
    store.close()


def test_export_csv_writes_the_log(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "log.csv"
    target.parent.mkdir()

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from textual.widgets import Input

        from tracker.tui.forms.export_form import ExportForm

        hits = await search(pilot, app, "export csv")
        assert hits[0] == "Export CSV…"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportForm)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == "~/tracker-log.csv"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportForm)
        assert any(n.message == f"Exported 40 rows to {target}" for n in app._notifications)
        # a second export to the same file asks first
        await search(pilot, app, "export csv")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportForm)
        assert "exists: press Export again" in str(app.screen.query_one("#export-status").render())
        await pilot.press("escape")

    run(demo_db, test)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,channel,direction,person")
    assert len(lines) == 41
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds e-mail addresses: private, like the database
    assert [p.name for p in target.parent.iterdir()] == ["log.csv"]  # no temporary file left


def test_palette_finds_the_profile_and_the_organization_forms(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        assert "Profile…" in (await search(pilot, app, "profile"))[:3]
        assert "Organization…" in (await search(pilot, app, "organization"))[:3]

    run(demo_db, test)


def test_every_command_named_as_writing_is_a_command() -> None:
    """A renamed command that writes would otherwise be offered where the app only reads."""
    from tracker.tui.commands import WRITING, _commands

    assert WRITING <= {name for name, _help, _run in _commands()}


def test_an_interview_an_offer_or_a_letter_is_recorded_on_an_opportunity_named_in_the_palette(demo_db: Path) -> None:
    """"interview" in the palette answered "No matches found": an interview, an offer or a letter request
    was reached only from the opportunity's detail (i, o, L). The open opportunities are offered by title."""
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.store.models import Offer

        hits = await search(pilot, app, "interview kaist")
        assert hits[0] == "New interview for Visual Reasoning Lab, KAIST"
        assert not any("Mitacs" in hit for hit in await search(pilot, app, "interview mitacs"))  # rejected: closed
        hits = await search(pilot, app, "offer darmstadt")
        assert hits[0] == "New offer for Explainable Vision Group, TU Darmstadt"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "OfferForm"
        assert "Explainable Vision Group, TU Darmstadt" in str(app.screen.query_one("#form-subtitle").render())
        await pilot.press("tab", *"2026-12-20", "tab", *"1800", "tab", *"EUR", "ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ != "OfferForm"
        with app.store.read() as session:  # type: ignore[union-attr]
            offer = session.execute(select(Offer)).scalars().all()
            darmstadt = [o for o in offer if o.currency == "EUR"]
        assert len(darmstadt) == 1 and darmstadt[0].stipend == 1800
        hits = await search(pilot, app, "letter request daad")
        assert hits[0] == "Letter request for DAAD WISE"

    run(demo_db, test)


def test_where_the_app_only_reads_no_opportunity_is_offered_to_record_on(demo_db: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The opportunity hits write: like "Log email to <name>", none where the app only reads (an adviser)."""
    monkeypatch.setattr(TrackerApp, "writable", property(lambda self: False))

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        hits = await search(pilot, app, "interview kaist")
        assert not any(hit.startswith(("New interview", "New offer", "Letter request")) for hit in hits), hits
        assert "Go to Board" in await search(pilot, app, "go to board")

    run(demo_db, test)
