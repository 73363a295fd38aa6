"""The iCalendar export: RFC 5545 text checked by a real parser (`icalendar`), on hand-made events,
on the demo season, and through `tracker export ics`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import TODAY, Cli
from tracker.io.ics import Event, calendar_text, escape_text, fold, sequence_for
from tracker.store import open_store
from tracker.store.views.calendar_view import calendar_events

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 11, 22, 6, 30, tzinfo=timezone.utc)


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def events_by_uid(text: str) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in parse(text).walk("VEVENT")}


def physical_lines(text: str) -> list[bytes]:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    return data[:-2].split(b"\r\n")


# --- the writer, on hand-made events ---------------------------------------------------------------


def test_text_values_are_escaped() -> None:
    assert escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"
    assert escape_text("line\r\nnext") == "line\\nnext"
    assert escape_text("\x1b[31mred") == "\\\\x1b[31mred"  # shown, never executed


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "SUMMARY:" + "서민준 Jürgen Müller, " * 20
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 3
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line  # unfolding gives the line back
    assert fold("SHORT:x") == "SHORT:x"


def test_special_characters_and_long_text_survive_a_real_parser() -> None:
    summary = 'Interview: Lab "Vision", GIST; room 3\\4 with 서민준'
    notes = "Bring slides;\nthree ideas, one demo.\n" + "Long notes about the paper " * 12
    text = calendar_text([Event(uid="x-1@tracker", summary=summary, start=date(2026, 12, 1), description=notes)],
                         now=NOW)
    lines = physical_lines(text)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long description was not folded"
    event = events_by_uid(text)["x-1@tracker"]
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == notes


def test_all_day_and_timed_events_with_their_zones() -> None:
    interview = datetime(2026, 12, 1, 14, 0, tzinfo=SEOUL)
    spring = datetime(2027, 3, 20, 9, 30, tzinfo=NEW_YORK)  # after the clocks changed
    offset = datetime(2026, 12, 2, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    events = [
        Event(uid="day@tracker", summary="Deadline", start=date(2026, 12, 5)),
        Event(uid="seoul@tracker", summary="Interview", start=interview, end=interview + timedelta(hours=1),
              tz="Asia/Seoul"),
        Event(uid="ny@tracker", summary="Call", start=spring, tz="America/New_York"),
        Event(uid="offset@tracker", summary="Offset", start=offset, tz="+05:30"),
        Event(uid="utc@tracker", summary="No zone", start=offset),
    ]
    text = calendar_text(events, now=NOW)
    found = events_by_uid(text)
    assert set(found) == {e.uid for e in events}

    day = found["day@tracker"]
    assert day.decoded("DTSTART") == date(2026, 12, 5)
    assert day.decoded("DTEND") == date(2026, 12, 6)
    assert "DTSTART;VALUE=DATE:20261205" in text

    seoul = found["seoul@tracker"]
    assert seoul["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert seoul.decoded("DTSTART") == interview and seoul.decoded("DTSTART").hour == 14
    assert seoul.decoded("DTEND") == interview + timedelta(hours=1)
    assert "DTSTART;TZID=Asia/Seoul:20261201T140000" in text

    ny = found["ny@tracker"]
    assert ny["DTSTART"].params["TZID"] == "America/New_York"
    assert ny.decoded("DTSTART").utcoffset() == timedelta(hours=-4)
    assert ny.decoded("DTSTART") == spring

    for uid in ("offset@tracker", "utc@tracker"):  # fixed offsets and no zone: the UTC instant
        assert found[uid].decoded("DTSTART") == offset
        assert found[uid].decoded("DTSTART").utcoffset() == timedelta(0)
    assert "DTSTART:20261202T043000Z" in text

    zones = {str(z["TZID"]) for z in parse(text).walk("VTIMEZONE")}
    assert zones == {"Asia/Seoul", "America/New_York"}, "one VTIMEZONE per TZID used, no more"


def test_generated_vtimezone_matches_the_zone_database_at_each_change() -> None:
    """Read our VTIMEZONE alone (not the parser's own copy of the zone) and compare offsets."""
    start = datetime(2026, 10, 1, 9, 0, tzinfo=NEW_YORK)
    text = calendar_text([Event(uid="a@tracker", summary="a", start=start, tz="America/New_York")], now=NOW)
    component = next(z for z in parse(text).walk("VTIMEZONE") if str(z["TZID"]) == "America/New_York")
    ours = component.to_tz(lookup_tzid=False)
    assert not isinstance(ours, ZoneInfo)
    changes = [datetime(2025, 3, 9, 7), datetime(2025, 11, 2, 6), datetime(2026, 3, 8, 7),
               datetime(2026, 11, 1, 6), datetime(2027, 3, 14, 7), datetime(2027, 11, 7, 6)]  # UTC
    moments = [c.replace(tzinfo=timezone.utc) + timedelta(minutes=m) for c in changes for m in (-1, 0, 1)]
    moments += [datetime(2025, 1, 1, 12, tzinfo=timezone.utc) + timedelta(days=d) for d in range(3 * 365)]
    for moment in moments:
        assert moment.astimezone(ours).utcoffset() == moment.astimezone(NEW_YORK).utcoffset(), moment
    names = {str(sub["TZNAME"]) for sub in component.subcomponents}
    assert names == {"EST", "EDT"}


def test_the_repeated_hour_when_clocks_go_back_is_written_in_utc() -> None:
    second = datetime(2026, 11, 1, 6, 30, tzinfo=timezone.utc)  # 01:30 EST, the second 01:30 that night
    assert second.astimezone(NEW_YORK).fold == 1
    text = calendar_text([Event(uid="f@tracker", summary="f", start=second, tz="America/New_York")], now=NOW)
    assert "DTSTART:20261101T063000Z" in text
    assert events_by_uid(text)["f@tracker"].decoded("DTSTART") == second


def test_stamp_sequence_and_calendar_properties() -> None:
    text = calendar_text([Event(uid="a@tracker", summary="a", start=date(2026, 12, 1))], now=NOW)
    cal = parse(text)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//tracker//")
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTAMP") == NOW
    assert int(event["SEQUENCE"]) == sequence_for(NOW)
    later = calendar_text([Event(uid="a@tracker", summary="a", start=date(2026, 12, 1))], now=NOW + timedelta(hours=1))
    assert int(parse(later).walk("VEVENT")[0]["SEQUENCE"]) == sequence_for(NOW) + 60


def test_duplicate_uids_and_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        calendar_text([Event(uid="a", summary="a", start=date(2026, 1, 1))] * 2, now=NOW)
    with pytest.raises(ValueError):
        Event(uid="a", summary="a", start=datetime(2026, 1, 1, 9))


def test_a_moment_is_its_first_minute_and_no_event_ends_as_it_starts() -> None:
    deadline = datetime(2026, 12, 1, 23, 59, tzinfo=ZoneInfo("America/Los_Angeles"))
    event = events_by_uid(calendar_text([Event(uid="d", summary="Deadline", start=deadline,
                                               tz="America/Los_Angeles")], now=NOW))["d"]
    assert event.decoded("DTSTART") == deadline
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=1)
    for end in (deadline, deadline - timedelta(minutes=5)):
        with pytest.raises(ValueError, match="must end after it starts"):
            Event(uid="x", summary="x", start=deadline, end=end)


# --- the demo season ---------------------------------------------------------------------------


def demo_events(db: Path) -> list[Event]:
    store = open_store(db)
    try:
        with store.read() as session:
            return calendar_events(session, today=TODAY, zone=KOLKATA)
    finally:
        store.close()


def test_demo_calendar_has_every_kind_of_event(demo_db: Path) -> None:
    from sqlalchemy import select

    from tracker.store.models import Interview, Offer, Opportunity

    events = demo_events(demo_db)
    found = events_by_uid(calendar_text(events, now=NOW))
    store = open_store(demo_db)
    with store.read() as session:
        interviews = session.execute(select(Interview.id, Interview.at, Interview.tz)).all()
        offers = session.execute(select(Offer.id, Offer.respond_by).where(Offer.decision == "pending")).all()
        posting = session.execute(select(Opportunity).where(Opportunity.deadline_at.is_not(None))).scalar_one()
        daad = session.execute(select(Opportunity).where(Opportunity.title == "DAAD WISE")).scalar_one()
    store.close()

    assert len(interviews) == 4
    for row_id, at, tz in interviews:  # each interview in the zone it was arranged in, at its instant
        event = found[f"interview-{row_id}@tracker"]
        assert event["DTSTART"].params["TZID"] == tz
        assert event.decoded("DTSTART") == at
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
        assert str(event["SUMMARY"]).startswith("Interview: ")
    zones = {tz for _id, _at, tz in interviews}
    assert zones == {"Asia/Seoul", "Asia/Singapore", "America/New_York"}

    assert len(offers) == 3
    for row_id, respond_by in offers:
        assert found[f"offer-{row_id}@tracker"].decoded("DTSTART") == respond_by

    timed = found[f"deadline-{posting.id}@tracker"]
    assert timed["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert timed.decoded("DTSTART") == posting.deadline_at
    assert (timed.decoded("DTSTART").hour, timed.decoded("DTSTART").minute) == (23, 59)
    assert str(timed["SUMMARY"]) == f"Deadline: {posting.title}"
    all_day = found[f"deadline-{daad.id}@tracker"]
    assert all_day.decoded("DTSTART") == daad.deadline
    assert str(all_day["URL"]) == "https://www.daad.de/"
    # Closed opportunities (rejected, withdrawn) leave their deadlines out.
    assert sum(uid.startswith("deadline-") for uid in found) == 2

    follow_ups = {uid: e for uid, e in found.items() if uid.startswith("follow-up-person-")}
    summaries = sorted(str(e["SUMMARY"]) for e in follow_ups.values())
    assert any(s.startswith("No answer: Anand Krishnamurthy") for s in summaries), summaries
    assert any(s.startswith("Follow up: Goh Kai Xiang") for s in summaries), summaries
    assert all(e.decoded("DTSTART") >= TODAY for e in follow_ups.values()), "overdue ones go on today"
    assert len(found) == len(events) == 4 + 3 + 2 + len(follow_ups)


def test_re_export_keeps_every_uid_and_start(demo_db: Path) -> None:
    first = events_by_uid(calendar_text(demo_events(demo_db), now=NOW))
    second = events_by_uid(calendar_text(demo_events(demo_db), now=NOW + timedelta(days=1)))
    assert set(first) == set(second)
    for uid, event in first.items():
        assert second[uid].decoded("DTSTART") == event.decoded("DTSTART")
        assert int(second[uid]["SEQUENCE"]) > int(event["SEQUENCE"])


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def demo_cli(demo_db: Path) -> Cli:
    return Cli(demo_db)


def test_export_ics_to_stdout_is_a_calendar(demo_cli: Cli) -> None:
    result = demo_cli.ok("export", "ics")
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    found = events_by_uid(result.stdout_bytes.decode("utf-8"))
    assert any(uid.startswith("interview-") for uid in found)
    assert len(found) == len(demo_events(demo_cli.db))


def test_export_ics_to_a_file(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "season.ics"
    result = demo_cli.ok("export", "ics", "-o", str(target))
    count = len(demo_events(demo_cli.db))
    assert f"Exported {count} events to {target}" in result.stdout
    data = target.read_bytes()
    assert data.count(b"BEGIN:VEVENT") == count
    physical_lines(data.decode("utf-8"))
    assert not (tmp_path / "season.ics.partial").exists()
    again = demo_cli.ok("export", "ics", "-o", str(target))  # replaces the file, same events
    assert again.exit_code == 0
    assert set(events_by_uid(target.read_bytes().decode("utf-8"))) == set(events_by_uid(data.decode()))


def test_export_ics_into_a_missing_directory_fails_cleanly(demo_cli: Cli, tmp_path: Path) -> None:
    result = demo_cli("export", "ics", "-o", str(tmp_path / "nope" / "x.ics"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_export_ics_on_an_empty_database(cli: Cli) -> None:
    result = cli.ok("export", "ics")
    cal = parse(result.stdout)
    assert cal.walk("VEVENT") == []
