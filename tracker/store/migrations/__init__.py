"""Alembic migrations. `REVISIONS` lists every revision, oldest first (a test checks it).

The store compares the database's `alembic_version` with `HEAD` on every open and
imports Alembic only when they differ, so opening an up-to-date database stays fast.
"""

from pathlib import Path

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "mail01", "pg01", "perf01", "rem04", "board06", "keep01", "names08")
HEAD = REVISIONS[-1]
FOLDER = Path(__file__).resolve().parent
"""Alembic's script location: this folder."""
