"""A month and day typed without a year: the next one for fields that look ahead, this year's for the rest.

"Jan 15" typed in November as a deadline is next January, not ten months ago (shown as 44 weeks
overdue); a message "sent Aug 3" stays this August. One parser, `parse_date(..., ahead=True)`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from conftest import Cli, db_rows
from form_helpers import TODAY, notifications, open_form, rows, run, save, seeded_db, type_text  # noqa: F401
from tracker.domain.dates import parse_date, parse_datetime, parse_when

OCTOBER = date(2026, 10, 20)


# --- the parser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "behind", "ahead"),
    [
        ("Jan 15", OCTOBER, date(2026, 1, 15), date(2027, 1, 15)),
        ("15 jan", OCTOBER, date(2026, 1, 15), date(2027, 1, 15)),
        ("Oct 20", OCTOBER, OCTOBER, OCTOBER),  # today is today, not next year
        ("Oct 19", OCTOBER, date(2026, 10, 19), date(2027, 10, 19)),
        ("Dec 5", OCTOBER, date(2026, 12, 5), date(2026, 12, 5)),
        ("Jan 15, 2026", OCTOBER, date(2026, 1, 15), date(2026, 1, 15)),  # a year given is kept
        ("Feb 29", date(2026, 3, 1), None, date(2028, 2, 29)),  # the next one there is
        ("Feb 29", date(2028, 1, 10), date(2028, 2, 29), date(2028, 2, 29)),
        ("+3d", OCTOBER, date(2026, 10, 23), date(2026, 10, 23)),
        ("3 days ago", OCTOBER, date(2026, 10, 17), date(2026, 10, 17)),
    ],
)
def test_month_day_without_year(text: str, today: date, behind: date | None, ahead: date) -> None:
    assert parse_date(text, today=today, ahead=True) == ahead
    if behind is not None:
        assert parse_date(text, today=today) == behind


def test_no_such_day_is_still_refused_ahead() -> None:
    from tracker.domain.dates import DateParseError

    with pytest.raises(DateParseError, match="no such day"):
        parse_date("Feb 30", today=OCTOBER, ahead=True)


def test_datetimes_and_deadlines_look_ahead_too() -> None:
    now = datetime(2026, 10, 20, 9, 0, tzinfo=timezone.utc)
    seoul = ZoneInfo("Asia/Seoul")
    assert parse_datetime("Jan 12 14:00 KST", now=now, default_tz=seoul, ahead=True) == datetime(
        2027, 1, 12, 14, 0, tzinfo=seoul)
    assert parse_datetime("Jan 12 14:00 KST", now=now, default_tz=seoul).year == 2026
    assert parse_when("Jan 10", now=now, default_tz=seoul, ahead=True) == date(2027, 1, 10)
    assert parse_when("Jan 10 23:59 EST", now=now, default_tz=seoul, ahead=True).date() == date(2027, 1, 10)


# --- the CLI (today pinned to 2026-11-22) ------------------------------------------------------------


def test_cli_deadline_without_year_is_the_next_one(cli: Cli) -> None:
    result = cli.ok("add", "opportunity", "DAAD WISE", "--kind", "program", "--deadline", "Jan 15")
    assert "deadline Fri 2027-01-15" in result.stdout
    cli.ok("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--deadline", "Jan 10 23:59 EST")
    assert db_rows(cli.db, "SELECT title, deadline FROM opportunity ORDER BY title") == [
        ("DAAD WISE", "2027-01-15"), ("GIST CV Lab summer", "2027-01-10")]
    agenda = cli.ok("remind", "--within", "8w").stdout
    assert "DAAD WISE" in agenda and "in 7 weeks" in agenda
    assert "overdue" not in agenda and "passed" not in agenda


def test_cli_offer_interview_reminder_and_snooze_look_ahead(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--org", "GIST")
    cli.ok("add", "interview", "GIST", "--at", "Jan 12 14:00 KST")
    assert db_rows(cli.db, "SELECT at FROM interview") == [("2027-01-12 05:00:00.000000",)]
    result = cli.ok("add", "offer", "GIST", "--on", "Nov 20", "--respond-by", "Jan 5", "--start", "Jun 1",
                    "--end", "Aug 15")
    assert "respond by 2027-01-05" in result.stdout
    assert db_rows(cli.db, 'SELECT received_on, respond_by, start, "end" FROM offer') == [
        ("2026-11-20", "2027-01-05", "2027-06-01", "2027-08-15")]
    cli.ok("add", "reminder", "Ask about housing", "--on", "Feb 1")
    assert db_rows(cli.db, "SELECT due FROM reminder") == [("2027-02-01",)]
    (item,) = [r for r in cli.json("remind", "--within", "8w") if r["kind"] == "offer"]  # type: ignore[union-attr]
    cli.ok("snooze", item["id"], "--until", "Jan 3")
    assert db_rows(cli.db, "SELECT snoozed_until FROM reminderstate") == [("2027-01-03",)]


def test_cli_dates_that_look_back_keep_this_year(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "person", "Dr. Ananya Rao", "--role", "writer", "--org", "VIT Vellore")
    cli.ok("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--org", "GIST")
    cli.ok("log", "email", "--to", "Kim", "--opportunity", "GIST", "--on", "Aug 3")
    cli.ok("move", "GIST", "applied", "--on", "Oct 1")
    cli.ok("letter", "GIST", "--writer", "Rao", "--status", "alerted", "--on", "Sep 30")
    assert db_rows(cli.db, 'SELECT "on" FROM interaction') == [("2026-08-03",)]
    assert ("contacted", "applied", "2026-10-01") in db_rows(cli.db, "SELECT from_stage, to_stage, changed_on "
                                                                    "FROM stagechange")
    assert db_rows(cli.db, "SELECT alerted_on FROM letterrequest") == [("2026-09-30",)]


# --- the TUI forms (today pinned to 2026-11-22) ---------------------------------------------------


def preview(form: Any, key: str) -> str:
    return str(form.widget(key).query_one(".date-preview").render())


def test_tui_deadline_without_year_is_the_next_one(seeded_db: Path) -> None:
    from tracker.tui.forms.opportunity_form import OpportunityForm

    assert TODAY == date(2026, 11, 22)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "Rapid Object Search Lab")
        form.widget("deadline").focus()
        await type_text(pilot, "Jan 15")
        assert preview(form, "deadline") == "Fri 2027-01-15 · in 7 weeks"
        await save(pilot)
        assert pilot.app.screen is not form
        assert any("Rapid Object Search Lab" in n for n in notifications(pilot.app))

    run(seeded_db, test)
    assert rows(seeded_db, "SELECT deadline FROM opportunity WHERE title = 'Rapid Object Search Lab'") == [
        ("2027-01-15",)]


def test_tui_offer_answer_date_looks_ahead_and_arrival_looks_back(seeded_db: Path) -> None:
    from tracker.tui.forms.offer_form import OfferForm

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OfferForm("GIST"))
        await pilot.press("ctrl+u")
        await type_text(pilot, "Nov 20")
        await pilot.press("tab")
        await type_text(pilot, "Jan 5")
        assert preview(form, "respond_by") == "Tue 2027-01-05 · in 6 weeks"
        await save(pilot)
        assert pilot.app.screen is not form

    run(seeded_db, test)
    assert rows(seeded_db, "SELECT received_on, respond_by FROM offer") == [("2026-11-20", "2027-01-05")]


def test_tui_snooze_until_a_day_without_year_is_the_next_one() -> None:
    from tracker.tui.forms.snooze import read_until

    assert read_until("Jan 3", today=TODAY) == date(2027, 1, 3)  # was refused: "not Sat 03 Jan 2026"
