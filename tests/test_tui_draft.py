"""The draft screen: opened with m from People and a person's page, or from the palette; edit, copy, mail, log."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from conftest import TODAY, table_counts
from sqlalchemy import select
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea
from tui_helpers import make_app, notifications, read, settle, text_of

from tracker.store.models import Interaction, Person
from tracker.tui.app import TrackerApp
from tracker.tui.screens.draft import DraftScreen
from tracker.tui.screens.person_detail import PersonDetailScreen
from tracker.tui.widgets.paged_table import PagedTable

KIM_PAPER = "Anchor-Free Test-Time Adaptation for Open-Vocabulary Detection (CVPR 2025)"


def run(db: Path, mode: str, test: Callable[[Pilot[Any], TrackerApp], Awaitable[None]]) -> None:
    async def main() -> None:
        app = make_app(db, mode)
        async with app.run_test(size=(120, 44)) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


def draft_ready(app: TrackerApp) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, DraftScreen) and app.screen.drafts is not None


def body(app: TrackerApp) -> TextArea:
    return app.screen.query_one("#draft-body", TextArea)


def templates_offered(app: TrackerApp) -> list[str]:
    return [str(value) for _label, value in app.screen.query_one("#draft-template", Select)._options]


def sent_today(db: Path, name: str) -> list[Interaction]:
    rows = read(db, select(Interaction).join(Person, Person.id == Interaction.person_id)
                .where(Person.name == name, Interaction.on == TODAY, Interaction.direction == "sent"))
    return [row[0] for row in rows]


def test_m_on_people_drafts_a_linkedin_note_that_is_edited_and_logged(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        table = app.screen.query_one(PagedTable)
        await settle(pilot, lambda: table.row_count >= 14)
        names = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        table.move_cursor(row=names.index("Aditi Rao"))
        await pilot.press("m")
        await settle(pilot, draft_ready(app))
        assert templates_offered(app) == ["follow-up", "linkedin-note"]  # only those that fit a postdoc written to
        app.screen.query_one("#draft-template", Select).value = "linkedin-note"
        await settle(pilot, lambda: body(app).text.startswith("Hi Aditi Rao, I'm Aarav Sharma"))
        assert not app.screen.query_one("#draft-subject-row").display  # LinkedIn: no subject
        body(app).focus()
        body(app).move_cursor((0, len(body(app).document.get_line(0))))  # the end of the note's line
        await pilot.press("space", *"Namaste.")
        assert body(app).text.startswith("Hi Aditi Rao") and "Thank you! Namaste.\n" in body(app).text
        assert f"{len(body(app).text.strip())} of 300 characters" in text_of(app.screen.query_one("#draft-status"))
        await pilot.press("ctrl+t")
        assert app.clipboard == body(app).text and app.clipboard.endswith("Thank you! Namaste.\n")  # the edited text
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not isinstance(app.screen, DraftScreen))
        [row] = sent_today(demo_db, "Aditi Rao")
        assert row.channel == "linkedin" and row.follow_up_on == TODAY + timedelta(days=5)
        assert any("Logged LinkedIn message to Aditi Rao on Sun 2026-11-22; follow up on Fri 2026-11-27" in n
                   for n in notifications(app))

    run(demo_db, "people", test)


def test_from_a_persons_page_copy_and_mail_without_logging(demo_db: Path) -> None:
    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        with app.store.read() as session:  # type: ignore[union-attr]
            from tracker.store.queries.lookup import find_person

            kim = find_person(session, "Kim Young-hoon").id
        page = PersonDetailScreen(person_id=kim)
        await app.push_screen(page)
        await settle(pilot, lambda: page.view is not None)
        await pilot.press("m")
        await settle(pilot, draft_ready(app))
        assert templates_offered(app) == ["cold-email", "decline-offer", "follow-up", "thank-you"]
        subject = app.screen.query_one("#draft-subject", Input).value
        assert subject == "Research internship enquiry: test-time adaptation and open-vocabulary detection"
        assert app.screen.query_one("#draft-paper", Input).value == KIM_PAPER
        assert f'I read your paper "{KIM_PAPER}"' in body(app).text
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.clipboard == body(app).text and app.clipboard.startswith("Dear Prof. Kim Young-hoon,")
        opened: list[str] = []
        app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await pilot.press("ctrl+o")
        await settle(pilot)
        [url] = opened
        parts = urlsplit(url)
        assert unquote(parts.path) == "yh.kim@gist.example.ac.kr"
        assert parse_qs(parts.query)["subject"] == [subject]
        assert parse_qs(parts.query)["body"][0].replace("\r\n", "\n") == body(app).text
        app.screen.query_one("#draft-template", Select).value = "thank-you"
        await settle(pilot, lambda: "Monday 19 October 2026" in body(app).text)
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is page)

    before = table_counts(demo_db)
    run(demo_db, "agenda", test)
    assert table_counts(demo_db) == before


def test_palette_asks_who_then_a_missing_paper_blocks_logging_until_typed(demo_db: Path) -> None:
    from tracker.store import open_store
    from tracker.store.writes.records import add_person

    store = open_store(demo_db)
    with store.write() as session:  # a professor never written to: no paper on record
        add_person(session, name="Lena Hoffmann", role="professor", organization="ETH Zurich",
                   email="lena@eth.example.ch")
    store.close()

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await pilot.press("ctrl+p")
        await settle(pilot, until=lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(CommandInput).value = "draft email"
        await pilot.pause(0.3)
        await settle(pilot)
        hits = [option.hit.text for option in app.screen.query_one(CommandList).options]  # type: ignore[attr-defined]
        assert hits[0] == "Draft email to…"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, DraftScreen))
        await pilot.press(*"Hoffmann", "enter")
        await settle(pilot, draft_ready(app))
        assert templates_offered(app) == ["cold-email"]
        assert '"{paper}"' in body(app).text
        assert "{paper} is still in the draft: type the paper's title under Paper" in text_of(
            app.screen.query_one("#draft-status"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen) and "Fill {paper} first." in notifications(app)
        app.screen.query_one("#draft-paper", Input).focus()
        await pilot.press(*"Sparse Scene Graphs")
        await settle(pilot, lambda: 'I read your paper "Sparse Scene Graphs"' in body(app).text)
        await pilot.click("#draft-log")  # the button does what ctrl+s does
        await settle(pilot, lambda: not isinstance(app.screen, DraftScreen))

    run(demo_db, "agenda", test)
    [row] = sent_today(demo_db, "Lena Hoffmann")
    assert row.paper == "Sparse Scene Graphs" and row.subject == "Research internship enquiry: your research"
    assert row.follow_up_on == TODAY + timedelta(days=7)
