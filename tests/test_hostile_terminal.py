"""`tracker export csv` on a terminal shows escape sequences from the data, never executes them.

A person named "\\x1b]52;c;...\\x07" (OSC 52: write the clipboard) or with "\\x1b[2J" (clear the
screen) in their notes is exported. On a terminal (a real pseudo-terminal, raw mode, so the
bytes read are the bytes written) every control character is written visibly; into a pipe
the CSV is the exact data, byte for byte, as a spreadsheet or another program needs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tty
from pathlib import Path

import pytest

from conftest import TODAY
from script_helpers import TRACKER, run_tracker
from tracker.store import open_store

CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
CLEAR = "\x1b[2J"
BACKWARDS = "\u202e"


@pytest.fixture
def evil_db(tmp_path: Path) -> Path:
    from tracker.store.writes.records import add_person

    path = tmp_path / "t.db"
    store = open_store(path)
    with store.write() as session:
        add_person(session, name=f"{CLIPBOARD}Kim", role="professor", notes=f"{CLEAR}read me{BACKWARDS}\x9b31m",
                   added_on=TODAY)
    store.close()
    return path


def _on_a_terminal(argv: list[str | Path]) -> bytes:
    """What `argv` writes to standard output when it is a terminal."""
    leader, follower = os.openpty()
    tty.setraw(follower)  # no newline translation: the bytes read are the bytes written
    env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat()}
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=60) == 0, child.stderr.read() if child.stderr else b""
    return b"".join(chunks)


TYPER = [sys.executable, "-c", "import sys; from tracker.cli import app; app(sys.argv[1:], prog_name='tracker')"]


@pytest.mark.parametrize("entry", ["console script", "Typer"])
def test_export_csv_on_a_terminal_shows_control_characters(entry: str, evil_db: Path) -> None:
    argv = [TRACKER] if entry == "console script" else TYPER
    shown = _on_a_terminal([*argv, "--db", evil_db, "export", "csv", "--what", "people"])
    assert shown.startswith(b"name,role,organization")
    assert b"\x1b" not in shown and b"\x07" not in shown and b"\xc2\x9b" not in shown
    assert BACKWARDS.encode() not in shown
    assert b"\\x1b]52;c;ZXZpbA==\\x07Kim" in shown
    assert b"\\x1b[2Jread me\\u202e\\x9b31m" in shown


def test_export_csv_into_a_pipe_or_a_file_is_the_exact_data(evil_db: Path, tmp_path: Path) -> None:
    piped = run_tracker("--db", evil_db, "export", "csv", "--what", "people")
    assert piped.returncode == 0
    row = f"{CLIPBOARD}Kim,professor,,,,,,,{CLEAR}read me{BACKWARDS}\x9b31m\r\n".encode()
    assert piped.stdout.endswith(row)
    target = tmp_path / "people.csv"
    assert run_tracker("--db", evil_db, "export", "csv", "--what", "people", "-o", target).returncode == 0
    assert target.read_bytes() == piped.stdout
