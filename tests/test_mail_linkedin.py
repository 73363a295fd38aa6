"""`tracker mail import messages.csv` (or LinkedIn's export zip): LinkedIn messages sent to and received
from tracked people, matched by profile URL however it is written, else by full name; once each, ever;
the content never stored."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from conftest import Cli, table_counts
from db_helpers import db_rows
from tracker.domain.linkedin import name_key, profile_key

HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
          "DATE", "SUBJECT", "CONTENT", "FOLDER"]
ME_URL = "https://www.linkedin.com/in/aarav-sharma-42"
LIM_URL = "https://www.linkedin.com/in/limjiahui"


def _rows() -> list[list[str]]:
    return [
        ["c1", "", "Aarav Sharma", ME_URL, "Lim Jia Hui", "https://sg.linkedin.com/in/LimJiaHui/en",
         "2026-11-02 08:00:00 UTC", "", "Hello Jia Hui, I read your paper on object search (secret content)", "INBOX"],
        ["c1", "", "Lim Jia Hui", "http://linkedin.com/in/limjiahui/", "Aarav Sharma", ME_URL,
         "2026-11-04 09:30:00 UTC", "", "Happy to chat!", "INBOX"],
        ["c2", "Research intern", "Aarav Sharma", ME_URL, "Dr. Ravi Kumar", "https://www.linkedin.com/in/ravi-k",
         "2026-11-05 10:00:00 UTC", "Research intern", "Dear Dr. Kumar", "SENT"],
        ["c3", "", "Recruiter Bot", "https://www.linkedin.com/in/bot", "Aarav Sharma", ME_URL,
         "2026-11-06 10:00:00 UTC", "", "Great opportunity!!!", "INBOX"],
    ]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def people(cli: Cli) -> Cli:
    cli.ok("profile", "--name", "Aarav Sharma", "--timezone", "UTC")
    cli.ok("add", "person", "Lim Jia Hui", "--role", "phd-student", "--org", "NTU Singapore",
           "--linkedin", "linkedin.com/in/limjiahui")
    cli.ok("add", "person", "Ravi Kumar", "--role", "postdoc", "--org", "IISc")  # no LinkedIn URL: by name
    cli.ok("add", "opportunity", "NTU ROSE Lab", "--kind", "outreach", "--org", "NTU Singapore", "--contact", "lim")
    return cli


def test_profile_urls_are_normalized() -> None:
    same = ["https://www.linkedin.com/in/limjiahui/", "http://linkedin.com/in/LimJiaHui",
            "https://sg.linkedin.com/in/limjiahui/en", "linkedin.com/in/limjiahui?trk=abc", "www.linkedin.com/in/limjiahui#x"]
    assert {profile_key(u) for u in same} == {"in/limjiahui"}
    assert profile_key("https://example.org/in/limjiahui") is None
    assert name_key("Prof. Jürgen  Müller") == name_key("jurgen muller")


def test_linkedin_messages_are_logged_once_each(people: Cli, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "messages.csv", _rows())
    result = people.ok("mail", "import", str(path))
    assert "2 sent, 1 received, 1 follow-up cleared, 1 skipped" in result.stdout
    log = [(r["date"], r["channel"], r["direction"], r["person"], r["subject"]) for r in people.json("list", "log")]
    assert log == [
        ("2026-11-02", "linkedin", "sent", "Lim Jia Hui", None),
        ("2026-11-04", "linkedin", "received", "Lim Jia Hui", None),
        ("2026-11-05", "linkedin", "sent", "Ravi Kumar", "Research intern"),
    ]
    assert {r["title"]: r["stage"] for r in people.json("list", "opportunities")} == {"NTU ROSE Lab": "replied"}
    before = table_counts(people.db)
    assert "0 sent, 0 received" in people.ok("mail", "import", str(path)).stdout
    assert table_counts(people.db) == before
    people.ok("list", "log")
    if isinstance(people.db, Path):  # a file: every byte of it
        dump = "\n".join(sqlite3.connect(people.db).iterdump())
    else:  # a server: every table the mail import writes
        dump = "\n".join(repr(db_rows(people.db, f"SELECT * FROM {table}"))
                         for table in ("interaction", "person", "mailseen", "mailunknown", "opportunity"))
    assert "secret content" not in dump and "Recruiter Bot" not in dump


def test_the_export_zip_is_read(people: Cli, tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_rows())
    archive = tmp_path / "Basic_LinkedInDataExport_12-03-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("messages.csv", buffer.getvalue())
        z.writestr("Connections.csv", "First Name,Last Name\n")
    assert "2 sent, 1 received" in people.ok("mail", "import", str(archive)).stdout


def test_a_csv_that_is_not_linkedins_is_one_line(people: Cli, tmp_path: Path) -> None:
    other = tmp_path / "contacts.csv"
    other.write_text("name,email\nKim,kim@gist.ac.kr\n")
    not_zip = tmp_path / "export.zip"
    not_zip.write_text("not a zip")
    before = table_counts(people.db)
    for path in (other, not_zip):
        result = people("mail", "import", str(path))
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert "is not LinkedIn's messages.csv" in people("mail", "import", str(other)).stderr
    assert table_counts(people.db) == before


def test_own_profile_given_when_it_cannot_be_told(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "person", "Lim Jia Hui", "--role", "phd-student", "--linkedin", LIM_URL)
    path = _write_csv(tmp_path / "messages.csv", _rows()[:2])  # one conversation: both are in every one
    result = cli("mail", "import", str(path))
    assert result.exit_code == 2 and "--me-linkedin" in result.stderr
    assert "1 sent, 1 received" in cli.ok("mail", "import", str(path), "--me-linkedin", ME_URL + "/").stdout
