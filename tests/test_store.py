"""Opening the database: file checks, pragmas, migrations, permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli
from tracker.domain.errors import StoreError
from tracker.store.migrations import HEAD, REVISIONS
from tracker.store import open_store


def test_new_database_is_private_wal_with_foreign_keys(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    finally:
        store.close()


def test_default_location_directory_is_created_private(isolated_dirs: Path) -> None:
    target = isolated_dirs / "data" / "tracker" / "tracker.db"
    store = open_store(target, create_dirs=True)
    store.close()
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_revisions_list_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    from tracker.store.migrations import FOLDER

    config.set_main_option("script_location", str(FOLDER))
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == REVISIONS and scripts.get_current_head() == HEAD


def test_schema_from_migrations_matches_the_models(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import tracker.store.models  # noqa: F401
    from tracker.store.migrations.env_filters import include_name

    store = open_store(db_path)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    store.close()
    assert diff == []


def test_missing_directory_is_an_error(cli: Cli, tmp_path: Path) -> None:
    result = Cli(tmp_path / "nope" / "t.db")("list", "people")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("dear professor,\n")
    result = Cli(path)("remind")
    assert result.exit_code == 2 and "not a tracker database" in result.stderr
    assert path.read_text() == "dear professor,\n"


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(StoreError, match="not one of tracker's"):
        open_store(path)


def test_a_database_from_a_newer_tracker_is_refused_unchanged(db_path: Path) -> None:
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    result = Cli(db_path)("list", "people")
    assert result.exit_code == 2 and "newer tracker" in result.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
    assert len(db_path.read_bytes()) == len(before)


def test_write_is_all_or_nothing(store) -> None:
    from tracker.store.models import Person

    with pytest.raises(RuntimeError):
        with store.write() as session:
            session.add(Person(name="Half Written", role="professor"))
            session.flush()
            raise RuntimeError("crash in the middle")
    from sqlmodel import select

    with store.read() as session:
        assert session.exec(select(Person)).all() == []


def _run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)


def test_core_imports_no_textual_and_no_typer() -> None:
    code = (
        "import sys, tracker.store, tracker.domain.reminders, tracker.domain.dates, tracker.store.queries.listings, "
        "tracker.store.writes.records, tracker.store.queries.reminders, tracker.store.models\n"
        "print(sorted(m for m in ('textual', 'typer') if m in sys.modules))"
    )
    result = _run_python(code, dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_touches_nothing_in_home(isolated_dirs: Path) -> None:
    env = dict(os.environ)
    env.pop("TRACKER_DB", None)
    before = sorted(p for p in isolated_dirs.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True, env=env,
                            check=False)
    assert result.returncode == 0 and "remind" in result.stdout
    assert sorted(p for p in isolated_dirs.rglob("*")) == before
