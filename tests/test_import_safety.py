"""Imports are backed up before they write, and can be undone (CSV and faculty lists)."""

from __future__ import annotations

from pathlib import Path

from conftest import SQLITE_FILE, Cli, table_counts
from tracker.store.safety.backup import backups_dir

SHEET = "Professor,University,Date Emailed,Status\nProf. Kim Minsoo,GIST,2026-08-03,No reply\n"
FACULTY = "name,affiliation,homepage,scholarid\nAda Lovelace,University of London,https://ada.example,ADA123\n"


@SQLITE_FILE  # the backup file beside the database
def test_a_csv_import_backs_up_first_and_can_be_undone(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "person", "Dr. Ananya Rao", "--role", "writer", "--org", "VIT Vellore")
    before = table_counts(cli.db)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    cli.ok("import", "csv", str(sheet))
    copies = list(backups_dir(cli.db).glob("*before-import*.db"))
    assert len(copies) == 1
    assert [p["name"] for p in Cli(copies[0]).json("list", "people")] == ["Dr. Ananya Rao"]  # the state before
    cli.ok("undo", "--yes")
    after = table_counts(cli.db)
    records = ("person", "organization", "opportunity", "interaction", "stagechange")
    assert {k: after[k] for k in records} == {k: before[k] for k in records}


def test_a_dry_run_or_a_bad_file_makes_no_backup(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "person", "Dr. Ananya Rao", "--role", "writer")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    cli.ok("import", "csv", str(sheet), "--dry-run")
    bad = tmp_path / "bad.csv"
    bad.write_text(SHEET + "Dr. Lee,KAIST,the 45th,Emailed\n", encoding="utf-8")
    assert cli("import", "csv", str(bad)).exit_code == 2
    assert not list(backups_dir(cli.db).glob("*before-import*.db"))


@SQLITE_FILE  # the backup file beside the database
def test_a_faculty_import_can_be_undone(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "person", "Dr. Ananya Rao", "--role", "writer")
    faculty = tmp_path / "csrankings.csv"
    faculty.write_text(FACULTY, encoding="utf-8")
    cli.ok("import", "faculty", str(faculty))
    assert "Ada Lovelace" in [p["name"] for p in cli.json("list", "people")]
    assert list(backups_dir(cli.db).glob("*before-import*.db"))
    cli.ok("undo", "--yes")
    assert [p["name"] for p in cli.json("list", "people")] == ["Dr. Ananya Rao"]
