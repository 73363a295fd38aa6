"""The TUI on a shared server: the adviser's Cohort screen (key 7), a student opened read-only, two machines.

Real login roles on the test server (`pg` in conftest); the same app as on a file, with `--db` a URL.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from conftest import Cli
from pg_server import ADVISOR, OWNER, STUDENTS
from tracker.tui.app import TrackerApp
from tui_helpers import cells, make_app, notifications, screen_lines, settle, text_of

ALICE, BOB = STUDENTS
pytestmark = pytest.mark.usefixtures("pinned")


def run(scenario: Any) -> None:
    asyncio.run(scenario())


async def until(pilot: Any, condition: Any, timeout: float = 20.0) -> None:
    """Let the app run until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


@pytest.fixture
def cohort_db(pg):  # type: ignore[no-untyped-def]
    """Alice's demo season; carol advises alice and bob."""
    name = pg.copy("demo-season")
    owner = Cli(pg.url(name, OWNER))  # type: ignore[arg-type]
    owner.ok("db", "advise", ADVISOR, ALICE)
    owner.ok("db", "advise", ADVISOR, BOB)
    return name


def test_the_cohort_screen_lists_the_students_and_opens_one_read_only(pg, cohort_db) -> None:
    async def scenario() -> None:
        app = make_app(pg.url(cohort_db, ADVISOR), "agenda")
        async with app.run_test(size=(160, 40)) as pilot:
            # Polled rather than `settle`: switching to the cohort cancels the agenda's first load,
            # which `wait_for_complete` would report.
            await until(pilot, lambda: app.store is not None and app.current_mode == "cohort")
            await pilot.press("1")
            await pilot.press("7")
            table = app.screen.query_one("#cohort-table")
            await until(pilot, lambda: table.row_count == 2)
            alice, bob = cells(table, 0), cells(table, 1)
            assert alice[0] == ALICE and "offered 3" in alice[1] and alice[5] == "3"
            assert bob[0] == BOB and bob[1] == "no opportunities"
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "agenda")
            assert app.sub_title == "alice's records, read-only"
            agenda = app.screen.query_one("#agenda-list")
            await until(pilot, lambda: agenda.option_count > 10)  # alice's reminders (carol has none of her own)
            assert "Today and overdue (4)" in str(agenda.get_option_at_index(0).prompt)
            await pilot.press("2")
            await until(pilot, lambda: app.current_mode == "board")
            app.write(lambda session: session.add(__import__("tracker.store.models", fromlist=["Person"]).Person(
                name="Grace Hopper", role="professor")), done="saved")
            await until(pilot, lambda: any("never changes them" in n for n in notifications(app)))
            await pilot.press("7")
            await until(pilot, lambda: app._own_store is None)
            assert app.sub_title == TrackerApp.SUB_TITLE
    run(scenario)
    assert "Grace Hopper" not in {row["name"] for row in Cli(pg.url(cohort_db, ALICE)).json("list", "people")}  # type: ignore[arg-type, index, union-attr]


def test_the_cohort_fits_80_columns_with_each_funnel_under_its_student(pg, cohort_db) -> None:
    async def scenario() -> None:
        app = make_app(pg.url(cohort_db, ADVISOR), "cohort")
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.screen.query_one("#cohort-table")
            await until(pilot, lambda: app.store is not None and table.row_count == 2)
            assert [str(c.label) for c in table.columns.values()] == [
                "Student · funnel", "Late", "Due", "Intv", "Offr", "Ltrs", "Last"]
            assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.size.width
            alice = cells(table, 0)
            assert alice[0].startswith(f"{ALICE}\n") and "offered 3" in alice[0] and alice[4] == "3"
            assert cells(table, 1)[0] == f"{BOB}\nno opportunities"
            assert "Intv: interviews" in text_of(app.screen.query_one("#cohort-status"))  # the short titles said
            width = list(table.columns.values())[0].width
            funnel = alice[0].split("\n")[1:]
            assert len(funnel) > 1 and all(len(line) <= width for line in funnel), (width, funnel)  # whole, wrapped
            await until(pilot, lambda: funnel[-1] in "\n".join(screen_lines(app)))  # its last line drawn too
            await pilot.resize_terminal(160, 40)
            await until(pilot, lambda: len(table.columns) == 8 and table.row_count == 2)
            assert cells(table, 0)[:2] == [ALICE, " · ".join(funnel)]
    run(scenario)


def test_an_adviser_is_offered_no_key_or_command_that_writes(pg, cohort_db) -> None:
    from tracker.tui.commands import _offered

    def shown(app: Any) -> set[str]:
        return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}

    async def scenario(user: str, writes: bool) -> None:
        app = TrackerApp(pg.url(cohort_db, user), watch_interval=0, student=ALICE if user == ADVISOR else None)
        async with app.run_test(size=(160, 40)) as pilot:
            agenda = app.screen.query_one("#agenda-list")
            await until(pilot, lambda: app.current_mode == "agenda" and agenda.option_count > 10)
            assert app.writable is writes
            for key, shows in (("1", {"Followed up", "Got a reply", "Snooze", "Dismiss"}), ("2", {"Stage →"}),
                               ("3", {"New", "Log", "Move stage"}), ("6", {"Accept", "Decline", "Topic"})):
                await pilot.press(key)
                await until(pilot, lambda: app.screen.store is not None and shown(app) >= {"Quit", "Help"})
                await pilot.pause(0.2)
                assert (shows <= shown(app)) is writes, (key, shown(app))
            assert ("rate the focused offer" in text_of(app.screen.query_one("#offers-summary"))) is writes
            commands = {name for name, _help, _run in _offered(app)}
            assert ({"New person…", "Log email to…", "Load demo data"} <= commands) is writes
            assert "Go to Board" in commands and "Export CSV…" in commands
            await pilot.press("question_mark")
            await until(pilot, lambda: "Close" in shown(app))
            assert ("Profile" in shown(app)) is writes
            await pilot.press("escape")
            counts = app.store.data_version()  # type: ignore[union-attr]
            await pilot.press("1", "ctrl+z", "f")  # the keys do nothing where they are not shown
            await pilot.pause(0.3)
            if not writes:
                assert app.store.data_version() == counts  # type: ignore[union-attr]
                assert not any("never changes them" in n for n in notifications(app))

    asyncio.run(scenario(ADVISOR, False))
    asyncio.run(scenario(ALICE, True))


def test_a_student_with_nothing_yet_is_no_welcome_to_the_adviser(pg, cohort_db) -> None:
    async def scenario() -> None:
        app = TrackerApp(pg.url(cohort_db, ADVISOR), watch_interval=0, student=BOB)  # type: ignore[arg-type]
        async with app.run_test(size=(80, 24)) as pilot:
            title = app.screen.query_one("#agenda-title")
            await until(pilot, lambda: "nothing recorded yet" in text_of(title))
            assert title.display and not app.screen.query_one("Welcome").display
            assert "Load demo" not in {b.binding.description for b in app.screen.active_bindings.values()}
            for key, where, says in (("2", "#board-empty", "No opportunities yet."),
                                     ("3", "#table-status", "No opportunities yet.")):
                await pilot.press(key)
                await until(pilot, lambda: text_of(app.screen.query_one(where)).strip() == says)
    run(scenario)


def test_tracker_student_opens_the_advisers_tui_on_that_students_agenda(pg, cohort_db) -> None:
    """`tracker --student alice`: the TUI the adviser gets opens on alice's agenda, read-only."""

    async def scenario() -> None:
        app = TrackerApp(pg.url(cohort_db, ADVISOR), watch_interval=0, student=ALICE)  # type: ignore[arg-type]
        async with app.run_test(size=(160, 40)) as pilot:
            await until(pilot, lambda: app.sub_title == "alice's records, read-only")
            assert app.current_mode == "agenda"
            agenda = app.screen.query_one("#agenda-list")
            await until(pilot, lambda: agenda.option_count > 10)  # alice's reminders (carol has none of her own)
            assert "Today and overdue (4)" in str(agenda.get_option_at_index(0).prompt)
    run(scenario)


def test_the_cohort_screen_on_a_file_says_it_needs_a_server(empty_db) -> None:
    if isinstance(empty_db, str):
        pytest.skip("about a SQLite file")

    async def scenario() -> None:
        app = make_app(empty_db, "cohort")
        async with app.run_test(size=(120, 30)) as pilot:
            status = app.screen.query_one("#cohort-status")
            await settle(pilot, lambda: "shared PostgreSQL server" in text_of(status))
    run(scenario)


def test_a_second_machine_of_the_same_student_sees_the_write(pg) -> None:
    name = pg.copy("empty")
    url = pg.url(name, ALICE)

    async def scenario() -> None:
        app = TrackerApp(url, watch_interval=0.2)  # type: ignore[arg-type]

        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            table = app.screen.query_one(".paged-table") if app.screen.query(".paged-table") else None
            Cli(url).ok("add", "person", "Ada Lovelace", "--role", "professor")  # type: ignore[arg-type]

            def shows_ada() -> bool:
                return "Ada Lovelace" in str(app.screen.query("DataTable").first().get_row_at(0)) \
                    if app.screen.query("DataTable") and app.screen.query("DataTable").first().row_count else False

            await settle(pilot, shows_ada, timeout=15)
            del table
    run(scenario)
