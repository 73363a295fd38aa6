"""`tracker profile --calendar-file PATH`: an .ics file kept up to date after every change, written
atomically and readable by its owner only."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli

TODAY = date(2026, 11, 22)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def kept(tmp_path: Path) -> tuple[Cli, Path]:
    cli = Cli(tmp_path / "t.db", today=TODAY)
    path = tmp_path / "cal" / "tracker.ics"
    path.parent.mkdir()
    result = cli.ok("profile", "--calendar-file", str(path))
    assert str(path) in result.stdout
    return cli, path


def test_setting_the_file_writes_it_private(kept: tuple[Cli, Path]) -> None:
    cli, path = kept
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert mode(path) == 0o600
    assert cli.json("profile")["calendar_file"] == str(path)  # type: ignore[index]


def test_every_change_rewrites_it_and_a_read_leaves_it(kept: tuple[Cli, Path]) -> None:
    cli, path = kept
    cli.ok("add", "opportunity", "Mitacs Globalink", "--kind", "program", "--org", "Mitacs",
           "--deadline", "2026-12-15 23:59 America/Vancouver")
    assert "SUMMARY:Deadline: Mitacs Globalink" in path.read_text(encoding="utf-8")
    assert mode(path) == 0o600
    before = path.stat()
    cli.ok("list", "opportunities")
    cli.ok("remind")
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino
    cli.ok("move", "mitacs", "withdrawn")  # closed: its deadline leaves the calendar
    assert "Mitacs" not in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["tracker.ics"]  # no temporary file left behind


def test_a_csv_import_keeps_it_too(kept: tuple[Cli, Path], tmp_path: Path) -> None:
    from tracker.entry import csv_files as io_fastpath

    cli, path = kept
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Program,Deadline\r\nDAAD WISE,12/15/2026\r\n", encoding="utf-8")
    # The console script's fast path leaves such an import to the full command, which writes the file.
    assert io_fastpath.dispatch(["--db", str(cli.db), "import", "csv", str(sheet), "--what", "opportunities"]) is None
    cli.ok("import", "csv", str(sheet), "--what", "opportunities")
    assert "SUMMARY:Deadline: DAAD WISE" in path.read_text(encoding="utf-8")


def test_bad_paths_are_one_line_and_an_empty_one_stops_it(kept: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, path = kept
    for bad, why in ((tmp_path / "nowhere" / "x.ics", "does not exist"), (tmp_path, "is a directory"),
                     (tmp_path / "cal.txt", "does not end in .ics")):
        result = cli("profile", "--calendar-file", str(bad))
        assert result.exit_code == 2 and why in result.stderr and len(result.stderr.splitlines()) == 1
    assert cli.json("profile")["calendar_file"] == str(path)  # type: ignore[index]
    cli.ok("profile", "--calendar-file", "")
    assert cli.json("profile")["calendar_file"] is None  # type: ignore[index]
    before = path.stat().st_mtime_ns
    cli.ok("add", "opportunity", "SURF", "--kind", "program", "--org", "Caltech", "--deadline", "2027-01-10")
    assert path.stat().st_mtime_ns == before


def test_a_file_that_cannot_be_written_is_a_warning_after_the_change(kept: tuple[Cli, Path]) -> None:
    cli, path = kept
    path.unlink()
    path.mkdir()  # something else took its place: the change stands, the calendar is not written
    result = cli("add", "opportunity", "SURF", "--kind", "program", "--org", "Caltech", "--deadline", "2027-01-10")
    assert result.exit_code == 0 and "warning: the calendar file was not written" in result.stderr
    assert "Traceback" not in result.output
    assert [o["title"] for o in cli.json("list", "opportunities")] == ["SURF"]  # type: ignore[index]
    assert [p.name for p in path.parent.iterdir()] == ["tracker.ics"]


def test_the_tui_keeps_it_after_its_writes(kept: tuple[Cli, Path]) -> None:
    import asyncio

    from tui_helpers import make_app, settle
    from tracker.store.writes.records import add_opportunity

    cli, path = kept

    async def scenario() -> None:
        app = make_app(cli.db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.write(lambda session: add_opportunity(session, title="KAIST summer", kind="program",
                                                      organization="KAIST", deadline=date(2027, 2, 1), on=TODAY)
                      and None)
            await settle(pilot, lambda: "KAIST summer" in path.read_text(encoding="utf-8"))

    asyncio.run(scenario())
    assert mode(path) == 0o600


def test_a_restore_brings_the_calendar_back_with_the_data(kept: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, path = kept
    cli.ok("add", "opportunity", "DAAD WISE", "--kind", "program", "--deadline", "2026-12-15")
    backup = tmp_path / "before.db"
    cli.ok("backup", "-o", str(backup))
    cli.ok("move", "daad", "withdrawn")  # closed: its deadline leaves the calendar
    assert "DAAD WISE" not in path.read_text(encoding="utf-8")
    cli.ok("restore", str(backup), "--yes")
    assert "SUMMARY:Deadline: DAAD WISE" in path.read_text(encoding="utf-8")
