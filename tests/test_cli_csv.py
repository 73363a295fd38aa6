"""`tracker export csv` and `tracker import csv` through the real CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import Cli, table_counts

SHEET = (
    "Professor,University,Research Area,Email,Date Emailed,Status,Notes\n"
    "Prof. Kim Minsoo,GIST,Computer Vision,kim@gist.ac.kr,2026-08-03,No reply,cited his CVPR paper\n"
    "Tan Wei Ming,NTU Singapore,Object search,tan@ntu.edu.sg,2026-09-10,Replied,\"asked for CV, transcript\"\n"
)


def test_export_log_to_stdout_has_the_contract_header(demo_cli: Cli) -> None:
    out = demo_cli.ok("export", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["date", "channel", "direction", "person", "role", "organization", "lab", "opportunity",
                       "stage", "subject", "notes", "follow_up_due"]
    assert len(rows) == 41  # 40 demo interactions + header


def test_export_to_a_file_then_import_into_an_empty_database_round_trips(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo")
    first = tmp_path / "people.csv"
    assert "Exported 14 people rows" in cli.ok("export", "csv", "--what", "people", "-o", str(first)).stdout
    assert first.read_bytes().count(b"\r\n") == 15  # RFC 4180 line ends: header + 14 rows
    other = Cli(tmp_path / "other.db")
    other.ok("import", "csv", str(first), "--what", "people")
    second = tmp_path / "people2.csv"
    other.ok("export", "csv", "--what", "people", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_import_a_student_spreadsheet(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "outreach.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    out = cli.ok("import", "csv", str(sheet))
    assert "2 rows" in out.stdout
    opps = {o["contact"]: o for o in cli.json("list", "opportunities")}
    assert opps["Prof. Kim Minsoo"]["stage"] == "no-response"
    assert opps["Tan Wei Ming"]["stage"] == "replied"
    log = cli.json("list", "log")
    assert [(r["date"], r["person"]) for r in log] == [("2026-08-03", "Prof. Kim Minsoo"),
                                                       ("2026-09-10", "Tan Wei Ming")]


def test_dry_run_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "outreach.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    cli.ok("profile")
    before = table_counts(cli.db)
    out = cli.ok("import", "csv", str(sheet), "--dry-run")
    assert "would be added" in out.stdout
    assert table_counts(cli.db) == before


def test_bad_rows_are_all_reported_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(SHEET + "Dr. Lee,KAIST,NLP,lee@kaist.ac.kr,the 45th,Emailed,\n"
                     "Dr. Cho,POSTECH,RL,cho@postech.ac.kr,2026-10-01,maybe,\n", encoding="utf-8")
    cli.ok("profile")
    before = table_counts(cli.db)
    result = cli("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert "line 4" in result.stderr and "line 5" in result.stderr and "nothing was imported" in result.stderr
    assert table_counts(cli.db) == before


def test_map_names_an_unusual_column(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("Supervisor,Uni\nProf. Park Ji-won,KAIST\n", encoding="utf-8")
    cli.ok("import", "csv", str(sheet), "--what", "people", "--map", "Supervisor=name", "--map", "Uni=organization")
    assert [(p["name"], p["organization"]) for p in cli.json("list", "people")] == [("Prof. Park Ji-won", "KAIST")]


def test_bad_map_and_missing_file_exit_2(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("Name\nX\n", encoding="utf-8")
    assert cli("import", "csv", str(sheet), "--map", "Name").exit_code == 2
    assert cli("import", "csv", str(tmp_path / "missing.csv")).exit_code == 2
    assert cli("export", "csv", "-o", str(tmp_path / "no" / "dir.csv")).exit_code == 2


def test_a_spreadsheet_without_titles_finds_the_people_added_with_them(cli: Cli, tmp_path: Path) -> None:
    """Added by hand as "Prof. Kim Minsoo" and "Doç. Dr. Çağla Yılmaz"; the student's sheet says "Kim Minsoo"
    and "Cagla Yilmaz" (and a people list "Dr. Jürgen Müller" for the "Jürgen Müller" stored): the same
    people, no second ones."""
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "person", "Doç. Dr. Çağla Yılmaz", "--role", "professor", "--org", "Boğaziçi University")
    cli.ok("add", "person", "Jürgen Müller", "--role", "professor", "--org", "TU Darmstadt")
    sheet = tmp_path / "outreach.csv"
    sheet.write_text("Professor,University,Date Emailed,Status\n"
                     "Kim Minsoo,GIST,2026-09-01,No reply\n"
                     "Cagla Yilmaz,Bogazici University,2026-09-02,Replied\n", encoding="utf-8")
    assert "2 rows: 2 opportunities, 2 interactions added" in cli.ok("import", "csv", str(sheet)).stdout
    people = tmp_path / "people.csv"
    people.write_text("name,organization,email\nDr. Jürgen Müller,TU Darmstadt,mueller@tu-darmstadt.de\n",
                      encoding="utf-8")
    assert "1 person updated" in cli.ok("import", "csv", str(people), "--what", "people").stdout
    assert sorted(p["name"] for p in cli.json("list", "people")) == [
        "Doç. Dr. Çağla Yılmaz", "Jürgen Müller", "Prof. Kim Minsoo"]
    assert [(r["date"], r["person"]) for r in cli.json("list", "log")] == [
        ("2026-09-01", "Prof. Kim Minsoo"), ("2026-09-02", "Doç. Dr. Çağla Yılmaz")]


def test_a_spreadsheet_without_accents_finds_the_people_and_organizations_that_have_them(cli: Cli,
                                                                                       tmp_path: Path) -> None:
    # A sheet typed on a keyboard without Turkish letters names the professor added with them: the
    # import matches names as `tracker log --to` does (tracker.domain.name_match), not a second person.
    cli.ok("add", "person", "Prof. Çağla Yılmaz", "--role", "professor", "--org", "Boğaziçi University")
    sheet = tmp_path / "outreach.csv"
    sheet.write_text("Professor,University,Date Emailed,Status\n"
                     "Prof. Cagla Yilmaz,Bogazici University,2026-09-01,No reply\n"
                     "Prof. Jose Garcia,Universidad de Chile,2026-09-02,\n"
                     "Prof. José García,Universidad de Chile,2026-09-09,\n", encoding="utf-8")
    assert "3 rows: 1 person, 2 opportunities, 3 interactions added" in cli.ok("import", "csv", str(sheet)).stdout
    assert sorted(p["name"] for p in cli.json("list", "people")) == ["Prof. Jose Garcia", "Prof. Çağla Yılmaz"]
    assert [(r["date"], r["person"]) for r in cli.json("list", "log")] == [
        ("2026-09-01", "Prof. Çağla Yılmaz"), ("2026-09-02", "Prof. Jose Garcia"), ("2026-09-09", "Prof. Jose Garcia")]
    assert {(o["contact"], o["organization"]) for o in cli.json("list", "opportunities")} == {
        ("Prof. Çağla Yılmaz", "Boğaziçi University"), ("Prof. Jose Garcia", "Universidad de Chile")}
