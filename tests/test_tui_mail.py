"""The TUI's "Sync mail": ctrl+y on the agenda and the palette run the sync in a worker, then the agenda
refreshes; the person's timeline marks the messages logged from mail."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from conftest import Cli, TODAY
from mail_helpers import ME, Mail, add_people, at, dovecot, named, needs_dovecot, season, write_mbox
from tracker.tui.app import TrackerApp
from tracker.tui.commands import TrackerCommands
from tui_helpers import notifications, settle, shown, text_of

__all__ = ["dovecot"]


@pytest.fixture
def db(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    add_people(cli)
    cli.ok("log", "email", "--to", "kim", "--subject", "Summer internship: video retrieval", "--on", "2026-11-02")
    return cli.db


def _run(db: Path, test: Any) -> None:
    async def main() -> None:
        app = TrackerApp(db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


@needs_dovecot
def test_ctrl_y_syncs_and_the_follow_up_leaves_the_agenda(db: Path, dovecot: Any) -> None:
    dovecot.append("INBOX", [Mail(named("김민수", "kim@gist.ac.kr"), ME, "Re: Summer internship", at("2026-11-06"),
                                  "r1@gist.ac.kr", reply_to="s1@iitd.ac.in")])
    Cli(db).ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        assert any("Follow up with Prof. Kim Minsoo" in line for line in shown(app))
        await pilot.press("ctrl+y")
        await settle(pilot, lambda: any("Mail synced" == n.title for n in app._notifications), timeout=30)
        assert any("uni: 0 sent, 1 received, 1 follow-up cleared" in n for n in notifications(app))
        await settle(pilot)
        assert not any("Follow up with Prof. Kim Minsoo" in line for line in shown(app))
        assert app.sub_title == ""

    _run(db, test)


def test_sync_mail_from_the_palette_without_an_account_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TrackerApp, "COMMANDS", TrackerApp.COMMANDS | {TrackerCommands})

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from textual.command import CommandInput, CommandList

        await pilot.press("ctrl+p")
        await settle(pilot)
        app.screen.query_one(CommandInput).value = "sync mail"
        await pilot.pause(0.3)
        await settle(pilot)
        hits = [o.hit.text for o in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]
        assert hits[0] == "Sync mail"
        await pilot.press("enter")
        await settle(pilot)
        assert any("Could not sync mail: no mail account yet" in n for n in notifications(app))

    _run(db, test)


def test_the_timeline_marks_messages_logged_from_mail(db: Path, tmp_path: Path) -> None:
    sent, inbox = season()
    Cli(db).ok("mail", "import", str(write_mbox(tmp_path / "m.mbox", sent + inbox)), "--me", ME)

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        from tracker.store.queries.lookup import find_person
        from tracker.tui.screens.person_detail import PersonDetailScreen

        with app.store.read() as session:  # type: ignore[union-attr]
            kim = find_person(session, "kim").id
        await app.push_screen(PersonDetailScreen(person_id=kim))
        await settle(pilot, lambda: isinstance(app.screen, PersonDetailScreen) and app.screen.view is not None)
        text = text_of(app.screen.query_one("#person-timeline"))
        lines = [line for line in text.splitlines() if "email" in line]
        assert "from mail" not in lines[0]  # logged by hand (the same message in the mbox is not logged twice)
        assert "email received" in lines[1] and "✉ from mail" in lines[1]
        assert len(lines) == 2

    _run(db, test)
