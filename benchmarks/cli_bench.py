"""The CLI rows: each tracker command timed beside its reference, in one hyperfine call.

- `tracker remind` (prints every reminder) vs `task due.before:today+7d list` (prints every
  task), and `tracker remind --json` vs `task ... export`, both at 120 columns without colour:
  as run again and again (the list kept by the run before, docs/reminders.md), and the run after
  a write (a row of the file changed before each run: the list worked out and kept again);
- `tracker export csv --what log` vs csv.writer over a sqlite3 cursor (refs/export_log.py),
  with the sqlite3 shell's CSV mode as a floor;
- `tracker import csv --what log` and `tracker import faculty`, each into a fresh copy of a
  migrated empty database, vs the csv module and executemany into a bare table
  (refs/import_bare.py) in a fresh file.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import generate
import timing
from report import Row, judged, ms, skipped

HERE = Path(__file__).resolve().parent
REFS = HERE / "refs"
TARGETS = {
    "remind": (1.0, "≤ 1x `task list`"),
    "json": (1.0, "≤ 1x `task export`"),
    "export": (1.3, "≤ 1.3x script"),
    "import": (3.0, "≤ 3x script"),
    "faculty": (4.0, "≤ 4x script"),
}
"""Each row's limit (a ratio to its reference) and how the table says it (issue 11)."""


def _python(script: str, *args: str) -> str:
    return shlex.join([sys.executable, str(REFS / script), *args])


def rows(tracker: str, data: Path, manifest: dict, env: dict[str, str], runs: int) -> list[Row]:
    db = str(data / "tracker.db")
    base = f"{tracker} --db {shlex.quote(db)}"
    return [
        *_remind(base, db, manifest, env, runs),
        _export(base, data, manifest, env, runs),
        *_imports(tracker, data, manifest, env, max(3, runs // 2)),
    ]


def _remind(base: str, db: str, manifest: dict, env: dict[str, str], runs: int) -> list[Row]:
    label = f"`tracker remind` ({manifest['reminders']:,} reminders)"
    json_label = "`tracker remind --json`"
    if not (manifest.get("taskrc") and timing.have("task")):
        why = "Taskwarrior missing: apt-get install taskwarrior (the data is regenerated then)"
        return [skipped(label, TARGETS["remind"][1], why), skipped(json_label, TARGETS["json"][1], why)]
    task = shlex.join(generate.task_command(manifest["taskrc"], *generate.TASK_FILTER))
    got = timing.time_commands({
        "remind": f"{base} remind",
        "task": f"{task} list",
        "json": f"{base} remind --json",
        "export": f"{task} export",
    }, runs=runs, warmup=2, env=env)
    write = shlex.join([sys.executable, str(HERE / "touch_row.py"), db])
    cold = timing.time_commands({
        "remind": f"{base} remind",
        "task": f"{task} list",
        "json": f"{base} remind --json",
        "export": f"{task} export",
    }, runs=max(3, runs // 2), warmup=1, prepare=write, env=env)
    tasks = f"{manifest.get('task_list_tasks') or 0:,} tasks printed"
    filt = " ".join(generate.TASK_FILTER)
    after = ", the run after a write"
    return [
        judged(label, got["remind"], got["task"], f"`task {filt} list` ({tasks})", *TARGETS["remind"]),
        judged(json_label, got["json"], got["export"], f"`task {filt} export`", *TARGETS["json"]),
        judged(label + after, cold["remind"], cold["task"], f"`task {filt} list`", *TARGETS["remind"]),
        judged(json_label + after, cold["json"], cold["export"], f"`task {filt} export`", *TARGETS["json"]),
    ]


def _export(base: str, data: Path, manifest: dict, env: dict[str, str], runs: int) -> Row:
    db, out = str(data / "tracker.db"), str(data / "out.csv")
    commands = {
        "tracker": f"{base} export csv --what log -o {shlex.quote(out)}",
        "python": _python("export_log.py", db, out),
    }
    if timing.have("sqlite3"):
        select = (REFS / "export_log.py").read_text().split('QUERY = """')[1].split('"""')[0]
        commands["sqlite3"] = shlex.join(["sqlite3", "-csv", "-header", db, " ".join(select.split())]) + \
            f" > {shlex.quote(out)}"
    got = timing.time_commands(commands, runs=runs, warmup=1, env=env)
    floor = f"sqlite3 shell's CSV mode {ms(got['sqlite3'])}" if "sqlite3" in got else "sqlite3 shell missing"
    return judged(f"`export csv --what log`, {manifest['counts']['interaction']:,} rows", got["tracker"],
                  got["python"], "csv.writer over sqlite3", *TARGETS["export"], note=f"floor: {floor}")


def _imports(tracker: str, data: Path, manifest: dict, env: dict[str, str], runs: int) -> list[Row]:
    work, bare = data / "work.db", data / "bare.db"
    q = shlex.quote
    fresh = " && ".join([f"rm -f {q(str(work))} {q(str(work))}-wal {q(str(work))}-shm {q(str(bare))}",
                         f"cp {q(str(data / 'empty.db'))} {q(str(work))}"])
    rows = []
    for key, what, args, csv_file, count in (
        ("import", "`import csv --what log`", "import csv {csv} --what log", "log.csv",
         manifest["counts"]["interaction"]),
        ("faculty", "`import faculty`", "import faculty {csv}", "faculty.csv", manifest["faculty_rows"]),
    ):
        label = f"{what}, {count:,} rows"
        command = args.split()[:2]
        probe = subprocess.run(f"{tracker} {' '.join(command)} --help", shell=True, capture_output=True, env=env)
        if probe.returncode != 0:
            rows.append(skipped(label, TARGETS[key][1], f"`tracker {' '.join(command)}` does not exist"))
            continue
        source = str(data / csv_file)
        got = timing.time_commands({
            "tracker": f"{tracker} --db {q(str(work))} " + args.format(csv=q(source)),
            "python": _python("import_bare.py", str(bare), source),
        }, runs=runs, warmup=0, prepare=fresh, env=env)
        rows.append(judged(label, got["tracker"], got["python"], "csv + executemany, bare table", *TARGETS[key]))
    return rows
