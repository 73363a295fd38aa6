"""Crash safety: a process killed (SIGKILL) in the middle of a write leaves all of it or none.

Real processes, really killed. A "zygote" subprocess imports tracker once and forks one
worker per trial (so a trial costs a fork, not an interpreter start-up); the test kills
the worker with SIGKILL at a chosen point, then opens the file with plain sqlite3:
`PRAGMA integrity_check` must say ok and the write must be there entirely or not at all.

Kill points:
- a big `Store.write()` (people, each with a message; flushed in chunks): anywhere in the
  write (uniformly random), in the middle of the transaction (just after a chunk was sent
  to SQLite), and around the commit (0-15 ms after the commit starts);
- `tracker import csv` of a few thousand rows, through the console script (its lean sqlite3
  path) and through the Typer command (uniformly random over 1.3 times its duration);
- `tracker restore` (uniformly random): the database is the old one or the backup.

The workers write markers to a file as they go, so each kill is classified afterwards:
killed before the commit started → none of it; after the commit returned → all of it;
in between → one or the other. `TRACKER_CRASH_TRIALS=N` multiplies the number of trials
(the figures in docs/data-safety.md come from `TRACKER_CRASH_TRIALS=20 pytest -n0 -s`: in one process,
where -s shows what the tests print).
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from conftest import MULTI_PROCESS, TODAY, Cli

pytestmark = [MULTI_PROCESS, SQLITE_FILE]  # its kill points are timed: not while other process tests load the machine
SCALE = max(1, int(os.environ.get("TRACKER_CRASH_TRIALS", "1")))
ROWS = 1000
"""People written by one big write (every fifth with a message: 1200 rows, 4 flushes)."""
IMPORT_ROWS = 2000

_ZYGOTE = r'''
import json, os, sys
from datetime import date
from pathlib import Path

from tracker.store import open_store
from tracker.store.models import Interaction, Organization, Person
from tracker.cli import app

def mark(progress, text):
    os.write(progress, (text + "\n").encode())

def big_write(db, tag, rows, progress):
    rows = int(rows)
    store = open_store(Path(db))
    mark(progress, "open")
    with store.write() as session:
        org = Organization(name=f"{tag} University")
        session.add(org)
        session.flush()
        for start in range(0, rows, 300):
            people = [Person(name=f"{tag} person {i}", role="professor", organization_id=org.id)
                      for i in range(start, min(rows, start + 300))]
            session.add_all(people)
            session.flush()
            session.add_all([Interaction(on=date(2026, 11, 2), channel="email", direction="sent",
                                         person_id=p.id, subject=f"{tag} message {start + k}")
                             for k, p in enumerate(people) if (start + k) % 5 == 0])
            session.flush()
            mark(progress, f"rows {start + len(people)}")
        mark(progress, "commit")
    mark(progress, "committed")
    store.close()

def cli(args, progress):
    mark(progress, "start")
    status = app(json.loads(args), prog_name="tracker", standalone_mode=False)
    if status:
        raise SystemExit(status)
    mark(progress, "committed")

def console(args, progress):
    import tracker.cli
    sys.argv = ["tracker", *json.loads(args)]
    mark(progress, "start")
    try:
        tracker.cli.main()  # the console script: its lean CSV path, else Typer
    except SystemExit as stop:
        if stop.code:
            raise
    mark(progress, "committed")

def restore(file, db, progress):
    from tracker.store.safety.restore import restore_from
    mark(progress, "start")
    restore_from(Path(file), Path(db))
    mark(progress, "committed")

JOBS = {"write": big_write, "cli": cli, "console": console, "restore": restore}
print("ready", flush=True)
for line in sys.stdin:
    job = json.loads(line)
    progress = os.open(job["progress"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    pid = os.fork()
    if pid == 0:
        out = os.open(job["progress"] + ".out", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(out, 1)  # the worker's output must not mix with the zygote's replies
        os.dup2(out, 2)
        code = 0
        try:
            JOBS[job["job"]](*job["args"], progress)
        except BaseException as err:
            mark(progress, "error " + repr(err))
            code = 1
        os._exit(code)
    os.close(progress)
    print(json.dumps({"pid": pid}), flush=True)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": status}), flush=True)
'''


class Zygote:
    """A subprocess with tracker imported that forks one worker per job."""

    def __init__(self, tmp: Path) -> None:
        env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat()}
        self.proc = subprocess.Popen([sys.executable, "-c", _ZYGOTE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=env)
        self.tmp = tmp
        self.count = 0
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the zygote died"
        return line.strip()

    def run(self, job: str, *args: object, kill: tuple[str, float] | None = None) -> list[str]:
        """Run a job in a fresh worker; with `kill=(marker, delay)`, SIGKILL it `delay` s after `marker`.

        Returns the markers the worker wrote (its progress, as far as it got).
        """
        self.count += 1
        progress = self.tmp / f"progress-{self.count}"
        assert self.proc.stdin is not None
        request = {"job": job, "args": [str(a) for a in args], "progress": str(progress)}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        pid = json.loads(self._read())["pid"]
        if kill is not None:
            marker, delay = kill
            deadline = time.monotonic() + 60
            while marker not in _markers(progress):
                assert time.monotonic() < deadline, f"never reached {marker}: {_markers(progress)}"
                time.sleep(0.0005)
            time.sleep(delay)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it finished first: then it must have written everything
        status = json.loads(self._read())["status"]
        markers = _markers(progress)
        if kill is None:
            assert status == 0 and markers[-1] == "committed", markers
        assert not any(m.startswith("error") for m in markers), markers
        return markers

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _markers(progress: Path) -> list[str]:
    try:
        return progress.read_text().splitlines()
    except FileNotFoundError:
        return []


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    z = Zygote(tmp_path_factory.mktemp("zygote"))
    yield z
    z.close()


def _check(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def _where(markers: list[str]) -> str:
    """Where the worker was killed: before the commit, during it, or after it returned."""
    if "committed" in markers:
        return "after commit"
    if "commit" in markers:
        return "during commit"
    return "before commit"


def _outcome(where: str, found: int, whole: int) -> str:
    assert found in (0, whole), f"killed {where}: {found} of {whole} rows written (a partial write)"
    if where == "before commit":
        assert found == 0, "killed before the commit, yet the write is there"
    if where == "after commit":
        assert found == whole, "the commit had returned, yet the write is gone"
    return "all" if found else "none"


def _report(name: str, tally: Counter[tuple[str, str]]) -> None:
    kills = sum(tally.values())
    parts = ", ".join(f"{where}: {n} ({result})" for (where, result), n in sorted(tally.items()))
    print(f"\n{name}: {kills} SIGKILLs; {parts}; partial writes: 0; integrity_check: ok every time")


def test_a_killed_big_write_leaves_all_of_it_or_none(cli: Cli, zygote: Zygote) -> None:
    cli.ok("profile", "--timezone", "UTC")
    rng = random.Random(int(os.environ.get("TRACKER_CRASH_SEED", "0")) or None)
    zygote.run("write", cli.db, "Calibration", ROWS)
    started = time.monotonic()
    zygote.run("write", cli.db, "Timing", ROWS)
    duration = time.monotonic() - started
    plan = (
        [("open", rng.uniform(0, duration)) for _ in range(4 * SCALE)]
        + [(f"rows {rng.choice(range(300, ROWS, 300))}", rng.uniform(0, 0.002)) for _ in range(2 * SCALE)]
        + [("commit", rng.uniform(0, 0.015)) for _ in range(4 * SCALE)]
    )
    tally: Counter[tuple[str, str]] = Counter()
    for n, kill in enumerate(plan):
        tag = f"T{n}"
        where = _where(zygote.run("write", cli.db, tag, ROWS, kill=kill))
        with closing(_check(cli.db)) as conn:
            people = conn.execute("SELECT count(*) FROM person WHERE name LIKE ?", (f"{tag} person %",)).fetchone()[0]
            messages = conn.execute("SELECT count(*) FROM interaction WHERE subject LIKE ?", (f"{tag} message %",)
                                    ).fetchone()[0]
            orgs = conn.execute("SELECT count(*) FROM organization WHERE name = ?",
                                (f"{tag} University",)).fetchone()[0]
        result = _outcome(where, people, ROWS)
        assert (messages, orgs) == ((ROWS // 5, 1) if people else (0, 0))
        tally[(where, result)] += 1
    # after all that, the store opens and writes as usual
    zygote.run("write", cli.db, "After", 10)
    assert cli.json("list", "people", "--search", "After person")
    _report(f"big write ({ROWS + ROWS // 5} rows)", tally)


def _log_csv(path: Path, tag: str, rows: int) -> None:
    lines = ["date,channel,direction,person,role,organization,subject"]
    lines += [f"2026-10-{1 + i % 28:02d},email,sent,{tag} Prof {i % 400},professor,{tag} Uni {i % 40},{tag} row {i}"
              for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("entry", ["console", "cli"])
def test_a_killed_csv_import_leaves_all_of_it_or_none(cli: Cli, zygote: Zygote, tmp_path: Path, entry: str) -> None:
    """`console` is what `tracker import csv` runs (the lean sqlite3 path); `cli` the Typer command."""
    cli.ok("profile", "--timezone", "UTC")
    rng = random.Random(int(os.environ.get("TRACKER_CRASH_SEED", "0")) or None)
    first = tmp_path / "first.csv"
    _log_csv(first, "Full", IMPORT_ROWS)
    started = time.monotonic()
    zygote.run(entry, json.dumps(["--db", str(cli.db), "import", "csv", str(first)]))
    duration = time.monotonic() - started
    with closing(_check(cli.db)) as conn:
        full = conn.execute("SELECT count(*) FROM interaction WHERE subject LIKE 'Full row %'").fetchone()[0]
    assert full == IMPORT_ROWS
    tally: Counter[tuple[str, str]] = Counter()
    for n in range(3 * SCALE):
        tag = f"K{n}"
        path = tmp_path / f"{tag}.csv"
        _log_csv(path, tag, IMPORT_ROWS)
        args = json.dumps(["--db", str(cli.db), "import", "csv", str(path)])
        markers = zygote.run(entry, args, kill=("start", rng.uniform(0, 1.3 * duration)))  # some land after it
        where = "after commit" if "committed" in markers else "during import"
        with closing(_check(cli.db)) as conn:
            found = conn.execute("SELECT count(*) FROM interaction WHERE subject LIKE ?",
                                 (f"{tag} row %",)).fetchone()[0]
            people = conn.execute("SELECT count(*) FROM person WHERE name LIKE ?", (f"{tag} Prof %",)).fetchone()[0]
        result = _outcome(where, found, IMPORT_ROWS)
        assert people == (400 if found else 0)
        tally[(where, result)] += 1
    _report(f"tracker import csv ({IMPORT_ROWS} rows, {entry} path)", tally)


def test_a_killed_restore_leaves_the_old_database_or_the_backup(cli: Cli, zygote: Zygote, tmp_path: Path) -> None:
    cli.ok("demo")
    backup = tmp_path / "saved.db"
    cli.ok("backup", "-o", str(backup))
    zygote.run("write", cli.db, "Later", ROWS)  # the database now differs from the backup by 1200 rows
    with closing(sqlite3.connect(backup)) as conn:
        saved = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    with closing(sqlite3.connect(cli.db)) as conn:
        current = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    copy = tmp_path / "current.db"
    cli.ok("backup", "-o", str(copy))
    started = time.monotonic()
    zygote.run("restore", copy, cli.db)  # restoring the current state: same data, full timing
    duration = time.monotonic() - started
    rng = random.Random(int(os.environ.get("TRACKER_CRASH_SEED", "0")) or None)
    tally: Counter[tuple[str, str]] = Counter()
    for _ in range(3 * SCALE):
        markers = zygote.run("restore", backup, cli.db, kill=("start", rng.uniform(0, duration)))
        with closing(_check(cli.db)) as conn:
            people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        assert people in (saved, current), f"{people} people: neither the old database nor the backup"
        if "committed" in markers:
            assert people == saved
        tally[("after restore" if "committed" in markers else "during restore",
               "backup" if people == saved else "old")] += 1
        if people == saved:  # put the newer state back for the next trial
            zygote.run("restore", copy, cli.db)
    _report("tracker restore", tally)
