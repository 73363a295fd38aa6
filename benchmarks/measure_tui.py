"""The TUI rows, measured from outside as a person sees them (tui_timing.py: tmux, capture-pane).

Each run launches the hello-world Textual app (benchmarks/hello_app.py, same interpreter,
same environment) and then the real `tracker` console script on the data set, and times:

- launch to first frame (tracker's header and footer painted) and to the agenda's rows
  (its title line "N reminders within 30 days", updated in the same frame as its rows),
  each beside the hello-world app's launch to its text;
- each screen switch, keys 2 3 4 5 6 then 1, from the key to that screen's rows (first
  visits, and 1 back to the agenda), then the same round again (revisits);
- on People (4): `/`, one letter, to the new count in the status line (the table shows the
  rows and the count of one fetch together), for each of FILTER_KEYS (each cleared with
  escape, back to the full count);
- resident memory (VmRSS of the app and its children), in each run the largest seen after
  the agenda, the switches and the filters;
- in a launch of its own, key 2 to the Board's rows pressed MOMENT seconds after the agenda's
  rows, as a user who reads the agenda first: the app warms up (loads the ORM) in such a moment,
  and a key pressed during it must not wait for all of it.

Every figure in the table is a median over the runs (the keystroke's over every keystroke).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tui_timing as tmux
from report import Row, judged, limited, skipped

HERE = Path(__file__).resolve().parent
FILTER_KEYS = ("q", "z", "h", "k", "v", "j", "w", "김")
"""Typed one at a time into the People filter; the Hangul syllable finds the Korean names. Each must
change the count: "x" finds everyone (every e-mail address of the data ends in example.edu), "h"
most (23,000 of 30,000: the hard shape, a window count and sort of most rows)."""


def first_frame(text: str) -> bool:
    """tracker's first frame: the header (it names the screen: "Agenda — tracker") and the footer are painted."""
    return ("— tracker" in text or "research-internship outreach" in text) and "Quit" in text  # (older header too)


def _has(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


SCREENS: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    ("2", "Board", lambda t: "Board —" in t and re.search(r"▁ (\+[\d,]+ more|\d+) ▁", t) is not None),
    ("3", "Opportunities", _has(r"of [\d,]+ opportunit")),
    ("4", "People", _has(r"of [\d,]+ (people|person)")),
    ("5", "Letters", _has(r"letters? owed by|[Nn]o letters")),
    ("6", "Offers", _has(r"offers? to answer|[Nn]o offers")),
    ("1", "Agenda", _has(r"reminders? within \d+ days|[Nn]othing due")),
)
"""(key, screen, its rows are shown): each test is true only on its own screen, once loaded."""
AGENDA_ROWS = SCREENS[-1][2]
MOMENT = 1.0
"""Seconds a user reads the agenda before the first key, in the run that times the Board then."""
_PEOPLE = re.compile(r"of ([\d,]+) (?:people|person)")
_FILTERING = "Clear & leave"


def _people(text: str) -> str | None:
    match = _PEOPLE.search(text)
    return match.group(1) if match else ("none" if "No match" in text else None)


@dataclass
class TuiResults:
    """Samples in seconds (memory in MB); the medians go in the table."""

    hello: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    rows: list[float] = field(default_factory=list)
    switch: dict[str, list[float]] = field(default_factory=dict)
    revisit: dict[str, list[float]] = field(default_factory=dict)
    keystroke: list[float] = field(default_factory=list)
    moment: list[float] = field(default_factory=list)
    """Key 2 to the Board's rows, pressed MOMENT seconds after the agenda's rows (its own launch)."""
    rss: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def median(samples: Sequence[float]) -> float | None:
        return statistics.median(samples) if samples else None


def measure(tracker: Sequence[str], db: Path, env: dict[str, str], runs: int) -> TuiResults:
    """Alternate hello and tracker launches `runs` times each, so both see the same machine load."""
    results = TuiResults()
    hello = [sys.executable, str(HERE / "hello_app.py")]
    env = {key: value for key, value in env.items() if key not in ("COLUMNS", "LINES")}  # the pane's size rules
    tmux.configure(env)
    try:
        for _ in range(runs):
            try:
                results.hello.append(tmux.launch_time(hello, env, lambda text: "Hello, world" in text))
                tmux.stop()
                _tracker_run(list(tracker), db, env, results)
                tmux.stop()
                _board_after_a_moment(list(tracker), db, env, results)
            except (TimeoutError, RuntimeError) as error:  # say so in the table, keep the other samples
                results.errors.append(_first_line(error))
            tmux.stop()
    finally:
        tmux.stop(last=True)
    return results


def _tracker_run(tracker: list[str], db: Path, env: dict[str, str], results: TuiResults) -> None:
    started = tmux.start([*tracker, "--db", str(db)], env)
    painted, _ = tmux.wait_for(first_frame, 120, label="tracker's first frame")
    shown, _ = tmux.wait_for(AGENDA_ROWS, 300, label="the agenda's rows")
    results.first.append(painted - started)
    results.rows.append(shown - started)
    pid = tmux.pane_pid()
    rss = [tmux.rss_mb(pid)]
    try:
        for samples in (results.switch, results.revisit):
            for key, name, loaded in SCREENS:
                sent = tmux.send(key)
                seen, _ = tmux.wait_for(loaded, 120, label=f"the {name} screen's rows after key {key}")
                samples.setdefault(name, []).append(seen - sent)
            rss.append(tmux.rss_mb(pid))
        _filter_people(results)
        rss.append(tmux.rss_mb(pid))
    finally:
        results.rss.append(max(rss))


def _board_after_a_moment(tracker: list[str], db: Path, env: dict[str, str], results: TuiResults) -> None:
    """A launch of its own: the agenda's rows, MOMENT seconds to read them (the app warms up then,
    as it does for a user), then key 2 to the Board's rows."""
    tmux.start([*tracker, "--db", str(db)], env)
    tmux.wait_for(AGENDA_ROWS, 300, label="the agenda's rows")
    time.sleep(MOMENT)
    key, name, loaded = SCREENS[0]
    sent = tmux.send(key)
    seen, _ = tmux.wait_for(loaded, 120, label=f"the {name} screen's rows after key {key}, a moment after the agenda")
    results.moment.append(seen - sent)


def _filter_people(results: TuiResults) -> None:
    """Each of FILTER_KEYS typed into the People filter: the time to the new count (and rows, same frame)."""
    tmux.send("4")
    _, text = tmux.wait_for(lambda t: _people(t) not in (None, "none"), 60, label="the People screen")
    total = _people(text)
    for key in FILTER_KEYS:
        tmux.send("/")
        tmux.wait_for(lambda t: _FILTERING in t, 30, label="the People filter")
        sent = tmux.send(key)
        try:
            seen, _ = tmux.wait_for(lambda t: _people(t) not in (None, total), 20,
                                    label=f"a new count after typing {key!r} in the People filter")
            results.keystroke.append(seen - sent)
        except TimeoutError as error:  # e.g. a key that every person matches: note it, go on
            results.errors.append(_first_line(error))
        tmux.send("Escape")
        tmux.wait_for(lambda t: _people(t) == total and _FILTERING not in t, 60, label="the cleared filter")


def _first_line(error: Exception) -> str:
    return str(error).split("; the screen shows")[0].splitlines()[0]


TARGETS = {
    "first": ("TUI, launch to first frame", 1.3, "≤ 1.3x hello"),
    "rows": ("TUI, launch to agenda rows", 2.0, "≤ 2x hello"),
    "keystroke": ("TUI, filter keystroke on People to rows and count", 0.050, "< 50 ms"),
    "switch": ("TUI, key {key} to {name} rows", 0.150, "< 150 ms"),
    "moment": ("TUI, key 2 to Board rows, a moment after the agenda", 0.150, "< 150 ms"),
    "memory": ("TUI resident memory", 150.0, "< 150 MB"),
}


def rows(tracker: Sequence[str], db: Path, env: dict[str, str], runs: int) -> list[Row]:
    switches = [TARGETS["switch"][0].format(key=key, name=name) for key, name, _ in SCREENS]
    if not tmux.available():
        why = "tmux missing: apt-get install tmux"
        return [skipped(TARGETS[k][0], TARGETS[k][-1], why) for k in ("first", "rows", "keystroke")] + \
            [skipped(what, TARGETS["switch"][2], why) for what in switches] + \
            [skipped(TARGETS["moment"][0], TARGETS["moment"][2], why)] + \
            [skipped(TARGETS["memory"][0], TARGETS["memory"][2], why)]
    got = measure(tracker, db, env, runs)
    m = got.median
    hello, trouble = m(got.hello), "; ".join(sorted(set(got.errors)))
    out = [
        judged(TARGETS["first"][0], m(got.first), hello, "hello-world Textual", *TARGETS["first"][1:]),
        judged(TARGETS["rows"][0], m(got.rows), hello, "hello-world Textual", *TARGETS["rows"][1:]),
        limited(TARGETS["keystroke"][0], m(got.keystroke), *TARGETS["keystroke"][1:],
                note=f"median of {len(got.keystroke)} keystrokes ({' '.join(FILTER_KEYS)}); the screen is "
                     f"looked at every {tmux.POLL * 1000:g} ms"),
    ]
    for what, (_key, name, _test) in zip(switches, SCREENS):
        again = m(got.revisit.get(name, []))
        note = ("back from Offers (the agenda was shown at launch); " if name == "Agenda" else "first visit; ") + \
            (f"revisit {again * 1000:,.0f} ms" if again is not None else "no revisit measured")
        out.append(limited(what, m(got.switch.get(name, [])), *TARGETS["switch"][1:], note=note))
    out.append(limited(TARGETS["moment"][0], m(got.moment), *TARGETS["moment"][1:],
                       note=f"its own launch: key 2 {MOMENT:g} s after the agenda's rows, while the app warms up"))
    out.append(limited(TARGETS["memory"][0], m(got.rss), *TARGETS["memory"][1:], unit="MB",
                       note="VmRSS; in each run the largest seen after the agenda, every screen and the filters"))
    if trouble:
        out[0].note = (out[0].note + "; " if out[0].note else "") + f"trouble: {trouble}"
    return out
