"""Build the benchmark data: `uv run python benchmarks/generate.py [--tidy] [--scale 0.1] [--out DIR]`.

Two shapes of the same size (gen_db.py): `--open-threads` (the default: most threads left
unanswered and open, about 12,000 live reminders at full size, a quarter of the names in
Korean, Chinese, Japanese, Turkish or Hindi script) and `--tidy` (cold threads marked
no-response, a few hundred reminders: the data set of the figures before issue 11). Each
shape and scale has its own folder, benchmarks/data/SHAPE-SCALE/ (or DIR), holding:

- `tracker.db`: 30k people, 10k opportunities, 100k interactions at scale 1, today pinned
  to TODAY; run tracker on it with TRACKER_TODAY set to the same day;
- `empty.db`: a migrated, empty tracker database (the import benchmarks copy it);
- `log.csv`: the interaction log exported by `tracker export csv --what log`;
- `faculty.csv`: 30k professors in the CSRankings format (name,affiliation,homepage,scholarid);
- `taskwarrior/`: a `taskrc` and data directory holding 10k pending tasks, every one due
  before `today+7d` (so `task due.before:today+7d list` prints them all), imported with
  `task import` (only when Taskwarrior is installed). Taskwarrior reads the real clock, so
  its due dates are relative to the day you generate;
- `manifest.json`: the sizes, and what the real commands report on the data: the live
  reminders of `tracker remind --json`, the rows of `task ... list`.

Nothing outside DIR is touched: Taskwarrior runs with `rc:DIR/taskwarrior/taskrc`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_db  # noqa: E402
import pools  # noqa: E402
import userenv  # noqa: E402

TODAY = date(2026, 11, 22)
"""The pinned today of the generated database (TRACKER_TODAY when tracker runs on it)."""
DATA = HERE / "data"
SHAPES = gen_db.SHAPES
TASK_FILTER = ("due.before:today+7d",)
"""Taskwarrior's counterpart of `tracker remind`'s default look-ahead."""


def data_dir(scale: float, shape: str = SHAPES[0]) -> Path:
    return DATA / f"{shape}-{scale:g}"


def tracker_command() -> list[str]:
    """The installed `tracker` console script next to this interpreter (the real command)."""
    script = Path(sys.executable).with_name("tracker")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from tracker.cli import main; main()"]


def task_command(taskrc: str | Path, *args: str) -> list[str]:
    return ["task", f"rc:{taskrc}", *args]


def _name(rng: random.Random, shape: str) -> str:
    native = pools.native_name(rng) if shape == "open-threads" else None
    return native or f"{rng.choice(pools.FIRST_NAMES)} {chr(65 + rng.randrange(26))}. {rng.choice(pools.LAST_NAMES)}"


def write_faculty(path: Path, rows: int, seed: int, shape: str) -> None:
    """A CSRankings-style directory: name,affiliation,homepage,scholarid."""
    rng = random.Random(seed)
    places = [name for name, _c, _t in pools.INSTITUTIONS]
    places += [form.format(place) for place in pools.PLACES for form in pools.PLACE_FORMS]
    seen: set[str] = set()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("name", "affiliation", "homepage", "scholarid"))
        for index in range(rows):
            name = _name(rng, shape)
            if name in seen:  # CSRankings tells namesakes apart with a number
                name = f"{name} {index:04d}"
            seen.add(name)
            slug = name.lower().replace(" ", "").replace(".", "").replace("'", "")
            slug = slug if pools.latin(slug) else f"f{index}"
            scholar = "NOSCHOLARPAGE" if rng.random() < 0.3 else "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(8)
            ) + "AAAAJ"
            writer.writerow((name, rng.choice(places), f"https://faculty.example.edu/{slug}", scholar))


def write_taskwarrior(folder: Path, tasks: int, seed: int, shape: str, env: Mapping[str, str]) -> str:
    """Pending tasks all due before today+7d, imported with `task import`; returns the taskrc path.

    The taskrc prints at a realistic terminal width without colour, as in a terminal but
    non-interactively (output to a pipe or /dev/null), and every matching row.
    """
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "tasks").mkdir(parents=True)
    taskrc = folder / "taskrc"
    taskrc.write_text(
        f"data.location={folder / 'tasks'}\nconfirmation=off\nverbose=nothing\nnews.version=9.9.9\nhooks=off\n"
        "defaultwidth=120\ncolor=off\ndetection=off\n",
        encoding="utf-8",
    )
    now = datetime.now(timezone.utc)
    lines = []
    for index in range(tasks):
        due = now + timedelta(days=rng.randint(-45, 5), hours=rng.randint(0, 23))
        lines.append(json.dumps({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "description": f"Follow up with {_name(rng, shape)} about {rng.choice(pools.TOPICS)} ({index})",
            "status": "pending",
            "entry": (now - timedelta(days=60)).strftime("%Y%m%dT%H%M%SZ"),
            "due": due.strftime("%Y%m%dT%H%M%SZ"),
            "project": "internships",
        }, ensure_ascii=False))
    source = folder / "tasks.json"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(task_command(taskrc, "import", str(source)), check=True, capture_output=True, env=env)
    return str(taskrc)


def count_reminders(db: Path, env: Mapping[str, str]) -> int:
    """The live reminders of the real `tracker remind --json` (the default look-ahead)."""
    out = subprocess.run([*tracker_command(), "--db", str(db), "remind", "--json"],
                         check=True, capture_output=True, env=env).stdout
    return len(json.loads(out))


def count_task_rows(taskrc: str, env: Mapping[str, str]) -> tuple[int, int, int]:
    """(tasks `task ... list` prints, the lines it prints, tasks `task ... count` counts).

    A printed task is a line that starts with its ID; a long description continues on a
    line of its own. The first and the last are equal when it prints every task.
    """
    run = functools.partial(subprocess.run, check=True, capture_output=True, text=True, env=env)
    lines = run(task_command(taskrc, *TASK_FILTER, "list")).stdout.splitlines()
    counted = int(run(task_command(taskrc, *TASK_FILTER, "count")).stdout.split()[0])
    return sum(1 for line in lines if re.match(r"\s*\d+ ", line)), len(lines), counted


def fingerprint(scale: float, shape: str, seed: int) -> str:
    """Changes when the generator, its inputs or the pinned today change (then the data is rebuilt)."""
    digest = hashlib.sha256(f"{scale}|{shape}|{seed}|{TODAY}".encode())
    for name in ("gen_db.py", "generate.py", "pools.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def schema_version(db: Path) -> str | None:
    """The Alembic revision a tracker database is at (read-only; None if unreadable)."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return None


def make_empty(path: Path) -> str | None:
    """A migrated, empty database made by tracker's own store; returns its revision."""
    from tracker.store import open_store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_store(path).close()
    return schema_version(path)


def generate(out: Path, *, scale: float, shape: str = SHAPES[0], seed: int = 2026, quiet: bool = False,
             env: Mapping[str, str] | None = None) -> dict[str, object]:
    """Write every data file into `out`; returns a summary (also saved as `out/manifest.json`)."""
    def say(text: str) -> None:
        if not quiet:
            print(text, flush=True)

    env = dict(env or userenv.tracker_env(TODAY))
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    say(f"generating the {shape} shape at scale {scale:g} into {out} ...")
    counts = gen_db.build(out / "tracker.db", scale=scale, today=TODAY, seed=seed, shape=shape)
    say(f"  tracker.db: {', '.join(f'{n} {t}' for t, n in counts.items())}")
    revision = make_empty(out / "empty.db")
    subprocess.run([*tracker_command(), "--db", str(out / "tracker.db"), "export", "csv", "--what", "log",
                    "-o", str(out / "log.csv")], check=True, env=env, stdout=subprocess.DEVNULL)
    say("  log.csv: exported by `tracker export csv --what log`")
    faculty_rows = max(100, round(30_000 * scale))
    write_faculty(out / "faculty.csv", faculty_rows, seed, shape)
    say(f"  faculty.csv: {faculty_rows} rows")
    reminders = count_reminders(out / "tracker.db", env)
    say(f"  live reminders (`tracker remind --json`): {reminders:,}")
    tasks = max(100, round(10_000 * scale))
    taskrc, printed, lines = None, None, None
    if shutil.which("task"):
        taskrc = write_taskwarrior(out / "taskwarrior", tasks, seed, shape, env)
        printed, lines, counted = count_task_rows(taskrc, env)
        say(f"  taskwarrior/: {tasks:,} pending tasks; `task {' '.join(TASK_FILTER)} list` prints {printed:,} "
            f"of them ({lines:,} lines), `count` says {counted:,}")
        if printed != counted:
            say("  warning: Taskwarrior does not print every task with this taskrc")
    else:
        say("  taskwarrior/: skipped (Taskwarrior is not installed: apt-get install taskwarrior)")
    manifest = {
        "shape": shape, "scale": scale, "seed": seed, "today": TODAY.isoformat(),
        "fingerprint": fingerprint(scale, shape, seed), "schema": revision, "counts": counts,
        "reminders": reminders, "faculty_rows": faculty_rows, "taskrc": taskrc,
        "tasks": tasks if taskrc else 0, "task_list_tasks": printed, "task_list_lines": lines,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    say(f"done in {manifest['seconds']} s")
    return manifest


def ensure(scale: float, shape: str, env: Mapping[str, str], seed: int = 2026) -> tuple[Path, dict]:
    """The data folder of (scale, shape) and its manifest, (re)generated when missing or stale.

    Stale: made by another version of the generator, before Taskwarrior was installed, or at
    a schema revision other than the one tracker migrates to now (checked on a fresh empty.db,
    which every run remakes, so the import rows always start from the current schema).
    """
    out = data_dir(scale, shape)
    path = out / "manifest.json"
    manifest = json.loads(path.read_text()) if path.exists() else {}
    why = None
    if manifest.get("fingerprint") != fingerprint(scale, shape, seed):
        why = "missing or made by another version of the generator" if manifest else "missing"
    elif shutil.which("task") and not manifest.get("taskrc"):
        why = "made before Taskwarrior was installed"
    elif make_empty(out / "empty.db") != schema_version(out / "tracker.db"):
        why = "at an older schema revision"
    if why:
        print(f"data for {shape} at scale {scale:g}: {why}; generating", flush=True)
        manifest = generate(out, scale=scale, shape=shape, seed=seed, env=env)
    else:  # the same data, but tracker's rules may have changed since: count what `remind` lists now
        manifest["reminders"] = count_reminders(out / "tracker.db", env)
    return out, manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--open-threads", dest="shape", action="store_const", const="open-threads",
                       help="most threads unanswered and open, ~12,000 reminders at full size (the default)")
    shape.add_argument("--tidy", dest="shape", action="store_const", const="tidy",
                       help="cold threads marked no-response, a few hundred reminders")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = full size (30k people, 100k interactions)")
    parser.add_argument("--out", type=Path, default=None, help="folder (default: benchmarks/data/SHAPE-SCALE)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    chosen = args.shape or SHAPES[0]
    env = userenv.prepare()
    generate(args.out or data_dir(args.scale, chosen), scale=args.scale, shape=chosen, seed=args.seed,
             env=userenv.tracker_env(TODAY, env))


if __name__ == "__main__":
    main()
