"""The exports of Huntr, JobSync and LinkedIn (Connections.csv) are recognized by their header, without --map.

The files are written by hand in the shape of each export; the people and postings are made up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import Cli

HUNTR = (
    "title,companyName,listName,url,location,deadline,createdAt,lastMovedAt\r\n"
    "Research Intern,DeepMind,Applied,https://example.org/jobs/1,London,2026-12-01,"
    "2026-10-01T09:00:00.000Z,2026-10-15T10:00:00.000Z\r\n"
    "Research Intern,Microsoft Research,Wishlist,,Redmond,,2026-10-02T09:00:00.000Z,2026-10-02T09:00:00.000Z\r\n"
    "AI Resident,Google,Interview,https://example.org/jobs/3,Zurich,,2026-09-20T09:00:00.000Z,"
    "2026-11-02T09:00:00.000Z\r\n"
)
JOBSYNC = (
    "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,Location,JobSource,Status\r\n"
    "1,2026-10-01,Yes,2026-10-03,Adobe Research,Research Scientist Intern,Full Time,Hybrid,San Jose,LinkedIn,Applied\r\n"
    "2,2026-10-05,No,N/A,Sony AI,Research Intern,Unknown,N/A,N/A,Company Website,Draft\r\n"
    "3,2026-09-01,Yes,2026-09-10,NVIDIA,Research Intern,Full Time,Remote,N/A,Referral,Interview\r\n"
)
CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman-example,,Carnegie Mellon University,PhD Student,03 Sep 2026\r\n"
    "Jonas,Weber,https://www.linkedin.com/in/jonas-weber-example,jonas@example.org,ETH Zurich,"
    "Postdoctoral Researcher,20 Nov 2026\r\n"
    "Lena,Fischer,https://www.linkedin.com/in/lena-fischer-example,,Acme GmbH,Product Manager,01 Oct 2026\r\n"
)


def imported(tmp_path: Path, name: str, text: str, *args: str) -> tuple[Cli, Any]:
    cli = Cli(tmp_path / "t.db")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli.ok("import", "csv", str(path), *args)
    return cli, result


def by(rows: Any, key: str) -> dict[str, Any]:
    return {row[key]: row for row in rows}


def test_a_huntr_export_becomes_postings_with_their_lists_as_stages(tmp_path: Path) -> None:
    cli, result = imported(tmp_path, "huntr.csv", HUNTR)
    assert "warning" not in result.output  # every column read
    rows = by(cli.json("list", "opportunities"), "title")
    assert set(rows) == {"Research Intern, DeepMind", "Research Intern, Microsoft Research", "AI Resident, Google"}
    deepmind = rows["Research Intern, DeepMind"]
    assert (deepmind["kind"], deepmind["organization"], deepmind["stage"], deepmind["deadline"], deepmind["url"],
            deepmind["notes"]) == ("posting", "DeepMind", "applied", "2026-12-01", "https://example.org/jobs/1",
                                   "Location: London")
    assert rows["Research Intern, Microsoft Research"]["stage"] == "shortlisted"
    history = cli.json("show", "AI Resident")["history"]  # type: ignore[index]
    assert [(h["date"], h["to"]) for h in history] == [("2026-09-20", "shortlisted"), ("2026-11-02", "interviewing")]


def test_a_jobsync_export_reads_its_n_a_as_nothing(tmp_path: Path) -> None:
    cli, result = imported(tmp_path, "jobsync.csv", JOBSYNC)
    assert "warning" not in result.output
    rows = by(cli.json("list", "opportunities"), "title")
    adobe = rows["Research Scientist Intern, Adobe Research"]
    assert (adobe["stage"], adobe["applied_on"], adobe["notes"]) == (
        "applied", "2026-10-03", "Location: San Jose; Source: LinkedIn; Type: Full Time; Workplace: Hybrid")
    sony = rows["Research Intern, Sony AI"]
    assert (sony["stage"], sony["applied_on"], sony["notes"]) == (
        "shortlisted", None, "Source: Company Website; Type: Unknown")
    assert rows["Research Intern, NVIDIA"]["stage"] == "interviewing"


def test_linkedin_connections_become_people_with_their_profiles(tmp_path: Path) -> None:
    cli, result = imported(tmp_path, "Connections.csv", CONNECTIONS)
    assert "3 people added" in result.output and "warning" not in result.output
    people = by(cli.json("list", "people"), "name")
    assert set(people) == {"Priya Raman", "Jonas Weber", "Lena Fischer"}
    weber = people["Jonas Weber"]
    assert (weber["role"], weber["organization"], weber["email"], weber["linkedin"]) == (
        "postdoc", "ETH Zurich", "jonas@example.org", "https://www.linkedin.com/in/jonas-weber-example")
    assert people["Priya Raman"]["role"] == "phd-student"
    assert (people["Lena Fischer"]["role"], people["Lena Fischer"]["notes"]) == ("researcher", "Position: Product Manager")


@pytest.mark.parametrize(("name", "text"), [("huntr.csv", HUNTR), ("jobsync.csv", JOBSYNC),
                                            ("Connections.csv", CONNECTIONS)])
def test_importing_an_export_again_adds_nothing(tmp_path: Path, name: str, text: str) -> None:
    cli, _ = imported(tmp_path, name, text)
    again = cli.ok("import", "csv", str(tmp_path / name))
    assert "nothing added" in again.output


def test_the_fast_path_reads_them_the_same_way(tmp_path: Path) -> None:
    from csv_lean_helpers import dump, import_both_ways

    for name, text in (("huntr.csv", HUNTR), ("jobsync.csv", JOBSYNC), ("Connections.csv", CONNECTIONS)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        portable, lean, portable_db, lean_db = import_both_ways(None, path, None, folder)  # type: ignore[arg-type]
        assert lean == portable and dump(lean_db) == dump(portable_db)


def test_saying_what_the_file_is_wins(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "t.db")
    path = tmp_path / "jobsync.csv"
    path.write_text(JOBSYNC, encoding="utf-8")
    result = cli("import", "csv", str(path), "--what", "people")
    assert result.exit_code == 2 and "has no name column" in result.stderr
