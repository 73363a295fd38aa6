"""Timing a TUI from outside, as a person sees it: run it in tmux, poll `capture-pane`.

Every measurement starts a fresh tmux session (on a private socket, so the user's own
tmux is never touched), 120x40 like the design guide's try-out, and polls the screen every
few milliseconds until the expected text shows. The clock starts just before tmux is asked
to start the program, for the app and for its reference alike. The tmux server, and so the
program, gets the environment given to `configure` (userenv: no PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import userenv

SOCKET = "tracker-bench"
SESSION = "bench"
POLL = 0.005
"""Seconds between two looks at the screen."""
_env: dict[str, str] = userenv.clean_env()


def available() -> bool:
    return shutil.which("tmux") is not None


def configure(env: Mapping[str, str]) -> None:
    """The environment of the tmux server (and of what it runs) from now on."""
    global _env
    _env = dict(env)


def tmux(*args: str, check: bool = True) -> str:
    result = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, env=_env)
    return result.stdout


def screen() -> str:
    """The visible text of the pane."""
    return tmux("capture-pane", "-p", "-t", SESSION, check=False)


def stop() -> None:
    tmux("kill-server", check=False)


def wait_for(test: Callable[[str], bool], timeout: float, *, label: str = "the expected text") -> tuple[float, str]:
    """Poll the screen until `test(text)`; (the time it became true, the text). TimeoutError if never."""
    deadline = time.perf_counter() + timeout
    while True:
        text = screen()
        now = time.perf_counter()
        if test(text):
            return now, text
        if now > deadline:
            raise TimeoutError(f"{label}: not seen within {timeout:g} s; the screen shows:\n{text}")
        time.sleep(POLL)


def start(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    """Start `command` in a fresh 120x40 tmux session; returns the start time (perf_counter)."""
    stop()
    unset = " ".join(f"-u {name}" for name in userenv.REMOVED)
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items() if _env.get(key) != value)
    line = f"cd {shlex.quote(str(cwd or Path.cwd()))} && exec env {unset} {exports} {shlex.join(command)}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", line)
    return started


def pane_pid() -> int:
    return int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the app may run a helper), in MB."""
    total = 0
    for proc in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{proc}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) if match else 0
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    kids = [int(p) for p in found]
    return kids + [grand for kid in kids for grand in _children(kid)]


def launch_time(command: list[str], env: dict[str, str], marker: Callable[[str], bool], timeout: float = 60) -> float:
    """Seconds from launch until `marker(screen)`; the session is left running."""
    started = start(command, env)
    seen, _text = wait_for(marker, timeout)
    return seen - started


def send(*keys: str) -> float:
    """Send keys to the app; returns the time just before they were sent."""
    sent = time.perf_counter()
    tmux("send-keys", "-t", SESSION, *keys)
    return sent
