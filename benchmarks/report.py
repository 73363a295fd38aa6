"""The figures as a table: rows judged against their targets, a markdown table, the machine.

A row's target is either a ratio to a reference measured in the same run (`judged`) or an
absolute limit (`limited`); a row whose tool or command is missing is a SKIP that says why.
"""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

import timing


@dataclass
class Row:
    what: str
    figure: str
    reference: str
    ratio: float | None
    target: str
    verdict: str  # PASS, MISS, SKIP
    note: str = ""
    value: float | None = None
    """The figure in seconds (MB for memory), for --json."""


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.0f} ms"


def judged(what: str, value: float | None, ref: float | None, ref_label: str, limit: float, target: str,
           *, note: str = "") -> Row:
    """A row whose target is value <= limit * ref (the reference measured in the same run)."""
    if value is None or ref is None:
        return Row(what, ms(value), ref_label, None, target, "SKIP", note or "not measured", value)
    ratio = value / ref
    return Row(what, ms(value), f"{ref_label}: {ms(ref)}", ratio, target, "PASS" if ratio <= limit else "MISS",
               note, value)


def limited(what: str, value: float | None, limit: float, target: str, *, unit: str = "ms", note: str = "") -> Row:
    """A row whose target is value < limit (seconds, or MB when unit is "MB")."""
    if value is None:
        return Row(what, "-", "", None, target, "SKIP", note or "not measured")
    figure = ms(value) if unit == "ms" else f"{value:,.0f} {unit}"
    return Row(what, figure, "", None, target, "PASS" if value < limit else "MISS", note, value)


def skipped(what: str, target: str, why: str, reference: str = "") -> Row:
    return Row(what, "-", reference, None, target, "SKIP", why)


def markdown(rows: list[Row]) -> str:
    header = ("what", "tracker", "reference (same run)", "ratio", "target", "result")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        result = r.verdict + (f" ({r.note})" if r.note and r.verdict == "SKIP" else "")
        lines.append(f"| {r.what} | {r.figure} | {r.reference} | {ratio} | {r.target} | {result} |")
    notes = [f"- {r.what}: {r.note}" for r in rows if r.note and r.verdict != "SKIP"]
    return "\n".join(lines + ([""] + notes if notes else []))


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> dict[str, str]:
    """What the figures were measured on (no host name, no paths)."""
    info = {
        "date": datetime.now().astimezone().isoformat(timespec="minutes"),
        "cpu": _cpu_model(),
        "cores": str(_cores()),
        "memory": _memory(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    for name in ("textual", "rich", "sqlalchemy"):
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    for tool, command in (("taskwarrior", ("task", "--version")), ("hyperfine", ("hyperfine", "--version")),
                          ("tmux", ("tmux", "-V"))):
        version = timing.tool_version(*command)
        info[tool] = version.split()[-1] if version else "missing"
    return info


def heading(info: dict[str, str], shape: str, scale: float, extra: str) -> str:
    """One paragraph saying when, where and on what the table was measured."""
    size = "full size" if scale == 1 else f"scale {scale:g}"
    versions = ", ".join(f"{k} {v}" for k, v in info.items() if k not in ("date", "cpu", "cores", "memory", "os"))
    return (f"Measured {info['date']} on {info['cpu']} ({info['cores']} cores, {info['memory']}, {info['os']}); "
            f"{versions}. Data: the {shape} shape at {size}, {extra}.")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return "? RAM"
