"""`tracker mail import` of mbox files and Maildir folders: the season's mail gives the log and the
agenda that logging it by hand gives; importing twice changes nothing; bad files are refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import SQLITE_FILE, Cli, table_counts
from mail_helpers import (
    ME, PARK, Mail, add_people, at, log_by_hand, named, season, write_maildir, write_mbox,
)


def _log(cli: Cli) -> list[dict]:
    rows = cli.json("list", "log")
    return [{k: r[k] for k in ("date", "channel", "direction", "person", "opportunity", "subject", "follow_up_due")}
            for r in rows]


def _stages(cli: Cli) -> dict[str, str]:
    return {r["title"]: r["stage"] for r in cli.json("list", "opportunities")}


def _mbox(tmp_path: Path) -> Path:
    sent, inbox = season()
    return write_mbox(tmp_path / "All mail.mbox", sent + inbox)


def test_mbox_gives_the_log_and_agenda_of_logging_by_hand(tmp_path: Path, cli: Cli, empty_template: Path) -> None:
    add_people(cli)
    result = cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME, "--me", "aarav.sharma@gmail.com")
    assert "3 sent, 2 received, 2 follow-ups cleared, 1 from unknown addresses, 3 skipped" in result.stdout

    from conftest import copy_database

    by_hand = Cli(copy_database(empty_template, tmp_path / "by-hand.db"))
    add_people(by_hand)
    log_by_hand(by_hand)
    assert _log(cli) == _log(by_hand)
    assert _stages(cli) == _stages(by_hand) == {
        "GIST CV Lab": "replied", "Tokyo Vision Group": "replied", "TUM Robotics": "contacted"}
    assert cli.ok("remind", "--within", "60d").stdout == by_hand.ok("remind", "--within", "60d").stdout
    assert "Follow up with Prof. Jürgen Müller" in cli.ok("remind", "--within", "60d").stdout


def test_importing_twice_changes_nothing(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    path = _mbox(tmp_path)
    cli.ok("mail", "import", str(path), "--me", ME)
    before = table_counts(cli.db)
    again = cli.ok("mail", "import", str(path), "--me", ME)
    assert "0 sent, 0 received, 0 follow-ups cleared, 9 skipped" in again.stdout
    assert table_counts(cli.db) == before


@SQLITE_FILE  # reads the file's every byte (iterdump)
def test_no_body_and_only_the_kept_fields_are_stored(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME)
    cli.ok("mail", "list")  # the store is closed cleanly before reading the file
    dump = "\n".join(sqlite3.connect(cli.db).iterdump())
    assert "A body tracker must never keep" not in dump
    assert "news@example.com" not in dump and "This week in AI" not in dump  # ignored: nothing of it kept
    assert "note to self" not in dump


def test_encoded_names_and_subjects_are_decoded(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME)
    subjects = [r["subject"] for r in _log(cli)]
    assert "Réunion: Praktikum über Robotik" in subjects
    unknown = cli.json("mail", "unknown")
    assert unknown == [{
        "on": "2026-11-07", "name": "Park Jisoo", "address": PARK, "subject": "Re: Summer internship: video retrieval",
        "thread_with": "Prof. Kim Minsoo",
        "add": f"tracker add person 'Park Jisoo' --role researcher --email {PARK}",
    }]


def test_an_unknown_replier_added_later_is_logged_by_the_next_import(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    path = _mbox(tmp_path)
    cli.ok("mail", "import", str(path), "--me", ME)
    cli.ok("add", "person", "Park Jisoo", "--role", "postdoc", "--org", "GIST", "--email", PARK)
    assert cli.json("mail", "unknown") == []
    result = cli.ok("mail", "import", str(path), "--me", ME)
    assert "0 sent, 1 received" in result.stdout
    assert [r["subject"] for r in _log(cli) if r["person"] == "Park Jisoo"] == ["Re: Summer internship: video retrieval"]


def test_maildir_folder(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    sent, inbox = season()
    folder = write_maildir(tmp_path / "Maildir", [m for m in sent + inbox if m.raw_date is None])
    result = cli.ok("mail", "import", str(folder), "--me", ME)
    assert "3 sent, 1 received, 1 follow-up cleared, 1 from unknown addresses" in result.stdout
    assert _stages(cli)["GIST CV Lab"] == "replied"


def test_missing_date_falls_back_and_no_message_id_is_still_once(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    mails = [Mail(f"A <{ME}>", named("Kim", "kim@gist.ac.kr"), "no id", at("2026-11-02"), None, raw_date="")]
    path = write_mbox(tmp_path / "x.mbox", mails)
    cli.ok("mail", "import", str(path), "--me", ME)
    cli.ok("mail", "import", str(path), "--me", ME)
    assert [(r["date"], r["subject"]) for r in _log(cli)] == [("2026-11-02", "no id")]


def test_dry_run_writes_nothing(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    before = table_counts(cli.db)
    result = cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME, "--dry-run")
    assert "2026-11-02 email to Prof. Kim Minsoo: Summer internship: video retrieval" in result.stdout
    assert "would log: 3 sent, 2 received" in result.stdout
    assert table_counts(cli.db) == before


def test_not_an_mbox_is_one_line_exit_2_nothing_logged(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    before = table_counts(cli.db)
    bad = tmp_path / "notes.txt"
    bad.write_text("Dear diary,\nno mail here\n")
    folder = tmp_path / "photos"
    folder.mkdir()
    for path in (bad, folder, tmp_path / "missing.mbox"):
        result = cli("mail", "import", str(path), "--me", ME)
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.output
    assert "is not an mbox file" in cli("mail", "import", str(bad), "--me", ME).stderr
    assert table_counts(cli.db) == before


def test_without_own_addresses_it_asks_for_them(tmp_path: Path, cli: Cli) -> None:
    result = cli("mail", "import", str(_mbox(tmp_path)))
    assert result.exit_code == 2
    assert "--me ADDRESS" in result.stderr


def test_json_of_unknown_is_valid_when_empty(cli: Cli) -> None:
    assert json.loads(cli.ok("mail", "unknown", "--json").stdout) == []


def test_since_reads_only_messages_from_that_day_on(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME, "--since", "2026-11-05")
    assert [(r["date"], r["direction"]) for r in _log(cli)] == [("2026-11-06", "received"), ("2026-11-09", "received")]


def test_a_message_logged_by_hand_is_not_logged_again(tmp_path: Path, cli: Cli) -> None:
    add_people(cli)
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-02")  # no subject typed
    result = cli.ok("mail", "import", str(_mbox(tmp_path)), "--me", ME)
    assert "2 sent, 2 received" in result.stdout
    assert [(r["date"], r["direction"]) for r in _log(cli) if r["person"] == "Prof. Kim Minsoo"] == [
        ("2026-11-02", "sent"), ("2026-11-06", "received")]
    assert [r["address"] for r in cli.json("mail", "unknown")] == [PARK]  # the thread is still known


def test_sync_without_a_password_says_where_to_put_it(cli: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TRACKER_IMAP_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    cli.ok("mail", "add", "uni", "--imap", "imaps://aarav@mail.example.edu")
    result = cli("mail", "sync")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "TRACKER_IMAP_PASSWORD" in result.stderr
