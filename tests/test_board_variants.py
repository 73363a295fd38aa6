"""The board's lanes: the SQLite variant (over sqlite3) equals the portable query (over the ORM).

`Store.board_lanes` reads the board through `tracker.store.queries.board_sqlite` on SQLite, so
the Board's first visit does not wait for SQLAlchemy and the ORM to load; both queries feed the
same rule (`tracker.store.views.board_cards.lanes`). These tests compare the lanes on the demo
season, on a generated cohort, and on interviews either side of midnight in zones either side of
UTC; and check that reading the board loads no SQLAlchemy.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SQLITE_FILE, TODAY, new_database
from script_helpers import orm_modules_after
from tracker.store import open_store

pytestmark = SQLITE_FILE  # the SQLite variant against its portable twin, both on a SQLite file



def both(db: Path, *, today: date, zone: object, limit: int) -> tuple[list, list]:
    store = open_store(db)
    try:
        variant = store.board_lanes(today=today, zone=zone, limit=limit)
        store.variants = False
        portable = store.board_lanes(today=today, zone=zone, limit=limit)
    finally:
        store.close()
    return variant, portable


@pytest.mark.parametrize("limit", [3, 50])
@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/Los_Angeles", "UTC"])
def test_the_variant_equals_the_portable_query(generated: Path, demo_db: Path, zone: str, limit: int) -> None:
    for db in (generated, demo_db):
        for today in (TODAY, date(2026, 9, 1), date(2027, 3, 1)):
            variant, portable = both(db, today=today, zone=ZoneInfo(zone), limit=limit)
            assert variant == portable
    variant, _ = both(generated, today=TODAY, zone=ZoneInfo(zone), limit=limit)
    assert sum(lane.total for lane in variant) == 200 and all(len(lane.cards) <= limit for lane in variant)
    assert any(card.next_what == "follow-up" for lane in variant for card in lane.cards)


def test_interviews_either_side_of_midnight_in_either_zone(tmp_path: Path, pinned: None) -> None:
    from tracker.store.writes import records

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    moments = {  # UTC instants around the start of TODAY in Kolkata (18:30 UTC the day before) and LA
        "Just before Kolkata's day": datetime(2026, 11, 21, 18, 29, tzinfo=timezone.utc),
        "Kolkata's midnight": datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc),
        "Just before LA's day": datetime(2026, 11, 22, 7, 59, 59, 500000, tzinfo=timezone.utc),
        "LA's midnight": datetime(2026, 11, 22, 8, 0, tzinfo=timezone.utc),
        "Next week": datetime(2026, 11, 29, 3, 0, tzinfo=timezone.utc),
    }
    with store.write() as session:
        for title, at in moments.items():
            records.add_opportunity(session, title=title, kind="outreach", organization="Yonsei 연세대학교", on=TODAY)
            records.add_interview(session, opportunity=title, at=at, tz="UTC", today=TODAY)
    store.close()
    for zone in ("Asia/Kolkata", "America/Los_Angeles"):
        variant, portable = both(path, today=TODAY, zone=ZoneInfo(zone), limit=50)
        assert variant == portable
        interviewing = next(lane for lane in variant if lane.stage == "interviewing")
        dated = {card.title for card in interviewing.cards if card.next_what == "interview"}
        if zone == "Asia/Kolkata":
            assert {"Kolkata's midnight", "Next week"} <= dated and "Just before Kolkata's day" not in dated
        else:
            assert {"LA's midnight", "Next week"} <= dated and "Just before LA's day" not in dated
        assert {card.organization for card in interviewing.cards} == {"Yonsei 연세대학교"}


def test_reading_the_board_loads_no_sqlalchemy(demo_db: Path) -> None:
    """The Board's first visit, pressed right after launch, does not wait for the ORM to load."""
    code = ("import sys; from datetime import date, timezone; from tracker.store import open_store;"
            " import tracker.tui.screens.board; s = open_store(sys.argv[1]);"
            " lanes = s.board_lanes(today=date(2026, 11, 22), zone=timezone.utc, limit=50);"
            " print(sum(len(l.cards) for l in lanes) > 0)")
    assert orm_modules_after(code, demo_db) == ("True", [])


def test_an_interview_brings_the_newest_card_forward(tmp_path: Path, pinned: None) -> None:
    """The database keeps each stage's first cards without interviews (their day is the user's zone's),
    so every opportunity with an interview ahead must be among the candidates: here the newest of
    five interviews is tomorrow and must be the first card of three, in both queries."""
    from datetime import timedelta

    from tracker.store.writes import records

    path = new_database(tmp_path / "t.db")
    store = open_store(path)
    with store.write() as session:
        for n, days in enumerate((10, 11, 12, 13, 1)):
            title = f"Lab {n} 연구실"
            records.add_opportunity(session, title=title, kind="outreach", organization="KAIST", on=TODAY)
            at = datetime.combine(TODAY + timedelta(days=days), datetime.min.time(), tzinfo=timezone.utc)
            records.add_interview(session, opportunity=title, at=at.replace(hour=9), tz="Asia/Seoul", today=TODAY)
    store.close()
    variant, portable = both(path, today=TODAY, zone=ZoneInfo("Asia/Seoul"), limit=3)
    assert variant == portable
    interviewing = next(lane for lane in variant if lane.stage == "interviewing")
    assert [card.title for card in interviewing.cards] == ["Lab 4 연구실", "Lab 0 연구실", "Lab 1 연구실"]
    assert interviewing.total == 5


@pytest.mark.parametrize("limit", [1, 3, 20])
def test_the_first_cards_are_the_first_of_all(generated: Path, demo_db: Path, limit: int) -> None:
    """Selecting candidates in the database keeps the same cards as sorting every opportunity."""
    for db in (generated, demo_db):
        for zone in (ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Los_Angeles")):
            for variant in both(db, today=TODAY, zone=zone, limit=limit):
                every = both(db, today=TODAY, zone=zone, limit=100_000)[0]
                assert [(lane.stage, lane.total, lane.cards) for lane in variant] == \
                    [(lane.stage, lane.total, lane.cards[:limit]) for lane in every]


@pytest.mark.parametrize("limit", [2, 50])
def test_the_portable_query_on_a_server_equals_the_variant_on_a_file(demo_db: Path, pg: object, limit: int) -> None:
    """The portable query is the one a PostgreSQL store uses: its window and CASEs give the same lanes there."""
    server = open_store(pg.url(pg.copy("demo")))  # type: ignore[attr-defined]
    try:
        for zone in (ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Los_Angeles")):
            for today in (TODAY, date(2027, 3, 1)):
                on_server = server.board_lanes(today=today, zone=zone, limit=limit)
                assert on_server == both(demo_db, today=today, zone=zone, limit=limit)[0]
                assert sum(len(lane.cards) for lane in on_server) > 0
    finally:
        server.close()
