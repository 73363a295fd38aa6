"""Timing a TUI from outside, as a person sees it: run it in tmux, poll `capture-pane`.

Every measurement starts a fresh tmux session, 120x40 like the design guide's try-out, on
a private tmux server (its own socket, so neither the user's tmux nor another benchmark
running at the same time is touched), and polls the screen every POLL seconds until the
expected text shows. The clock starts just before tmux is asked to start the program, for
the app and for its reference alike. The tmux server, and so the program, gets the
environment given to `configure` (userenv: no PYTHONDONTWRITEBYTECODE).

The looks at the screen and the keys go through one tmux client in control mode (`tmux -C`),
a command per line on its standard input: starting a tmux client per look costs about 5 ms
of CPU, which on a 2-core machine the app being timed would pay for (and a key sent that way
would reach the app some milliseconds after its clock started). Where control mode does not
work, each command runs its own client, as before.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import userenv

SOCKET = f"tracker-bench-{os.getpid()}"
"""A private tmux server per benchmark process."""
SESSION = "bench"
SIZE = (120, 40)
POLL = 0.002
"""Seconds between two looks at the screen."""
_env: dict[str, str] = userenv.clean_env()
_control: subprocess.Popen[str] | None = None
_control_failed = False


def available() -> bool:
    return shutil.which("tmux") is not None


def configure(env: Mapping[str, str]) -> None:
    """The environment of the tmux server (and of what it runs) from now on."""
    global _env
    _env = dict(env)


def tmux(*args: str, check: bool = True) -> str:
    """Run one tmux command in a client of its own; its standard output."""
    result = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, env=_env)
    if check and result.returncode != 0:
        raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip() or f'status {result.returncode}'}")
    return result.stdout


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def _ask(*args: str) -> str | None:
    """Run a command through the control-mode client; None when there is none (use `tmux`)."""
    global _control, _control_failed
    if _control is None and not _control_failed:
        _control = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-C", "attach-session", "-t", SESSION, "-f", "no-output"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            encoding="utf-8", errors="replace", env=_env,
        )
        # as big as the pane, so it never resizes it; then skip replies until the marker's
        # (attach-session's own comes first), so that each reply read is the command's just sent
        marker = f"sync-{time.monotonic_ns()}"
        _write("refresh-client", "-C", f"{SIZE[0]}x{SIZE[1]}")
        _write("display-message", "-p", marker)
        while (reply := _reply()) is not None and reply[1].strip() != marker:
            pass
        if reply is None or not reply[0]:
            _close()
            _control_failed = True
    if _control is None:
        return None
    _write(*args)
    reply = _reply()
    if reply is None:
        _close()  # the client exited (no session, or a tmux without control mode)
        return None
    return reply[1] if reply[0] else None


def _write(*args: str) -> None:
    if _control is not None and _control.stdin is not None:
        try:
            _control.stdin.write(" ".join(_quote(arg) for arg in args) + "\n")
            _control.stdin.flush()
        except OSError:
            pass


def _reply() -> tuple[bool, str] | None:
    """The next reply block of the control client: (succeeded, its text); None if it exited."""
    if _control is None or _control.stdout is None:
        return None
    out: list[str] = []
    inside = False
    while line := _control.stdout.readline():
        if line.startswith("%begin"):
            inside = True
        elif inside and line.startswith(("%end", "%error")):
            return line.startswith("%end"), "".join(out)
        elif inside:
            out.append(line)
    return None


def _close() -> None:
    global _control
    if _control is not None:
        try:
            if _control.stdin:
                _control.stdin.close()
            _control.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            _control.kill()
        _control = None


def screen() -> str:
    """The visible text of the pane."""
    text = _ask("capture-pane", "-p", "-t", SESSION)
    return text if text is not None else tmux("capture-pane", "-p", "-t", SESSION, check=False)


def send(*keys: str) -> float:
    """Send keys to the app; returns the time just before they were sent."""
    sent = time.perf_counter()
    if _ask("send-keys", "-t", SESSION, *keys) is None:
        sent = time.perf_counter()
        tmux("send-keys", "-t", SESSION, *keys)
    return sent


def stop(*, last: bool = False) -> None:
    """End the session and its server; `last`: also remove the server's socket file."""
    global _control_failed
    _close()
    _control_failed = False
    tmux("kill-server", check=False)
    if last:
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / SOCKET).unlink(missing_ok=True)


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
    """Start `command` in a fresh tmux session of SIZE; returns the start time (perf_counter)."""
    stop()
    unset = " ".join(f"-u {name}" for name in userenv.REMOVED)
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items() if _env.get(key) != value)
    line = f"cd {shlex.quote(str(cwd or Path.cwd()))} && exec env {unset} {exports} {shlex.join(command)}"
    attempts = 5
    while True:
        started = time.perf_counter()
        try:
            tmux("new-session", "-d", "-s", SESSION, "-x", str(SIZE[0]), "-y", str(SIZE[1]), line)
            return started
        except RuntimeError:  # the previous server may still be exiting
            attempts -= 1
            if not attempts:
                raise
            stop()
            time.sleep(0.2)


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
