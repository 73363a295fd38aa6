"""The Letters and Offers screens: advancing a letter, rating offers, accepting and declining, with the demo data."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import table_counts
from tracker.store.models import LetterRequest, Offer, Opportunity, Person, StageChange
from tracker.store import open_store
from conftest import TODAY
from tui_helpers import cells, make_app, notifications, open_accept_dialog, screen_lines, settle, text_of

pytestmark = pytest.mark.usefixtures("pinned")


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())  # type: ignore[arg-type]


def query(db: Path, statement):  # type: ignore[no-untyped-def]
    store = open_store(db)
    try:
        with store.read() as s:
            return list(s.execute(statement).all())
    finally:
        store.close()


async def letter_rows(pilot: Any) -> list[list[str]]:
    """The rows of the Letters table, as text, once loaded."""
    table = pilot.app.screen.query_one("#letters-table")
    await settle(pilot, lambda: table.row_count > 0)
    return [cells(table, r) for r in range(table.row_count)]


# --- letters ---------------------------------------------------------------------------------------------


def test_letters_show_one_row_per_writer_then_their_letters(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            rows = await letter_rows(pilot)
            writers = [r for r in rows if not r[0].startswith("  └")]
            assert [w[0].split(" · ")[0] for w in writers] == ["Meera Nair", "Suresh Balasubramanian"]
            assert writers[0][1] == "owes 2" and writers[0][3].endswith("in 10 days")
            letters = [r for r in rows if r[0].startswith("  └")]
            assert ["agreed", "not-asked", "thanked", "not-asked", "alerted"] == [r[1] for r in letters]
            assert letters[0][4] == "requested" and letters[3][4] == "alerted"
            per_opportunity = app.screen.query_one("#letters-opportunities")
            ratios = {cells(per_opportunity, r)[0]: cells(per_opportunity, r)[3] for r in range(per_opportunity.row_count)}
            assert ratios == {"Research Intern – Failure Explanation in ML": "0/2",
                              "NTU India Connect Research Internship": "1/1", "DAAD WISE": "0/1",
                              "Visual Reasoning Lab, KAIST": "0/1"}

    run(scenario)


def test_writers_of_a_withdrawn_posting_are_to_be_told_not_all_done(demo_db: Path) -> None:
    from tracker.store.writes.records import record_stage

    posting = "Research Intern – Failure Explanation in ML"
    store = open_store(demo_db)
    with store.write() as s:
        opp = s.execute(select(Opportunity).where(Opportunity.title == posting)).scalar_one()
        record_stage(s, opp, "withdrawn", on=TODAY)
    store.close()

    async def scenario() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            rows = await letter_rows(pilot)
            writer = None
            told = []
            for row in rows:
                if not row[0].startswith("  └"):
                    writer = row
                elif posting in row[0] and row[1] not in ("not-asked", "submitted", "thanked"):
                    told.append((writer, row))
            assert told, rows
            for writer, row in told:
                name = writer[0].split(" · ")[0]
                assert writer[1] != "all done", writer
                assert row[4] == f"withdrawn; tell {name}", row

    run(scenario)


def test_a_advances_the_highlighted_letter_with_todays_date(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#letters-table")
            await settle(pilot, lambda: table.row_count > 0)

            def letter(key: str) -> list[str]:
                return [str(c) for c in table.get_row(key)]

            await pilot.press("down", "a")  # Meera's letter for the posting (request 2): agreed -> requested
            await settle(pilot, lambda: letter("l2")[1] == "requested")
            assert letter("l2")[2] == TODAY.isoformat() and letter("l2")[4] == "submitted"
            assert table.cursor_row == table.get_row_index("l2")
            assert any("is now requested" in m for m in notifications(app))
            await pilot.press("a")
            await settle(pilot, lambda: letter("l2")[1] == "submitted")
            # Meera's next letter is due later now: Suresh comes first; the cursor stays on the letter
            assert cells(table, 0)[0].startswith("Suresh") and table.cursor_row == table.get_row_index("l2")
            await pilot.press("up", "up", "up", "up", "up", "a")  # Suresh's letter (request 3): not-asked -> alerted
            await settle(pilot, lambda: letter("l3")[1] == "alerted")
            per_opportunity = app.screen.query_one("#letters-opportunities")
            assert cells(per_opportunity, 0)[3] == "1/2"
            # On Meera's own row, `a` advances the one letter she still owes (DAAD WISE, request 5)
            await pilot.press("down", "down")
            assert cells(table, table.cursor_row)[0].startswith("Meera")
            await pilot.press("a")
            await settle(pilot, lambda: letter("l5")[1] == "alerted")

    run(scenario)
    rows = query(demo_db, select(Person.name, LetterRequest.status, LetterRequest.requested_on,
                                 LetterRequest.submitted_on, LetterRequest.alerted_on)
                 .join(Person, Person.id == LetterRequest.writer_id).where(LetterRequest.opportunity_id == 9)
                 .order_by(Person.name))
    assert rows == [("Meera Nair", "submitted", TODAY, TODAY, date(2026, 11, 7)),
                    ("Suresh Balasubramanian", "alerted", None, None, TODAY)]


def test_a_on_a_letter_recorded_elsewhere_since_changes_nothing_and_says_so(demo_db: Path) -> None:
    """The desk shows Meera's letter agreed; another process records it submitted before the screen
    refreshes; `a` (agreed -> requested) would take it back: nothing changes, a notification says why."""
    from db_helpers import db_rows

    async def scenario() -> None:
        app = make_app(demo_db, "letters")  # (not watching the file: the row stays as drawn)
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#letters-table")
            await settle(pilot, lambda: table.row_count > 0)
            db_rows(demo_db, "UPDATE letterrequest SET status = 'submitted' WHERE id = 2")
            await pilot.press("down", "a")
            await settle(pilot, lambda: any("recorded elsewhere" in m for m in notifications(app)))
            assert any("is submitted now (recorded elsewhere); nothing changed" in m for m in notifications(app))

    run(scenario)
    assert query(demo_db, select(LetterRequest.status).where(LetterRequest.id == 2)) == [("submitted",)]


def test_a_on_a_writer_row_who_owes_several_asks_which(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#letters-table")
            await settle(pilot, lambda: table.row_count > 0)
            await pilot.press("a")  # on Meera's row: she owes two letters, so which one?
            await settle(pilot)
            assert any("Choose one of the writer's letters" in m for m in notifications(app))
            assert cells(table, 1)[1] == "agreed" and cells(table, 2)[1] == "not-asked"
            await pilot.press("down", "down", "down", "a")  # a thanked letter: nothing after it
            await settle(pilot)
            assert any("already thanked" in m for m in notifications(app))

    run(scenario)


def test_m_drafts_one_message_listing_every_letter_the_writer_owes(demo_db: Path) -> None:
    from textual.widgets import TextArea

    from tracker.tui.screens.draft import DraftScreen

    async def scenario() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 44)) as pilot:
            table = app.screen.query_one("#letters-table")
            await settle(pilot, lambda: table.row_count > 0)
            table.move_cursor(row=next(r for r in range(table.row_count) if cells(table, r)[0].startswith("Suresh")))
            await pilot.press("m")
            await settle(pilot, lambda: isinstance(app.screen, DraftScreen) and app.screen.drafts is not None)
            text = app.screen.query_one("#draft-body", TextArea).text
            assert text.startswith("Dear Suresh Balasubramanian,")
            assert "1. Research Intern – Failure Explanation in ML (Northbridge AI Research)" in text
            assert "2. Visual Reasoning Lab, KAIST" in text and "by e-mail to jwpark@kaist.example.ac.kr" in text
            assert "NTU India Connect" not in text and "DAAD" not in text  # Meera's letters, not his
            await pilot.press("ctrl+t")
            assert app.clipboard == text

    run(scenario)


# --- offers ------------------------------------------------------------------------------------------------


def test_offers_are_cards_with_countdowns(demo_db: Path) -> None:
    from tracker.tui.widgets.offer_card import OfferCard

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            cards = list(app.screen.query(OfferCard))
            assert [c.offer.title for c in cards] == [
                "Rapid Object Search Lab, NTU", "Multimodal Learning Lab, University at Buffalo",
                "Computer Vision Lab, GIST",
            ]
            first = text_of(cards[0])
            assert "2,000 SGD" in first and "2026-11-26 · in 4 days" in first and "not rated yet" in first
            assert app.focused is cards[0]
            summary = text_of(app.screen.query_one("#offers-summary"))
            assert "3 offers to answer · next: Rapid Object Search Lab, NTU, in 4 days" in summary

    run(scenario)


def test_weight_keys_cycle_and_save_the_ratings(demo_db: Path) -> None:
    from tracker.tui.widgets.offer_card import OfferCard

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            await pilot.press("t", "t", "t", "f", *"nnnnnn")  # topic 3, familiarity 1, renown 1..5 then 0
            card = app.focused
            assert (card.offer.topic, card.offer.familiarity, card.offer.renown) == (3, 1, 0)
            assert "Score 4/20" in text_of(card)
            await pilot.press("right", "p", "p")
            await pilot.pause(0.6)
            await settle(pilot)
            cards = list(app.screen.query(OfferCard))
            assert cards[1].offer.place == 2 and cards[0].offer.topic == 3
            assert "★ best" in text_of(cards[0]) and "★ best" not in text_of(cards[1])

    run(scenario)
    scores = query(demo_db, select(Offer.opportunity_id, Offer.score_topic, Offer.score_familiarity,
                                   Offer.score_renown, Offer.score_place).order_by(Offer.opportunity_id))
    assert scores == [(2, None, None, None, None), (4, 3, 1, 0, None), (6, None, None, None, 2)]


def test_accepting_an_offer_closes_the_ticked_opportunities(demo_db: Path) -> None:
    from tracker.tui.widgets.accept_dialog import AcceptDialog
    from tracker.tui.widgets.offer_card import OfferCard

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            await pilot.press("a")
            await settle(pilot, lambda: isinstance(app.screen, AcceptDialog))
            dialog = app.screen
            titles = [o.title for o in dialog.others]
            assert "Rapid Object Search Lab, NTU" not in titles and len(titles) == 8
            assert [o.has_offer for o in dialog.others][:2] == [True, True]
            keep = titles.index("Research Intern – Failure Explanation in ML")
            for _ in range(keep):
                await pilot.press("down")
            await pilot.press("space")  # untick the posting: it stays open
            assert len(dialog.chosen()) == 7
            await pilot.press("a")
            await settle(pilot, lambda: not isinstance(app.screen, AcceptDialog)
                         and app.screen.query(OfferCard).first().offer.decision == "accepted")
            assert any("Accepted Rapid Object Search Lab, NTU" in m and "declined 2" in m and "withdrew 5" in m
                       for m in notifications(app))

    run(scenario)
    stages = dict(query(demo_db, select(Opportunity.title, Opportunity.stage)))
    assert stages["Rapid Object Search Lab, NTU"] == "accepted"
    assert stages["Computer Vision Lab, GIST"] == "declined"
    assert stages["Multimodal Learning Lab, University at Buffalo"] == "declined"
    assert stages["Research Intern – Failure Explanation in ML"] == "replied"
    for title in ("DAAD WISE", "Video Analytics Lab, IISc", "Visual Reasoning Lab, KAIST",
                  "Explainable Vision Group, TU Darmstadt", "Trustworthy Vision Group, NUS"):
        assert stages[title] == "withdrawn"
    decisions = dict(query(demo_db, select(Offer.opportunity_id, Offer.decision)))
    assert decisions == {2: "declined", 4: "accepted", 6: "declined"}
    today_changes = query(demo_db, select(StageChange.from_stage, StageChange.to_stage)
                          .where(StageChange.changed_on == TODAY, StageChange.to_stage.in_(("accepted", "declined", "withdrawn"))))
    assert sorted(to for _f, to in today_changes) == ["accepted"] + ["declined"] * 2 + ["withdrawn"] * 5


def test_space_keeps_the_highlighted_opportunity_open_and_says_so(demo_db: Path) -> None:
    """Space on the first row, without moving: that offer stays open, its row says so, the footer shows the key."""
    from tracker.tui.widgets.accept_dialog import AcceptDialog

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await open_accept_dialog(pilot)
            first = dialog.others[0].title
            assert first == "Computer Vision Lab, GIST"
            lines = screen_lines(app)
            assert "Offers — tracker" in lines[0]  # the screen behind shows, dimmed
            assert any("╭" in line for line in lines)  # one border style: round, for cards and dialogs alike
            assert not any(corner in line for line in lines for corner in ("┏", "▀", "█▀"))
            footer = screen_lines(app)[-1]
            assert "space" in footer and "Close / keep open" in footer and "esc" in footer
            await pilot.press("space")
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            row = next(line for line in screen_lines(app) if first in line and "→" in line)
            assert "stays open" in row and "declined" not in row, shown
            assert dialog.others[0].id not in dialog.chosen()
            await pilot.press("j", "space", "space")  # toggled twice: closed again
            row = next(line for line in screen_lines(app) if "University at Buffalo" in line and "→" in line)
            assert "declined" in row
            await pilot.press("a")
            await settle(pilot, lambda: not isinstance(app.screen, AcceptDialog))

    run(scenario)
    stages = dict(query(demo_db, select(Opportunity.title, Opportunity.stage)))
    assert stages["Rapid Object Search Lab, NTU"] == "accepted"
    assert stages["Computer Vision Lab, GIST"] == "offered"
    assert stages["Multimodal Learning Lab, University at Buffalo"] == "declined"


def test_cancelling_the_accept_dialog_writes_nothing(demo_db: Path) -> None:
    from tracker.tui.screens.offers import OffersScreen
    from tracker.tui.widgets.accept_dialog import AcceptDialog
    from tracker.tui.widgets.offer_card import OfferCard

    before = table_counts(demo_db)

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            await pilot.press("right", "a")
            await settle(pilot, lambda: isinstance(app.screen, AcceptDialog))
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, OffersScreen))

    run(scenario)
    assert table_counts(demo_db) == before
    assert {d for (d,) in query(demo_db, select(Offer.decision))} == {"pending"}


def test_declining_asks_first_then_declines(demo_db: Path) -> None:
    from tracker.tui.widgets.confirm_dialog import ConfirmDialog
    from tracker.tui.widgets.offer_card import OfferCard

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            await pilot.press("right", "right", "d")
            await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("n")
            await settle(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
            await pilot.press("d")
            await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await settle(pilot, lambda: list(app.screen.query(OfferCard))[2].offer.decision == "declined")

    run(scenario)
    assert dict(query(demo_db, select(Offer.opportunity_id, Offer.decision))) == {
        2: "declined", 4: "pending", 6: "pending",
    }
    assert dict(query(demo_db, select(Opportunity.id, Opportunity.stage)))[2] == "declined"


def test_enter_on_an_offer_opens_its_opportunity(demo_db: Path) -> None:
    from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
    from tracker.tui.widgets.offer_card import OfferCard

    async def scenario() -> None:
        app = make_app(demo_db, "offers")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: len(app.screen.query(OfferCard)) == 3)
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, OpportunityDetailScreen) and app.screen.view is not None)
            assert app.screen.view.title == "Rapid Object Search Lab, NTU"
            assert "2,000 SGD" in text_of(app.screen.query_one("#detail-offers"))

    run(scenario)
