"""Dates, durations and zoned datetimes typed by people (tracker.domain.dates / tracker.domain.times).

Every test passes `today`/`now` explicitly; expected values are written out or computed with plain
date arithmetic here, never by calling the parser.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from date_cases import TODAY, days

from tracker.domain.dates import (
    DateParseError,
    describe_due,
    parse_date,
    parse_duration,
)


def test_reference_today_is_a_wednesday() -> None:
    assert TODAY.weekday() == 2


# --- parse_date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates
        ("2026-12-05", date(2026, 12, 5)),
        ("2026-1-5", date(2026, 1, 5)),
        ("2026/12/05", date(2026, 12, 5)),
        ("2028-02-29", date(2028, 2, 29)),
        ("Dec 5", date(2026, 12, 5)),
        ("dec. 5", date(2026, 12, 5)),
        ("Dec 5th", date(2026, 12, 5)),
        ("5 Dec", date(2026, 12, 5)),
        ("1st march", date(2026, 3, 1)),
        ("December 5 2026", date(2026, 12, 5)),
        ("Dec 5, 2026", date(2026, 12, 5)),
        ("Dec 5,2027", date(2027, 12, 5)),
        ("5 December 2026", date(2026, 12, 5)),
        ("Sept 3", date(2026, 9, 3)),
        ("sep 3 2025", date(2025, 9, 3)),
        ("  DEC   5  ", date(2026, 12, 5)),
        # named days
        ("today", TODAY),
        ("TODAY", TODAY),
        ("tomorrow", days(1)),
        ("yesterday", days(-1)),
        # weekdays (TODAY is a Wednesday)
        ("friday", days(2)),
        ("fri", days(2)),
        ("Friday", days(2)),
        ("next friday", days(2)),
        ("last friday", days(-5)),
        ("this friday", days(2)),
        ("wednesday", days(7)),
        ("wed", days(7)),
        ("next wednesday", days(7)),
        ("last wednesday", days(-7)),
        ("this wednesday", days(0)),
        ("thursday", days(1)),
        ("tues", days(6)),
        ("mon", days(5)),
        ("sun", days(4)),
        ("this tuesday", days(6)),
        ("last thursday", days(-6)),
        # offsets
        ("+3d", days(3)),
        ("-3d", days(-3)),
        ("3d", days(3)),
        ("+ 3 days", days(3)),
        ("10 days", days(10)),
        ("2w", days(14)),
        ("+2w", days(14)),
        ("1wk", days(7)),
        ("1mo", date(2026, 12, 18)),
        ("-2mo", date(2026, 9, 18)),
        ("+1y", date(2027, 11, 18)),
        ("2 yrs", date(2028, 11, 18)),
        ("in 3 days", days(3)),
        ("in 2 weeks", days(14)),
        ("in 1 month", date(2026, 12, 18)),
        ("in a month", date(2026, 12, 18)),
        ("in one year", date(2027, 11, 18)),
        ("3 days ago", days(-3)),
        ("2 weeks ago", days(-14)),
        ("a week ago", days(-7)),
        ("an year ago", date(2025, 11, 18)),
        ("3d ago", days(-3)),
        ("next week", days(7)),
        ("last week", days(-7)),
        ("next month", date(2026, 12, 18)),
        ("last month", date(2026, 10, 18)),
        ("next year", date(2027, 11, 18)),
        ("+0d", TODAY),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("1mo", date(2026, 1, 31), date(2026, 2, 28)),
        ("1mo", date(2028, 1, 31), date(2028, 2, 29)),
        ("+1y", date(2028, 2, 29), date(2029, 2, 28)),
        ("next month", date(2026, 3, 31), date(2026, 4, 30)),
        ("1 month ago", date(2026, 3, 31), date(2026, 2, 28)),
        ("Dec 5", date(2031, 6, 1), date(2031, 12, 5)),
        ("friday", date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_parse_date_calendar_edges(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today=today) == expected


REJECTED_DATES = [
    "the 45th",
    "2026-02-30",
    "2027-02-29",
    "2026-13-01",
    "2026-00-10",
    "Dec 32",
    "feb 30 2026",
    "soon",
    "next blursday",
    "5",
    "+5",
    "2026-12-05 x",
    "dec 5 please",
    "2026-12-05T10:00",
    "12/05/2026",
    "05-12-2026",
    "1899-12-31",
    "2201-01-01",
    "+3000y",
    "-200y",
    "5m",
    "in days",
    "3 days from now",
    "friday next",
    "next",
    "+-3d",
    "fri-day",
    "dec 52026",
]


@pytest.mark.parametrize("text", REJECTED_DATES)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, today=TODAY)
    message = str(caught.value)
    assert f'"{text}"' in message
    assert "2026-12-05" in message and "in 3 days" in message  # names what is accepted
    assert "\n" not in message


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_date_rejects_empty(text: str) -> None:
    with pytest.raises(DateParseError, match="nothing given"):
        parse_date(text, today=TODAY)


def test_parse_date_error_message_matches_spec() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("the 45th", today=TODAY)
    assert str(caught.value) == (
        "can't read \"the 45th\" as a date; use 2026-12-05, Dec 5, today, tomorrow, friday, "
        "next friday, +3d, 2w, in 3 days, 3 days ago"
    )


def test_parse_date_says_why_when_it_can() -> None:
    with pytest.raises(DateParseError, match=r"no such day"):
        parse_date("2026-02-30", today=TODAY)
    with pytest.raises(DateParseError, match=r"year must be between 1900 and 2200"):
        parse_date("+300y", today=TODAY)


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


# --- parse_duration ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_days"),
    [
        ("7", 7),
        ("7d", 7),
        ("7 days", 7),
        ("1 day", 1),
        ("2w", 14),
        ("2 weeks", 14),
        ("1 week", 7),
        ("a week", 7),
        ("1mo", 30),
        ("1 month", 30),
        ("2 months", 60),
        ("1y", 365),
        ("+3d", 3),
        ("0d", 0),
        ("0", 0),
        (" 10 DAYS ", 10),
    ],
)
def test_parse_duration_accepts(text: str, expected_days: int) -> None:
    assert parse_duration(text) == timedelta(days=expected_days)


@pytest.mark.parametrize(
    "text", ["-3d", "-1", "x", "3x", "d", "3 days ago", "1.5d", "5m", "a", "in 3 days", "2w3d"]
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert f'"{text}"' in message
    assert "7d, 2w, 10 days, 1mo" in message


def test_parse_duration_says_negative() -> None:
    with pytest.raises(DateParseError, match="negative"):
        parse_duration("-3d")


def test_parse_duration_rejects_empty() -> None:
    with pytest.raises(DateParseError, match="nothing given"):
        parse_duration("")


# --- describe_due --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (3, "in 3 days"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (20, "in 2 weeks"),
        (21, "in 3 weeks"),
        (365, "in 52 weeks"),
        (-2, "2 days overdue"),
        (-3, "3 days overdue"),
        (-13, "13 days overdue"),
        (-14, "2 weeks overdue"),
        (-30, "4 weeks overdue"),
    ],
)
def test_describe_due(offset: int, text: str) -> None:
    assert describe_due(days(offset), today=TODAY) == text
