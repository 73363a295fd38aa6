"""Time the real commands against their references, in one run: `uv run python benchmarks/run.py`.

    uv run python benchmarks/run.py            # full size, the open-threads shape (issue 11's targets)
    uv run python benchmarks/run.py --tidy     # the tidy shape (cold threads closed, a few hundred reminders)
    uv run python benchmarks/run.py --quick    # a tenth of the data, fewer runs: a smoke test
    uv run python benchmarks/run.py --only cli --json figures.json
    uv run python benchmarks/run.py --only mail   # mail sync (local Dovecot) and mail import, 10,000 messages

First prepares the environment as users have it (userenv.py: `uv sync --compile-bytecode`,
the tracker package compiled, PYTHONDONTWRITEBYTECODE removed from every timed command),
generates the data if it is missing or stale (generate.py), then measures every row of the
table in docs/performance.md: each figure beside its reference, measured in the same run,
the ratio, the target and PASS/MISS, and prints a markdown table ready to paste. Times are
medians (hyperfine when installed, else a plain loop). Installs nothing: a row whose tool is
missing (Taskwarrior, tmux, sqlite3) or whose command does not exist is skipped, and says why.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cli_bench  # noqa: E402
import generate  # noqa: E402
import mail_bench  # noqa: E402
import measure_tui  # noqa: E402
import report  # noqa: E402
import timing  # noqa: E402
import userenv  # noqa: E402


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time tracker's commands against their references.")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--open-threads", dest="shape", action="store_const", const="open-threads",
                       help="most threads unanswered and open, ~12,000 reminders at full size (the default)")
    shape.add_argument("--tidy", dest="shape", action="store_const", const="tidy",
                       help="cold threads marked no-response, a few hundred reminders")
    parser.add_argument("--quick", action="store_true", help="scale 0.1 and fewer runs")
    parser.add_argument("--scale", type=float, default=None, help="data size (default 1, or 0.1 with --quick)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per CLI command (default 10, quick 3)")
    parser.add_argument("--tui-runs", type=int, default=None, help="TUI launches (default 5, quick 2)")
    parser.add_argument("--tracker", default=None, help="the tracker command (default: the installed console script)")
    parser.add_argument("--only", choices=("cli", "tui", "mail"), default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    return parser.parse_args()


def main() -> None:
    args = parse()
    shape = args.shape or generate.SHAPES[0]
    scale = args.scale if args.scale is not None else (0.1 if args.quick else 1.0)
    runs = args.runs or (3 if args.quick else 10)
    tui_runs = args.tui_runs or (2 if args.quick else 5)
    for tool in ("hyperfine", "task", "tmux", "sqlite3"):
        if not timing.have(tool):
            print(f"note: {timing.MISSING_HINT[tool]} is not installed; its rows are skipped or slower", flush=True)
    env = userenv.tracker_env(generate.TODAY, userenv.prepare())
    tracker = args.tracker or shlex.join(generate.tracker_command())
    data, manifest = generate.ensure(scale, shape, env)
    info = report.machine()
    load_before = report.load()
    printed = f"{manifest.get('task_list_tasks') or 0:,} tasks" if manifest.get("taskrc") else "nothing"
    print(f"data: {shape} at scale {scale:g}: {manifest['counts']['person']:,} people, "
          f"{manifest['counts']['opportunity']:,} opportunities, {manifest['counts']['interaction']:,} messages; "
          f"`tracker remind --json` lists {manifest['reminders']:,} live reminders; "
          f"`task {' '.join(generate.TASK_FILTER)} list` prints {printed}", flush=True)
    print(f"measuring: {runs} runs per CLI command, {tui_runs} TUI launches; load average {load_before} "
          f"on {info['cores']} cores ...", flush=True)
    rows: list[report.Row] = []
    if args.only in (None, "cli"):
        rows += cli_bench.rows(tracker, data, manifest, env, runs)
        print(report.markdown(rows), flush=True)  # kept if the TUI rows fail
    if args.only in (None, "tui"):
        rows += measure_tui.rows(shlex.split(tracker), data / "tracker.db", env, tui_runs)
    if args.only in (None, "mail"):  # optional: the sync row is skipped, saying why, where Dovecot is missing
        rows += mail_bench.rows(tracker, data, env, runs, count=max(1000, int(10_000 * scale)))
    load_after = report.load()
    counts = [f"{runs} runs per CLI command"] if args.only != "tui" else []
    counts += [f"{tui_runs} TUI launches"] if args.only in (None, "tui") else []
    extra = (f"{manifest['reminders']:,} live reminders; {', '.join(counts)}; "
             f"load average {load_before} before, {load_after} after")
    heading = report.heading(info, shape, scale, extra)
    table = report.markdown(rows)
    print(f"\n{heading}\n\n{table}\n")
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "shape": shape, "scale": scale, "runs": runs, "tui_runs": tui_runs,
            "reminders": manifest["reminders"], "manifest": {k: v for k, v in manifest.items() if k != "taskrc"},
            "load": {"before": load_before, "after": load_after},
            "rows": [asdict(r) for r in rows], "heading": heading, "table": table,
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
