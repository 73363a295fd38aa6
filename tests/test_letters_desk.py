"""The letters desk: how each letter is submitted, every letter by writer, one list per writer."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from conftest import Cli, table_counts
from tracker.store.models import LetterRequest
from tracker.store import open_store


def letter_row(db: Path, opportunity_id: int, writer_id: int) -> LetterRequest:
    store = open_store(db)
    try:
        with store.read() as s:
            return s.exec(select(LetterRequest).where(LetterRequest.opportunity_id == opportunity_id,
                                                      LetterRequest.writer_id == writer_id)).one()
    finally:
        store.close()


def seeded(cli: Cli) -> Cli:
    cli.ok("add", "person", "Meera Nair", "--role", "writer", "--org", "VIT Vellore", "--email", "meera@vit.example.in")
    cli.ok("add", "opportunity", "DAAD WISE", "--kind", "program", "--org", "DAAD", "--deadline", "2026-12-15")
    cli.ok("add", "opportunity", "Vision Lab, KAIST", "--kind", "outreach", "--org", "KAIST")
    return cli


def test_letter_records_the_route_where_and_what_is_sent(cli: Cli) -> None:
    seeded(cli)
    out = cli.ok("letter", "DAAD", "-w", "meera", "--status", "alerted", "--via", "portal",
                 "--attach", "CV, transcript").stdout
    assert 'Added letter from Meera Nair for "DAAD WISE": alerted' in out
    request = letter_row(cli.db, 1, 1)
    assert (request.via, request.submit_to, request.attachments) == ("portal", None, "CV, transcript")
    # An address with @ is e-mail; a later change keeps what it does not mention.
    cli.ok("letter", "KAIST", "-w", "meera", "--submit-to", "park@kaist.example.ac.kr")
    kaist = letter_row(cli.db, 2, 1)
    assert (kaist.via, kaist.submit_to, kaist.status) == ("email", "park@kaist.example.ac.kr", "not-asked")
    cli.ok("letter", "DAAD", "-w", "meera", "--status", "agreed")
    assert letter_row(cli.db, 1, 1).attachments == "CV, transcript"


def test_an_unknown_route_is_refused_and_nothing_is_written(cli: Cli) -> None:
    seeded(cli)
    before = table_counts(cli.db)
    result = cli("letter", "DAAD", "-w", "meera", "--via", "fax")
    assert result.exit_code == 2
    assert 'unknown letter route "fax"' in result.stderr and "portal, email" in result.stderr
    assert table_counts(cli.db) == before


def test_letters_lists_every_request_by_writer_at_a_glance(demo_db: Path) -> None:
    rows = Cli(demo_db).json("letters")
    assert isinstance(rows, list)
    writers = [r["writer"] for r in rows]
    # grouped: all of one writer's letters, then the other's
    assert writers == sorted(writers, key=writers.index) and len(set(writers)) == 2
    assert len(rows) == 5
    owed = {(r["writer"], r["opportunity"]) for r in rows if r["owed"]}
    assert owed == {
        ("Meera Nair", "Research Intern – Failure Explanation in ML"), ("Meera Nair", "DAAD WISE"),
        ("Suresh Balasubramanian", "Research Intern – Failure Explanation in ML"),
        ("Suresh Balasubramanian", "Visual Reasoning Lab, KAIST"),
    }
    assert len(Cli(demo_db).json("letters", "--owed")) == 4  # type: ignore[arg-type]


def test_one_writer_gets_one_list_of_every_letter_they_owe(demo_db: Path) -> None:
    out = Cli(demo_db).ok("letters", "suresh").stdout
    block = out[out.index("1. "):]
    assert "1. Research Intern – Failure Explanation in ML (Northbridge AI Research)" in block
    assert "Deadline: Wed 02 Dec 2026, 23:59 (America/Los_Angeles)" in block
    assert "How: through the portal (it will e-mail you a link)" in block
    assert "2. Visual Reasoning Lab, KAIST" in block
    assert "How: by e-mail to jwpark@kaist.example.ac.kr" in block
    assert "I am sending: CV; transcript" in block
    assert "NTU India Connect" not in block  # Meera's, and done


def test_letters_for_an_unknown_writer_is_one_clear_error(demo_db: Path) -> None:
    result = Cli(demo_db)("letters", "nobody at all")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
