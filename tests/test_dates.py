"""Dates, durations and zoned datetimes typed by people (tracker.domain.dates / tracker.domain.times).

Every test passes `today`/`now` explicitly; expected values are written out or computed with plain
date arithmetic here, never by calling the parser.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.domain.dates import (
    DateParseError,
    describe_due,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_when,
    resolve_zone,
    zone_label,
)

TODAY = date(2026, 11, 18)  # a Wednesday
NOW = datetime(2026, 11, 18, 9, 0, tzinfo=timezone.utc)  # 14:30 the same day in India
IST = ZoneInfo("Asia/Kolkata")
KST = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")


def fixed(hours: int, minutes: int = 0) -> timezone:
    """A fixed UTC offset; minutes carry the sign of hours."""
    return timezone(timedelta(hours=hours, minutes=minutes))


def days(n: int) -> date:
    """TODAY moved by n days."""
    return TODAY + timedelta(days=n)


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


# --- parse_datetime / parse_when -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01 14:00 KST", datetime(2026, 12, 1, 14, 0, tzinfo=KST)),
        ("2026-12-01 14:00 kst", datetime(2026, 12, 1, 14, 0, tzinfo=KST)),
        ("2026-12-01 14:00 Asia/Seoul", datetime(2026, 12, 1, 14, 0, tzinfo=KST)),
        ("2026-12-01 14:00 asia/seoul", datetime(2026, 12, 1, 14, 0, tzinfo=KST)),
        ("2026-12-01T14:00+09:00", datetime(2026, 12, 1, 14, 0, tzinfo=fixed(9))),
        ("2026-12-01 14:00 +09:00", datetime(2026, 12, 1, 14, 0, tzinfo=fixed(9))),
        ("2026-12-01 14:00 +0900", datetime(2026, 12, 1, 14, 0, tzinfo=fixed(9))),
        ("2026-12-01 14:00 -03:30", datetime(2026, 12, 1, 14, 0, tzinfo=fixed(-3, -30))),
        ("2026-12-01 14:00 UTC+05:30", datetime(2026, 12, 1, 14, 0, tzinfo=fixed(5, 30))),
        ("2026-12-01 2pm IST", datetime(2026, 12, 1, 14, 0, tzinfo=IST)),
        ("2026-12-01 2:30 p.m. ist", datetime(2026, 12, 1, 14, 30, tzinfo=IST)),
        ("2026-12-01 9:30am", datetime(2026, 12, 1, 9, 30, tzinfo=IST)),
        ("2026-12-01 12am", datetime(2026, 12, 1, 0, 0, tzinfo=IST)),
        ("2026-12-01 12pm", datetime(2026, 12, 1, 12, 0, tzinfo=IST)),
        ("2026-12-01 14:00:30", datetime(2026, 12, 1, 14, 0, 30, tzinfo=IST)),
        ("2026-12-01 noon", datetime(2026, 12, 1, 12, 0, tzinfo=IST)),
        ("2026-12-01 midnight", datetime(2026, 12, 1, 0, 0, tzinfo=IST)),
        ("tomorrow 10:00", datetime(2026, 11, 19, 10, 0, tzinfo=IST)),
        ("tomorrow at noon", datetime(2026, 11, 19, 12, 0, tzinfo=IST)),
        ("at 18:00", datetime(2026, 11, 18, 18, 0, tzinfo=IST)),
        ("18:00", datetime(2026, 11, 18, 18, 0, tzinfo=IST)),
        ("friday 15:30 SGT", datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("Asia/Singapore"))),
        ("next friday 9am KST", datetime(2026, 11, 20, 9, 0, tzinfo=KST)),
        ("in 2 days 8:00", datetime(2026, 11, 20, 8, 0, tzinfo=IST)),
        ("Dec 5 14:00 EST", datetime(2026, 12, 5, 14, 0, tzinfo=NEW_YORK)),
        ("5 Dec 2026 2 pm PST", datetime(2026, 12, 5, 14, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("2026-12-01T05:00:00Z", datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)),
        ("2026-12-01 05:00 UTC", datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)),
        ("2026-12-01 05:00 GMT", datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)),
        ("2026-12-01 14:00 CET", datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))),
        ("2026-12-01 14:00 Asia/Kathmandu", datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Asia/Kathmandu"))),
        ("2026-12-01 14:00 AEDT", datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Australia/Sydney"))),
    ],
)
def test_parse_datetime_accepts(text: str, expected: datetime) -> None:
    got = parse_datetime(text, now=NOW, default_tz=IST)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()
    assert got.tzinfo == expected.tzinfo  # the zone the person named is kept
    assert parse_when(text, now=NOW, default_tz=IST) == got


def test_abbreviation_follows_daylight_saving() -> None:
    summer = parse_datetime("2026-07-05 14:00 EST", now=NOW, default_tz=IST)
    winter = parse_datetime("2026-01-05 14:00 EST", now=NOW, default_tz=IST)
    assert summer.utcoffset() == timedelta(hours=-4)
    assert winter.utcoffset() == timedelta(hours=-5)


def test_relative_words_count_from_today_in_default_zone() -> None:
    late_utc = datetime(2026, 11, 18, 20, 0, tzinfo=timezone.utc)  # already 01:30 on the 19th in India
    got = parse_datetime("tomorrow 10:00", now=late_utc, default_tz=IST)
    assert got == datetime(2026, 11, 20, 10, 0, tzinfo=IST)
    assert parse_when("today", now=late_utc, default_tz=IST) == date(2026, 11, 19)
    assert parse_when("today", now=late_utc, default_tz=NEW_YORK) == date(2026, 11, 18)


def test_wall_time_in_dst_gap_moves_forward() -> None:
    got = parse_datetime("2026-03-08 02:30 America/New_York", now=NOW, default_tz=IST)
    assert got.astimezone(timezone.utc) == datetime(2026, 3, 8, 7, 30, tzinfo=timezone.utc)
    assert (got.hour, got.minute) == (3, 30)


def test_ambiguous_wall_time_takes_the_first_occurrence() -> None:
    got = parse_datetime("2026-11-01 01:30 America/New_York", now=NOW, default_tz=IST)
    assert got.astimezone(timezone.utc) == datetime(2026, 11, 1, 5, 30, tzinfo=timezone.utc)  # still EDT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("friday", date(2026, 11, 20)),
        ("in 2 weeks", date(2026, 12, 2)),
        ("Dec 5, 2026", date(2026, 12, 5)),
    ],
)
def test_parse_when_returns_plain_date_without_time(text: str, expected: date) -> None:
    got = parse_when(text, now=NOW, default_tz=IST)
    assert type(got) is date
    assert got == expected


def test_parse_datetime_wants_a_time_of_day() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_datetime("2026-12-01", now=NOW, default_tz=IST)
    message = str(caught.value)
    assert '"2026-12-01"' in message
    assert "give a time too, e.g. 2026-12-01 14:00 KST" in message


REJECTED_DATETIMES = [
    "2026-12-01 25:00",
    "2026-12-01 24:00",
    "2026-12-01 14:60",
    "2026-12-01 13pm",
    "2026-12-01 0am",
    "2026-12-01 14:00 am",
    "2026-12-01 14:00 XYZ",
    "2026-12-01 14:00 Mars/Base",
    "2026-12-01 14:00 Asia",
    "2026-12-01 14:00 +15:00",
    "2026-12-01 14:00 KST extra",
    "2026-02-30 14:00",
    "2026-12-01T14:00+09:00junk",
    "the 45th 10:00",
    "tomorrow 10",
    "14:00 tomorrow",
    "soon",
    "",
]


@pytest.mark.parametrize("text", REJECTED_DATETIMES)
def test_parse_datetime_and_parse_when_reject(text: str) -> None:
    for parse in (parse_datetime, parse_when):
        with pytest.raises(DateParseError) as caught:
            parse(text, now=NOW, default_tz=IST)
        message = str(caught.value)
        assert f'"{text}"' in message
        assert "2026-12-01 14:00 KST" in message
        assert "\n" not in message


def test_parse_datetime_names_the_unknown_zone() -> None:
    with pytest.raises(DateParseError, match=r'unknown time zone "XYZ"'):
        parse_datetime("2026-12-01 14:00 XYZ", now=NOW, default_tz=IST)


# --- zones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Asia/Seoul", KST),
        ("asia/seoul", KST),
        ("ASIA/KOLKATA", IST),
        ("KST", KST),
        ("ist", IST),
        ("EDT", NEW_YORK),
        ("BST", ZoneInfo("Europe/London")),
        ("NZST", ZoneInfo("Pacific/Auckland")),
        ("UTC", timezone.utc),
        ("Z", timezone.utc),
        ("+00:00", timezone.utc),
        ("+09:00", fixed(9)),
        ("+0900", fixed(9)),
        ("+09", fixed(9)),
        ("-05:00", fixed(-5)),
        ("GMT+5:30", fixed(5, 30)),
        (" Asia/Kathmandu ", ZoneInfo("Asia/Kathmandu")),
    ],
)
def test_resolve_zone(name: str, expected: tzinfo) -> None:
    assert resolve_zone(name) == expected


@pytest.mark.parametrize(
    "name", ["", "Mars/Base", "Asia", "XYZ", "+15:00", "+09:75", "zone.tab", "../etc/passwd", "/etc/passwd"]
)
def test_resolve_zone_rejects(name: str) -> None:
    with pytest.raises(DateParseError) as caught:
        resolve_zone(name)
    message = str(caught.value)
    assert f'"{name}"' in message
    assert "Asia/Kolkata" in message


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (datetime(2026, 12, 1, 14, tzinfo=KST), "KST"),
        (datetime(2026, 12, 1, 14, tzinfo=IST), "IST"),
        (datetime(2026, 12, 1, 14, tzinfo=timezone.utc), "UTC"),
        (datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("UTC")), "UTC"),
        (datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Asia/Kathmandu")), "+05:45"),
        (datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Asia/Singapore")), "+08:00"),
        (datetime(2026, 12, 1, 14, tzinfo=fixed(9)), "+09:00"),
        (datetime(2026, 12, 1, 14, tzinfo=fixed(-3, -30)), "-03:30"),
        (datetime(2026, 7, 1, 14, tzinfo=NEW_YORK), "EDT"),
        (datetime(2026, 1, 1, 14, tzinfo=NEW_YORK), "EST"),
        (datetime(2026, 7, 1, 14, tzinfo=ZoneInfo("Europe/Berlin")), "CEST"),
    ],
)
def test_zone_label(moment: datetime, label: str) -> None:
    assert zone_label(moment) == label


def test_zone_label_needs_an_aware_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        zone_label(datetime(2026, 12, 1, 14))


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
