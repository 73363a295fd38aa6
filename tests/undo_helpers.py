"""Shared by the undo tests: the demo database, and every row of it to compare before and after."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import demo_database
from tracker.store import Store, open_store
from tracker.store.queries.lookup import find_opportunity, find_person

KOLKATA = ZoneInfo("Asia/Kolkata")
SKIP = ("undoentry", "alembic_version", "sqlite_sequence")


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table (not the undo log, not the search index's own tables, not the count of
    writes and the list of the kept reminders)."""
    if isinstance(db, str):  # a server's database (TRACKER_TEST_PG): not the change counter or the advising links
        from conftest import db_rows

        names = [n for (n,) in db_rows(db, "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                 if not n.startswith("tracker_") and n != "alembic_version"]
        return {n: sorted(db_rows(db, f'SELECT * FROM "{n}"'), key=repr) for n in names if n not in SKIP}
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
                for n in names if n not in SKIP and not n.startswith(("fts", "kept_"))}


@pytest.fixture
def demo(db_path: Path) -> Path:
    """The demo season as of TODAY in India time (a copy of the one made once per process)."""
    return demo_database(db_path)


@pytest.fixture
def demo_store(demo: Path) -> Any:
    store = open_store(demo)
    yield store
    store.close()


def person_id(store: Store, name: str) -> int:
    with store.read() as s:
        found = find_person(s, name).id
    assert found is not None
    return found


def opportunity_id(store: Store, title: str) -> int:
    with store.read() as s:
        found = find_opportunity(s, title).id
    assert found is not None
    return found
