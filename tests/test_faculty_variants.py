"""The faculty import's SQLite variant (`tracker.store.writes.faculty_sqlite`) writes what the portable
one (`faculty_writes`, what PostgreSQL uses) writes: the same report, the same rows in every table (the
undo log and the search index too), and `tracker undo` takes either back to where it was. And the
console script's fast path (`tracker.entry.faculty_file`) prints what the full command prints.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY, Cli, demo_database, new_database
from test_csv_lean_import import dump
from test_faculty_aliases import COUNTRIES, FACULTY
from test_faculty_import import ROWS, write_csv
from tracker.entry import faculty_file
from tracker.io.faculty import FacultyImportFailed, import_faculty
from tracker.domain.faculty_records import BATCH
from tracker.store import open_store
from tracker.store.writes import faculty_sqlite
from tracker.store.writes.records import add_person

MOVED = (FACULTY.replace("Aino Väätäinen,Aalto University,https://www.aalto.fi/",
                         "Aino Väätäinen,Aalto University,https://users.aalto.fi/~aino")
         .replace("Dana Whitfield,Carnegie Mellon University", "Dana R. Whitfield,University of Pisa")
         + "Ünal Özkan,Bilkent University,,NOSCHOLARPAGE\n박서연,KAIST,https://kaist.ac.kr/~park,pArKsEoYeOnJ\n")
"""FACULTY again, a year on: a new homepage, a move under a new name (same Scholar id), two new people."""


MANY = 4000
"""Rows of the large files: more people than a batch (`BATCH`) to add, and to update."""


def many_rows(count: int, seed: int = 11) -> str:
    """`count` CSRankings rows in several scripts: spellings, DBLP numbers, shared pages, no Scholar ids."""
    rnd = random.Random(seed)
    given = ["Ahmet", "Selin", "Jürgen", "José", "Łukasz", "Aino", "Wei", "Priya", "영훈", "서연", "Ngọc"]
    family = ["Yılmaz", "Çelik", "Müller", "García", "Nowak", "Väätäinen", "Wang", "Iyer", "김", "박", "Nguyễn"]
    orgs = ["KAIST", "Boğaziçi University", "TU München", "Universidad de Chile", "Aalto University",
            "University of Pisa", "IIT Bombay", "Seoul National University", "Carnegie Mellon University"]
    lines = ["name,affiliation,homepage,scholarid"]
    for i in range(count):
        name = f"{rnd.choice(given)} {rnd.choice(family)} {i}"
        if rnd.random() < 0.1:
            name += f" 000{rnd.randint(1, 3)}"
        scholar = rnd.choice([f"s{i:07d}AAAJ", f"s{i:07d}AAAJ", "NOSCHOLARPAGE", ""])
        page = rnd.choice(["https://dept.example.edu/", f"https://x.example.edu/~{i}", ""])
        row = [name, rnd.choice(orgs), page, scholar]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in row))
        if scholar and scholar != "NOSCHOLARPAGE" and rnd.random() < 0.1:  # another spelling of the same person
            lines.append(",".join([name.split()[0][0] + ". " + " ".join(name.split()[1:]), row[1], page, scholar]))
    return "\n".join(lines) + "\n"


def search_index(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rowid, * FROM fts_person ORDER BY rowid").fetchall()


def hand_added(path: Path) -> None:
    """Someone typed in by hand under one of the directory's spellings, and someone unrelated."""
    store = open_store(path)
    try:
        with store.write() as session:
            add_person(session, name="Lars Hedlund", role="writer", organization="Uppsala University",
                       notes="wrote my letter", added_on=TODAY)
            add_person(session, name="Aino Vaatainen", role="professor", organization="Aalto University",
                       added_on=TODAY)
    finally:
        store.close()


def prepared(kind: str, path: Path, folder: Path) -> Path:
    """A database at `path`: empty, the demo season, after a first import, or with people added by hand."""
    if kind == "demo":
        return demo_database(path)
    new_database(path)
    if kind in ("imported", "many imported"):
        first = folder / "first.csv"
        if kind == "imported":
            write_csv(first, ROWS)
        else:
            first.write_text(many_rows(MANY), encoding="utf-8")
        store = open_store(path)
        try:
            import_faculty(store, first, today=TODAY)
        finally:
            store.close()
    elif kind == "by hand":
        hand_added(path)
    return path


def import_both_ways(kind: str, file: Path, folder: Path, **options: object) -> tuple[list[object], Path, Path]:
    """Import `file` into two copies of the same database, portable and SQLite variant: outcomes, databases."""
    outcomes: list[object] = []
    dbs = []
    for variants in (False, True):
        db = prepared(kind, folder / f"{'lean' if variants else 'portable'}.db", folder)
        store = open_store(db)
        store.variants = variants
        calls: list[tuple[int, int]] = []
        try:
            report = import_faculty(store, file, today=TODAY, progress=lambda d, t: calls.append((d, t)),
                                    **options)  # type: ignore[arg-type]
            outcomes.append((report.summary(), report.warnings(), report.added, report.updated, report.unchanged,
                             report.located, calls))
            if kind == "many imported":
                assert report.updated > BATCH  # more than one batch
        except FacultyImportFailed as err:
            outcomes.append(("failed", str(err)))
        finally:
            store.close()
        dbs.append(db)
    return outcomes, dbs[0], dbs[1]


@pytest.mark.parametrize(("kind", "text", "options", "writes"), [
    ("empty", FACULTY, {}, True),
    ("empty", "rows", {}, True),
    ("empty", "many", {}, True),  # several batches of inserts, several statements each
    ("demo", FACULTY, {"countries": COUNTRIES}, True),
    ("imported", "rows", {}, False),  # every person already there, unchanged
    ("imported", "changed rows", {"countries": COUNTRIES}, True),
    ("many imported", "many moved", {}, True),  # several batches of updates, several statements each
    ("by hand", FACULTY, {}, True),  # matched under a spelling: updated, given the Scholar id
    ("by hand", MOVED, {"dry_run": True}, False),
    ("empty", "bad", {}, False),
])
def test_the_sqlite_variant_writes_what_the_portable_import_writes(
        kind: str, text: str, options: dict[str, object], writes: bool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "csrankings.csv"
    if text.startswith("many"):  # fewer rows per statement than a batch (as where SQLite takes fewer parameters)
        monkeypatch.setattr(faculty_sqlite, "_per_statement", lambda conn, width: 700)
    if text == "rows":
        write_csv(file, ROWS)
    elif text == "changed rows":
        changed = [row[:] for row in ROWS]
        changed[1][2], changed[3][1] = "https://weiwang.example.org", "ETH Zürich"
        changed[6][0] = "Ahmet Min Tjoa"  # a rename under the same Scholar id
        write_csv(file, changed + [["Aarti Gupta", "Princeton University", "", "S_jYB2sAAAAJ"]])
    elif text == "bad":
        file.write_text(FACULTY + ",KAIST,,\nJun Park,KAIST,x\n", encoding="utf-8")
    elif text.startswith("many"):
        moved = many_rows(MANY).replace("https://x.example.edu/", "https://y.example.edu/")
        moved = moved.replace("https://dept.example.edu/", "https://dept.example.org/")
        file.write_text(moved if text == "many moved" else many_rows(MANY), encoding="utf-8")
    else:
        file.write_text(text, encoding="utf-8")
    if "countries" in options:
        (tmp_path / "country-info.csv").write_text(str(options["countries"]), encoding="utf-8")
        options = {**options, "countries": tmp_path / "country-info.csv"}
    outcomes, portable_db, lean_db = import_both_ways(kind, file, tmp_path, **options)
    assert outcomes[1] == outcomes[0]
    assert dump(lean_db) == dump(portable_db)
    assert search_index(lean_db) == search_index(portable_db)
    before = prepared(kind, tmp_path / "before.db", tmp_path)
    assert (dump(lean_db) != dump(before)) == writes
    assert (outcomes[0][0] == "failed") == (text == "bad")
    if writes:  # `tracker undo` does the same to either: takes it back to the database before
        undone = [Cli(db)("undo", "--yes") for db in (portable_db, lean_db)]
        assert [(u.exit_code, u.stderr) for u in undone] == [(0, ""), (0, "")]
        assert dump(lean_db) == dump(portable_db)
        assert dump(lean_db) == dump(before) | {"undoentry": dump(lean_db)["undoentry"]}
        assert search_index(lean_db) == search_index(before)


def person_org(db: Path, name: str) -> str | None:
    with sqlite3.connect(db) as conn:
        (org,) = conn.execute("SELECT o.name FROM person p LEFT JOIN organization o ON o.id = p.organization_id "
                              "WHERE p.name = ?", (name,)).fetchone()
    return org


def org_names(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM organization")}


def test_undo_takes_back_a_move_to_an_organization_the_import_added(tmp_path: Path) -> None:
    """Jürgen Müller, stored at TU München, is at ETH Zürich in this year's file, which no stored person
    was at: the import adds ETH Zürich and moves him there. Undo (after either variant) moves him back
    and removes ETH Zürich; it used to refuse, counting him as a person "added since"."""
    moved = [row[:] for row in ROWS]
    moved[3][1] = "ETH Zürich"
    file = write_csv(tmp_path / "csrankings.csv", moved)
    _outcomes, portable_db, lean_db = import_both_ways("imported", file, tmp_path)
    for db in (portable_db, lean_db):
        assert person_org(db, "Jürgen Müller") == "ETH Zürich"
        undone = Cli(db)("undo", "--yes")
        assert undone.exit_code == 0, undone.stderr
        assert "Undone: faculty import of csrankings.csv" in undone.stdout
        assert person_org(db, "Jürgen Müller") == "TU München"
        assert "ETH Zürich" not in org_names(db) and "TU München" in org_names(db)
    before = prepared("imported", tmp_path / "before.db", tmp_path)
    assert dump(lean_db) == dump(portable_db) == dump(before) | {"undoentry": dump(lean_db)["undoentry"]}


def test_the_fast_path_prints_what_the_full_command_prints(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    good, bad, countries = tmp_path / "csrankings.csv", tmp_path / "bad.csv", tmp_path / "country-info.csv"
    write_csv(good, ROWS)
    bad.write_text(FACULTY + ",KAIST,,\n", encoding="utf-8")
    countries.write_text(COUNTRIES, encoding="utf-8")
    printed = []
    for args in ([str(good), "--dry-run"], [str(good)], [str(good), f"--countries={countries}"], [str(bad)]):
        lean_db, full_db = new_database(tmp_path / "lean.db"), new_database(tmp_path / "full.db")
        capsys.readouterr()
        status = faculty_file.dispatch(["--db", str(lean_db), "import", "faculty", *args])
        out, err = capsys.readouterr()
        full = Cli(full_db)("import", "faculty", *args)
        assert (status, out, err) == (full.exit_code, full.stdout, full.stderr)
        assert dump(lean_db).keys() == dump(full_db).keys()
        assert {t: len(rows) for t, rows in dump(lean_db).items()} == {t: len(r) for t, r in dump(full_db).items()}
        printed.append((status, out, err))
        lean_db.unlink()
        full_db.unlink()
    assert [p[0] for p in printed] == [0, 0, 0, 2]
    assert "Dry run, nothing written: 8 rows: 7 would be added" in printed[0][1]
    assert '"#NAME?"' in printed[1][2] and "organizations given a country" in printed[2][1]
    assert printed[3][2].startswith("error: 1 bad row in") and "line 16: the name is empty" in printed[3][2]


@pytest.mark.parametrize("argv", [
    ["import", "faculty"], ["import", "faculty", "a.csv", "--help"], ["import", "faculty", "a.csv", "--force"],
    ["import", "faculty", "a.csv", "b.csv"], ["import", "csv", "a.csv"], ["--db"], ["import", "faculty", "--countries"],
])
def test_the_fast_path_leaves_what_it_does_not_know_to_the_full_command(argv: list[str]) -> None:
    assert faculty_file.parse(argv, {}) is None


def test_the_fast_path_leaves_a_missing_file_and_a_new_database_to_the_full_command(tmp_path: Path) -> None:
    file = write_csv(tmp_path / "f.csv", ROWS)
    assert faculty_file.dispatch(["--db", str(tmp_path / "new.db"), "import", "faculty", str(file)]) is None
    assert not (tmp_path / "new.db").exists()
    db = new_database(tmp_path / "t.db")
    assert faculty_file.dispatch(["--db", str(db), "import", "faculty", str(tmp_path / "nope.csv")]) is None
    assert faculty_file.dispatch(["--db", str(db), "import", "faculty", str(file), "--countries", "x.csv"]) is None


def test_the_console_script_imports_faculty_without_typer_or_sqlalchemy(tmp_path: Path) -> None:
    db, file = new_database(tmp_path / "t.db"), write_csv(tmp_path / "f.csv", ROWS)
    probe = ("import sys; sys.argv = ['tracker', '--db', sys.argv[1], 'import', 'faculty', sys.argv[2]]\n"
             "from tracker.entry import main\ntry:\n    main()\nexcept SystemExit as done:\n"
             "    print(done.code, sorted(m for m in ('sqlalchemy', 'sqlmodel', 'typer', 'rich') if m in sys.modules),"
             " file=sys.stderr)")
    found = subprocess.run([sys.executable, "-c", probe, str(db), str(file)], capture_output=True, text=True,
                           check=True, env={**os.environ, "COLUMNS": "200"})
    assert found.stderr.splitlines()[-1] == "0 []"
    assert "✓ Imported faculty: 8 rows: 7 added" in found.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (7,)
