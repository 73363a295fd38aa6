"""The TUI rows: launch to first frame, launch to rows visible, a filter keystroke, memory.

Each run launches the real `tracker` console script in a fresh tmux session on the full-size
database and watches the screen (tui_timing.py); the reference is benchmarks/hello_app.py,
launched the same way, with the same interpreter.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tui_timing as tmux

HERE = Path(__file__).resolve().parent
FILTER_LETTERS = ("q", "z", "x", "k", "v", "j", "w")
"""Typed one at a time into the Opportunities filter (each then cleared with escape)."""

_COUNT = re.compile(r"of ([\d,]+) opportunit")


def first_frame(text: str) -> bool:
    """tracker's first frame: the header and the footer are painted."""
    return "research-internship outreach" in text and "Quit" in text


def rows_visible(text: str) -> bool:
    """The agenda's rows are shown (its title line is updated with them, in the same frame)."""
    return re.search(r"\d+ reminders? within 30 days", text) is not None


def _count(text: str) -> str | None:
    match = _COUNT.search(text)
    return match.group(1) if match else ("none" if "No match" in text else None)


@dataclass
class TuiResults:
    """Medians in seconds (memory in MB), and the raw samples."""

    hello: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    rows: list[float] = field(default_factory=list)
    keystroke: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @staticmethod
    def median(samples: Sequence[float]) -> float | None:
        return statistics.median(samples) if samples else None


def measure(tracker: Sequence[str], db: Path, env: dict[str, str], runs: int) -> TuiResults:
    """Alternate hello and tracker launches `runs` times each, so both see the same machine load."""
    results = TuiResults()
    hello = [sys.executable, str(HERE / "hello_app.py")]
    try:
        for _ in range(runs):
            results.hello.append(tmux.launch_time(hello, env, lambda text: "Hello, world" in text))
            tmux.stop()
            _tracker_run(list(tracker), db, env, results)
            tmux.stop()
    finally:
        tmux.stop()
    return results


def _tracker_run(tracker: list[str], db: Path, env: dict[str, str], results: TuiResults) -> None:
    started = tmux.start([*tracker, "--db", str(db)], env)
    painted, _ = tmux.wait_for(first_frame, 120)
    shown, _ = tmux.wait_for(rows_visible, 300)
    results.first.append(painted - started)
    results.rows.append(shown - started)
    pid = tmux.pane_pid()
    rss = tmux.rss_mb(pid)
    tmux.send("3")
    _, text = tmux.wait_for(lambda t: _count(t) not in (None, "none"), 120)
    total = _count(text)
    for letter in FILTER_LETTERS:
        tmux.send("/")
        tmux.wait_for(lambda t: "Clear & leave" in t, 30)
        sent = tmux.send(letter)
        seen, text = tmux.wait_for(lambda t: _count(t) not in (None, total), 60)
        results.keystroke.append(seen - sent)
        tmux.send("Escape")
        tmux.wait_for(lambda t: _count(t) == total and "Clear & leave" not in t, 60)
    results.rss.append(max(rss, tmux.rss_mb(pid)))
