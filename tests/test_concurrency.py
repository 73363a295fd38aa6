"""Several trackers at once: writers queue for the lock, readers never wait, nothing is lost.

The scene from the issue: the TUI open, cron running `tracker remind`, another shell
running `tracker log`. Real processes, one SQLite file in WAL mode.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import func, select

from conftest import MULTI_PROCESS, TODAY, Cli, table_counts
from tracker.domain.errors import StoreError
from tracker.store.models import Interaction, Person
from tracker.store import open_store

pytestmark = [MULTI_PROCESS, SQLITE_FILE]
WRITERS = 4
WRITES_EACH = 25

_WRITER = """
import json, sys, time
from datetime import date
from pathlib import Path
from tracker.store import open_store
from tracker.store.writes.records import log_interaction

db, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = open_store(Path(db))
while not go.exists():
    time.sleep(0.005)
failures = []
for i in range(count):  # what `tracker log email --to kim -s NAME-i` does: one transaction per message
    try:
        with store.write() as session:
            log_interaction(session, channel="email", direction="sent", person="kim", on=date(2026, 11, 22),
                            opportunity=None, subject=f"{name}-{i}", paper=None, notes=None, follow_up_in=None)
    except Exception as err:
        failures.append(repr(err))
store.close()
print(json.dumps(failures))
"""

_READER = """
import json, sys, time
from pathlib import Path
from typer.testing import CliRunner
from tracker.cli import app

db, go, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
runner = CliRunner()
runs, failures = 0, []
while not stop.exists() or runs < 3:
    for args in (["remind"], ["list", "log", "--json"]):
        result = runner.invoke(app, ["--db", db, *args])
        runs += 1
        if result.exit_code != 0:
            failures.append(result.output)
    time.sleep(0.02)  # leave the CPU to the writers: this is cron, not a benchmark
print(json.dumps({"runs": runs, "failures": failures}))
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "TRACKER_TODAY": TODAY.isoformat(), **extra}


def _spawn(code: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())


def _subjects(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT subject FROM interaction WHERE subject IS NOT NULL")]


@pytest.fixture
def kim(cli: Cli) -> Cli:
    cli.ok("profile", "--timezone", "Asia/Kolkata")
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    return cli


def test_writers_in_parallel_lose_nothing_while_readers_and_an_open_app_keep_working(
    kim: Cli, tmp_path: Path
) -> None:
    go, stop = tmp_path / "go", tmp_path / "stop"
    writers = [_spawn(_WRITER, kim.db, f"w{n}", WRITES_EACH, go) for n in range(WRITERS)]
    reader = _spawn(_READER, kim.db, go, stop)
    app = open_store(kim.db)  # what the TUI holds: an open store, reading in the middle of it all
    try:
        with app.read() as session:
            assert session.exec(select(func.count()).select_from(Person)).one() == 1
            go.touch()
            results = [json.loads(w.communicate(timeout=120)[0]) for w in writers]
            assert session.exec(select(func.count()).select_from(Interaction)).one() == 0  # its snapshot
        stop.touch()
        seen = json.loads(reader.communicate(timeout=120)[0])
        with app.read() as session:  # a new read sees every write
            assert session.exec(select(func.count()).select_from(Interaction)).one() == WRITERS * WRITES_EACH
    finally:
        app.close()
        for proc in [*writers, reader]:
            proc.kill()
            proc.wait()
    assert results == [[]] * WRITERS, results  # every `tracker log` succeeded
    assert seen["failures"] == [] and seen["runs"] >= 3
    expected = sorted(f"w{n}-{i}" for n in range(WRITERS) for i in range(WRITES_EACH))
    assert sorted(_subjects(kim.db)) == expected
    print(f"\n{WRITERS} writer processes x {WRITES_EACH} writes: {len(expected)} written, 0 lost; "
          f"{seen['runs']} reader commands, 0 failed")


def test_a_writer_that_cannot_get_the_lock_says_so_and_writes_nothing(kim: Cli) -> None:
    before = table_counts(kim.db)
    holder = sqlite3.connect(kim.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO organization (name) VALUES ('Held By Another Process')")
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(kim.db), "log", "email", "--to", "kim", "-s", "blocked"],
            capture_output=True, text=True, env=_env(TRACKER_BUSY_TIMEOUT_MS="300"), timeout=60, check=False,
        )
        # readers keep working while the lock is held (WAL): cron's `tracker remind`, a listing
        cron = subprocess.run([sys.executable, "-m", "tracker", "--db", str(kim.db), "remind"], capture_output=True,
                              text=True, env=_env(TRACKER_BUSY_TIMEOUT_MS="300"), timeout=60, check=False)
        assert cron.returncode == 0, cron.stderr
        assert kim.ok("remind", "--json").exit_code == 0
        assert "Prof. Kim Minsoo" in kim.ok("list", "people").stdout
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "database is busy" in lines[0] and "nothing was written" in lines[0]
    assert "Traceback" not in result.stderr
    assert table_counts(kim.db) == before


def test_store_write_gives_a_clear_error_when_the_lock_is_held(kim: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same through the store (what the TUI calls): StoreError, nothing written."""
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "200")
    first, second = open_store(kim.db), open_store(kim.db)
    try:
        with first.write() as session:
            session.add(Person(name="First Writer", role="professor"))
            session.flush()
            with pytest.raises(StoreError, match="database is busy.*nothing was written"):
                with second.write() as other:
                    other.add(Person(name="Second Writer", role="professor"))
        with second.write() as other:  # once the lock is free the second store works again
            other.add(Person(name="Third Writer", role="professor"))
    finally:
        first.close()
        second.close()
    with closing(sqlite3.connect(kim.db)) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM person")}
    assert names == {"Prof. Kim Minsoo", "First Writer", "Third Writer"}


def test_a_writer_waits_for_a_short_lock_instead_of_failing(kim: Cli) -> None:
    code = (
        "import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute(\"INSERT INTO organization (name) VALUES ('Committed After A While')\")\n"
        "print('locked', flush=True)\n"
        "time.sleep(0.8)\n"
        "conn.execute('COMMIT')\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(kim.db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = kim("log", "email", "--to", "kim", "--subject", "waited")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert result.exit_code == 0, result.output
    assert _subjects(kim.db) == ["waited"]
    with closing(sqlite3.connect(kim.db)) as conn:
        held = conn.execute("SELECT count(*) FROM organization WHERE name = 'Committed After A While'").fetchone()
    assert held == (1,)
    print(f"\nthe writer waited {waited:.2f} s for the lock, then wrote")


def test_a_reader_without_a_profile_does_not_need_the_write_lock(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tracker list log` / `show` / the TUI read the zone through the store: that must not write."""
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor")
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "300")
    holder = sqlite3.connect(cli.db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO organization (name) VALUES ('Held By Another Process')")
        result = cli("remind")  # the Typer path (the console script's lean path does not write)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0, result.output


def test_the_busy_timeout_can_be_set_for_tests_and_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "1234")
    store = open_store(tmp_path / "t.db")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    finally:
        store.close()
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "soon")
    result = Cli(tmp_path / "t.db")("remind")
    assert result.exit_code == 2 and "TRACKER_BUSY_TIMEOUT_MS" in result.stderr
