"""Times that cannot mean what they say are refused, where they are typed: `tracker add interview --at`
and the TUI's date field. Accepted ones are echoed as understood, with their zone's abbreviation.

(The parser's own tests are in test_times.py; these check what a person sees.)
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.app import App, ComposeResult

from conftest import Cli, table_counts
from tracker.tui.widgets.date_input import DateInput

GAP = "2027-03-14 02:30 America/New_York"
GAP_MESSAGE = ('"2027-03-14 02:30 America/New_York" does not exist: on Sun 2027-03-14 the clocks in New York go from '
               "02:00 straight to 03:00 (daylight saving time starts); did you mean 03:30 EDT?")
SUMMER_EST = "2027-07-01 14:00 EST"
SUMMER_EST_MESSAGE = ('"2027-07-01 14:00 EST": EST is UTC-05:00, but New York is on EDT (UTC-04:00) on Thu 2027-07-01; '
                      "write 14:00 EDT for the time in New York, or 14:00 -05:00")


@pytest.fixture
def lab(cli: Cli) -> Cli:
    cli.ok("add", "opportunity", "Vision Lab", "--kind", "outreach")
    return cli


@pytest.mark.parametrize(("at", "message"), [(GAP, GAP_MESSAGE), (SUMMER_EST, SUMMER_EST_MESSAGE)])
def test_add_interview_refuses_a_time_that_cannot_mean_what_it_says(at: str, message: str, lab: Cli) -> None:
    before = table_counts(lab.db)
    result = lab("add", "interview", "Vision Lab", "--at", at)
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"
    assert table_counts(lab.db) == before


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("2027-03-14 03:30 America/New_York", "on Sun 2027-03-14 03:30 EDT (13:00 IST your time)"),
        ("2027-07-01 14:00 EDT", "on Thu 2027-07-01 14:00 EDT (23:30 IST your time)"),
        ("2027-07-01 14:00 -05:00", "on Thu 2027-07-01 14:00 -05:00 (00:30 IST your time)"),
        ("2026-11-01 01:30 EST", "on Sun 2026-11-01 01:30 EST (12:00 IST your time)"),  # the second 01:30
    ],
)
def test_add_interview_says_what_it_understood(at: str, said: str, lab: Cli) -> None:
    lab.ok("profile", "--timezone", "Asia/Kolkata")
    result = lab.ok("add", "interview", "Vision Lab", "--at", at)
    assert result.stdout == f'✓ Interview for "Vision Lab" {said}\n'


class _Field(App[None]):
    zone = ZoneInfo("Asia/Kolkata")

    def today(self) -> date:
        return date(2026, 11, 22)

    def now(self) -> datetime:
        return datetime(2026, 11, 22, 6, 30, tzinfo=timezone.utc)

    def compose(self) -> ComposeResult:
        yield DateInput(mode="datetime")


async def _preview(text: str) -> tuple[str, bool]:
    app = _Field()
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        field.input.focus()
        await pilot.press(*text)
        await pilot.pause()
        shown: Any = field.query_one(".date-preview").render()
        return str(shown), field.has_class("-invalid")


@pytest.mark.parametrize(
    ("text", "shown", "invalid"),
    [
        (GAP, GAP_MESSAGE, True),
        (SUMMER_EST, SUMMER_EST_MESSAGE, True),
        ("2027-07-01 14:00 EDT", "Thu 2027-07-01 14:00 EDT · Thu 23:30 IST your time · in 31 weeks", False),
    ],
)
def test_the_tui_date_field_shows_what_it_understood_as_it_is_typed(text: str, shown: str, invalid: bool) -> None:
    import asyncio

    assert asyncio.run(_preview(text)) == (shown, invalid)
