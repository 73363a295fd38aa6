"""The demo data set: loaded into a real SQLite store, dated relative to any `today`."""

from __future__ import annotations

from conftest import SQLITE_FILE

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session, SQLModel

from conftest import TODAY
from tracker.demo.season import DatabaseNotEmpty, DemoSummary, load_demo, summer_year
from tracker.domain.vocab import CHANNELS, DIRECTIONS, KINDS, LETTER_STATUSES, REMINDER_KINDS, ROLES, STAGES
from tracker.domain.errors import TrackerError
from tracker.store.models import (
    Interaction,
    Interview,
    LetterRequest,
    Offer,
    Opportunity,
    Organization,
    Person,
    Profile,
    Reminder,
    StageChange,
)
from tracker.store import Store, open_store
from tracker.store.writes import records
from tracker.store.queries.lookup import find_person
from tracker.store.queries.reminders import current_reminders

KOLKATA = ZoneInfo("Asia/Kolkata")
OTHER_DAY = date(2027, 3, 15)
TABLES: tuple[type[SQLModel], ...] = (
    Organization, Person, Opportunity, StageChange, Interaction, LetterRequest, Interview, Offer, Reminder, Profile,
)


def count(session: Session, model: type[SQLModel]) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def row_counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {model.__name__: count(session, model) for model in TABLES}


def kinds_shown(store: Store, today: date, zone: ZoneInfo) -> set[str]:
    with store.read() as session:
        return {r.kind for r in current_reminders(session, today=today, within_days=7, zone=zone)}


# every reminder kind, on any day, in any zone


@pytest.mark.parametrize("today", [TODAY, OTHER_DAY, date(2028, 2, 29), date(2026, 12, 31), date(2027, 7, 1)])
def test_every_reminder_kind_is_due_within_a_week(store: Store, today: date) -> None:
    load_demo(store, today=today, zone=KOLKATA)
    assert kinds_shown(store, today, KOLKATA) == set(REMINDER_KINDS)


@pytest.mark.parametrize("zone_name", ["Asia/Kolkata", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_the_interview_is_tomorrow_in_the_users_zone(store: Store, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    load_demo(store, today=OTHER_DAY, zone=zone)
    with store.read() as session:
        reminders = current_reminders(session, today=OTHER_DAY, within_days=7, zone=zone)
        [interview] = [r for r in reminders if r.kind == "interview"]
        [row] = session.exec(select(Interview).where(Interview.id == int(interview.key.split(":")[1]))).one()
    assert interview.due == OTHER_DAY + timedelta(days=1)
    assert row.tz == "Asia/Seoul"
    assert row.at.astimezone(ZoneInfo("Asia/Seoul")).strftime("%H:%M") == "14:00"
    assert {r.kind for r in reminders} == set(REMINDER_KINDS)


def test_the_reminders_say_what_the_story_promises(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.read() as session:
        reminders = current_reminders(session, today=TODAY, within_days=7, zone=KOLKATA)
    by_kind: dict[str, list[str]] = {}
    for r in reminders:
        by_kind.setdefault(r.kind, []).append(r.message)
    due = {(r.kind, r.person or r.opportunity): r.due - TODAY for r in reminders}
    assert due[("follow-up", "Jürgen Müller")] == timedelta(days=-1)  # e-mail sent 8 days ago
    assert due[("follow-up", "Goh Kai Xiang")] == timedelta(0)  # LinkedIn message 5 days ago
    assert "after 2 follow-ups" in by_kind["no-response"][0]
    assert any("DAAD WISE" in m and "7.1/10" in m and "8/10" in m for m in by_kind["eligibility"])
    assert any("Suresh Balasubramanian" in m for m in by_kind["letter"])
    assert any("Rapid Object Search Lab, NTU" in m for m in by_kind["offer"])
    assert any("14:00 KST" in m and "Park Ji-won" in m for m in by_kind["interview"])
    assert due[("keep-in-touch", "Sarah Whitfield")] == timedelta(days=-10)


# counts and contents


def test_summary_counts_match_the_database_and_are_sane(store: Store) -> None:
    summary = load_demo(store, today=TODAY, zone=KOLKATA)
    assert isinstance(summary, DemoSummary)
    rows = row_counts(store)
    assert summary.counts() == {
        "organizations": rows["Organization"], "people": rows["Person"], "opportunities": rows["Opportunity"],
        "stage_changes": rows["StageChange"], "interactions": rows["Interaction"],
        "letters": rows["LetterRequest"], "interviews": rows["Interview"], "offers": rows["Offer"],
        "reminders": rows["Reminder"],
    }
    assert 12 <= summary.people <= 16
    assert 10 <= summary.opportunities <= 12
    assert 30 <= summary.interactions <= 45
    assert summary.offers == 3 and summary.interviews >= 1 and summary.letters >= 2 and summary.reminders >= 1
    assert summary.stage_changes > summary.opportunities
    assert summary.student == "Aarav Sharma"
    assert str(summary).startswith(f"{summary.organizations} organizations, {summary.people} people, ")


def test_profile_and_vocabulary(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.read() as session:
        profile = records.get_profile(session)
        assert (profile.name, profile.gpa, profile.timezone) == ("Aarav Sharma", "7.1/10", "Asia/Kolkata")
        people = session.exec(select(Person)).scalars().all()
        opportunities = session.exec(select(Opportunity)).scalars().all()
        interactions = session.exec(select(Interaction)).scalars().all()
        letters = session.exec(select(LetterRequest)).scalars().all()
        writers = {p.id for p in people if p.role == "writer"}
    assert {p.role for p in people} <= set(ROLES) and len(writers) >= 2
    assert {o.kind for o in opportunities} == set(KINDS)
    assert {o.stage for o in opportunities} >= {"offered", "rejected", "withdrawn", "interviewing", "contacted"}
    assert {o.stage for o in opportunities} <= set(STAGES)
    channels = {i.channel for i in interactions}
    assert channels <= set(CHANNELS) and {"email", "linkedin"} <= channels
    assert {i.direction for i in interactions} == set(DIRECTIONS)
    assert {letter.status for letter in letters} <= set(LETTER_STATUSES)
    assert {letter.writer_id for letter in letters} <= writers
    assert any(i.paper for i in interactions if i.channel == "email")
    assert any(o.cycle == f"Summer {summer_year(TODAY)}" for o in opportunities)
    assert any(not name.isascii() for name in (p.name for p in people))


def test_unicode_names_can_be_found(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.read() as session:
        assert find_person(session, "서민준").role == "phd-student"
        assert find_person(session, "jürgen").name == "Jürgen Müller"


def test_three_offers_in_three_currencies_for_next_summer(store: Store) -> None:
    load_demo(store, today=OTHER_DAY, zone=KOLKATA)
    with store.read() as session:
        offers = session.exec(select(Offer)).scalars().all()
    assert sorted(o.currency or "" for o in offers) == ["KRW", "SGD", "USD"]
    for offer in offers:
        assert offer.decision == "pending" and offer.stipend and offer.stipend > 0
        assert offer.received_on < OTHER_DAY
        assert offer.respond_by is not None and offer.start is not None and offer.end is not None
        assert OTHER_DAY < offer.respond_by < offer.start < offer.end
        assert offer.start.year == 2027
    assert min(o.respond_by - OTHER_DAY for o in offers if o.respond_by) <= timedelta(days=5)


# stage histories


def test_offered_opportunities_have_a_full_history_with_increasing_dates(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.read() as session:
        offered = session.exec(
            select(Opportunity).join(Offer, Offer.opportunity_id == Opportunity.id)
        ).scalars().all()
        assert len(offered) == 3
        for opportunity in offered:
            history = session.exec(
                select(StageChange).where(StageChange.opportunity_id == opportunity.id).order_by(StageChange.id)
            ).scalars().all()
            stages = [change.to_stage for change in history]
            assert stages == ["shortlisted", "contacted", "replied", "applied", "interviewing", "offered"]
            assert history[0].from_stage is None
            assert all(b.from_stage == a.to_stage for a, b in zip(history, history[1:]))
            days = [change.changed_on for change in history]
            assert all(a < b for a, b in zip(days, days[1:])), (opportunity.title, days)
            assert days[-1] <= TODAY and days[0] >= TODAY - timedelta(days=150)
            assert opportunity.applied_on == days[3]


def test_nothing_is_dated_in_the_future_except_what_is_due(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.read() as session:
        assert max(session.exec(select(Interaction.on)).scalars()) <= TODAY
        assert max(session.exec(select(StageChange.changed_on)).scalars()) <= TODAY
        assert max(session.exec(select(Person.added_on)).scalars()) <= TODAY
        assert max(session.exec(select(Opportunity.created_on)).scalars()) <= TODAY


def test_dates_move_with_today(tmp_path: Path) -> None:
    def story(today: date) -> tuple[list[tuple[str, int]], list[int]]:
        store = open_store(tmp_path / f"{today}.db")
        try:
            load_demo(store, today=today, zone=KOLKATA)
            with store.read() as session:
                messages = [
                    (subject or "", (on - today).days)
                    for subject, on in session.execute(
                        select(Interaction.subject, Interaction.on).order_by(Interaction.id)
                    )
                ]
                changes = [(c - today).days for c in session.exec(select(StageChange.changed_on)).scalars()]
            return messages, changes
        finally:
            store.close()

    assert story(TODAY) == story(OTHER_DAY)


# refusing a non-empty database


def test_a_non_empty_database_is_refused_and_left_untouched(store: Store) -> None:
    with store.write() as session:
        records.add_person(session, name="Real Person", role="professor", organization="Somewhere")
    before = row_counts(store)
    with pytest.raises(DatabaseNotEmpty) as caught:
        load_demo(store, today=TODAY, zone=KOLKATA)
    assert isinstance(caught.value, TrackerError)
    message = str(caught.value)
    assert "the database is not empty (1 person, 0 opportunities)" in message
    assert "tracker --db demo.db demo" in message
    assert row_counts(store) == before
    with store.read() as session:
        assert session.get(Profile, 1) is None or session.get(Profile, 1).name is None


def test_loading_twice_is_refused(store: Store) -> None:
    summary = load_demo(store, today=TODAY, zone=KOLKATA)
    before = row_counts(store)
    with pytest.raises(DatabaseNotEmpty, match=rf"\({summary.people} people, {summary.opportunities} opportunities\)"):
        load_demo(store, today=OTHER_DAY, zone=KOLKATA)
    assert row_counts(store) == before


# integrity


@SQLITE_FILE  # PRAGMA foreign_key_check; a server enforces the foreign keys itself
def test_no_dangling_references(store: Store) -> None:
    load_demo(store, today=TODAY, zone=KOLKATA)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        dangling = conn.execute(text(
            "SELECT count(*) FROM interaction i LEFT JOIN person p ON p.id = i.person_id WHERE p.id IS NULL"
        )).scalar()
        assert dangling == 0
    with store.read() as session:
        opportunities = session.exec(select(Opportunity)).scalars().all()
        people = {p.id for p in session.exec(select(Person)).scalars()}
        assert all(o.contact_id in people for o in opportunities if o.kind == "outreach")
        assert all(i.with_person_id in people for i in session.exec(select(Interview)).scalars())
