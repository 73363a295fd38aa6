"""Spreadsheet dates: the forms Excel, Google Sheets and LibreOffice write, read per column; errors name their column."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from conftest import TODAY, Cli, table_counts
from tracker.io.csv_import import ImportFailed, import_csv
from tracker.io.date_cells import DAY_FIRST, MONTH_FIRST, iso_text, read_day
from tracker.store.models import Interaction, Opportunity
from tracker.store import Store

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
IST = timezone(timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(("cell", "order", "day"), [
    ("11/20/2026", None, date(2026, 11, 20)),
    ("20/11/2026", None, date(2026, 11, 20)),
    ("20.11.2026", None, date(2026, 11, 20)),
    ("3.8.2026", None, date(2026, 8, 3)),  # dots: always day-first
    ("20-Nov-26", None, date(2026, 11, 20)),
    ("20-Nov-2026", None, date(2026, 11, 20)),
    ("2026-11-20 14:03:11", None, date(2026, 11, 20)),
    ("11/20/2026 14:03:11", None, date(2026, 11, 20)),
    ("11/20/2026 2:03 PM", None, date(2026, 11, 20)),
    ("2026.11.20", None, date(2026, 11, 20)),
    ("46346", None, date(2026, 11, 20)),  # Excel's serial number
    ("46346.59", None, date(2026, 11, 20)),
    ("11/20/26", None, date(2026, 11, 20)),
    ("03/08/2026", DAY_FIRST, date(2026, 8, 3)),
    ("03/08/2026", MONTH_FIRST, date(2026, 3, 8)),
    ("03/03/2026", None, date(2026, 3, 3)),  # the same either way
    ("2026-11-20T20:00:00.000Z", None, date(2026, 11, 21)),  # an instant: its day in the user's zone (IST)
    ("Aug 10, 2026", None, date(2026, 8, 10)),
])
def test_spreadsheet_date_forms_are_read(cell: str, order: str | None, day: date) -> None:
    assert read_day(cell, order=order, today=TODAY, now=NOW, zone=IST) == day


@pytest.mark.parametrize("cell", ["31/02/2026", "20/11/2026 99:00", "123", "the 45th"])
def test_impossible_dates_are_errors(cell: str) -> None:
    from tracker.domain.dates import DateParseError
    from tracker.domain.errors import InvalidInput

    with pytest.raises((InvalidInput, DateParseError)):
        read_day(cell, order=DAY_FIRST, today=TODAY, now=NOW, zone=IST)


def test_a_deadline_keeps_its_time_and_reads_its_date_part_the_same_way() -> None:
    assert iso_text("12/01/2026 23:59 PST", MONTH_FIRST) == "2026-12-01 23:59 PST"
    assert iso_text("01.12.2026 23:59", None) == "2026-12-01 23:59"


def write(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(store: Store, path: Path, **kwargs: Any) -> Any:
    return import_csv(store, path, today=TODAY, now=NOW, zone=timezone.utc, **kwargs)


def days(store: Store) -> list[date]:
    with store.read() as s:
        return list(s.exec(select(Interaction.on).order_by(Interaction.on)).all())


def test_a_column_with_a_day_over_12_first_is_day_first(store: Store, tmp_path: Path) -> None:
    run(store, write(tmp_path, "Name,Date Emailed\r\nKim,03/08/2026\r\nRao,20/08/2026\r\n"))
    assert days(store) == [date(2026, 8, 3), date(2026, 8, 20)]


def test_a_column_with_a_day_over_12_second_is_month_first(store: Store, tmp_path: Path) -> None:
    run(store, write(tmp_path, "Name,Date Emailed,Follow-up Date\r\nKim,03/08/2026,20.03.2026\r\n"
                               "Rao,08/20/2026,\r\n"))
    assert days(store) == [date(2026, 3, 8), date(2026, 8, 20)]
    with store.read() as s:  # the other column decides for itself (dots: day-first)
        assert s.exec(select(Interaction.follow_up_on).where(Interaction.on == date(2026, 3, 8))).one() == \
            date(2026, 3, 20)


def test_a_column_that_cannot_decide_names_itself_and_the_options(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Date Emailed,Status\r\nKim,03/08/2026,Emailed\r\nRao,04/09/2026,Emailed\r\n")
    with pytest.raises(ImportFailed) as caught:
        run(store, path)
    message = str(caught.value)
    assert 'column "Date Emailed" has dates such as "03/08/2026"' in message
    assert "--dayfirst" in message and "--monthfirst" in message
    assert days(store) == []
    run(store, path, order=MONTH_FIRST)
    assert days(store) == [date(2026, 3, 8), date(2026, 4, 9)]


def test_a_column_written_both_ways_is_refused(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Date\r\nKim,20/11/2026\r\nRao,11/21/2026\r\n")
    with pytest.raises(ImportFailed, match=r'column "Date" has dates written day-first \("20/11/2026"\) and '
                                           r'month-first \("11/21/2026"\)'):
        run(store, path)


def test_the_cli_takes_dayfirst_and_monthfirst(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "t.db")
    path = write(tmp_path, "Name,Date Emailed\r\nKim,03/08/2026\r\n")
    refused = cli("import", "csv", str(path))
    assert refused.exit_code == 2 and 'column "Date Emailed"' in refused.stderr and "Traceback" not in refused.output
    assert cli("import", "csv", str(path), "--dayfirst", "--monthfirst").exit_code == 2
    cli.ok("import", "csv", str(path), "--dayfirst")
    assert cli.json("list", "log")[0]["date"] == "2026-08-03"  # type: ignore[index]


def test_a_failed_import_lists_the_columns_it_ignored(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "t.db")
    cli.ok("profile", "--name", "Student")
    before = table_counts(cli.db)
    path = write(tmp_path, "Name,Datum,Universität,Status,Notizen\r\nAnna Schmidt,01.10.2026,TU Berlin,Emailed,x\r\n")
    result = cli("import", "csv", str(path))
    assert result.exit_code == 2
    assert 'line 2: no date (no column holds the date); a row at stage "contacted"' in result.stderr
    assert 'ignored columns (not read): "Datum", "Universität", "Notizen"' in result.stderr
    assert table_counts(cli.db) == before


@pytest.mark.parametrize(("header", "cell", "column"), [
    ("Status", "maybe", "Status"),
    ("Role", "astronaut", "Role"),
    ("Channel", "pigeon", "Channel"),
    ("Follow-up Date", "someday", "Follow-up Date"),
])
def test_every_bad_cell_names_its_column(store: Store, tmp_path: Path, header: str, cell: str, column: str) -> None:
    path = write(tmp_path, f"Professor,Date Emailed,{header}\r\nKim,2026-08-03,{cell}\r\n")
    with pytest.raises(ImportFailed) as caught:
        run(store, path)
    assert caught.value.problems[0][1].startswith(f'column "{column}": ')


def test_an_opportunities_sheet_reads_us_deadlines_and_names_bad_ones(store: Store, tmp_path: Path) -> None:
    run(store, write(tmp_path, "Program,Deadline,Date Applied\r\nMitacs,12/15/2026 23:59 PST,11/20/2026\r\n"),
        what="opportunities")
    with store.read() as s:
        opp = s.exec(select(Opportunity)).one()
    assert (opp.deadline, opp.deadline_tz, opp.applied_on) == (date(2026, 12, 15), "America/Los_Angeles",
                                                               date(2026, 11, 20))
    with pytest.raises(ImportFailed, match='column "Deadline": '):
        run(store, write(tmp_path, "Program,Deadline\r\nDAAD,soonish\r\n"), what="opportunities")
