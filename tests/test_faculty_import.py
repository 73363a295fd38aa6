"""`tracker import faculty`: a CSRankings-style directory as professors, re-importable, all or nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import TODAY, Cli, table_counts
from tracker.domain.errors import TrackerError
from tracker.io.faculty import FacultyImportFailed, import_faculty
from tracker.store.models import Organization, Person
from tracker.store import Store
from tracker.store.writes.records import add_person
from tracker.store.queries.search import person_ids_matching

HEADER = ["name", "affiliation", "homepage", "scholarid"]
UCLA = "Wei Wang, University of California - Los Angeles"
UNSW = "Wei Wang, University of New South Wales"
ROWS = [
    ["A. Aldo Faisal", "Imperial College London", "https://www.imperial.ac.uk/people/a.faisal", "WjHjbrwAAAAJ"],
    ["Wei Wang 0001", "University of California - Los Angeles", "http://web.cs.ucla.edu/~weiwang", "UedS9LQAAAAJ"],
    ["Wei Wang 0002", "University of New South Wales", "https://www.cse.unsw.edu.au/~weiw", "NOSCHOLARPAGE"],
    ["Jürgen Müller", "TU München", "https://www.tum.de/~mueller", "mUeLLeR_x-1J"],
    ["김영훈", "KAIST", "https://kaist.ac.kr/~kim", "NOSCHOLARPAGE"],
    ["A. Min Tjoa", "TU Wien", "http://www.ifs.tuwien.ac.at/tjoa", "x8qCMhcAAAAJ"],
    ["A Min Tjoa", "TU Wien", "http://www.ifs.tuwien.ac.at/tjoa", "x8qCMhcAAAAJ"],  # another spelling
    ["Abraham Silberschatz", "Yale University", "http://www.cs.yale.edu/~avi", "#NAME?"],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def people(store: Store) -> dict[str, tuple[str | None, str | None, str | None, str]]:
    """name (with the organization when two share it) -> (organization, homepage, external_id, role)."""
    with store.read() as session:
        query = (select(Person.name, Organization.name, Person.homepage, Person.external_id, Person.role)
                 .outerjoin(Organization, Organization.id == Person.organization_id))
        rows = session.execute(query).all()
    names = [r[0] for r in rows]
    return {(r[0] if names.count(r[0]) == 1 else f"{r[0]}, {r[1]}"): (r[1], r[2], r[3], r[4]) for r in rows}


def test_a_directory_becomes_professors_at_their_organizations(store: Store, tmp_path: Path) -> None:
    report = import_faculty(store, write_csv(tmp_path / "csrankings.csv", ROWS), today=TODAY)
    assert (report.rows, report.added, report.updated, report.unchanged, report.merged) == (8, 7, 0, 0, 1)
    assert report.organizations == 7
    found = people(store)
    assert set(found) == {"A. Aldo Faisal", UCLA, UNSW, "Jürgen Müller", "김영훈", "A. Min Tjoa", "Abraham Silberschatz"}
    assert found[UCLA] == ("University of California - Los Angeles", "http://web.cs.ucla.edu/~weiwang",
                           "scholar:UedS9LQAAAAJ", "professor")  # DBLP's number is not shown
    assert found[UNSW][2] is None and found["김영훈"][:2] == ("KAIST", "https://kaist.ac.kr/~kim")
    assert found["Jürgen Müller"][2] == "scholar:mUeLLeR_x-1J"
    assert found["Abraham Silberschatz"][2] is None
    assert [line for line, _ in report.odd_ids] == [9]
    with store.read() as session:
        assert len(person_ids_matching(session, "müller")) == 1
        assert len(person_ids_matching(session, "영훈")) == 1
        assert len(person_ids_matching(session, "tu w")) == 1


def test_extra_columns_in_any_order_are_ignored(store: Store, tmp_path: Path) -> None:
    header = ["scholarid", "Name", "dblp", "Affiliation", "region", "homepage"]
    rows = [[r[3], r[0], f"https://dblp.org/pid/{i}", r[1], "world", r[2]] for i, r in enumerate(ROWS[:3])]
    report = import_faculty(store, write_csv(tmp_path / "wide.csv", rows, header), today=TODAY)
    assert report.added == 3 and report.ignored == ["dblp", "region"]
    assert people(store)[UCLA][1:3] == ("http://web.cs.ucla.edu/~weiwang", "scholar:UedS9LQAAAAJ")


def test_importing_again_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    import_faculty(store, write_csv(tmp_path / "v1.csv", ROWS), today=TODAY)
    before = people(store)
    changed = [row[:] for row in ROWS]
    changed[1][2] = "https://weiwang.example.org"  # new homepage, same Scholar id
    changed[3][1] = "ETH Zürich"  # moved, same Scholar id
    changed[4][2] = "https://kaist.ac.kr/~yhkim"  # no Scholar id: matched by name and organization
    changed.append(["Aarti Gupta", "Princeton University", "https://www.cs.princeton.edu/~aartig", "S_jYB2sAAAAJ"])
    report = import_faculty(store, write_csv(tmp_path / "v2.csv", changed), today=TODAY)
    assert (report.added, report.updated, report.unchanged) == (1, 3, 4)
    after = people(store)
    assert len(after) == len(before) + 1
    assert after[UCLA][1] == "https://weiwang.example.org"
    assert after["Jürgen Müller"][0] == "ETH Zürich"
    assert after["김영훈"][1] == "https://kaist.ac.kr/~yhkim"
    with store.read() as session:
        assert person_ids_matching(session, "zürich") and not person_ids_matching(session, "tu münchen")


def test_someone_added_by_hand_is_found_and_gets_the_scholar_id(store: Store, tmp_path: Path) -> None:
    with store.write() as session:
        add_person(session, name="wei wang", role="writer", organization="University of California - Los Angeles",
                   notes="my letter writer", added_on=TODAY)
    report = import_faculty(store, write_csv(tmp_path / "f.csv", ROWS[1:2]), today=TODAY)
    assert (report.added, report.updated) == (0, 1)
    assert people(store)["wei wang"] == ("University of California - Los Angeles",  # keeps the name typed
                                         "http://web.cs.ucla.edu/~weiwang", "scholar:UedS9LQAAAAJ", "writer")


def test_a_bad_row_writes_nothing_and_every_bad_line_is_named(store: Store, tmp_path: Path, db_path: Path) -> None:
    rows = [row[:] for row in ROWS]
    rows[2][0] = " "  # line 4: no name
    rows[5] = rows[5] + ["an extra cell"]  # line 7
    path = write_csv(tmp_path / "bad.csv", rows)
    before = table_counts(db_path)
    with pytest.raises(FacultyImportFailed) as failed:
        import_faculty(store, path, today=TODAY)
    assert [line for line, _ in failed.value.problems] == [4, 7]
    assert "the name is empty" in str(failed.value) and "5 cells where the header has 4" in str(failed.value)
    assert table_counts(db_path) == before


def test_a_file_without_the_affiliation_column_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [["Wei Wang", "x"]], header=["name", "homepage"])
    with pytest.raises(TrackerError, match='no "affiliation" column'):
        import_faculty(store, path, today=TODAY)


def test_progress_is_reported_as_rows_are_written(store: Store, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    import_faculty(store, write_csv(tmp_path / "f.csv", ROWS), today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 7) and calls[-1] == (7, 7)


def test_the_cyclic_collector_is_off_while_the_import_works_and_on_after(store: Store, tmp_path: Path) -> None:
    """30,000 rows make some 200,000 objects and no cycle: the collector would walk them for nothing (0.1 s of a
    30,000-row import in a process that imports again and again, as the TUI can). It is on again after, also when the file is refused."""
    import gc

    collecting: list[bool] = []
    import_faculty(store, write_csv(tmp_path / "f.csv", ROWS), today=TODAY,
                   progress=lambda done, total: collecting.append(gc.isenabled()))
    assert collecting and not any(collecting) and gc.isenabled()
    with pytest.raises(FacultyImportFailed):
        import_faculty(store, write_csv(tmp_path / "bad.csv", [["", "MIT", "", ""]]), today=TODAY)
    assert gc.isenabled()


# --- the command ---------------------------------------------------------------------------------------


def test_the_command_imports_and_summarizes(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "csrankings.csv", ROWS)
    result = cli("import", "faculty", str(path))
    assert result.exit_code == 0, result.output
    assert "8 rows: 7 added, 0 updated, 0 unchanged" in result.stdout
    assert "1 other spelling or affiliation merged" in result.stdout and "7 organizations added" in result.stdout
    assert '"#NAME?"' in result.stderr and "Importing" not in result.stdout  # no progress bar when piped
    listed = cli.json("list", "people", "--search", "wang")
    assert [(p["name"], p["organization"]) for p in listed] == [  # type: ignore[index]
        ("Wei Wang", "University of California - Los Angeles"), ("Wei Wang", "University of New South Wales")]
    again = cli("import", "faculty", str(path))
    assert again.exit_code == 0 and "0 added, 0 updated, 7 unchanged" in again.stdout


def test_the_command_dry_run_writes_nothing(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    cli.ok("list", "people")
    before = table_counts(db_path)
    result = cli("import", "faculty", str(write_csv(tmp_path / "f.csv", ROWS)), "--dry-run")
    assert result.exit_code == 0 and "Dry run, nothing written: 8 rows: 7 would be added" in result.stdout
    assert table_counts(db_path) == before


def test_the_command_reports_a_bad_file_with_exit_status_2(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    cli.ok("list", "people")
    before = table_counts(db_path)
    bad = write_csv(tmp_path / "bad.csv", [ROWS[0], ["", "Yale University", "", ""]])
    result = cli("import", "faculty", str(bad))
    assert result.exit_code == 2
    assert "1 bad row" in result.stderr and "line 3: the name is empty" in result.stderr
    assert "nothing was imported" in result.stderr
    assert table_counts(db_path) == before
    missing = cli("import", "faculty", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "no file" in missing.stderr


def test_a_directory_without_accents_finds_the_organization_and_professor_that_have_them(cli: Cli,
                                                                                        tmp_path: Path) -> None:
    # CSRankings writes "Bogazici University"; the student typed it with its Turkish letters.
    cli.ok("add", "person", "Çağla Yılmaz", "--role", "professor", "--org", "Boğaziçi University")
    path = write_csv(tmp_path / "csrankings.csv", [
        ["Cagla Yilmaz", "Bogazici University", "https://www.cmpe.boun.edu.tr/~cagla", "NOSCHOLARPAGE"],
        ["Arzucan Ozgur", "Bogazici University", "https://www.cmpe.boun.edu.tr/~ozgur", "NOSCHOLARPAGE"]])
    result = cli("import", "faculty", str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows: 1 added, 1 updated, 0 unchanged" in result.stdout and "organizations added" not in result.stdout
    listed = {p["name"]: (p["organization"], p["homepage"]) for p in cli.json("list", "people")}  # type: ignore[index]
    assert listed == {"Çağla Yılmaz": ("Boğaziçi University", "https://www.cmpe.boun.edu.tr/~cagla"),
                      "Arzucan Ozgur": ("Boğaziçi University", "https://www.cmpe.boun.edu.tr/~ozgur")}


def test_a_directory_finds_the_professor_added_with_a_title(cli: Cli, tmp_path: Path) -> None:
    """Typed by hand as "Prof. Arzucan Özgür" (and "Doç. Dr. Çağla Yılmaz"); the directory says "Arzucan
    Ozgur" at the same university: the same people, updated, not a second of each."""
    cli.ok("add", "person", "Prof. Arzucan Özgür", "--role", "professor", "--org", "Boğaziçi University")
    cli.ok("add", "person", "Doç. Dr. Çağla Yılmaz", "--role", "professor", "--org", "Boğaziçi University")
    path = write_csv(tmp_path / "csrankings.csv", [
        ["Arzucan Ozgur", "Bogazici University", "https://www.cmpe.boun.edu.tr/~ozgur", "NOSCHOLARPAGE"],
        ["Cagla Yilmaz", "Bogazici University", "https://www.cmpe.boun.edu.tr/~cagla", "NOSCHOLARPAGE"]])
    result = cli("import", "faculty", str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows: 0 added, 2 updated, 0 unchanged" in result.stdout
    listed = {p["name"]: p["homepage"] for p in cli.json("list", "people")}  # type: ignore[index]
    assert listed == {"Prof. Arzucan Özgür": "https://www.cmpe.boun.edu.tr/~ozgur",
                      "Doç. Dr. Çağla Yılmaz": "https://www.cmpe.boun.edu.tr/~cagla"}


def test_a_directory_finds_a_given_name_written_with_or_without_its_hyphen(cli: Cli, tmp_path: Path) -> None:
    """Added by hand as "Prof. Kim Seo-yeon" and "Park Jiwon"; the directory writes "Kim Seoyeon" and "Park
    Ji-won" at the same university: the same two people, updated, not a second of each."""
    cli.ok("add", "person", "Prof. Kim Seo-yeon", "--role", "professor", "--org", "KAIST")
    cli.ok("add", "person", "Park Jiwon", "--role", "professor", "--org", "KAIST")
    path = write_csv(tmp_path / "csrankings.csv", [
        ["Kim Seoyeon", "KAIST", "https://vi.kaist.ac.kr/~seoyeon", "NOSCHOLARPAGE"],
        ["Park Ji-won", "KAIST", "https://kaist.ac.kr/~jiwon", "NOSCHOLARPAGE"]])
    result = cli("import", "faculty", str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows: 0 added, 2 updated, 0 unchanged" in result.stdout
    listed = {p["name"]: p["homepage"] for p in cli.json("list", "people")}  # type: ignore[index]
    assert listed == {"Prof. Kim Seo-yeon": "https://vi.kaist.ac.kr/~seoyeon", "Park Jiwon": "https://kaist.ac.kr/~jiwon"}
