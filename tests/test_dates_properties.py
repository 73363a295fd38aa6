"""Dates, durations and zoned datetimes typed by people (tracker.domain.dates / tracker.domain.times).

Every test passes `today`/`now` explicitly; expected values are written out or computed with plain
date arithmetic here, never by calling the parser.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from date_cases import IST, NOW, TODAY
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.domain.dates import (
    DateParseError,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_when,
    resolve_zone,
)

# --- properties ----------------------------------------------------------------------------------

MID_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
WEEKDAY_NAMES = [
    (name, index)
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue"),
            ("wednesday", "wed"),
            ("thursday", "thu"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
]


@given(d=MID_DATES, today=st.dates())
def test_iso_dates_round_trip(d: date, today: date) -> None:
    assert parse_date(d.isoformat(), today=today) == d
    assert parse_date(d.strftime("%Y/%m/%d"), today=today) == d


@given(today=MID_DATES, n=st.integers(min_value=0, max_value=3000))
def test_day_offsets(today: date, n: int) -> None:
    assert parse_date(f"+{n}d", today=today) == today + timedelta(days=n)
    assert parse_date(f"{n}d", today=today) == today + timedelta(days=n)
    assert parse_date(f"in {n} days", today=today) == today + timedelta(days=n)
    assert parse_date(f"-{n}d", today=today) == today - timedelta(days=n)
    assert parse_date(f"{n} days ago", today=today) == today - timedelta(days=n)


@given(today=MID_DATES, n=st.integers(min_value=0, max_value=400))
def test_week_offsets(today: date, n: int) -> None:
    assert parse_date(f"+{n}w", today=today) == today + timedelta(days=7 * n)
    assert parse_date(f"{n} weeks ago", today=today) == today - timedelta(days=7 * n)


@given(today=MID_DATES, day=st.sampled_from(WEEKDAY_NAMES), prefix=st.sampled_from(["", "next ", "NEXT "]))
def test_weekday_lands_one_to_seven_days_ahead(today: date, day: tuple[str, int], prefix: str) -> None:
    name, index = day
    got = parse_date(prefix + name, today=today)
    assert 1 <= (got - today).days <= 7
    assert got.weekday() == index


@given(today=MID_DATES, day=st.sampled_from(WEEKDAY_NAMES))
def test_last_and_this_weekday(today: date, day: tuple[str, int]) -> None:
    name, index = day
    last = parse_date(f"last {name}", today=today)
    this = parse_date(f"this {name}", today=today)
    assert 1 <= (today - last).days <= 7 and last.weekday() == index
    assert 0 <= (this - today).days <= 6 and this.weekday() == index


@given(n=st.integers(min_value=0, max_value=99_999))
def test_duration_days_and_weeks(n: int) -> None:
    assert parse_duration(f"{n}d").days == n
    assert parse_duration(f"{n}").days == n
    assert parse_duration(f"{n}w") == timedelta(days=7 * n)


def _check_any_text(text: str) -> None:
    """Each parser returns the right type or raises DateParseError with a one-line message."""
    calls = [
        (lambda: parse_date(text, today=TODAY), date),
        (lambda: parse_duration(text), timedelta),
        (lambda: parse_datetime(text, now=NOW, default_tz=IST), datetime),
        (lambda: parse_when(text, now=NOW, default_tz=IST), date),
        (lambda: resolve_zone(text), tzinfo),
    ]
    for call, kind in calls:
        try:
            value = call()
        except DateParseError as err:
            assert "\n" not in str(err)
        else:
            assert isinstance(value, kind)
            if isinstance(value, datetime):
                assert value.utcoffset() is not None


@settings(deadline=None, max_examples=300)
@given(text=st.text())
def test_any_text_parses_or_raises_date_parse_error(text: str) -> None:
    _check_any_text(text)


WORDS = [
    "2026-12-05", "2026-02-30", "9999-12-31", "Dec", "5", "5th", "45th", ",", "2026", "today", "friday",
    "next", "last", "this", "in", "ago", "a", "+3d", "-3d", "999999y", "3", "d", "mo", "weeks", "14:00",
    "25:00", "2pm", "13pm", "12:00:60", "noon", "at", "T", "KST", "Asia/Seoul", "asia/seoul", "Asia",
    "+09:00", "+99:99", "Z", "UTC+5:30", "America/New_York", "am", "p.m.", "2026-12-01T05:00:00Z",
]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(text=st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join))
def test_grammar_like_text_parses_or_raises_date_parse_error(text: str) -> None:
    _check_any_text(text)


ROUND_TRIP_ZONES = ["Asia/Kolkata", "Asia/Seoul", "Asia/Kathmandu", "America/New_York", "Europe/London",
                    "Australia/Sydney", "UTC"]  # fmt: skip


@given(
    instant=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2150, 12, 31)),
    key=st.sampled_from(ROUND_TRIP_ZONES),
)
def test_zoned_datetime_round_trips(instant: datetime, key: str) -> None:
    zone = ZoneInfo(key)
    moment = instant.replace(second=0, microsecond=0, tzinfo=timezone.utc).astimezone(zone)
    # The text "01:30 America/New_York" on the night clocks go back names two instants; it means the first.
    assume(moment.fold == 0 or moment.utcoffset() == moment.replace(fold=0).utcoffset())
    got = parse_datetime(f"{moment:%Y-%m-%d %H:%M} {key}", now=NOW, default_tz=IST)
    assert got.astimezone(timezone.utc) == moment.astimezone(timezone.utc)
    assert got.tzinfo is (timezone.utc if key == "UTC" else zone)  # "UTC" is read as timezone.utc
