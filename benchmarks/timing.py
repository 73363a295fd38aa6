"""Timing commands: hyperfine when it is installed, else a plain loop; medians, in seconds."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


MISSING_HINT = {
    "task": "Taskwarrior (apt-get install taskwarrior)",
    "tmux": "tmux (apt-get install tmux)",
    "sqlite3": "the sqlite3 shell (apt-get install sqlite3)",
    "hyperfine": "hyperfine (apt-get install hyperfine); timing with a plain loop instead",
}


def tool_version(*command: str) -> str | None:
    """The first line a `--version`-style command prints, None if the tool is missing."""
    if not have(command[0]):
        return None
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def time_commands(
    commands: Mapping[str, str],
    *,
    runs: int,
    env: Mapping[str, str],
    warmup: int = 1,
    prepare: str | None = None,
) -> dict[str, float]:
    """The median wall time of each shell command (name -> seconds), all measured in one go.

    `env` is the whole environment of the commands (userenv.tracker_env: nothing is added
    from this process's own). `prepare` runs before every timed run (not timed), e.g. to
    copy a fresh database. Output goes to /dev/null. A command that fails raises
    CalledProcessError.
    """
    environ = dict(env)
    if have("hyperfine"):
        return _hyperfine(commands, runs=runs, warmup=warmup, prepare=prepare, env=environ)
    return _loop(commands, runs=runs, warmup=warmup, prepare=prepare, env=environ)


def _hyperfine(commands: Mapping[str, str], *, runs: int, warmup: int, prepare: str | None, env: dict[str, str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "report.json")
        args = ["hyperfine", "--style", "none", "--export-json", report, "--runs", str(runs), "--warmup", str(warmup)]
        if prepare:
            args += ["--prepare", prepare]
        for name, command in commands.items():
            args += ["-n", name, command]
        subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with open(report, encoding="utf-8") as handle:
            results = json.load(handle)["results"]
    return {name: result["median"] for name, result in zip(commands, results)}


def _loop(commands: Mapping[str, str], *, runs: int, warmup: int, prepare: str | None, env: dict[str, str]) -> dict[str, float]:
    medians = {}
    for name, command in commands.items():
        times = []
        for index in range(warmup + runs):
            if prepare:
                subprocess.run(prepare, shell=True, check=True, env=env)
            started = time.perf_counter()
            subprocess.run(command, shell=True, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if index >= warmup:
                times.append(time.perf_counter() - started)
        medians[name] = statistics.median(times)
    return medians
