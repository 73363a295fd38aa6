"""Build the benchmark data: `uv run python benchmarks/generate.py [--scale 0.1] [--out DIR]`.

Writes into benchmarks/data/ (or DIR), for a given scale (1.0 = full size):

- `tracker.db`: 30k people, 10k opportunities, 100k interactions (see gen_db.py), today
  pinned to TODAY; run tracker on it with TRACKER_TODAY set to the same day;
- `empty.db`: a migrated, empty tracker database (the import benchmarks copy it);
- `log.csv`: the interaction log exported by `tracker export csv --what log`;
- `faculty.csv`: 30k professors in the CSRankings format (name,affiliation,homepage,scholarid);
- `taskwarrior/`: a `taskrc` and data directory holding 10k pending tasks with due dates,
  imported with `task import` (only when Taskwarrior is installed). Taskwarrior reads the
  real clock, so its due dates are relative to the day you generate.

Nothing outside DIR is touched: Taskwarrior runs with `rc:DIR/taskwarrior/taskrc`.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_db  # noqa: E402
import pools  # noqa: E402

TODAY = date(2026, 11, 22)
"""The pinned today of the generated database (TRACKER_TODAY when tracker runs on it)."""
DATA = HERE / "data"


def tracker_command() -> list[str]:
    """The installed `tracker` console script next to this interpreter (the real command)."""
    script = Path(sys.executable).with_name("tracker")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from tracker.cli import main; main()"]


def tracker_env(**extra: str) -> dict[str, str]:
    import os

    env = {**os.environ, "TRACKER_TODAY": TODAY.isoformat(), **extra}
    env.pop("TRACKER_DB", None)
    return env


def write_faculty(path: Path, rows: int, seed: int) -> None:
    """A CSRankings-style directory: name,affiliation,homepage,scholarid."""
    rng = random.Random(seed)
    places = [name for name, _c, _t in pools.INSTITUTIONS]
    places += [form.format(place) for place in pools.PLACES for form in pools.PLACE_FORMS]
    seen: set[str] = set()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("name", "affiliation", "homepage", "scholarid"))
        for index in range(rows):
            name = f"{rng.choice(pools.FIRST_NAMES)} {chr(65 + rng.randrange(26))}. {rng.choice(pools.LAST_NAMES)}"
            if name in seen:  # CSRankings tells namesakes apart with a number
                name = f"{name} {index:04d}"
            seen.add(name)
            slug = name.lower().replace(" ", "").replace(".", "").replace("'", "")
            scholar = "NOSCHOLARPAGE" if rng.random() < 0.3 else "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(8)
            ) + "AAAAJ"
            writer.writerow((name, rng.choice(places), f"https://faculty.example.edu/{slug}", scholar))


def write_taskwarrior(folder: Path, tasks: int, seed: int) -> str:
    """10k pending tasks with due dates, imported with `task import`; returns the taskrc path."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "tasks").mkdir(parents=True)
    taskrc = folder / "taskrc"
    taskrc.write_text(
        f"data.location={folder / 'tasks'}\nconfirmation=off\nverbose=nothing\nnews.version=9.9.9\nhooks=off\n",
        encoding="utf-8",
    )
    now = datetime.now(timezone.utc)
    lines = []
    for index in range(tasks):
        due = now + timedelta(days=rng.randint(-30, 90), hours=rng.randint(0, 23))
        name = f"{rng.choice(pools.FIRST_NAMES)} {rng.choice(pools.LAST_NAMES)}"
        lines.append(json.dumps({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "description": f"Follow up with {name} about {rng.choice(pools.TOPICS)} ({index})",
            "status": "pending",
            "entry": (now - timedelta(days=60)).strftime("%Y%m%dT%H%M%SZ"),
            "due": due.strftime("%Y%m%dT%H%M%SZ"),
            "project": "internships",
        }))
    source = folder / "tasks.json"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["task", f"rc:{taskrc}", "import", str(source)], check=True, capture_output=True)
    return str(taskrc)


def generate(out: Path, *, scale: float, seed: int = 2026, quiet: bool = False) -> dict[str, object]:
    """Write every data file into `out`; returns a summary (also saved as `out/manifest.json`)."""
    def say(text: str) -> None:
        if not quiet:
            print(text, flush=True)

    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    say(f"generating scale {scale} into {out} ...")
    counts = gen_db.build(out / "tracker.db", scale=scale, today=TODAY, seed=seed)
    say(f"  tracker.db: {', '.join(f'{n} {t}' for t, n in counts.items())}")
    empty = out / "empty.db"
    empty.unlink(missing_ok=True)
    from tracker.store import open_store

    open_store(empty).close()
    subprocess.run([*tracker_command(), "--db", str(out / "tracker.db"), "export", "csv", "--what", "log",
                    "-o", str(out / "log.csv")], check=True, env=tracker_env())
    say("  log.csv: exported by `tracker export csv --what log`")
    faculty_rows = max(100, round(30_000 * scale))
    write_faculty(out / "faculty.csv", faculty_rows, seed)
    say(f"  faculty.csv: {faculty_rows} rows")
    taskrc = None
    if shutil.which("task"):
        taskrc = write_taskwarrior(out / "taskwarrior", max(100, round(10_000 * scale)), seed)
        say("  taskwarrior/: pending tasks imported")
    else:
        say("  taskwarrior/: skipped (Taskwarrior is not installed: apt-get install taskwarrior)")
    manifest = {
        "scale": scale, "seed": seed, "today": TODAY.isoformat(), "counts": counts, "faculty_rows": faculty_rows,
        "taskrc": taskrc, "tasks": max(100, round(10_000 * scale)) if taskrc else 0,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    say(f"done in {manifest['seconds']} s")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = full size (30k people, 100k interactions)")
    parser.add_argument("--out", type=Path, default=None, help="folder (default: benchmarks/data/scale-S)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.out or data_dir(args.scale), scale=args.scale, seed=args.seed)


def data_dir(scale: float) -> Path:
    return DATA / f"scale-{scale:g}"


if __name__ == "__main__":
    main()
