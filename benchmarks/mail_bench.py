"""The mail rows (optional: only where Dovecot is installed, for the IMAP one).

- `tracker mail sync` of 10,000 message headers (a season's inbox and sent folder, 2% of them
  to or from tracked people) from a Dovecot started here on 127.0.0.1, vs a plain imaplib script
  fetching the same header fields (refs/imap_headers.py); each run syncs into a fresh copy of the
  database, so every message is read and classified again.
- `tracker mail import` of a 10,000-message mbox vs Python's mailbox module reading the same headers
  (refs/mbox_headers.py).

The server is the tests' own (tests/mail_helpers.Dovecot): throw-away configuration, TLS with a CA
made for it, stopped at the end.
"""

from __future__ import annotations

import email.utils
import mailbox
import random
import shlex
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import timing
from report import Row, judged, skipped

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"sync": (2.0, "≤ 2x imaplib script"), "import": (2.0, "≤ 2x mailbox module")}
ME = "student@uni.example.edu"
PEOPLE = 200
"""Tracked people in the benchmark's database."""


def _messages(count: int, seed: int = 15) -> list[tuple[str, bytes]]:
    """(folder, raw message) for a season: 10% sent, 2% of all to/from tracked people, the rest newsletters."""
    rng = random.Random(seed)
    start = datetime(2026, 8, 1, tzinfo=timezone.utc)
    found = []
    for n in range(count):
        at = start + timedelta(minutes=17 * n)
        tracked = rng.random() < 0.02
        other = f"prof{rng.randrange(PEOPLE)}@lab.example.org" if tracked else f"news{rng.randrange(500)}@list.example.com"
        sent = rng.random() < 0.1
        sender, to = (ME, other) if sent else (other, ME)
        body = "Dear colleague,\n\n" + "Some text of the message. " * rng.randrange(10, 80) + "\n"
        raw = (f"From: Someone <{sender}>\r\nTo: {to}\r\nSubject: Message {n} about research\r\n"
               f"Date: {email.utils.format_datetime(at)}\r\nMessage-ID: <m{n}@bench.example>\r\n"
               f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
        found.append(("Sent Messages" if sent else "INBOX", raw))
    return found


def _database(path: Path, env: dict[str, str]) -> None:
    """A database with the tracked people (`tracker` itself writes it)."""
    script = (
        "import sys\nfrom pathlib import Path\nfrom tracker.store import open_store\n"
        "from tracker.store.writes.records import add_person\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "with store.write() as session:\n"
        f"    for n in range({PEOPLE}):\n"
        "        add_person(session, name=f'Professor {n}', role='professor', email=f'prof{n}@lab.example.org')\n"
        "store.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=env)


def rows(tracker: str, data: Path, env: dict[str, str], runs: int, count: int = 10_000) -> list[Row]:
    folder = data / "mail"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    messages = _messages(count)
    base = folder / "base.db"
    _database(base, env)
    return [_import(tracker, folder, base, messages, env, runs), _sync(tracker, folder, base, messages, env, runs)]


def _fresh(base: Path, work: Path) -> str:
    q = shlex.quote
    return f"rm -f {q(str(work))} {q(str(work))}-wal {q(str(work))}-shm && cp {q(str(base))} {q(str(work))}"


def _import(tracker: str, folder: Path, base: Path, messages: list[tuple[str, bytes]], env: dict[str, str],
            runs: int) -> Row:
    path = folder / "season.mbox"
    box = mailbox.mbox(path)
    for _, raw in messages:
        box.add(raw)
    box.flush()
    box.close()
    work = folder / "work.db"
    label = f"`mail import`, {len(messages):,}-message mbox"
    got = timing.time_commands({
        "tracker": f"{tracker} --db {shlex.quote(str(work))} mail import {shlex.quote(str(path))} --me {ME}",
        "python": shlex.join([sys.executable, str(HERE / "refs" / "mbox_headers.py"), str(path)]),
    }, runs=runs, warmup=1, prepare=_fresh(base, work), env=env)
    return judged(label, got["tracker"], got["python"], "mailbox module, same headers", *TARGETS["import"])


def _sync(tracker: str, folder: Path, base: Path, messages: list[tuple[str, bytes]], env: dict[str, str],
          runs: int) -> Row:
    label = f"`mail sync`, {len(messages):,} headers from local Dovecot"
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from mail_helpers import DOVECOT, OPENSSL, PASSWORD, USER, Dovecot
    except ImportError as err:
        return skipped(label, TARGETS["sync"][1], f"tests/mail_helpers.py not importable ({err})")
    if DOVECOT is None or OPENSSL is None:
        return skipped(label, TARGETS["sync"][1], "Dovecot missing: apt-get install dovecot-imapd")
    server = Dovecot(folder / "dovecot")
    server.start()
    try:
        conn = server.client()
        for mailbox_name, raw in messages:
            conn.append(f'"{mailbox_name}"', None, None, raw)
        conn.logout()
        work = folder / "sync.db"
        environ = {**env, "SSL_CERT_FILE": str(server.ca), "TRACKER_IMAP_PASSWORD": PASSWORD}
        q = shlex.quote
        prepare = _fresh(base, work) + (f" && {tracker} --db {q(str(work))} mail add bench --imap {q(server.url)} "
                                        f"--me {ME} > /dev/null")
        got = timing.time_commands({
            "tracker": f"{tracker} --db {q(str(work))} mail sync",
            "python": shlex.join([sys.executable, str(HERE / "refs" / "imap_headers.py"), "127.0.0.1",
                                  str(server.port), USER, str(server.ca), "Sent Messages", "INBOX"]),
        }, runs=runs, warmup=1, prepare=prepare, env=environ)
    finally:
        server.stop()
    return judged(label, got["tracker"], got["python"], "imaplib script, same headers", *TARGETS["sync"])


if __name__ == "__main__":  # quick run on its own: python benchmarks/mail_bench.py [COUNT]
    import os
    import tempfile

    import generate

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows(shlex.join(generate.tracker_command()), Path(tmp), environ, runs=3, count=count):
            print(row)
