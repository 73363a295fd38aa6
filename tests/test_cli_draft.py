"""`tracker draft`: drafts filled from the demo season, edited, copied, mailed and logged."""

from __future__ import annotations

import base64
import io
import json
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import TODAY, Cli, table_counts
from sqlalchemy import select
from tui_helpers import read

from tracker.store.models import Interaction, Person

KIM_PAPER = "Anchor-Free Test-Time Adaptation for Open-Vocabulary Detection (CVPR 2025)"


@pytest.fixture
def demo(demo_db: Path) -> Cli:
    return Cli(demo_db)


def sent_today(db: Path, name: str) -> list[Interaction]:
    """Interactions logged today as sent to the person called `name`."""
    rows = read(db, select(Interaction).join(Person, Person.id == Interaction.person_id)
                .where(Person.name == name, Interaction.on == TODAY, Interaction.direction == "sent"))
    return [row[0] for row in rows]


def test_a_cold_email_names_their_paper_and_lab(demo: Cli) -> None:
    result = demo.ok("draft", "cold-email", "kim")
    out = result.stdout
    assert out.startswith("Subject: Research internship enquiry: test-time adaptation and open-vocabulary detection\n\n")
    assert "Dear Prof. Kim Young-hoon," in out
    assert f'I read your paper "{KIM_PAPER}"' in out
    assert "in Computer Vision Lab, GIST in Summer 2027" in out
    assert "Aarav Sharma\nVIT Vellore\n" in out
    assert not re.search(r"\{[a-z_]+\}", out)
    assert sent_today(demo.db, "Kim Young-hoon") == []  # printing logs nothing


def test_log_starts_the_follow_up_clock(demo: Cli) -> None:
    before = table_counts(demo.db)["interaction"]
    result = demo.ok("draft", "cold-email", "Jürgen", "--paper", "Counterfactual Crops (ECCV 2024)", "--log")
    assert "Logged email to Jürgen Müller on Sun 2026-11-22" in result.output
    assert "follow up on Sun 2026-11-29 if no answer" in result.output
    [row] = sent_today(demo.db, "Jürgen Müller")
    assert row.channel == "email" and row.follow_up_on == TODAY + timedelta(days=7)
    assert row.paper == "Counterfactual Crops (ECCV 2024)"
    assert row.subject == "Research internship enquiry: explainable object detection"
    assert row.opportunity_id is not None
    assert table_counts(demo.db)["interaction"] == before + 1


def test_a_linkedin_note_is_logged_on_linkedin_with_its_own_clock(demo: Cli) -> None:
    result = demo.ok("draft", "linkedin-note", "Aditi", "--log")
    assert not result.stdout.startswith("Subject:")
    assert len(result.stdout.strip()) <= 300
    [row] = sent_today(demo.db, "Aditi Rao")
    assert row.channel == "linkedin" and row.subject is None
    assert row.follow_up_on == TODAY + timedelta(days=5)


def test_mailto_link_carries_the_same_subject_and_body(demo: Cli) -> None:
    printed = demo.ok("draft", "decline-offer", "Tan").stdout
    url = demo.ok("draft", "decline-offer", "Tan", "--mailto").stdout.strip()
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "wmtan@ntu.example.edu.sg"
    query = parse_qs(parts.query)
    subject, body = query["subject"][0], query["body"][0].replace("\r\n", "\n")
    assert printed == f"Subject: {subject}\n\n{body}"
    assert "Rapid Object Search Lab, NTU Singapore for Summer 2027" in body


def test_open_hands_the_link_to_the_mail_program(demo: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = demo.ok("draft", "thank-you", "Carter", "--open")
    assert [urlsplit(u).path for u in opened] == ["mcarter@buffalo.example.edu"]
    assert "Opened the e-mail to mcarter@buffalo.example.edu" in result.output


def test_copy_writes_osc52_with_the_body(demo: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()

    @contextmanager
    def fake_terminal() -> Iterator[io.StringIO]:
        yield screen

    monkeypatch.setattr("tracker.cli.handoff.terminal", fake_terminal)
    result = demo.ok("draft", "letter-writer", "Suresh", "--copy")
    match = re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", screen.getvalue())
    assert match is not None
    copied = base64.b64decode(match.group(1)).decode("utf-8")
    assert copied.startswith("Dear Suresh Balasubramanian,")
    assert "1. Research Intern – Failure Explanation in ML" in copied
    assert result.stdout == f"Subject: Reference letters: what is coming and when\n\n{copied}"
    assert f"Copied the body ({len(copied)} characters)" in result.output


def test_no_email_address_means_exit_2_and_nothing_written(demo: Cli) -> None:
    before = table_counts(demo.db)
    result = demo("draft", "cold-email", "Whitfield", "--mailto", "--log")
    assert result.exit_code == 2
    assert "Sarah Whitfield has no e-mail address on record" in result.output
    assert result.stdout == ""
    assert table_counts(demo.db) == before


def test_a_missing_paper_asks_for_paper(demo: Cli) -> None:
    demo.ok("add", "person", "Lena Hoffmann", "--role", "professor", "--org", "ETH Zurich")
    before = table_counts(demo.db)
    result = demo("draft", "cold-email", "Lena", "--log")
    assert result.exit_code == 2
    assert "{paper}: no paper on record that you mentioned to Lena Hoffmann; give --paper TITLE" in result.output
    assert table_counts(demo.db) == before
    out = demo.ok("draft", "cold-email", "Lena", "--paper", "Sparse Scene Graphs").stdout
    assert 'I read your paper "Sparse Scene Graphs"' in out and "in ETH Zurich in the coming cycle" in out


def test_a_template_that_does_not_fit_warns_and_one_that_cannot_be_filled_refuses(demo: Cli) -> None:
    result = demo("draft", "thank-you", "Park")
    assert result.exit_code == 2 and "no interview with Park Ji-won has taken place yet" in result.output
    result = demo.ok("draft", "cold-email", "Lim", "--paper", "X")
    assert "the cold-email template is for: professor; Lim Jia Hui (phd-student) is none of these" in result.stderr


def test_edit_in_the_editor_then_log_what_was_edited(demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i.bak "1s/.*/Subject: Checking in about GIST/" "$1"\n'
                      'echo "PS: I attach my updated CV." >> "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    result = demo.ok("draft", "follow-up", "Kim Young", "--edit", "--log")
    assert result.stdout.startswith("Subject: Checking in about GIST\n\nDear Prof. Kim Young-hoon,")
    assert result.stdout.rstrip().endswith("PS: I attach my updated CV.")
    [row] = sent_today(demo.db, "Kim Young-hoon")
    assert row.subject == "Checking in about GIST" and row.channel == "email"


def test_edit_without_an_editor_or_with_a_failing_one_logs_nothing(demo: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    before = table_counts(demo.db)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = demo("draft", "follow-up", "Goh", "--edit", "--log")
    assert result.exit_code == 2 and "no editor set: set EDITOR" in result.output
    monkeypatch.setenv("EDITOR", "false")
    result = demo("draft", "follow-up", "Goh", "--edit", "--log")
    assert result.exit_code == 2 and "exited with status 1" in result.output
    assert table_counts(demo.db) == before


def test_unknown_template_or_person(demo: Cli) -> None:
    result = demo("draft", "cold-mail", "kim")
    assert result.exit_code == 2
    assert 'no draft template "cold-mail"; the templates are cold-email, decline-offer' in result.output
    result = demo("draft", "cold-email", "Nobody At All")
    assert result.exit_code == 2 and "Nobody At All" in result.output


def test_recent_contact_is_warned_before_the_draft(demo: Cli) -> None:
    result = demo.ok("draft", "follow-up", "Goh")
    assert "You wrote to Goh Kai Xiang 5 days ago" in result.stderr
    assert "Dear Prof. Goh Kai Xiang," in result.stdout and "Subject:" not in result.stdout  # LinkedIn: no subject


def test_json_has_the_draft_link_and_what_was_logged(demo: Cli) -> None:
    data = json.loads(demo.ok("draft", "cold-email", "Park", "--log", "--json").stdout)
    assert data["person"] == "Park Ji-won" and data["channel"] == "email"
    assert data["opportunity"] == "Visual Reasoning Lab, KAIST"
    assert "Compositional Visual Reasoning with Program-Guided Attention (ICCV 2025)" in data["body"]
    assert data["mailto"].startswith("mailto:jwpark@kaist.example.ac.kr?subject=")
    assert data["logged"]["follow_up_on"] == (TODAY + timedelta(days=7)).isoformat()
    assert len(sent_today(demo.db, "Park Ji-won")) == 1


def test_templates_lists_built_ins_and_yours_and_init_keeps_your_files(demo: Cli, isolated_dirs: Path) -> None:
    listed = {row["name"]: row for row in demo.json("draft", "templates")}
    assert set(listed) == {"cold-email", "linkedin-note", "follow-up", "thank-you", "decline-offer", "letter-writer",
                           "thank-writer", "writer-news"}
    assert listed["cold-email"]["origin"] == "built-in" and "paper" in listed["cold-email"]["placeholders"]
    folder = isolated_dirs / "config" / "tracker" / "templates"
    folder.mkdir(parents=True)
    (folder / "thank-you.txt").write_text("For: interviewed\nSubject: Thanks!\n\nThank you, {professor}.\n")
    result = demo.ok("draft", "templates", "--init")
    assert f"kept {folder / 'thank-you.txt'} (it exists)" in result.output.replace("\n", "")
    assert (folder / "thank-you.txt").read_text().startswith("For: interviewed\nSubject: Thanks!")
    assert (folder / "cold-email.txt").exists()
    assert demo.ok("draft", "thank-you", "Carter").stdout == "Subject: Thanks!\n\nThank you, Prof. Michael Carter.\n"
    listed = {row["name"]: row for row in demo.json("draft", "templates")}
    assert listed["thank-you"]["origin"] == "user"


def test_edit_template_copies_the_default_then_opens_it(demo: Cli, tmp_path: Path, isolated_dirs: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i.bak "s/Best regards,/Warm regards,/" "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VISUAL", str(editor))
    demo.ok("draft", "edit-template", "cold-email")
    assert "Warm regards," in (isolated_dirs / "config/tracker/templates/cold-email.txt").read_text()
    assert "Warm regards,\nAarav Sharma" in demo.ok("draft", "cold-email", "Tan").stdout
    editor.write_text('#!/bin/sh\necho "{oops}" >> "$1"\n')
    result = demo("draft", "edit-template", "cold-email")
    assert result.exit_code == 2 and "unknown placeholder {oops}" in result.output
