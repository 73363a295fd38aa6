"""`tracker mail add/list/remove/sync` against a real Dovecot (tests/mail_helpers.Dovecot) on 127.0.0.1.

A season's mail put in the server with IMAP APPEND, synced, gives the log and the agenda that
logging it by hand gives; syncing twice changes nothing; only newer UIDs are fetched; bad input
(wrong password, a host that does not answer, a certificate that does not verify, a missing folder,
plain imap:// to another host) is one line, exit status 2, nothing logged.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from conftest import Cli, copy_database, table_counts
from mail_helpers import (
    ME, PASSWORD, USER, Dovecot, Mail, add_people, at, dovecot, log_by_hand, make_ca, named, needs_dovecot, season,
)

__all__ = ["dovecot"]  # the fixture

pytestmark = needs_dovecot


def _log(cli: Cli) -> list[dict]:
    return [{k: r[k] for k in ("date", "channel", "direction", "person", "opportunity", "subject", "follow_up_due")}
            for r in cli.json("list", "log")]


def _fill(server: Dovecot) -> None:
    sent, inbox = season()
    server.append("Sent Messages", sent)
    server.append("INBOX", inbox)


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_synced_season_gives_the_log_and_agenda_of_logging_by_hand(
        dovecot: Dovecot, cli: Cli, empty_template: Path, tmp_path: Path) -> None:
    add_people(cli)
    _fill(dovecot)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME, "--me", "aarav.sharma@gmail.com")
    result = cli.ok("mail", "sync")
    assert "3 sent, 2 received, 2 follow-ups cleared, 1 from unknown addresses" in result.stdout

    by_hand = Cli(copy_database(empty_template, tmp_path / "by-hand.db"))
    add_people(by_hand)
    log_by_hand(by_hand)
    assert _log(cli) == _log(by_hand)
    assert cli.ok("remind", "--within", "60d").stdout == by_hand.ok("remind", "--within", "60d").stdout
    assert [r["address"] for r in cli.json("mail", "unknown")] == ["park.postdoc@gist.ac.kr"]


def test_syncing_twice_changes_nothing_and_only_new_mail_is_fetched(dovecot: Dovecot, cli: Cli) -> None:
    add_people(cli)
    _fill(dovecot)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    cli.ok("mail", "sync", "uni")
    before = table_counts(cli.db)
    assert "0 sent, 0 received, 0 follow-ups cleared, 0 skipped" in cli.ok("mail", "sync").stdout
    assert table_counts(cli.db) == before
    dovecot.append("INBOX", [Mail(named("Jürgen Müller", "mueller@tum.de"), ME, "Re: Réunion", at("2026-11-20"),
                                  "r9@tum.de", reply_to="s3@iitd.ac.in")])
    result = cli.ok("mail", "sync")
    assert "0 sent, 1 received, 1 follow-up cleared, 0 skipped" in result.stdout
    assert {r["title"]: r["stage"] for r in cli.json("list", "opportunities")}["TUM Robotics"] == "replied"
    state = cli.json("mail", "list")[0]
    assert state["last_uid"] == {"Sent Messages": 4, "INBOX": 6}


def test_the_same_message_in_two_folders_is_logged_once(dovecot: Dovecot, cli: Cli) -> None:
    add_people(cli)
    mail = Mail(f"Aarav <{ME}>", "kim@gist.ac.kr", "Hello", at("2026-11-02"), "same@iitd.ac.in")
    dovecot.append("Sent Messages", [mail])
    dovecot.append("INBOX", [mail])
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    assert "1 sent, 0 received, 0 follow-ups cleared, 1 skipped" in cli.ok("mail", "sync").stdout


def test_sent_folder_comes_from_special_use_and_can_be_named(dovecot: Dovecot, cli: Cli) -> None:
    add_people(cli)
    _fill(dovecot)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--sent", "INBOX", "--inbox", "INBOX")
    result = cli.ok("mail", "sync", "--dry-run")
    assert "would log" in result.stdout
    missing = Cli(cli.db)
    missing.ok("mail", "remove", "uni")
    missing.ok("mail", "add", "uni", "--imap", dovecot.url, "--sent", "Gesendet")
    before = table_counts(cli.db)
    line = _one_line_error(missing("mail", "sync"))
    assert 'there is no folder "Gesendet"' in line and "Sent Messages" in line
    assert table_counts(cli.db) == before


def test_the_password_is_never_stored(dovecot: Dovecot, cli: Cli) -> None:
    add_people(cli)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    cli.ok("mail", "sync")
    assert PASSWORD.encode() not in cli.db.read_bytes()
    assert PASSWORD not in cli.ok("mail", "list").stdout


def test_wrong_password_is_one_line(dovecot: Dovecot, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    add_people(cli)
    _fill(dovecot)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    before = table_counts(cli.db)
    monkeypatch.setenv("TRACKER_IMAP_PASSWORD", "not-the-password")
    line = _one_line_error(cli("mail", "sync"))
    assert f"refused the login of {USER}" in line and "not-the-password" not in line
    assert table_counts(cli.db) == before


def test_a_certificate_that_does_not_verify_is_one_line(dovecot: Dovecot, cli: Cli, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    add_people(cli)
    _fill(dovecot)
    other_ca, _, _ = make_ca(tmp_path / "other", "someone else")
    monkeypatch.setenv("SSL_CERT_FILE", str(other_ca))
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    before = table_counts(cli.db)
    line = _one_line_error(cli("mail", "sync"))
    assert "certificate" in line and "does not verify" in line
    assert table_counts(cli.db) == before


def test_a_host_that_does_not_answer_fails_within_15_seconds(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never says a word
    port = silent.getsockname()[1]
    monkeypatch.setenv("TRACKER_IMAP_PASSWORD", "x")
    monkeypatch.setattr("tracker.io.mail.imap.TIMEOUT", 1.0)
    cli.ok("mail", "add", "silent", "--imap", f"imaps://{USER}@127.0.0.1:{port}", "--me", ME)
    started = time.monotonic()
    line = _one_line_error(cli("mail", "sync"))
    silent.close()
    assert time.monotonic() - started < 15
    assert "did not answer" in line


def test_the_default_timeout_is_under_15_seconds() -> None:
    from tracker.io.mail.imap import TIMEOUT

    assert TIMEOUT < 15


def test_plain_imap_is_refused_except_to_this_machine(cli: Cli) -> None:
    line = _one_line_error(cli("mail", "add", "x", "--imap", "imap://me@imap.example.org"))
    assert "unencrypted" in line
    cli.ok("mail", "add", "local", "--imap", "imap://me@127.0.0.1:1143")
    line = _one_line_error(cli("mail", "add", "y", "--imap", "imaps://me:secret@imap.example.org"))
    assert "no password in the address" in line
    assert cli.json("mail", "list")[0]["url"] == "imap://me@127.0.0.1:1143"


def test_plain_imap_to_localhost_syncs(dovecot: Dovecot, cli: Cli) -> None:
    add_people(cli)
    _fill(dovecot)
    cli.ok("mail", "add", "local", "--imap", f"imap://{USER}@localhost:{dovecot.plain_port}", "--me", ME)
    assert "3 sent, 2 received" in cli.ok("mail", "sync").stdout


def test_accounts_add_list_remove(cli: Cli) -> None:
    cli.ok("mail", "add", "gmail", "--imap", "imaps://aarav.sharma@gmail.com@imap.gmail.com")
    rows = cli.json("mail", "list")
    assert rows[0]["url"] == "imaps://aarav.sharma%40gmail.com@imap.gmail.com"
    assert rows[0]["sent"] == "(\\Sent)" and rows[0]["inbox"] == "INBOX"
    assert _one_line_error(cli("mail", "add", "Gmail", "--imap", "imaps://x@y.org")).endswith("remove it first to change it")
    cli.ok("mail", "remove", "gmail")
    assert cli.json("mail", "list") == []
    assert "no mail account" in _one_line_error(cli("mail", "sync"))


def test_a_sync_killed_half_way_logs_each_message_whole_and_resumes(dovecot: Dovecot, cli: Cli, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    add_people(cli)
    sent = [Mail(f"Aarav <{ME}>", "kim@gist.ac.kr", f"Message {n}", at("2026-11-02"), f"m{n}@iitd.ac.in")
            for n in range(300)]
    dovecot.append("Sent Messages", sent)
    cli.ok("mail", "add", "uni", "--imap", dovecot.url, "--me", ME)
    env = {**os.environ, "TRACKER_TODAY": "2026-11-22"}
    process = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(cli.db), "mail", "sync"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import sqlite3

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with sqlite3.connect(cli.db, timeout=10) as conn:
            logged = conn.execute("SELECT count(*) FROM mailseen").fetchone()[0]
        if logged >= 20:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(cli.db, timeout=10) as conn:
        seen = conn.execute("SELECT count(*) FROM mailseen").fetchone()[0]
        messages = conn.execute("SELECT count(*) FROM interaction").fetchone()[0]
    assert 0 < seen < 300 and messages == seen  # each message whole: its interaction and its Message-ID
    cli.ok("mail", "sync")
    assert len(cli.json("list", "log")) == 300
