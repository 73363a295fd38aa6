"""Running the real console script (`.venv/bin/tracker`, i.e. `tracker.entry.remind:main`) in a subprocess.

The hostile-input tests need what only a real process gives: argv as bytes, a file size
limit, a full device or a terminal on standard output, and the resident memory it used.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

from conftest import TODAY

TRACKER = Path(sys.executable).with_name("tracker")
"""The console script installed by `uv sync` next to the test interpreter."""


def run_tracker(*args: str | bytes | Path, stdout: int | IO[Any] = subprocess.PIPE, umask: int | None = None,
                file_size_limit: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """Run the console script with `args` (bytes go to argv as they are); today is pinned to TODAY."""

    def prepare() -> None:
        if umask is not None:
            os.umask(umask)
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    preexec: Callable[[], None] | None = prepare if umask is not None or file_size_limit is not None else None
    env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat()}
    return subprocess.run([TRACKER, *args], stdout=stdout, stderr=subprocess.PIPE, env=env, preexec_fn=preexec,
                          timeout=timeout, check=False)


def run_typer(*args: str, file_size_limit: int | None = None, umask: int | None = None
              ) -> subprocess.CompletedProcess[bytes]:
    """Run the Typer app itself (no fast path) in a subprocess, e.g. `export csv` the way `tracker.cli.app` does it."""
    code = "import sys; from tracker.cli import app; app(sys.argv[1:], prog_name='tracker')"

    def prepare() -> None:
        if umask is not None:
            os.umask(umask)
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, preexec_fn=prepare,
                          timeout=120, check=False)


def fill_with_notes(db: Path, *, people: int, note_chars: int) -> None:
    """Add `people` people and as many interviews, each with `note_chars` characters of notes."""
    from tracker.store.models import Interview, Opportunity, Person
    from tracker.store import open_store

    store = open_store(db)
    try:
        with store.write() as session:
            at = datetime.combine(TODAY + timedelta(days=3), datetime.min.time(), tzinfo=timezone.utc)
            for i in range(people):
                notes = f"{i:05d} " + "n" * note_chars
                session.add(Person(name=f"Person {i:05d}", role="professor", email=f"p{i}@example.org", notes=notes))
                opp = Opportunity(title=f"Lab {i:05d}", kind="outreach", stage="interviewing", created_on=TODAY)
                session.add(opp)
                session.flush()
                session.add(Interview(opportunity_id=opp.id, at=at, tz="UTC", notes=notes))
    finally:
        store.close()


def one_line(stderr: bytes) -> str:
    """Standard error as text, required to be exactly one line."""
    text = stderr.decode("utf-8", "backslashreplace")
    assert text.endswith("\n") and text.count("\n") == 1, f"not one line: {text!r}"
    return text[:-1]


__all__ = ["TRACKER", "date", "fill_with_notes", "one_line", "run_tracker", "run_typer"]


def orm_modules_after(code: str, db: Path) -> tuple[str, list[str]]:
    """Run `code` in a fresh interpreter with `db` as sys.argv[1]: what it prints, and which of
    SQLAlchemy, SQLModel and Alembic it loaded (a read meant for the first second of the TUI
    should load none of them)."""
    probe = (f"{code}\nimport sys\n"
             "print('|'.join(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True, check=True)
    *printed, loaded = found.stdout.removesuffix("\n").split("\n")
    return "\n".join(printed), [name for name in loaded.split("|") if name]
