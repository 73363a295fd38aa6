"""After accepting an offer: the writers who wrote a letter are thanked with the news, those only
asked for one are told the news (no thanks for a letter not written), each with its own draft.

In the demo season Meera Nair wrote (and was thanked for) a letter; Suresh Balasubramanian was
only alerted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from conftest import Cli
from test_tui_agenda import highlight
from tracker.tui.app import TrackerApp
from tui_helpers import accept_first_offer, run, settle, shown

NEWS = "I have accepted a research internship at Rapid Object Search Lab, NTU Singapore for Summer 2027."


def writer_reminders(cli: Cli) -> dict[str, dict[str, Any]]:
    items = cli.json("remind", "--within", "30d")
    return {r["person"]: r for r in items if r["kind"] == "letter" and "you accepted" in r["message"]}  # type: ignore[union-attr]


def test_remind_thanks_the_writer_who_wrote_and_tells_the_one_only_asked(demo_cli: Cli) -> None:
    demo_cli.ok("move", "rapid", "accepted")
    by_writer = writer_reminders(demo_cli)
    assert by_writer["Meera Nair"]["message"] == (
        "Thank Meera Nair for the letters and tell them you accepted Rapid Object Search Lab, NTU")
    assert by_writer["Meera Nair"]["key"].startswith("thank-writer:person:")
    assert by_writer["Suresh Balasubramanian"]["message"] == (
        "Tell Suresh Balasubramanian you accepted Rapid Object Search Lab, NTU (asked for a letter, none written)")
    assert by_writer["Suresh Balasubramanian"]["key"].startswith("tell-writer:person:")
    table = demo_cli.ok("remind", "--within", "30d").stdout
    assert "Thank Meera Nair for the letters" in table
    assert "Thank Suresh" not in table and "Tell Suresh Balasubramanian you accepted" in table


def test_the_drafts_thank_for_a_letter_written_and_only_tell_the_others(demo_cli: Cli) -> None:
    demo_cli.ok("move", "rapid", "accepted")
    thanks = demo_cli.ok("draft", "thank-writer", "Nair")
    assert thanks.stdout.startswith("Subject: Thank you for your letter: I will be at Rapid Object Search Lab, "
                                    "NTU Singapore\n")
    assert "Thank you again for the reference letter you wrote for me." in thanks.stdout
    assert NEWS in thanks.stdout
    assert "template is for" not in thanks.stderr
    news = demo_cli.ok("draft", "writer-news", "Balasubramanian")
    assert news.stdout.startswith("Subject: News: I will be at Rapid Object Search Lab, NTU Singapore\n")
    assert NEWS in news.stdout and "letter you wrote" not in news.stdout
    assert "template is for" not in news.stderr
    wrong = demo_cli.ok("draft", "thank-writer", "Balasubramanian")  # works, with a word: he wrote none
    assert "the thank-writer template is for: wrote-letter" in wrong.stderr


def test_the_news_draft_needs_an_accepted_offer(demo_cli: Cli) -> None:
    result = demo_cli("draft", "writer-news", "Balasubramanian")
    assert result.exit_code == 2
    assert "{accepted}: you have not accepted an offer yet" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.usefixtures("pinned")
def test_m_on_each_writer_reminder_opens_its_draft(demo_db: Path) -> None:
    from textual.widgets import Select

    from tracker.tui.screens.draft import DraftScreen

    opened: list[tuple[str, Any]] = []

    async def test(pilot: Pilot[Any], app: TrackerApp) -> None:
        await accept_first_offer(pilot)
        await pilot.press("1")
        await settle(pilot)
        texts = shown(app)
        assert any("Thank Meera Nair for the letters" in t for t in texts), texts
        assert not any("Thank Suresh" in t for t in texts), texts
        for name in ("Meera Nair", "Suresh Balasubramanian"):
            await highlight(pilot, app, lambda r: r.kind == "letter" and r.person == name
                            and "you accepted" in r.message)
            await pilot.press("m")
            await settle(pilot, lambda: isinstance(app.screen, DraftScreen) and app.screen.drafts is not None)
            opened.append((app.screen.template_name, app.screen.query_one("#draft-template", Select).value))
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, DraftScreen))

    run(demo_db, test)
    assert opened == [("thank-writer", "thank-writer"), ("writer-news", "writer-news")]
