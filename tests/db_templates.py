"""Template databases: made once per test process through the real code, copied for each test.

`Templates` makes each database when first wanted (`tracker.store.open_store`, `load_demo`, `tracker
demo`), in a folder and an isolated HOME of its own, checks it, and the session's end checks no test
changed it; `new_database` and `demo_database` give a test its own copy. tests/conftest.py binds them to
the session (the `templates` fixture) and builds its database fixtures on them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from cli_runner import TODAY, Cli
from tracker.store import open_store


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Point HOME, the XDG/platformdirs locations and TRACKER_DB into `home`; UTC; wide output."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("TRACKER_DB", str(home / "tracker.db"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("COLUMNS", "200")



def copy_database(source: Path, target: Path) -> Path:
    """Make `target` a new file, private (mode 0600, as tracker creates it), holding a copy of `source`.

    `source` is a template: closed cleanly, so it is one file (no -wal, no -shm) and nothing has it open.
    """
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Templates:
    """Databases made once per test process through the real code, each only when first wanted.

    Each is made in a folder of its own, under an isolated HOME of its own (so what it holds does not
    depend on the test that first wanted it), on a path where no file existed, and closed: the
    checks below make sure the folder then holds the database alone, migrated to the newest
    schema, in WAL mode. Tests get copies (`copy_database`), never the template itself; the
    session's end checks that no template changed.
    """

    def __init__(self) -> None:
        self._factory: pytest.TempPathFactory | None = None
        self._made: dict[str, tuple[Path, str]] = {}

    def bind(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory

    def close(self) -> None:
        """Check that no template was changed by a test, then forget them."""
        changed = [name for name, (path, digest) in self._made.items() if _digest(path) != digest]
        self._made.clear()
        self._factory = None
        assert not changed, f"a test changed the template database(s) {changed}: tests must use copies"

    def _make(self, name: str, build: Callable[[Path], object]) -> Path:
        if name in self._made:
            return self._made[name][0]
        if self._factory is None:
            raise RuntimeError("template databases are made inside a pytest session (the `templates` fixture)")
        folder = self._factory.mktemp(f"template-{name}")
        path = folder / "tracker.db"
        with pytest.MonkeyPatch.context() as mp:
            isolate(mp, folder / "home")
            mp.delenv("TRACKER_BUSY_TIMEOUT_MS", raising=False)
            build(path)
        _check_template(path)
        self._made[name] = (path, _digest(path))
        return path

    def empty(self) -> Path:
        """A migrated, empty database: what `open_store` makes of a new file."""
        return self._make("empty", lambda path: open_store(path).close())

    def demo(self) -> Path:
        """The demo season as of TODAY in India time: `load_demo` on a new file (`make_demo_db`)."""

        def build(path: Path) -> None:
            from zoneinfo import ZoneInfo

            from tracker.demo.season import load_demo

            store = open_store(path)
            try:
                load_demo(store, today=TODAY, zone=ZoneInfo("Asia/Kolkata"))
            finally:
                store.close()

        return self._make("demo", build)

    def demo_season(self) -> Path:
        """The demo season as `tracker demo` makes it on a new file, today pinned to TODAY."""
        return self._make("demo-season", lambda path: Cli(path).ok("demo"))


def _check_template(path: Path) -> None:
    from tracker.store.migrations import HEAD

    others = sorted(p.name for p in path.parent.iterdir() if p.name not in (path.name, "home"))
    assert others == [], f"the template {path} was not closed cleanly: {others} left beside it"
    assert path.stat().st_mode & 0o777 == 0o600
    # immutable: read the one file as it is, making no -shm beside it (there is no -wal to miss)
    with closing(sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open(path, "rb") as raw:  # nothing has it open: the header's read/write versions say WAL (2)
        assert raw.read(20)[18:20] == b"\x02\x02"


TEMPLATES = Templates()
"""This process's template databases (helpers copy them: `new_database`, `demo_database`)."""


def new_database(path: Path) -> Path:
    """A migrated, empty database at `path` (no file there yet): a copy of what `open_store` makes."""
    return copy_database(TEMPLATES.empty(), path)


def demo_database(path: Path) -> Path:
    """The demo season as of TODAY in India time at `path` (no file there yet): a copy of `Templates.demo`."""
    return copy_database(TEMPLATES.demo(), path)
