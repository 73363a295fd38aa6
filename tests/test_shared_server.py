"""A shared database on PostgreSQL: two students and an advisor, real login roles, access enforced by the server.

Each test gets its own database on the test server (`pg` in conftest: TRACKER_TEST_PG, else a cluster
started for the session), copied from a template made with `tracker db init` (and alice's
`tracker demo`). What each role sees is checked through tracker and through plain SQL (psycopg).
"""

from __future__ import annotations

import time

import psycopg
import pytest

from conftest import SQLITE_FILE, Cli
from pg_server import ADVISOR, OWNER, STUDENTS, password

ALICE, BOB = STUDENTS


@pytest.fixture
def demo(pg):  # type: ignore[no-untyped-def]
    """A database holding alice's demo season (as of TODAY); bob and carol have nothing yet."""
    return pg.copy("demo")


def cli(pg, name: str, role: str) -> Cli:  # type: ignore[no-untyped-def]
    return Cli(pg.url(name, role))  # type: ignore[arg-type]


def sql(pg, name: str, role: str, statement: str, params: tuple = ()) -> list[tuple]:  # type: ignore[no-untyped-def]
    with psycopg.connect(pg.url(name, role), autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else []


def names(cli_: Cli, what: str = "people") -> set[str]:
    key = "name" if what == "people" else "title"
    return {row[key] for row in cli_.json("list", what)}  # type: ignore[union-attr]


def test_each_student_reads_and_writes_only_their_own_rows_through_tracker(pg, demo) -> None:
    alice, bob = cli(pg, demo, ALICE), cli(pg, demo, BOB)
    theirs = names(alice)
    assert len(theirs) > 5
    assert names(bob) == set()
    bob.ok("add", "person", "Ada Lovelace", "--role", "professor", "--org", "MIT")
    bob.ok("add", "person", "Kim Young-hoon", "--role", "professor")  # alice has one: names are per owner
    assert names(bob) == {"Ada Lovelace", "Kim Young-hoon"}
    assert names(alice) == theirs
    found = alice("show", "Ada")
    assert found.exit_code == 2 and 'named "Ada"' in found.stderr
    assert bob.json("list", "opportunities") == []


def test_each_student_sees_only_their_own_rows_through_plain_sql(pg, demo) -> None:
    alice_count = sql(pg, demo, ALICE, "SELECT count(*) FROM person")[0][0]
    assert alice_count > 5
    assert sql(pg, demo, BOB, "SELECT count(*) FROM person") == [(0,)]
    assert sql(pg, demo, BOB, "UPDATE person SET name = 'taken' RETURNING id") == []
    assert sql(pg, demo, BOB, "DELETE FROM opportunity RETURNING id") == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        sql(pg, demo, BOB, "INSERT INTO person (name, role, added_on, owner) VALUES ('Spoof', 'professor', now(), 'alice')")
    sql(pg, demo, BOB, "INSERT INTO person (name, role, added_on) VALUES ('Own', 'professor', now())")
    assert sql(pg, demo, BOB, "SELECT name, owner::text FROM person") == [("Own", BOB)]
    assert sql(pg, demo, ALICE, "SELECT count(*) FROM person") == [(alice_count,)]
    assert sql(pg, demo, ALICE, "SELECT count(*) FROM person WHERE owner <> current_user") == [(0,)]


def test_a_student_cannot_attach_rows_to_another_students_records(pg, demo) -> None:
    (alices_person,) = sql(pg, demo, ALICE, "SELECT min(id) FROM person")[0]
    (alices_opportunity,) = sql(pg, demo, ALICE, "SELECT min(id) FROM opportunity")[0]
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        sql(pg, demo, BOB, "INSERT INTO interaction (\"on\", channel, direction, person_id) "
                           "VALUES (now(), 'email', 'sent', %s)", (alices_person,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        sql(pg, demo, BOB, "INSERT INTO stagechange (opportunity_id, to_stage, changed_on, recorded_at) "
                           "VALUES (%s, 'applied', now(), now())", (alices_opportunity,))
    sql(pg, demo, BOB, "INSERT INTO person (name, role, added_on) VALUES ('Own', 'professor', now())")
    (own,) = sql(pg, demo, BOB, "SELECT id FROM person")[0]
    sql(pg, demo, BOB, "INSERT INTO interaction (\"on\", channel, direction, person_id) VALUES (now(), 'email', "
                       "'sent', %s)", (own,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        sql(pg, demo, BOB, "UPDATE interaction SET person_id = %s", (alices_person,))
    cli(pg, demo, ALICE).ok("delete", "person", sql(pg, demo, ALICE, "SELECT name FROM person WHERE id = %s",
                                                    (alices_person,))[0][0], "--yes")


def test_an_advisor_reads_only_the_students_linked_to_them_and_writes_nothing(pg, demo) -> None:
    owner, carol = cli(pg, demo, OWNER), cli(pg, demo, ADVISOR)
    cli(pg, demo, BOB).ok("add", "person", "Ada Lovelace", "--role", "professor")
    assert names(carol) == set()
    assert "now reads alice's records" in owner.ok("db", "advise", ADVISOR, ALICE).stdout
    alices = names(cli(pg, demo, ALICE))
    assert names(carol) == alices  # bob's Ada is not among them
    assert sql(pg, demo, ADVISOR, "SELECT DISTINCT owner::text FROM person") == [(ALICE,)]

    refused = carol("add", "person", "Grace Hopper", "--role", "professor")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "error: an advisor reads their students' records but never changes them; nothing was written"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(pg, demo, ADVISOR, "INSERT INTO person (name, role, added_on) VALUES ('Grace Hopper', 'professor', now())")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql(pg, demo, ADVISOR, "UPDATE person SET name = 'x'")
    assert sql(pg, demo, ALICE, "SELECT count(*) FROM person WHERE name = 'x'") == [(0,)]

    owner.ok("db", "advise", "--remove", ADVISOR, ALICE)
    assert names(carol) == set()


def test_an_advisor_reads_one_student_with_student_and_only_a_student_they_advise(pg, demo) -> None:
    owner, carol, alice = cli(pg, demo, OWNER), cli(pg, demo, ADVISOR), cli(pg, demo, ALICE)
    cli(pg, demo, BOB).ok("add", "person", "Ada Lovelace", "--role", "professor")
    owner.ok("db", "advise", ADVISOR, ALICE)
    owner.ok("db", "advise", ADVISOR, BOB)
    assert names(carol) == names(alice) | {"Ada Lovelace"}  # both students' people, mixed
    assert {row["name"] for row in carol.json("--student", ALICE, "list", "people")} == names(alice)  # type: ignore[index]
    assert {row["name"] for row in carol.json("--student", BOB, "list", "people")} == {"Ada Lovelace"}  # type: ignore[index]
    assert carol.json("--student", ALICE, "remind", "--within", "30d") == alice.json("remind", "--within", "30d")
    assert carol.ok("--student", ALICE, "show", "Visual Reasoning").stdout == alice.ok("show", "Visual Reasoning").stdout
    refused = carol("--student", ALICE, "add", "person", "Grace Hopper", "--role", "professor")
    assert refused.exit_code == 2 and "never changes them" in refused.stderr
    owner.ok("db", "advise", "--remove", ADVISOR, BOB)
    stranger = carol("--student", BOB, "list", "people")
    assert stranger.exit_code == 2 and stranger.stderr.strip() == f"error: you do not advise '{BOB}'; your students: {ALICE}"
    student = alice("--student", BOB, "list", "people")
    assert student.exit_code == 2 and "--student is for an advisor on a shared server" in student.stderr


def test_only_the_owner_links_advisors_and_only_to_real_roles_in_their_groups(pg, demo) -> None:
    owner = cli(pg, demo, OWNER)
    refused = cli(pg, demo, ALICE)("db", "advise", ADVISOR, ALICE)
    assert refused.exit_code == 2 and "is for the owner of the database" in refused.stderr
    unknown = owner("db", "advise", ADVISOR, "nobody_here")
    assert unknown.exit_code == 2 and "there is no role 'nobody_here'" in unknown.stderr
    wrong = owner("db", "advise", BOB, ALICE)
    assert wrong.exit_code == 2 and "bob is not in tracker_advisor" in wrong.stderr
    assert sql(pg, demo, OWNER, "SELECT count(*) FROM tracker_advising") == [(0,)]


def test_the_cohort_shows_each_advised_student(pg, demo) -> None:
    owner, carol = cli(pg, demo, OWNER), cli(pg, demo, ADVISOR)
    assert "You advise no one yet" in carol.ok("cohort").stdout
    owner.ok("db", "advise", ADVISOR, ALICE)
    owner.ok("db", "advise", ADVISOR, BOB)
    rows = carol.json("cohort")
    assert [row["student"] for row in rows] == [ALICE, BOB]  # type: ignore[index]
    alice_row, bob_row = rows  # type: ignore[misc]
    opportunities = cli(pg, demo, ALICE).json("list", "opportunities")
    assert sum(alice_row["funnel"].values()) == len(opportunities)  # type: ignore[arg-type]
    assert alice_row["funnel"]["offered"] == sum(1 for o in opportunities if o["stage"] == "offered")  # type: ignore[index]
    assert alice_row["offers_waiting"] >= 1 and alice_row["letters_outstanding"] >= 1
    assert alice_row["last_activity"] is not None
    assert sum(bob_row["funnel"].values()) == 0 and bob_row["last_activity"] is None


@SQLITE_FILE
def test_the_cohort_is_for_a_server(cli) -> None:  # type: ignore[no-redef]
    result = cli("cohort")
    assert result.exit_code == 2 and "a cohort lives on a shared server" in result.stderr


def test_a_student_is_told_to_ask_the_owner_when_the_database_needs_migrating(pg) -> None:
    from sqlalchemy import create_engine

    from tracker.store.engine.opening import migrate

    name = pg.server.create_database(f"tracker_old_{time.time_ns()}")
    try:
        engine = create_engine(pg.url(name, OWNER).replace("postgresql://", "postgresql+psycopg://"))
        migrate(engine, "0005")
        engine.dispose()
        pg.server.admin("GRANT SELECT ON alembic_version TO tracker_student", database=name)
        alice = cli(pg, name, ALICE)
        result = alice("list", "people")
        assert result.exit_code == 2
        assert "ask its owner to run `tracker db upgrade`" in result.stderr
        assert "upgraded from schema 0005 to" in cli(pg, name, OWNER).ok("db", "upgrade").stdout
        alice.ok("add", "person", "Ada Lovelace", "--role", "professor")
        assert names(alice) == {"Ada Lovelace"}
    finally:
        pg.server.drop_database(name)


def test_an_empty_database_asks_for_init_and_init_sets_it_up(pg) -> None:
    name = pg.server.create_database(f"tracker_new_{time.time_ns()}")
    try:
        first = cli(pg, name, ALICE)("list", "people")
        assert first.exit_code == 2 and "ask its owner to run `tracker db init`" in first.stderr
        assert "is set up for tracker" in cli(pg, name, OWNER).ok("db", "init").stdout
        assert "already set up" in cli(pg, name, OWNER).ok("db", "init").stdout
        assert cli(pg, name, ALICE).json("list", "people") == []
    finally:
        pg.server.drop_database(name)


def _one_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_bad_servers_and_logins_are_one_line_without_the_password(pg, demo) -> None:
    base = pg.url(demo, ALICE)
    wrong = base.replace(password(ALICE), "s3cret-wrong")
    line = _one_line(Cli(wrong)("list", "people"))  # type: ignore[arg-type]
    assert "wrong or missing password" in line and "s3cret-wrong" not in line
    closed = f"postgresql://alice:s3cret@127.0.0.1:1/{demo}"
    started = time.monotonic()
    line = _one_line(Cli(closed)("list", "people"))  # type: ignore[arg-type]
    assert time.monotonic() - started < 10
    assert "does not answer" in line and "s3cret" not in line
    line = _one_line(Cli("postgresql://alice:s3cret@[bad/db")("list", "people"))  # type: ignore[arg-type]
    assert "does not parse" in line and "s3cret" not in line
    line = _one_line(Cli("mysql://alice@localhost/db")("list", "people"))  # type: ignore[arg-type]
    assert "postgresql://" in line
    line = _one_line(Cli(pg.url("no_such_db_here", ALICE))("list", "people"))  # type: ignore[arg-type]
    assert "there is no database 'no_such_db_here'" in line


def test_a_database_that_is_not_trackers_and_a_role_in_no_group_are_refused(pg, demo) -> None:
    other = pg.server.create_database(f"not_tracker_{time.time_ns()}")
    try:
        pg.server.admin("CREATE TABLE invoices (id int)", f"GRANT CONNECT ON DATABASE {other} TO PUBLIC",
                        database=other)
        line = _one_line(cli(pg, other, ALICE)("list", "people"))
        assert "is not tracker's" in line
        assert sql(pg, other, OWNER, "SELECT count(*) FROM pg_class WHERE relname = 'alembic_version'") == [(0,)]
    finally:
        pg.server.drop_database(other)
    try:
        pg.server.admin("CREATE ROLE dave LOGIN PASSWORD 'dave-pw'")
    except psycopg.errors.DuplicateObject:
        pass
    line = _one_line(cli(pg, demo, "dave")("list", "people"))
    assert line == ("error: the role dave is in neither tracker_student nor tracker_advisor; ask the database's "
                    "owner to GRANT tracker_student TO dave (or tracker_advisor)")


def test_locate_shows_the_server_never_the_password(pg, demo) -> None:
    shown = cli(pg, demo, ALICE).json("locate")
    assert shown["database"] == demo and shown["user"] == ALICE  # type: ignore[index]
    assert shown["server"].startswith("127.0.0.1:")  # type: ignore[index]
    assert password(ALICE) not in str(shown)


def test_backup_and_restore_on_a_server_say_pg_dump(pg, demo, tmp_path) -> None:
    alice = cli(pg, demo, ALICE)
    assert "pg_dump" in _one_line(alice("backup"))
    (tmp_path / "b.db").write_bytes(b"")
    assert "pg_restore" in _one_line(alice("restore", str(tmp_path / "b.db"), "--yes"))


def test_a_lock_held_too_long_is_the_one_line_busy_message(pg, demo, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT_MS", "300")
    with psycopg.connect(pg.url(demo, ALICE)) as holder:
        holder.execute("LOCK TABLE person IN EXCLUSIVE MODE")
        line = _one_line(cli(pg, demo, ALICE)("add", "person", "Ada Lovelace", "--role", "professor"))
    assert line == "error: the database is busy (another tracker is writing); nothing was written, try again"
    assert "Ada Lovelace" not in names(cli(pg, demo, ALICE))


def test_the_change_counter_moves_for_the_student_and_their_advisor_only(pg, demo) -> None:
    from tracker.store import open_store

    cli(pg, demo, OWNER).ok("db", "advise", ADVISOR, ALICE)
    stores = {role: open_store(pg.url(demo, role)) for role in (ALICE, BOB, ADVISOR)}
    try:
        before = {role: store.data_version() for role, store in stores.items()}
        cli(pg, demo, ALICE).ok("add", "person", "Ada Lovelace", "--role", "professor")
        after = {role: store.data_version() for role, store in stores.items()}
        assert after[ALICE] != before[ALICE] and after[ADVISOR] != before[ADVISOR]
        assert after[BOB] == before[BOB]
    finally:
        for store in stores.values():
            store.close()


@pytest.mark.parametrize("words", ["kim", "vision lab", "hyvarinen", "iisc", "nus"])
def test_search_finds_the_same_on_postgresql_as_on_sqlite(pg, demo, demo_cli, words) -> None:
    on_server = cli(pg, demo, ALICE)
    for what in ("people", "opportunities"):
        key = "name" if what == "people" else "title"
        here = {row[key] for row in demo_cli.json("list", what, "--search", words)}  # type: ignore[union-attr]
        there = {row[key] for row in on_server.json("list", what, "--search", words)}  # type: ignore[union-attr]
        assert here == there, what


def test_psql_as_each_role_sees_what_the_rules_say(pg, demo) -> None:
    import shutil
    import subprocess

    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql (PostgreSQL's client) is not installed")
    cli(pg, demo, OWNER).ok("db", "advise", ADVISOR, ALICE)
    cli(pg, demo, BOB).ok("add", "person", "Ada Lovelace", "--role", "professor")

    def count(role: str, table: str = "person") -> str:
        url = pg.server.url(demo, role, with_password=False)
        done = subprocess.run([psql, "-XAtq", "-d", url, "-c", f"SELECT count(*) FROM {table}"], capture_output=True,
                              text=True, env={"PGPASSWORD": password(role), "PATH": "/usr/bin:/bin"}, check=True)
        return done.stdout.strip()

    alice = count(ALICE)
    assert int(alice) > 5
    assert count(BOB) == "1" and count(ADVISOR) == alice and count(ADVISOR, "opportunity") == count(ALICE, "opportunity")


def test_the_fast_paths_leave_a_server_to_the_full_command_line(pg, demo, capsys) -> None:
    from tracker.entry import csv_files, remind

    url = pg.url(demo, ALICE)
    assert remind.run(["remind"], environ={"TRACKER_DB": url, "TRACKER_TODAY": "2026-11-22"}) is None
    assert remind.run(["--db", url, "remind", "--json"], environ={}) is None
    assert csv_files.dispatch(["--db", url, "export", "csv", "--what", "people"]) is None
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("what", ["people", "opportunities", "log"])
def test_an_export_from_the_server_is_the_export_from_a_file(pg, demo_cli, what) -> None:
    on_server = cli(pg, pg.copy("demo-season"), ALICE)
    here = demo_cli.ok("export", "csv", "--what", what).stdout
    there = on_server.ok("export", "csv", "--what", what).stdout
    assert here.count("\n") > 3 and there == here
