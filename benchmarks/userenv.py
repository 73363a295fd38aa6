"""The environment the benchmarks run tracker in: the one users run it in.

An installed tracker has its modules compiled to bytecode once (pip and `uv tool install`
compile at install time, and Python caches `.pyc` files next to the sources). Some machines,
this one among them, set PYTHONDONTWRITEBYTECODE=1, and uv does not compile at install time
unless asked, so without care every run compiles every imported module from source and an
import costs about twice what a user pays. `prepare()` undoes that, for the project only:
`uv sync --compile-bytecode` (site-packages) and compileall on the editable `tracker`
package, and returns an environment without PYTHONDONTWRITEBYTECODE for every timed command
(tracker, the reference scripts, the hello-world Textual app, tmux's server).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REMOVED = ("PYTHONDONTWRITEBYTECODE",)
"""Variables taken out of the timed commands' environment."""
CHECKED = ("textual.app", "rich.console", "sqlalchemy.orm", "sqlmodel", "typer", "tracker.entry.remind")
"""Modules whose cached bytecode `prepare` checks for, as a sign that the compile worked."""


def clean_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    return {key: value for key, value in (base or os.environ).items() if key not in REMOVED}


def prepare(*, say: Callable[[str], None] = print) -> dict[str, str]:
    """Compile the project's bytecode as an install would; returns the timed commands' environment."""
    env = clean_env()
    if shutil.which("uv"):
        done = subprocess.run(["uv", "sync", "--compile-bytecode"], cwd=ROOT, capture_output=True, text=True,
                              env={**env, "UV_COMPILE_BYTECODE": "1"})
        if done.returncode != 0:
            raise SystemExit(f"`uv sync --compile-bytecode` failed:\n{done.stderr}")
        lines = [line for line in done.stderr.splitlines() if "compiled" in line.lower()]
        how = f"`uv sync --compile-bytecode` ({lines[-1].strip() if lines else 'done'})"
    else:
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j0", *_site_packages()], env=env, check=False)
        how = "uv not found: compileall over site-packages"
    package = importlib.util.find_spec("tracker")
    if package and package.submodule_search_locations:  # an editable install: the sources are the package
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j0", *package.submodule_search_locations],
                       env=env, check=False, stdout=subprocess.DEVNULL)
    missing = [name for name in CHECKED if not _has_bytecode(name)]
    say(f"environment: {how}, tracker's own package compiled; timed commands run without "
        f"{', '.join(REMOVED)}" + (f" (no bytecode found for {', '.join(missing)}!)" if missing else ""))
    return env


def tracker_env(today: date, base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """`base` (default: the cleaned environment) with tracker's clock pinned to `today`.

    TRACKER_DB points at a scratch file, so a command run without --db cannot touch the
    user's own database. COLUMNS=120 gives the CLI the same width as Taskwarrior's taskrc.
    """
    env = clean_env(base)
    scratch = Path(tempfile.gettempdir()) / "tracker-bench-unused.db"
    env.update({"TRACKER_TODAY": today.isoformat(), "TRACKER_DB": str(scratch), "COLUMNS": "120", **extra})
    return env


def _site_packages() -> list[str]:
    import sysconfig

    return sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})


def _has_bytecode(name: str) -> bool:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return True  # not installed: nothing to check
    return spec is None or not spec.cached or Path(spec.cached).exists()
