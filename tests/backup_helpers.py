"""What the backup and restore tests check: "nothing changed" (row counts and names), "still a sound
database", "still private". Their demo season per test is the `demo_cli` fixture of conftest."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from conftest import table_counts


def people(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(row[0] for row in conn.execute("SELECT name FROM person"))


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def state(path: Path) -> tuple[dict[str, int], list[str]]:
    """What a test compares to say "nothing changed": row counts and every person's name."""
    return table_counts(path), people(path)
