"""Zoned datetimes and time zones typed by people (tracker.domain.times), with an explicit `now`.

Every test passes `today`/`now` explicitly; expected values are written out or computed with plain
date arithmetic here, never by calling the parser.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from date_cases import IST, KST, NEW_YORK, NOW, fixed

from tracker.domain.dates import (
    DateParseError,
    parse_datetime,
    parse_when,
    resolve_zone,
    zone_label,
)

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


def test_an_abbreviation_is_taken_when_the_date_agrees_with_it() -> None:
    winter = parse_datetime("2026-01-05 14:00 EST", now=NOW, default_tz=IST)
    summer = parse_datetime("2026-07-05 14:00 EDT", now=NOW, default_tz=IST)
    assert (winter.utcoffset(), winter.tzinfo) == (timedelta(hours=-5), NEW_YORK)
    assert (summer.utcoffset(), summer.tzinfo) == (timedelta(hours=-4), NEW_YORK)
    assert parse_datetime("2026-07-05 14:00 BST", now=NOW, default_tz=IST).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-07-01 14:00 EST", '"2027-07-01 14:00 EST": EST is UTC-05:00, but New York is on EDT (UTC-04:00) '
                                 'on Thu 2027-07-01; write 14:00 EDT for the time in New York, or 14:00 -05:00'),
        ("2027-01-15 9am PDT", '"2027-01-15 9am PDT": PDT is UTC-07:00, but Los Angeles is on PST (UTC-08:00) '
                               'on Fri 2027-01-15; write 09:00 PST for the time in Los Angeles, or 09:00 -07:00'),
        ("2027-07-01 14:00 CET", '"2027-07-01 14:00 CET": CET is UTC+01:00, but Berlin is on CEST (UTC+02:00) '
                                 'on Thu 2027-07-01; write 14:00 CEST for the time in Berlin, or 14:00 +01:00'),
        ("2027-01-15 10:00 BST", '"2027-01-15 10:00 BST": BST is UTC+01:00, but London is on GMT (UTC+00:00) '
                                 'on Fri 2027-01-15; write 10:00 GMT for the time in London, or 10:00 +01:00'),
    ],
)
def test_an_abbreviation_the_date_contradicts_is_refused_with_both_readings(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as raised:
        parse_datetime(text, now=NOW, default_tz=IST)
    assert str(raised.value) == message
    with pytest.raises(DateParseError):
        parse_when(text, now=NOW, default_tz=IST)


def test_relative_words_count_from_today_in_default_zone() -> None:
    late_utc = datetime(2026, 11, 18, 20, 0, tzinfo=timezone.utc)  # already 01:30 on the 19th in India
    got = parse_datetime("tomorrow 10:00", now=late_utc, default_tz=IST)
    assert got == datetime(2026, 11, 20, 10, 0, tzinfo=IST)
    assert parse_when("today", now=late_utc, default_tz=IST) == date(2026, 11, 19)
    assert parse_when("today", now=late_utc, default_tz=NEW_YORK) == date(2026, 11, 18)


def test_a_wall_time_the_clocks_skip_is_refused_naming_the_gap() -> None:
    with pytest.raises(DateParseError) as raised:
        parse_datetime("2027-03-14 02:30 America/New_York", now=NOW, default_tz=IST)
    assert str(raised.value) == (
        '"2027-03-14 02:30 America/New_York" does not exist: on Sun 2027-03-14 the clocks in New York go from '
        "02:00 straight to 03:00 (daylight saving time starts); did you mean 03:30 EDT?")
    with pytest.raises(DateParseError, match="the clocks in Berlin go from 02:00 straight to 03:00"):
        parse_when("tomorrow 2:15", now=datetime(2027, 3, 27, 12, tzinfo=timezone.utc),
                   default_tz=ZoneInfo("Europe/Berlin"))  # the default zone too
    with pytest.raises(DateParseError, match="did you mean 03:30 EDT"):
        parse_when("2027-03-14 02:30 EST", now=NOW, default_tz=IST)
    edge = parse_datetime("2027-03-14 03:00 America/New_York", now=NOW, default_tz=IST)
    assert edge.astimezone(timezone.utc) == datetime(2027, 3, 14, 7, 0, tzinfo=timezone.utc)


def test_ambiguous_wall_time_takes_the_first_occurrence_unless_the_abbreviation_says() -> None:
    got = parse_datetime("2026-11-01 01:30 America/New_York", now=NOW, default_tz=IST)
    assert got.astimezone(timezone.utc) == datetime(2026, 11, 1, 5, 30, tzinfo=timezone.utc)  # still EDT
    first = parse_datetime("2026-11-01 01:30 EDT", now=NOW, default_tz=IST)
    second = parse_datetime("2026-11-01 01:30 EST", now=NOW, default_tz=IST)
    assert first.astimezone(timezone.utc) == datetime(2026, 11, 1, 5, 30, tzinfo=timezone.utc)
    assert second.astimezone(timezone.utc) == datetime(2026, 11, 1, 6, 30, tzinfo=timezone.utc)
    assert (zone_label(first), zone_label(second)) == ("EDT", "EST")


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
        (datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Asia/Kathmandu")), "NPT"),
        (datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Asia/Singapore")), "SGT"),
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


def test_zones_show_by_their_usual_name_even_where_the_tz_data_has_none() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tracker.domain.times import parse_datetime, zone_label

    for zone, name in (("Asia/Singapore", "SGT"), ("Asia/Kuala_Lumpur", "MYT"), ("Asia/Dubai", "GST"),
                       ("Asia/Seoul", "KST"), ("Asia/Kolkata", "IST"), ("Europe/Istanbul", "TRT")):
        moment = datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo(zone))
        assert zone_label(moment) == name
        again = parse_datetime(f"2026-12-01 14:00 {name}", now=moment, default_tz=ZoneInfo("UTC"))
        assert again == moment  # what is shown reads back as the same instant


def test_an_instant_is_shown_in_the_zone_it_was_arranged_in_when_this_machine_knows_it() -> None:
    from tracker.domain.times import arranged_in

    at = datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc)
    seoul = arranged_in(at, "Asia/Seoul")
    assert seoul is not None and (seoul.hour, seoul.utcoffset().total_seconds()) == (15, 9 * 3600)
    assert arranged_in(at, "KST") == seoul
    assert arranged_in(at, None) is None and arranged_in(at, "") is None
    assert arranged_in(at, "Mars/Olympus_Mons") is None  # a zone this machine does not know
