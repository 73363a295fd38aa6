"""Shared pieces of the form tests: a TrackerApp with a plain main screen, seed data, waiting helpers.

The host app replaces the six main screens by one plain screen, so the form tests (and the
form snapshot) depend only on the forms, not on screens other people are changing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

import tracker.tui.app as app_module
from conftest import db_rows, new_database
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.app import TrackerApp

TODAY = date(2026, 11, 22)
SIZE = (120, 40)


class MainScreen(Screen[None]):
    """Stands in for the agenda under the forms."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("main screen")
        yield Footer()


class FormHost(TrackerApp):
    """TrackerApp (store, write, today, zone) with a plain main screen."""

    MODES: ClassVar[dict[str, Any]] = {"agenda": MainScreen}
    CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")


def seed(db: Path | str, *, new: bool = True) -> None:
    """People, organizations, opportunities and a profile (GPA 7.1/10, India time), in a new database at `db`
    (with `new=False`: in the migrated, empty database `db`, a file or a server's URL)."""
    store = open_store(new_database(db) if new else db)  # type: ignore[arg-type]
    with store.write() as session:
        profile = records.get_profile(session)
        profile.gpa, profile.timezone, profile.name = "7.1/10", "Asia/Kolkata", "Aarav"
        session.add(profile)
        records.add_person(session, name="Prof. Kim Minsoo", role="professor", organization="GIST", lab="CV Lab",
                           email="kim@gist.ac.kr")
        records.add_person(session, name="Tan Wei Ming", role="phd-student", organization="NTU Singapore")
        records.add_person(session, name="Anna Berg", role="writer", organization="VIT Vellore")
        records.add_opportunity(session, title="GIST CV Lab summer", kind="outreach", organization="GIST",
                                contact="Kim", on=TODAY)
        records.add_opportunity(session, title="DAAD WISE", kind="program", organization="DAAD", on=TODAY)
    store.close()


@pytest.fixture
def seeded_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`seed` in a new database, with today pinned to TODAY."""
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    path = tmp_path / "t.db"
    seed(path)
    return path


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query on the test database (a separate connection: what was committed)."""
    return db_rows(db, sql, *params)


async def wait_for(pilot: Pilot[Any], predicate: Callable[[], Any], timeout: float = 5.0) -> None:
    """Let the app run until `predicate()` is true."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out waiting for the app")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the store is open and every worker (names, loads, writes) is done."""
    await wait_for(pilot, lambda: pilot.app.store is not None)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_form(pilot: Pilot[Any], form: Any, results: list[Any] | None = None) -> Any:
    """Push `form` and wait until it has loaded what it needs and its names are in."""
    await settle(pilot)
    pilot.app.push_screen(form, results.append if results is not None else None)
    await wait_for(pilot, lambda: pilot.app.screen is form and form.ready)
    await settle(pilot)
    return form


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type as a fast typist does: one key per character, all at once (`tui_helpers.burst`), then
    wait for the app. Pilot's `press` waited for the app to be idle twice after each key (at least
    40 ms a character); a form must take a burst of keys in order anyway."""
    from tui_helpers import burst, typed

    burst(pilot.app, *typed(text))
    await pilot.pause()


async def save(pilot: Pilot[Any]) -> None:
    """Press ctrl+s and wait for the write (if any) to finish."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.pause()


def notifications(app: Any) -> list[str]:
    """The messages of the notifications shown so far."""
    return [n.message for n in app._notifications]


def run(db: Path, test: Callable[[Pilot[Any]], Awaitable[None]], size: tuple[int, int] = SIZE) -> None:
    """Run `test(pilot)` on a FormHost over `db` (the Pilot-based tests are plain functions)."""

    async def main() -> None:
        app = FormHost(db, watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await test(pilot)

    asyncio.run(main())
