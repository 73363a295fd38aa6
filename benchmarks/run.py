"""Time the real commands against their references, in one run: `uv run python benchmarks/run.py`.

    uv run python benchmarks/run.py            # full size (30k people, 10k opportunities, 100k interactions)
    uv run python benchmarks/run.py --quick    # a tenth of that, fewer runs: a smoke test

Generates the data first if it is missing (benchmarks/generate.py), then measures every row
of the table in docs/performance.md: each figure beside its reference, measured in the same
run, the ratio, the target and PASS/MISS. Times are medians (hyperfine when installed, else a
plain loop). Installs nothing: a row whose tool is missing (Taskwarrior, tmux, sqlite3) or
whose command does not exist yet is skipped, and says why. `--json FILE` saves the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import timing  # noqa: E402


@dataclass
class Row:
    what: str
    figure: str
    reference: str
    ratio: float | None
    target: str
    verdict: str  # PASS, MISS, SKIP
    note: str = ""


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def judged(what: str, value: float | None, ref: float | None, ref_label: str, limit: float, target: str,
           *, unit: str = "ms", note: str = "") -> Row:
    """A row whose target is value <= limit * ref (a ratio)."""
    if value is None or ref is None:
        return Row(what, "-", ref_label, None, target, "SKIP", note)
    ratio = value / ref
    figure = ms(value) if unit == "ms" else f"{value:.0f} {unit}"
    return Row(what, figure, f"{ref_label} {ms(ref)}", ratio, target, "PASS" if ratio <= limit else "MISS", note)


def cli_rows(tracker: str, data: Path, env: dict[str, str], runs: int) -> list[Row]:
    q = shlex.quote
    db = q(str(data / "tracker.db"))
    rows: list[Row] = []
    manifest = json.loads((data / "manifest.json").read_text())
    size = "at full size" if manifest["scale"] == 1 else f"at scale {manifest['scale']:g}"

    # 1. tracker remind vs Taskwarrior
    if manifest.get("taskrc") and timing.have("task"):
        taskrc = q(manifest["taskrc"])
        got = timing.time_commands({
            "remind": f"{tracker} --db {db} remind",
            "task": f"task rc:{taskrc} status:pending due.before:now+7d count",
        }, runs=runs * 2, warmup=3, env=env)
        rows.append(judged(f"`tracker remind` {size}", got["remind"], got["task"],
                           f"`task … count` ({manifest['tasks']:,} tasks)", 1.0, "≤ 1x Taskwarrior"))
    else:
        rows.append(Row(f"`tracker remind` {size}", "-", "Taskwarrior", None, "≤ 1x Taskwarrior", "SKIP",
                        "Taskwarrior missing: apt-get install taskwarrior, then generate again"))

    # 5. export csv --what log
    out = q(str(data / "out.csv"))
    commands = {
        "tracker": f"{tracker} --db {db} export csv --what log -o {out}",
        "python": f"{q(sys.executable)} {q(str(HERE / 'refs' / 'export_log.py'))} {db} {out}",
    }
    if timing.have("sqlite3"):
        select = (HERE / "refs" / "export_log.py").read_text().split('QUERY = """')[1].split('"""')[0]
        commands["sqlite3"] = f"sqlite3 -csv -header {db} {q(' '.join(select.split()))} > {out}"
    got = timing.time_commands(commands, runs=runs, warmup=1, env=env)
    floor = f"; sqlite3 shell {ms(got['sqlite3'])}" if "sqlite3" in got else "; sqlite3 shell missing"
    rows.append(judged(f"`export csv --what log`, {manifest['counts']['interaction']:,} rows", got["tracker"],
                       got["python"], "csv.writer script", 1.3, "≤ 1.3x script", note="floor" + floor[1:]))

    # 6. import csv --what log, 7. import faculty: each run into a fresh copy of an empty database
    work = q(str(data / "work.db"))
    fresh = f"rm -f {work} {work}-wal {work}-shm && cp {q(str(data / 'empty.db'))} {work}"
    log = q(str(data / "log.csv"))
    got = timing.time_commands({
        "tracker": f"{tracker} --db {work} import csv {log} --what log",
        "python": f"{q(sys.executable)} {q(str(HERE / 'refs' / 'import_log.py'))} {work} {log}",
    }, runs=max(3, runs // 2), warmup=0, prepare=fresh, env=env)
    rows.append(judged(f"`import csv --what log`, {manifest['counts']['interaction']:,} rows", got["tracker"],
                       got["python"], "csv + executemany script", 2.0, "≤ 2x script"))
    faculty = q(str(data / "faculty.csv"))
    probe = subprocess.run(f"{tracker} import faculty --help", shell=True, capture_output=True, env=env)
    if probe.returncode == 0:
        got = timing.time_commands({
            "tracker": f"{tracker} --db {work} import faculty {faculty}",
            "python": f"{q(sys.executable)} {q(str(HERE / 'refs' / 'import_faculty.py'))} {work} {faculty}",
        }, runs=max(3, runs // 2), warmup=0, prepare=fresh, env=env)
        rows.append(judged(f"`import faculty`, {manifest['faculty_rows']:,} rows", got["tracker"], got["python"],
                           "csv + executemany script", 3.0, "≤ 3x script"))
    else:
        rows.append(Row("`import faculty`", "-", "csv + executemany script", None, "≤ 3x script", "SKIP",
                        "`tracker import faculty` does not exist yet"))
    return rows


def tui_rows(tracker: str, data: Path, env: dict[str, str], runs: int) -> list[Row]:
    targets = [("TUI, launch to first frame", "≤ 1.5x hello"), ("TUI, launch to rows visible", "≤ 2.5x hello"),
               ("TUI, filter keystroke to rows", "< 50 ms"), ("TUI memory at full size", "< 150 MB")]
    if not timing.have("tmux"):
        return [Row(what, "-", "", None, target, "SKIP", "tmux missing: apt-get install tmux") for what, target in targets]
    import measure_tui

    got = measure_tui.measure(shlex.split(tracker), data / "tracker.db", env, runs)
    hello = got.median(got.hello)
    keystroke, rss = got.median(got.keystroke), got.median(got.rss)
    return [
        judged(targets[0][0], got.median(got.first), hello, "hello-world app", 1.5, targets[0][1]),
        judged(targets[1][0], got.median(got.rows), hello, "hello-world app", 2.5, targets[1][1]),
        Row(targets[2][0], ms(keystroke), "", None, targets[2][1],
            "PASS" if keystroke is not None and keystroke < 0.05 else "MISS",
            f"one letter in the Opportunities filter, {len(got.keystroke)} keystrokes; includes tmux polling"),
        Row(targets[3][0], f"{rss:.0f} MB" if rss else "-", "", None, targets[3][1],
            "PASS" if rss is not None and rss < 150 else "MISS", "VmRSS after the agenda and a filtered table"),
    ]


def print_table(rows: list[Row]) -> str:
    header = ("what", "figure", "reference (same run)", "ratio", "target", "result")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        result = r.verdict + (f" ({r.note})" if r.note and r.verdict == "SKIP" else "")
        lines.append(f"| {r.what} | {r.figure} | {r.reference} | {ratio} | {r.target} | {result} |")
    notes = [f"- {r.what}: {r.note}" for r in rows if r.note and r.verdict != "SKIP"]
    text = "\n".join(lines + ([""] + notes if notes else []))
    print(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description="Time tracker's commands against their references.")
    parser.add_argument("--quick", action="store_true", help="scale 0.1 and fewer runs")
    parser.add_argument("--scale", type=float, default=None, help="data size (default 1, or 0.1 with --quick)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (default 10, quick 3)")
    parser.add_argument("--tracker", default=None, help="the tracker command (default: the installed console script)")
    parser.add_argument("--only", choices=("cli", "tui"), default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    scale = args.scale if args.scale is not None else (0.1 if args.quick else 1.0)
    runs = args.runs or (3 if args.quick else 10)
    tracker = args.tracker or shlex.join(generate.tracker_command())
    for tool in ("hyperfine", "task", "tmux", "sqlite3"):
        if not timing.have(tool):
            print(f"note: {timing.MISSING_HINT[tool]} is not installed; its rows are skipped or slower", flush=True)
    data = generate.data_dir(scale)
    manifest = data / "manifest.json"
    if not manifest.exists() or json.loads(manifest.read_text()).get("scale") != scale:
        generate.generate(data, scale=scale)
    env = {"TRACKER_TODAY": generate.TODAY.isoformat(), "TRACKER_DB": str(data / "unused.db")}
    print(f"measuring at scale {scale:g} ({runs} runs; {platform.node()}, {platform.processor() or platform.machine()}, "
          f"{_cpus()} CPUs, load {_load()}) ...", flush=True)
    rows = []
    if args.only in (None, "cli"):
        rows += cli_rows(tracker, data, env, runs)
    if args.only in (None, "tui"):
        rows += tui_rows(tracker, data, env, max(3, runs // 2))
    print()
    table = print_table(rows)
    print(f"\nload average after the run: {_load()}")
    if args.json:
        args.json.write_text(json.dumps({
            "when": datetime.now().isoformat(timespec="seconds"), "scale": scale, "runs": runs,
            "machine": f"{platform.machine()}, {_cpus()} CPUs", "rows": [asdict(r) for r in rows], "table": table,
        }, indent=2) + "\n", encoding="utf-8")


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
