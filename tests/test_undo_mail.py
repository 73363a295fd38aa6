"""Undoing a person's delete brings back what mail sync kept about them: the message ids logged for
them (`mailseen`, which lost its link) and the replies from unknown addresses in their threads
(`mailunknown`, deleted with them), exactly; mail read again afterwards logs nothing twice.

On a SQLite file and on a PostgreSQL server (a cluster the tests start, or TRACKER_TEST_PG's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import PG_MODE, Cli, copy_database, db_rows
from mail_helpers import ME, PARK, add_people, season, write_mbox


@pytest.fixture(params=["sqlite", "postgresql"])
def any_cli(request: pytest.FixtureRequest, tmp_path: Path) -> Cli:
    """The CLI on a new, empty database: a SQLite file, or a database on the test server (as a student)."""
    if request.param == "postgresql":
        pg = request.getfixturevalue("pg")
        return Cli(pg.url(pg.copy("empty")))  # type: ignore[arg-type]
    if PG_MODE:
        pytest.skip("the SQLite case runs in the SQLite pass")
    return Cli(copy_database(request.getfixturevalue("templates").empty(), tmp_path / "tracker.db"))


def mail_rows(db: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every mail-sync row, with the name of the person it refers to (ids may change on undo)."""
    return {
        "seen": db_rows(db, "SELECT s.message_id, p.name, s.logged_at FROM mailseen s "
                            "LEFT JOIN person p ON p.id = s.person_id ORDER BY s.message_id"),
        "unknown": db_rows(db, "SELECT u.message_id, u.address, u.name, u.\"on\", u.subject, p.name "
                               "FROM mailunknown u JOIN person p ON p.id = u.person_id ORDER BY u.message_id"),
    }


def test_undo_of_a_person_delete_brings_back_their_mail_rows(tmp_path: Path, any_cli: Cli) -> None:
    cli = any_cli
    add_people(cli)
    sent, inbox = season()
    mbox = write_mbox(tmp_path / "All mail.mbox", sent + inbox)
    cli.ok("mail", "import", str(mbox), "--me", ME)
    before = mail_rows(cli.db)
    kim = "Prof. Kim Minsoo"
    assert [r[0] for r in before["seen"] if r[1] == kim] == ["r1@gist.ac.kr", "s1@iitd.ac.in"]
    assert [(r[0], r[1], r[5]) for r in before["unknown"]] == [("r2@gist.ac.kr", PARK, kim)]
    log = cli.json("list", "log")

    deleted = cli.ok("delete", "person", "Kim Minsoo", "--yes")
    assert "1 reply from an unknown address" in deleted.stdout
    assert "mail sync" not in deleted.stdout  # the message ids kept are bookkeeping: not in the question
    gone = mail_rows(cli.db)
    assert gone["unknown"] == [] and not [r for r in gone["seen"] if r[1] == kim]

    undone = cli.ok("undo", "--yes")
    assert "Undone: deleted person \"Prof. Kim Minsoo\"" in undone.stdout
    assert mail_rows(cli.db) == before
    assert [r["address"] for r in cli.json("mail", "unknown")] == [PARK]  # type: ignore[index]
    assert cli.json("list", "log") == log

    again = cli.ok("mail", "import", str(mbox), "--me", ME)
    assert "0 sent, 0 received, 0 follow-ups cleared, 9 skipped" in again.stdout
    assert cli.json("list", "log") == log
    assert mail_rows(cli.db) == before


def test_a_reply_recorded_again_after_the_delete_is_kept_by_the_undo(tmp_path: Path, any_cli: Cli) -> None:
    """The delete took Kim's unknown reply; Kim is added again and the mail read again (the reply is
    recorded anew, for the new Kim): undoing the delete refuses (a person of that name exists) and
    changes nothing."""
    cli = any_cli
    add_people(cli)
    sent, inbox = season()
    mbox = write_mbox(tmp_path / "All mail.mbox", sent + inbox)
    cli.ok("mail", "import", str(mbox), "--me", ME)
    cli.ok("delete", "person", "Kim Minsoo", "--yes")
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST", "--email", "kim@gist.ac.kr")
    cli.ok("mail", "import", str(mbox), "--me", ME)
    now = mail_rows(cli.db)
    refused = cli("undo", "--yes")
    assert refused.exit_code == 2 and "a person named \"Prof. Kim Minsoo\" was added since" in refused.stderr
    assert mail_rows(cli.db) == now
