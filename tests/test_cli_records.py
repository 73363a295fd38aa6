"""The CLI's writing commands, run for real against a SQLite file."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import TODAY, Cli, db_rows, table_counts


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    return db_rows(db, sql, *params)


def seed(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST",
           "--lab", "Computer Vision Lab", "--email", "kim@gist.ac.kr")
    cli.ok("add", "person", "Dr. Ananya Rao", "--role", "writer", "--org", "VIT Vellore")
    cli.ok("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--org", "GIST",
           "--contact", "kim", "--deadline", "2026-12-10", "--letters", "2", "--cycle", "Summer 2027")


def test_add_person_stores_every_field(cli: Cli) -> None:
    cli.ok("add", "person", "김영훈", "--role", "phd-student", "--org", "KAIST", "--lab", "VCLab",
           "--email", "yh@kaist.ac.kr", "--linkedin", "https://linkedin.com/in/yh", "--homepage", "https://yh.kr",
           "--keep-in-touch", "8w")
    assert rows(cli.db, "SELECT p.name, p.role, o.name, p.lab, p.email, p.linkedin, p.homepage, p.keep_in_touch_days "
                        "FROM person p JOIN organization o ON o.id = p.organization_id") == [
        ("김영훈", "phd-student", "KAIST", "VCLab", "yh@kaist.ac.kr", "https://linkedin.com/in/yh", "https://yh.kr", 56)
    ]


def test_add_person_rejects_unknown_role_and_writes_nothing(cli: Cli) -> None:
    cli.ok("profile")  # creates the database
    before = table_counts(cli.db)
    result = cli("add", "person", "X", "--role", "dean", "--org", "Somewhere")
    assert result.exit_code == 2
    assert 'unknown role "dean"' in result.stderr and "phd-student" in result.stderr
    assert table_counts(cli.db) == before


def test_duplicate_person_at_same_organization_is_refused(cli: Cli) -> None:
    seed(cli)
    result = cli("add", "person", "prof. kim minsoo", "--role", "professor", "--org", "gist")
    assert result.exit_code == 2
    assert "already exists" in result.stderr


def test_add_opportunity_with_zoned_deadline_and_gpa_warning(cli: Cli) -> None:
    cli.ok("profile", "--gpa", "7.1/10")
    result = cli.ok("add", "opportunity", "DAAD WISE", "--kind", "program", "--org", "DAAD",
                    "--deadline", "2026-12-01 23:59 CET", "--min-gpa", "8/10")
    assert "below the cut-off" in result.stderr
    (deadline, deadline_at, tz, gpa, stage), = rows(
        cli.db, "SELECT deadline, deadline_at, deadline_tz, min_gpa, stage FROM opportunity")
    assert deadline == "2026-12-01"
    assert datetime.fromisoformat(deadline_at) == datetime(2026, 12, 1, 22, 59)  # stored as UTC
    assert tz == "Europe/Berlin" and gpa == "8/10" and stage == "shortlisted"
    assert rows(cli.db, "SELECT from_stage, to_stage, changed_on FROM stagechange") == [(None, "shortlisted", "2026-11-22")]


def test_bad_deadline_is_one_line_exit_2_and_nothing_written(cli: Cli) -> None:
    seed(cli)
    before = table_counts(cli.db)
    result = cli("add", "opportunity", "NTU ROSE", "--kind", "outreach", "--org", "NTU", "--deadline", "the 45th")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and '"the 45th"' in result.stderr
    assert table_counts(cli.db) == before


def test_unknown_contact_lists_nothing_is_written(cli: Cli) -> None:
    seed(cli)
    before = table_counts(cli.db)
    result = cli("add", "opportunity", "New", "--kind", "posting", "--org", "NewCo", "--contact", "Prof. Kim Minso0")
    assert result.exit_code == 2 and "Kim Minsoo" in result.stderr
    assert table_counts(cli.db) == before  # the organization NewCo was not created either


def test_log_sent_email_sets_follow_up_and_moves_stage(cli: Cli) -> None:
    seed(cli)
    out = cli.ok("log", "email", "--to", "kim", "--subject", "Internship inquiry", "--on", "2026-11-10",
                 "--paper", "Fast Video Retrieval")
    assert "follow up on Tue 2026-11-17" in out.stdout
    assert rows(cli.db, "SELECT on_, channel, direction, subject, paper, follow_up_on FROM "
                        "(SELECT \"on\" AS on_, * FROM interaction) AS i") == [
        ("2026-11-10", "email", "sent", "Internship inquiry", "Fast Video Retrieval", "2026-11-17")
    ]
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("contacted",)]


def test_log_follow_up_in_overrides_default_and_linkedin_default_is_5_days(cli: Cli) -> None:
    seed(cli)
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-10", "--follow-up-in", "10d")
    out = cli.ok("log", "linkedin", "--to", "Dr. Ananya", "--on", "2026-11-10")
    assert rows(cli.db, "SELECT channel, follow_up_on FROM interaction ORDER BY id") == [
        ("email", "2026-11-20"), ("linkedin", "2026-11-15")]
    assert "Logged LinkedIn message to Dr. Ananya Rao on Tue 2026-11-10" in out.stdout  # (not "Logged linkedin")


def test_log_received_moves_to_replied(cli: Cli) -> None:
    seed(cli)
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-10")
    cli.ok("log", "email", "--from", "kim@gist.ac.kr", "--on", "2026-11-12")
    assert rows(cli.db, "SELECT to_stage, changed_on FROM stagechange ORDER BY id") == [
        ("shortlisted", "2026-11-10"), ("contacted", "2026-11-10"), ("replied", "2026-11-12")]


def test_log_needs_exactly_one_direction_and_a_known_channel(cli: Cli) -> None:
    seed(cli)
    before = table_counts(cli.db)
    both = cli("log", "email", "--to", "kim", "--from", "kim")
    neither = cli("log", "email")
    pigeon = cli("log", "pigeon", "--to", "kim")
    assert (both.exit_code, neither.exit_code, pigeon.exit_code) == (2, 2, 2)
    assert 'unknown channel "pigeon"' in pigeon.stderr
    assert table_counts(cli.db) == before


def test_move_keeps_history_and_sets_applied_on(cli: Cli) -> None:
    seed(cli)
    cli.ok("move", "gist", "applied", "--on", "2026-11-20")
    cli.ok("move", "GIST CV", "interviewing")
    assert rows(cli.db, "SELECT stage, applied_on FROM opportunity") == [("interviewing", "2026-11-20")]
    assert rows(cli.db, "SELECT from_stage, to_stage, changed_on FROM stagechange ORDER BY id")[1:] == [
        ("shortlisted", "applied", "2026-11-20"), ("applied", "interviewing", "2026-11-22")]


def test_move_to_unknown_stage_is_refused(cli: Cli) -> None:
    seed(cli)
    result = cli("move", "gist", "maybe")
    assert result.exit_code == 2 and "no-response" in result.stderr
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("shortlisted",)]


def test_ambiguous_title_lists_candidates(cli: Cli) -> None:
    seed(cli)
    cli.ok("add", "opportunity", "GIST AI Grad School", "--kind", "program", "--org", "GIST")
    result = cli("move", "gist", "applied")
    assert result.exit_code == 2
    assert '"GIST AI Grad School"' in result.stderr and '"GIST CV Lab summer"' in result.stderr


def test_people_of_the_same_name_are_listed_with_id_and_organization_and_reached_by_id(cli: Cli) -> None:
    """Two professors called Kim Minsoo: no more of the name tells them apart, so the error lists
    their ids and universities, and `#id` reaches each one."""
    seed(cli)
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "KAIST", "--force")
    (gist_id,), = rows(cli.db, "SELECT p.id FROM person p JOIN organization o ON o.id = p.organization_id "
                               "WHERE o.name = 'GIST'")
    (kaist_id,), = rows(cli.db, "SELECT p.id FROM person p JOIN organization o ON o.id = p.organization_id "
                                "WHERE o.name = 'KAIST'")
    result = cli("log", "email", "--to", "Prof. Kim Minsoo", "--subject", "Hello")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f'"Prof. Kim Minsoo" (#{gist_id}, GIST)' in result.stderr
    assert f'"Prof. Kim Minsoo" (#{kaist_id}, KAIST)' in result.stderr and "give the #id" in result.stderr
    assert rows(cli.db, "SELECT count(*) FROM interaction") == [(0,)]
    cli.ok("log", "email", "--to", f"#{kaist_id}", "--subject", "Hello")
    assert rows(cli.db, "SELECT person_id, subject FROM interaction") == [(kaist_id, "Hello")]
    missing = cli("log", "email", "--to", "#999999", "--subject", "Hello")
    assert missing.exit_code == 2 and "no person with the id #999999" in missing.stderr


def test_an_opportunity_is_reached_by_its_id(cli: Cli) -> None:
    seed(cli)
    cli.ok("add", "opportunity", "GIST AI Grad School", "--kind", "program", "--org", "GIST")
    (program_id,), = rows(cli.db, "SELECT id FROM opportunity WHERE title = 'GIST AI Grad School'")
    cli.ok("move", f"#{program_id}", "applied")
    assert rows(cli.db, "SELECT title, stage FROM opportunity ORDER BY title") == [
        ("GIST AI Grad School", "applied"), ("GIST CV Lab summer", "shortlisted")]


def test_letter_request_created_then_updated_with_dates(cli: Cli) -> None:
    seed(cli)
    cli.ok("letter", "gist", "--writer", "ananya")
    cli.ok("letter", "gist", "--writer", "ananya", "--status", "agreed", "--on", "2026-11-15")
    cli.ok("letter", "gist", "--writer", "ananya", "--status", "submitted")
    assert rows(cli.db, "SELECT status, agreed_on, submitted_on FROM letterrequest") == [
        ("submitted", "2026-11-15", "2026-11-22")]


def test_add_interview_keeps_zone_and_utc_instant(cli: Cli) -> None:
    seed(cli)
    out = cli.ok("add", "interview", "gist", "--at", "2026-12-01 14:00 KST", "--format", "paper critique",
                 "--with", "kim")
    assert "14:00 KST" in out.stdout
    assert 'Interview for "GIST CV Lab summer"' in out.stdout  # the opportunity named, not "gist" as typed
    (at, tz, fmt), = rows(cli.db, "SELECT at, tz, format FROM interview")
    assert datetime.fromisoformat(at).replace(tzinfo=timezone.utc) == datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)
    assert tz == "Asia/Seoul" and fmt == "paper critique"
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("interviewing",)]


@pytest.mark.parametrize(("closed", "reopens"), [("withdrawn", True), ("no-response", True), ("rejected", True),
                                               ("declined", False), ("accepted", False)])
def test_an_interview_on_a_closed_opportunity_reopens_it_unless_an_offer_was_decided(
        cli: Cli, closed: str, reopens: bool) -> None:
    """Withdrawn after accepting elsewhere, then the lab asks to talk after all: the interview moves it back
    to interviewing (its reminder falls due: a closed one's never did), the history keeps both moves."""
    seed(cli)
    cli.ok("move", "gist", closed, "--on", "2026-11-20")
    out = cli.ok("add", "interview", "gist", "--at", "2026-11-26 14:00 KST")
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("interviewing" if reopens else closed,)]
    assert ("moved back from " + closed) in " ".join(out.stdout.split()) if reopens else "moved back" not in out.stdout
    if reopens:
        assert rows(cli.db, "SELECT from_stage, to_stage, changed_on FROM stagechange ORDER BY id DESC LIMIT 2") == [
            (closed, "interviewing", TODAY.isoformat()), ("shortlisted", closed, "2026-11-20")]  # (arranged today)
        assert "Interview in 4 days" in cli.ok("remind").stdout


def test_interview_without_time_is_refused(cli: Cli) -> None:
    seed(cli)
    result = cli("add", "interview", "gist", "--at", "2026-12-01")
    assert result.exit_code == 2 and rows(cli.db, "SELECT count(*) FROM interview") == [(0,)]


def test_the_move_to_interviewing_is_dated_by_the_interview_that_came_or_today(cli: Cli) -> None:
    """Logged afterwards, an interview dates the move to interviewing on its own day. Arranged ahead, it
    dated the move on its day to come: a withdrawal the day after (another offer taken) came before it in
    the history, and the Board said "withdrawn since" a day a week ahead."""
    seed(cli)
    cli.ok("add", "person", "Dr. Lee", "--role", "professor", "--org", "KAIST")
    cli.ok("add", "opportunity", "KAIST VI Lab", "--kind", "outreach", "--org", "KAIST", "--contact", "lee")
    cli.ok("add", "interview", "gist", "--at", "2026-11-18 10:00 KST")  # four days ago
    cli.ok("add", "interview", "kaist", "--at", "2026-11-30 10:00 KST")  # next week
    cli.ok("move", "kaist", "withdrawn")
    history = rows(cli.db, "SELECT o.title, s.to_stage, s.changed_on FROM stagechange s "
                           "JOIN opportunity o ON o.id = s.opportunity_id WHERE s.to_stage != 'shortlisted' ORDER BY s.id")
    assert history == [("GIST CV Lab summer", "interviewing", "2026-11-18"),
                       ("KAIST VI Lab", "interviewing", TODAY.isoformat()),
                       ("KAIST VI Lab", "withdrawn", TODAY.isoformat())]
    # what the Board's "withdrawn since", the stats and the reminders read as the day it closed
    assert rows(cli.db, "SELECT MAX(changed_on) FROM stagechange WHERE opportunity_id = "
                        "(SELECT id FROM opportunity WHERE title = 'KAIST VI Lab')") == [(TODAY.isoformat(),)]


def test_add_offer_moves_to_offered(cli: Cli) -> None:
    seed(cli)
    out = cli.ok("add", "offer", "gist", "--respond-by", "2026-11-29", "--stipend", "1500000", "--currency", "krw",
                 "--start", "2027-06-01", "--end", "2027-08-15")
    # the opportunity as stored, not the "gist" typed, and where it stands now
    assert 'Offer for "GIST CV Lab summer" recorded, respond by 2026-11-29 (now offered)' in " ".join(out.stdout.split())
    assert rows(cli.db, "SELECT respond_by, stipend, currency, start, \"end\", decision FROM offer") == [
        ("2026-11-29", 1500000.0, "KRW", "2027-06-01", "2027-08-15", "pending")]
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("offered",)]


def test_an_offer_on_a_closed_opportunity_says_it_stays_closed(cli: Cli) -> None:
    seed(cli)
    cli.ok("move", "gist", "rejected")
    out = cli.ok("add", "offer", "gist")  # a waiting list that came through: recorded, the stage left to the user
    assert 'Offer for "GIST CV Lab summer" recorded (it stays rejected)' in " ".join(out.stdout.split())
    assert rows(cli.db, "SELECT stage FROM opportunity") == [("rejected",)]


def test_offer_ending_before_it_starts_is_refused(cli: Cli) -> None:
    seed(cli)
    result = cli("add", "offer", "gist", "--start", "2027-06-01", "--end", "2027-05-01")
    assert result.exit_code == 2 and rows(cli.db, "SELECT count(*) FROM offer") == [(0,)]


def test_profile_shows_and_sets(cli: Cli) -> None:
    shown = cli.json("profile")
    assert shown["follow_up_email_days"] == 7 and shown["follow_up_linkedin_days"] == 5
    cli.ok("profile", "--name", "Aarav", "--gpa", "3.6 / 4", "--timezone", "Asia/Kolkata",
           "--follow-up-email", "10d", "--follow-up-linkedin", "1w")
    shown = cli.json("profile")
    assert shown == {"name": "Aarav", "gpa": "3.6/4", "home_institution": None, "timezone": "Asia/Kolkata",
                     "follow_up_email_days": 10, "follow_up_linkedin_days": 7, "recent_contact_days": 30,
                     "calendar_file": None}


def test_profile_rejects_bad_gpa_and_zone(cli: Cli) -> None:
    assert cli("profile", "--gpa", "11/10").exit_code == 2
    assert cli("profile", "--timezone", "Mars/Olympus").exit_code == 2
    assert cli.json("profile")["gpa"] is None


def test_a_contact_typed_without_its_accents_is_found(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Çağla Yılmaz", "--role", "professor", "--org", "Boğaziçi University")
    cli.ok("add", "opportunity", "Vision Lab", "--kind", "outreach", "--org", "bogazici university",
           "--contact", "cagla")
    assert rows(cli.db, "SELECT o.title, p.name, g.name FROM opportunity o JOIN person p ON p.id = o.contact_id "
                        "JOIN organization g ON g.id = o.organization_id") == [
        ("Vision Lab", "Prof. Çağla Yılmaz", "Boğaziçi University")]
    assert rows(cli.db, "SELECT count(*) FROM organization") == [(1,)]
