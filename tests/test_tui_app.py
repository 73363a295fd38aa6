"""App-wide behaviour: changes from another process show up, failed writes are reported, bad files."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from conftest import SQLITE_FILE, Cli
from tracker.domain.errors import NotFound
from tracker.store.models import Person
from tracker.tui.app import TrackerApp
from tui_helpers import settle, shown




@pytest.mark.parametrize("counted_first", [False, True], ids=["watcher", "counted-by-the-read-ahead-first"])
def test_a_cli_write_while_the_app_is_open_shows_on_the_next_refresh(db_path: Path, pinned: None,
                                                                     counted_first: bool) -> None:
    """Also when the read-ahead asked for the moment (`as_of`) first, which counts a commit it sees: the
    watcher's look then found nothing new and the agenda stayed as it was (seen once in a full test
    run); the screen shown is refreshed when it was loaded before the count moved."""
    cli = Cli(db_path)
    cli.ok("add", "reminder", "Ask about the January cycle", "--on", "+1d")

    async def main() -> None:
        app = TrackerApp(db_path, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "Ask about the January cycle" in "\n".join(shown(app))
            cli.ok("add", "reminder", "Send the transcript to Prof. Tan", "--on", "+2d")
            if counted_first:
                app.as_of()  # what the read-ahead does, on the UI thread, at a quiet moment
            app._check_external_changes()  # what the 2-second timer does
            await settle(pilot)
            assert "Send the transcript to Prof. Tan" in "\n".join(shown(app))

    asyncio.run(main())


def test_a_failed_write_is_a_notification_and_nothing_is_saved(db_path: Path, pinned: None) -> None:
    Cli(db_path).ok("profile")

    def change(session: Any) -> str:
        session.add(Person(name="Half Written", role="professor"))
        session.flush()
        raise NotFound('no person named "Nobody"')

    async def main() -> None:
        app = TrackerApp(db_path, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.write(change, done="never shown")
            await settle(pilot)
            messages = [(n.message, n.severity) for n in app._notifications]
            assert ('no person named "Nobody"', "error") in messages
            assert all(m != "never shown" for m, _ in messages)

    asyncio.run(main())
    assert Cli(db_path).json("list", "people") == []


def test_a_file_that_is_not_a_database_is_reported_not_crashed(tmp_path: Path, pinned: None) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")

    async def main() -> None:
        app = TrackerApp(path, watch_interval=0)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(50):
                await pilot.pause()
            assert any("not a tracker database" in n.message for n in app._notifications)

    asyncio.run(main())
    assert path.read_text() == "not a database"


@SQLITE_FILE  # SQLite's memory map
def test_the_app_does_not_map_the_database_into_its_memory(demo_db: Path) -> None:
    """A mapped database file counts as the app's resident memory for as long as it runs (40 MB at a
    cohort's size); commands, which end at once, keep the map for their full passes."""
    from tracker.store import open_store

    async def main() -> None:
        app = TrackerApp(demo_db, watch_interval=0)
        async with app.run_test() as pilot:
            await settle(pilot)
            assert app.store is not None
            with app.store.raw() as conn:
                assert conn.execute("PRAGMA mmap_size").fetchone() == (0,)
            with app.store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 0

    asyncio.run(main())
    store = open_store(demo_db)
    try:
        with store.raw() as conn:
            assert conn.execute("PRAGMA mmap_size").fetchone()[0] > 0
    finally:
        store.close()


def test_a_slow_change_counter_never_holds_the_keyboard_up(demo_db: Path, pinned: None) -> None:
    """The watcher looks at the change counter in a worker: a server that answers slowly (or has gone
    away, until its connection timeout) does not stop the arrows; its answer still reloads the screen."""
    import threading
    import time

    from tracker.tui.widgets.agenda_list import AgendaList

    gate = threading.Event()

    async def scenario() -> None:
        app = TrackerApp(demo_db, watch_interval=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            # on a file, the read-ahead and the screens made with it done first: they ask the file's counter
            # on the UI thread (on a server nothing is read ahead, and the counter is never asked on the UI
            # thread)
            await settle(pilot, lambda: app.store.dialect != "sqlite" or "offers" in app.made_modes, timeout=20)
            store = app.store
            assert store is not None
            real = store.data_version
            seen_before = app.changes

            def slow() -> int:
                gate.wait(10)
                return real() + 1  # as if another process committed meanwhile

            store.data_version = slow  # type: ignore[method-assign]
            await asyncio.sleep(0.2)  # the watcher is waiting on the "server" now
            listing = app.screen.query_one(AgendaList)
            before = listing.highlighted
            started = time.monotonic()
            await pilot.press("down")
            await pilot.pause()
            assert listing.highlighted != before and time.monotonic() - started < 5  # held, it took the 10 s wait
            gate.set()
            for _ in range(100):
                if app.changes > seen_before:
                    break
                await asyncio.sleep(0.02)
            assert app.changes > seen_before, "the watcher's answer counts as a change"
            store.data_version = real  # type: ignore[method-assign]

    try:
        asyncio.run(scenario())
    finally:
        gate.set()


def test_a_person_added_elsewhere_while_a_form_is_open_is_suggested_after_the_next_look(
        empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The names a form's name field suggests were read once, when the form opened: a person added by
    another process (or window) meanwhile was "no person named" until the form was opened again."""
    from form_helpers import open_form, run, seed, type_text
    from tracker.store import open_store
    from tracker.store.writes import records
    from tracker.tui.forms.opportunity_form import OpportunityForm

    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    seed(empty_db, new=False)

    async def test(pilot: Any) -> None:
        form = await open_form(pilot, OpportunityForm())
        contact, organization = form.widget("contact"), form.widget("organization")
        contact.focus()
        other = open_store(empty_db)  # another process's connection: a commit the app did not make
        with other.write() as session:
            records.add_person(session, name="Prof. Şebnem Aydın", role="professor", organization="METU")
        other.close()
        pilot.app._check_external_changes()  # what the 2-second timer does
        await settle(pilot, until=lambda: "Prof. Şebnem Aydın" in contact.names.names)  # the field the user is in
        await type_text(pilot, "sebnem")
        assert "= Prof. Şebnem Aydın" in str(contact.query_one(".name-hint").render())
        organization.focus()  # the others read theirs when the user comes to them
        await settle(pilot, until=lambda: "METU" in organization.names.names)
        await type_text(pilot, "metu")
        assert "new organization" not in str(organization.query_one(".name-hint").render())

    run(empty_db, test)
