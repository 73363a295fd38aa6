"""The lean paths print exactly what the Typer CLI prints, at a small size.

`tracker.entry.remind` (argument parsing) and `tracker.store.queries.reminders_sqlite` (the SQLite variant of the
reminder query, over raw sqlite3) replace Typer and SQLAlchemy for `tracker remind` and the
piped agenda; both paths print with the one printer, `tracker.terminal.reminders`. These tests
compare them with the full CLI on the demo season and on a small generated data set
(benchmarks/gen_db.py), prove the SQLite variant's facts equal the portable query's, and check
that anything the lean path does not fully understand is left to the full CLI. The table
layout itself is tested in tests/test_terminal_table.py.
"""

from __future__ import annotations

from conftest import SQLITE_FILE

import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from script_helpers import orm_modules_after
from tracker.entry import remind as fastpath
from tracker.store.queries import reminders_sqlite as lean


def _connect(db: Path) -> sqlite3.Connection:
    """A connection from the file's owner, as `Store.raw` gives the SQLite variant (autocommit mode)."""
    from tracker.store.engine.database import Database

    return Database.open(db).connect(query_only=True)


ENV = {"TRACKER_TODAY": TODAY.isoformat()}


def full_cli(db: Path, *args: str) -> tuple[int, str, str]:
    """The Typer CLI, in process: (exit status, stdout, stderr)."""
    from typer.testing import CliRunner

    from tracker.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def lean_cli(db: Path, *args: str, environ: dict[str, str] | None = None) -> tuple[int | None, str]:
    """The fast path, in process, at the width the CLI's console uses: (status or None, stdout)."""
    from tracker.cli.output import console

    out = io.StringIO()
    status = fastpath.run(["--db", str(db), *args], out=out, environ=environ or {"COLUMNS": str(console.width)})
    return status, out.getvalue()


# --- the whole command, both paths -----------------------------------------------------------------

COMMANDS = [["remind"], ["remind", "--json"], ["remind", "--within", "30d"], ["remind", "-w", "0"],
            ["remind", "--within=2w", "--json"], []]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "agenda")
def test_the_lean_path_prints_what_the_cli_prints_on_the_demo(demo_db: Path, args: list[str]) -> None:
    code, expected, _err = full_cli(demo_db, *args)
    status, printed = lean_cli(demo_db, *args)
    assert code == 0 and status == 0, "the lean path handled it itself"
    assert printed == expected
    assert "Reminders for" in printed or printed.startswith("[")


@pytest.mark.parametrize("args", [*COMMANDS, ["remind", "--within", "365d", "--json"]],
                         ids=lambda a: " ".join(a) or "agenda")
def test_the_lean_path_prints_what_the_cli_prints_on_generated_data(
    generated: Path, pinned: None, args: list[str]
) -> None:
    code, expected, _err = full_cli(generated, *args)
    status, printed = lean_cli(generated, *args)
    assert code == 0 and status == 0
    assert printed == expected
    if "--json" in args:
        assert len(json.loads(printed)) > 5, "the data set has reminders to compare"


def test_the_console_script_path_matches_in_a_real_process(demo_db: Path, tmp_path: Path) -> None:
    """Both entry points as separate processes: real stdout (a pipe), COLUMNS from the environment."""
    env = {**os.environ, **ENV, "COLUMNS": "97"}
    env.pop("FORCE_COLOR", None)
    typer_only = "from tracker.cli import app; app(prog_name='tracker')"
    entry = "import sys; from tracker.entry import main; sys.exit(main())"
    for args in (["remind"], ["remind", "--within", "banana"]):
        runs = [
            subprocess.run([sys.executable, "-c", code, "--db", str(demo_db), *args], capture_output=True,
                           text=True, env=env, cwd=tmp_path)
            for code in (typer_only, entry)
        ]
        assert runs[0].returncode == runs[1].returncode
        assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert runs[1].returncode == 2 and "can't read \"banana\" as a duration" in runs[1].stderr


# --- the facts: lean queries against the ORM's -----------------------------------------------------


def _orm(db: Path, within: int | None) -> Any:
    from tracker.store import open_store
    from tracker.store.queries import reminders as orm

    store = open_store(db)
    try:
        with store.read() as session:
            zone = orm.user_zone(session)
            if within is None:
                return orm.gather_inputs(session, today=TODAY, zone=zone)
            return orm.current_reminders(session, today=TODAY, within_days=within, zone=zone)
    finally:
        store.close()


def _lean(db: Path, within: int | None) -> Any:
    conn = _connect(db)
    try:
        zone = lean.user_zone(lean.read_profile(conn)[1])
        if within is None:
            return lean.gather_inputs(conn, today=TODAY, zone=zone)
        return lean.current_reminders(conn, today=TODAY, within_days=within, zone=zone)
    finally:
        conn.close()


def _normalized(inputs: Any) -> dict[str, Any]:
    return {name: sorted(value, key=repr) if isinstance(value, (list, tuple)) else value
            for name, value in vars(inputs).items()}


@pytest.mark.parametrize("source", ["demo", "generated"])
def test_lean_inputs_are_the_orm_inputs(source: str, demo_db: Path, generated: Path) -> None:
    db = demo_db if source == "demo" else generated
    orm, mine = _normalized(_orm(db, None)), _normalized(_lean(db, None))
    assert mine == orm
    assert orm["threads"] and orm["opportunities"] and orm["people"]


@pytest.mark.parametrize("within", [0, 1, 3, 7, 14, 21, 30, 90, 365])
def test_the_pruned_inputs_give_the_same_reminders(generated: Path, within: int) -> None:
    assert _lean(generated, within) == _orm(generated, within)


def test_profile_intervals_and_snoozes_are_read_the_same(generated: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(generated.read_bytes())
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE profile SET follow_up_email_days = 3, follow_up_linkedin_days = 11, timezone = 'Asia/Seoul'")
        key = f"follow-up:msg:{conn.execute('SELECT max(id) FROM interaction').fetchone()[0]}"
        conn.execute("INSERT OR REPLACE INTO reminderstate (key, snoozed_until) VALUES (?, ?)", (key, "2026-11-20"))
    for within in (0, 7, 30):
        assert _lean(db, within) == _orm(db, within)


@pytest.mark.parametrize("first", [1, 5, 60])
@pytest.mark.parametrize("within", [7, 30])
def test_the_soonest_threads_give_the_first_reminders_of_the_full_list(
    generated: Path, tmp_path: Path, first: int, within: int
) -> None:
    """The agenda's first screenful (current_reminders(first=N)) is exactly the full list's first N,
    also when the soonest follow-ups are snoozed or dismissed."""
    db = tmp_path / "copy.db"
    db.write_bytes(generated.read_bytes())
    with sqlite3.connect(db) as conn:  # most threads left open: a student who never tidies up
        conn.execute("DELETE FROM interaction WHERE direction = 'received'")
        conn.execute("UPDATE opportunity SET stage = 'contacted' WHERE stage IN ('replied', 'no-response', 'rejected')")
    full = _lean(db, within)
    with sqlite3.connect(db) as conn:  # snooze the soonest follow-up past the horizon, dismiss the next
        soonest = [r for r in full if r.kind == "follow-up"][:2]
        conn.execute("INSERT INTO reminderstate (key, snoozed_until) VALUES (?, '2027-06-01')", (soonest[0].key,))
        conn.execute("INSERT INTO reminderstate (key, dismissed_at) VALUES (?, '2026-11-21 10:00:00.000000')",
                     (soonest[1].key,))
        # of the other rules, the soonest: its snooze ended yesterday (due moves to then), the next dismissed
        others = [r for r in full if r.kind not in ("follow-up", "no-response")][:2]
        conn.execute("INSERT INTO reminderstate (key, snoozed_until) VALUES (?, ?)",
                     (others[0].key, (TODAY - timedelta(days=1)).isoformat()))
        conn.execute("INSERT INTO reminderstate (key, dismissed_at) VALUES (?, '2026-11-21 10:00:00.000000')",
                     (others[1].key,))
    full = _lean(db, within)
    conn = _connect(db)
    try:
        zone = lean.user_zone(lean.read_profile(conn)[1])
        part = lean.current_reminders(conn, today=TODAY, within_days=within, zone=zone, first=first)
    finally:
        conn.close()
    assert part[:first] == full[:first]
    assert len(full) > 200 and len(part) < len(full), "the first screenful reads less"

    def by_rules(found: list) -> int:
        return sum(r.kind not in ("follow-up", "no-response") for r in found)
    if first <= 5:  # this small data set has follow-ups due before most of the other rules' reminders
        assert by_rules(part) < by_rules(full), "the other rules read only what falls due by the first screenful"


@pytest.mark.parametrize("source", ["empty", "demo"])
def test_the_stores_sqlite_reads_equal_the_portable_ones(source: str, demo_db: Path, tmp_path: Path) -> None:
    from tracker.store import open_store
    from tracker.store.queries.listings import is_empty
    from tracker.store.queries.reminders import current_reminders, user_zone

    db = demo_db if source == "demo" else tmp_path / "empty.db"
    store = open_store(db)
    try:
        with store.read() as session:
            portable = (is_empty(session), user_zone(session))
            zone = portable[1]
            reminders = current_reminders(session, today=TODAY, within_days=30, zone=zone)
        assert (store.is_empty(), store.user_zone()) == portable
        assert store.current_reminders(today=TODAY, within_days=30, zone=zone) == reminders
    finally:
        store.close()


def test_opening_a_store_and_reading_the_agenda_imports_no_sqlalchemy(demo_db: Path) -> None:
    """The TUI paints the agenda before SQLAlchemy and the ORM are loaded (they follow in the background)."""
    code = ("import sys; from datetime import date; from tracker.store import open_store; s = open_store(sys.argv[1]);"
            " z = s.user_zone(); s.is_empty(); print(len(s.current_reminders(today=date(2026, 11, 22),"
            " within_days=30, zone=z, first=60)) > 0)")
    assert orm_modules_after(code, demo_db) == ("True", [])


def test_the_models_on_sqlite_load_no_postgresql_dialect(demo_db: Path) -> None:
    """The ORM the TUI warms up and the CLI's commands load: SQLAlchemy's PostgreSQL dialect (35 ms) is
    not part of it on a SQLite file (an index's `postgresql_where` in the models loaded it)."""
    probe = ("import sys; from tracker.store import open_store; import tracker.store.models;"
             " from sqlalchemy.orm import configure_mappers; configure_mappers(); s = open_store(sys.argv[1]);"
             " s.engine; print('sqlalchemy.dialects.postgresql' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", probe, str(demo_db)], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


# --- what the fast path leaves to the full CLI -----------------------------------------------------


@pytest.mark.parametrize("args", [
    ["--help"], ["remind", "--help"], ["remind", "--within"], ["remind", "--within", "--json"], ["remind", "-x"],
    ["remind", "extra"], ["list", "people"], ["--db"], ["--db", "--json"], ["tui", "now"], ["--version"],
])
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert fastpath.parse(args, {}) is None


def test_what_the_fast_path_reads_from_the_command_line() -> None:
    parse = fastpath.parse
    assert parse([], {}) == fastpath.Request("bare")
    assert parse(["--db=x.db"], {}) == fastpath.Request("bare", "x.db")
    assert parse(["--db", "a", "--db", "b", "tui"], {}) == fastpath.Request("tui", "b")
    assert parse(["remind", "-w", "3d", "--json", "--within=5d"], {}) == fastpath.Request("remind", None, "5d", True)
    assert parse(["remind"], {"_TRACKER_COMPLETE": "bash_complete"}) is None


def test_the_database_is_chosen_as_the_cli_chooses_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tracker.system.paths import resolve_db_path

    for option, env in ((None, None), (None, str(tmp_path / "env.db")), ("~/x.db", str(tmp_path / "env.db")),
                        ("", "~/env.db")):
        if env is None:
            monkeypatch.delenv("TRACKER_DB", raising=False)
        else:
            monkeypatch.setenv("TRACKER_DB", env)
        assert Path(fastpath.db_path(option, os.environ)) == resolve_db_path(option)[0]


def test_bad_input_is_reported_by_the_cli_with_status_2(demo_db: Path) -> None:
    status, printed = lean_cli(demo_db, "remind", "--within", "banana")
    assert status is None and printed == ""
    code, _out, err = full_cli(demo_db, "remind", "--within", "banana")
    assert code == 2 and err.startswith("error: can't read \"banana\" as a duration")


def test_a_database_the_cli_must_create_or_migrate_is_left_to_it(demo_db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "new.db"
    assert lean_cli(missing, "remind") == (None, "")
    assert not missing.exists(), "the lean path creates nothing"
    old = tmp_path / "old.db"
    old.write_bytes(demo_db.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert lean_cli(old, "remind") == (None, "")
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    assert lean_cli(text, "remind") == (None, "")
    assert lean_cli(tmp_path, "remind") == (None, "")


def test_the_cyclic_collector_is_off_while_reminders_are_made_and_on_after(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run makes objects by the hundred thousand and no cycle: the collector would only cost time.
    It is on again afterwards, also when the store fails (the CLI then takes over in the same process)."""
    import gc

    from tracker.store.engine.store import Store

    seen: list[bool] = []
    real = Store.current_reminders

    def spying(self: Store, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(self, **kwargs)

    monkeypatch.setattr(Store, "current_reminders", spying)
    status, printed = lean_cli(demo_db, "remind")
    assert status == 0 and "Reminders for" in printed
    assert seen == [False] and gc.isenabled()

    def failing(self: Store, **kwargs: Any) -> Any:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(Store, "current_reminders", failing)
    assert lean_cli(demo_db, "remind") == (None, "")
    assert gc.isenabled()


@pytest.mark.parametrize("environ", [{"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}, {"COLUMNS": "30"}, {}])
def test_any_output_set_up_is_printed_by_the_fast_path_as_the_cli_prints_it(
    demo_db: Path, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    status, printed = lean_cli(demo_db, "remind", environ=environ)
    assert status == 0
    assert printed == full_cli(demo_db, "remind")[1]
    assert ("\x1b[" in printed) == ("FORCE_COLOR" in environ), "colour only when forced (not a terminal)"


def test_korean_and_chinese_text_is_printed_by_the_fast_path(demo_db: Path) -> None:
    """Any script: the fast path no longer hands non-Latin text to Rich (the cohort-size slowdown)."""
    with sqlite3.connect(demo_db) as conn:
        conn.execute("INSERT INTO reminder (text, due, created_at) VALUES ('전화하기 김영훈 교수님 王小明', ?, ?)",
                     (TODAY.isoformat(), "2026-11-01 00:00:00.000000"))
    status, printed = lean_cli(demo_db, "remind")
    assert status == 0 and "전화하기 김영훈 교수님 王小明" in printed
    assert printed == full_cli(demo_db, "remind")[1]
    status, printed = lean_cli(demo_db, "remind", "--json")
    assert status == 0 and "김영훈" in printed
    assert printed == full_cli(demo_db, "remind", "--json")[1]


def test_the_tui_opens_without_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[fastpath.Request] = []
    monkeypatch.setattr(fastpath, "tui", lambda request: opened.append(request) or 0)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert fastpath.run(["--db", "x.db"], out=Terminal(), environ={}) == 0
    assert fastpath.run(["tui"], out=io.StringIO(), environ={}) == 0
    assert opened == [fastpath.Request("bare", "x.db"), fastpath.Request("tui")]


# --- what the fast path imports ----------------------------------------------------------------------

_PROBE = """
import io, sys
from tracker.entry.remind import run
status = run(["--db", sys.argv[1], "remind"], out=io.StringIO(), environ={"COLUMNS": "100"})
heavy = ("typer", "click", "rich", "textual", "sqlmodel", "sqlalchemy", "alembic", "dateutil")
print(status, *sorted(m for m in heavy if m in sys.modules))
"""


def test_the_fast_path_imports_no_typer_rich_textual_or_dateutil(demo_db: Path) -> None:
    found = subprocess.run([sys.executable, "-c", _PROBE, str(demo_db)], capture_output=True, text=True,
                           env={**os.environ, **ENV}).stdout.split()
    assert found[0] == "0"
    assert not {"typer", "click", "rich", "textual", "alembic", "dateutil"} & set(found[1:])


def test_the_fast_path_imports_no_sqlalchemy_or_sqlmodel(demo_db: Path) -> None:
    found = subprocess.run([sys.executable, "-c", _PROBE, str(demo_db)], capture_output=True, text=True,
                           env={**os.environ, **ENV}).stdout.split()
    assert found == ["0"]


pytestmark = SQLITE_FILE
"""About SQLite files: skipped when TRACKER_TEST_PG runs the suite on PostgreSQL."""
