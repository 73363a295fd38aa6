"""The duplicate guard in the store and on the command line (real SQLite files, the real CLI)."""

from __future__ import annotations

import inspect
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import TODAY, Cli, table_counts
from tracker.store import Store
from tracker.store.writes import records
from tracker.store.queries.duplicate_pairs import duplicate_pairs
from tracker.store.queries.duplicates import recent_contact_warnings, similar_opportunities, similar_people
from tracker.store.queries.lookup import find_person


def _add(session: object, name: str, org: str | None, *, role: str = "professor", lab: str | None = None,
         email: str | None = None) -> int:
    person = records.add_person(session, name=name, role=role, organization=org, lab=lab, email=email)  # type: ignore[arg-type]
    assert person.id is not None
    return person.id


@pytest.fixture
def people(store: Store) -> Store:
    with store.write() as s:
        _add(s, "Kim Young-hoon", "GIST", lab="Computer Vision Lab")
        _add(s, "서민준", "GIST", role="phd-student", lab="computer vision  lab")
        _add(s, "Jürgen Müller", "TU Darmstadt")
        _add(s, "Tan Wei Ming", "NTU Singapore", lab="Rapid Object Search Lab")
        _add(s, "Lim Jia Hui", "NTU Singapore", role="phd-student", lab="Rapid Object Search Lab")
        _add(s, "Priya Sharma", "IIT Madras")
        records.add_opportunity(s, title="Computer Vision Lab, GIST", kind="outreach", organization="GIST",
                                contact="Kim Young-hoon", on=TODAY)
        records.add_opportunity(s, title="DAAD WISE", kind="program", organization="DAAD", cycle="Summer 2027",
                                on=TODAY)
    return store


def names(matches: list) -> list[str]:  # type: ignore[type-arg]
    return [m.name for m in matches]


# --- similar_people / similar_opportunities -----------------------------------------------------


@pytest.mark.parametrize(("typed", "org", "found"), [
    ("Prof. Kim Younghoon", None, ["Kim Young-hoon"]),
    ("Young-hoon Kim", "GIST", ["Kim Young-hoon"]),
    ("Kim Young-hoon", "KAIST", ["Kim Young-hoon"]),  # the same name elsewhere: moved, or the org typed otherwise
    ("Kim Younghun", "GIST", ["Kim Young-hoon"]),  # a typo at the same organization
    ("Kim Younghun", "KAIST", []),  # ... but not at another one
    ("Jurgen Mueller", None, ["Jürgen Müller"]),
    ("서민준 교수님", "GIST", ["서민준"]),
    ("Tan Wei Min", "NTU Singapore", ["Tan Wei Ming"]),
    ("Priya K. Sharma", "IIT Madras", ["Priya Sharma"]),
    ("Priya K. Sharma", "IIT Delhi", []),
    ("Park Ji-won", "KAIST", []),
])
def test_similar_people(people: Store, typed: str, org: str | None, found: list[str]) -> None:
    with people.read() as s:
        assert names(similar_people(s, typed, organization=org)) == found


def test_a_match_says_who_it_is_and_why(people: Store) -> None:
    with people.read() as s:
        [match] = similar_people(s, "Prof. Kim Younghoon", organization="GIST")
        kim = find_person(s, "Kim Young-hoon")
        assert (match.id, match.detail, match.reason, match.exact) == (kim.id, "professor, GIST", "same name", False)
        assert similar_people(s, "Kim Young-hoon", organization="GIST")[0].exact  # the store refuses that one
        assert similar_people(s, "Kim Young-hoon", exclude_id=kim.id) == []  # editing Kim himself


@pytest.mark.parametrize(("typed", "org", "extra", "found"), [
    ("GIST CV Lab", "GIST", {}, ["Computer Vision Lab, GIST"]),
    ("Computer Vision Lab", "GIST", {"contact": "Kim"}, ["Computer Vision Lab, GIST"]),
    ("Computer Vision Lab", "GIST", {"contact": "Tan Wei Ming"}, []),  # another professor's lab
    ("GIST CV Lab", "KAIST", {}, []),
    ("computer vision lab, gist", "KAIST", {}, ["Computer Vision Lab, GIST"]),  # the same title anywhere
    ("DAAD WISE 2027", "DAAD", {}, ["DAAD WISE"]),
    ("DAAD WISE 2028", "DAAD", {}, []),  # the next cycle is another opportunity
    ("DAAD WISE", "DAAD", {"cycle": "Summer 2028"}, []),
])
def test_similar_opportunities(people: Store, typed: str, org: str | None, extra: dict[str, str],
                               found: list[str]) -> None:
    with people.read() as s:
        assert names(similar_opportunities(s, typed, organization=org, **extra)) == found


# --- recent contact ---------------------------------------------------------------------------------


def _log(s: object, person: str, days_ago: int, *, channel: str = "email", direction: str = "sent",
         subject: str | None = None) -> None:
    records.log_interaction(s, channel=channel, direction=direction, person=person,  # type: ignore[arg-type]
                            on=TODAY - timedelta(days=days_ago), subject=subject)


def warnings_for(store: Store, name: str, today: date = TODAY) -> list[str]:
    with store.read() as s:
        person = find_person(s, name)
        assert person.id is not None
        return recent_contact_warnings(s, person.id, today=today)


def test_recent_contact_names_the_person_and_their_lab(people: Store) -> None:
    with people.write() as s:
        _log(s, "Kim Young-hoon", 5, subject="Prospective intern: test-time adaptation")
        _log(s, "Kim Young-hoon", 12)
        _log(s, "서민준", 3, channel="linkedin", subject="Summer internships in Prof. Kim's lab?")
        _log(s, "서민준", 1, direction="received", subject="Re: Summer internships")  # received: not "you wrote"
        _log(s, "Tan Wei Ming", 2)  # another lab
    assert warnings_for(people, "Kim Young-hoon") == [
        'You wrote to Kim Young-hoon 5 days ago (Tue 2026-11-17, email: "Prospective intern: test-time '
        'adaptation"); 2 messages in the last 30 days',
        "You wrote to 서민준 in the same lab (Computer Vision Lab, GIST) 3 days ago "
        '(Thu 2026-11-19, LinkedIn: "Summer internships in Prof. Kim\'s lab?")',
    ]
    assert warnings_for(people, "서민준")[0].startswith("You wrote to 서민준 3 days ago")
    assert warnings_for(people, "Jürgen Müller") == []


def test_recent_contact_respects_the_window_and_the_day(people: Store) -> None:
    with people.write() as s:
        _log(s, "Lim Jia Hui", 4, channel="linkedin")
        _log(s, "Tan Wei Ming", 0, channel="call")  # a call is not writing
        records.get_profile(s).recent_contact_days = 3
    assert warnings_for(people, "Tan Wei Ming") == []
    with people.write() as s:
        records.get_profile(s).recent_contact_days = 4
    assert warnings_for(people, "Tan Wei Ming") == [
        "You wrote to Lim Jia Hui in the same lab (Rapid Object Search Lab, NTU Singapore) 4 days ago "
        "(Wed 2026-11-18, LinkedIn)"
    ]
    assert warnings_for(people, "Lim Jia Hui", today=TODAY - timedelta(days=4))[0].startswith(
        "You wrote to Lim Jia Hui today")
    assert warnings_for(people, "Lim Jia Hui", today=TODAY - timedelta(days=5)) == []  # not sent yet then


def test_recent_contact_warnings_keeps_the_signature_drafts_rely_on() -> None:
    parameters = inspect.signature(recent_contact_warnings).parameters
    assert list(parameters) == ["session", "person_id", "today"]
    assert parameters["today"].kind is inspect.Parameter.KEYWORD_ONLY


# --- tracker add: refused without --force -----------------------------------------------------------


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    cli.ok("add", "person", "Kim Young-hoon", "--role", "professor", "--org", "GIST", "--lab", "Computer Vision Lab")
    cli.ok("add", "person", "Tan Wei Ming", "--role", "professor", "--org", "NTU Singapore",
           "--lab", "Rapid Object Search Lab")
    cli.ok("add", "person", "Lim Jia Hui", "--role", "phd-student", "--org", "NTU Singapore",
           "--lab", "rapid object search lab")
    cli.ok("add", "opportunity", "Computer Vision Lab, GIST", "--kind", "outreach", "--org", "GIST")
    return cli


def test_add_person_with_a_close_name_is_refused_and_writes_nothing(seeded: Cli) -> None:
    before = table_counts(seeded.db)
    result = seeded("add", "person", "Prof. Kim Younghoon", "--role", "professor", "--org", "Gwangju Tech")
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1
    message = " ".join(result.stderr.split())
    assert '"Prof. Kim Younghoon" looks like a person you already have: Kim Young-hoon (professor, GIST: same name)' \
        in message
    assert "Nothing was added" in message and "--force" in message
    assert table_counts(seeded.db) == before  # not even the new organization


def test_force_adds_anyway(seeded: Cli) -> None:
    seeded.ok("add", "person", "Prof. Kim Younghoon", "--role", "professor", "--org", "GIST", "--force")
    people = seeded.json("list", "people")
    assert sorted(p["name"] for p in people if "Kim" in p["name"]) == ["Kim Young-hoon", "Prof. Kim Younghoon"]


def test_the_exact_same_person_is_refused_even_with_force(seeded: Cli) -> None:
    before = table_counts(seeded.db)
    for extra in ((), ("--force",)):
        result = seeded("add", "person", "kim young-hoon", "--role", "professor", "--org", "GIST", *extra)
        assert result.exit_code == 2
        assert "already exists" in result.stderr and "--force" not in result.stderr
    assert table_counts(seeded.db) == before


def test_add_opportunity_with_a_close_title_is_refused_then_forced(seeded: Cli) -> None:
    before = table_counts(seeded.db)
    result = seeded("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--org", "GIST")
    assert result.exit_code == 2
    assert "looks like an opportunity you already have: Computer Vision Lab, GIST (outreach, GIST, shortlisted: " \
        "same words)" in " ".join(result.stderr.split())
    assert table_counts(seeded.db) == before
    seeded.ok("add", "opportunity", "GIST CV Lab summer", "--kind", "outreach", "--org", "GIST", "--force")
    assert table_counts(seeded.db)["opportunity"] == before["opportunity"] + 1
    seeded.ok("add", "opportunity", "KAIST Vision Lab", "--kind", "outreach", "--org", "KAIST")  # nothing close


def test_an_import_is_not_stopped_by_the_guard(seeded: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,role,organization\nProf. Kim Younghun,professor,GIST\n", encoding="utf-8")
    seeded.ok("import", "csv", str(sheet), "--what", "people")
    assert "Prof. Kim Younghun" in [p["name"] for p in seeded.json("list", "people")]


# --- tracker log: warns, never refuses ----------------------------------------------------------------


def test_log_warns_about_the_lab_after_logging(seeded: Cli) -> None:
    seeded.ok("log", "linkedin", "--to", "Lim Jia Hui", "--on", "4 days ago", "--subject", "Life in the lab?")
    result = seeded.ok("log", "email", "--to", "Tan Wei Ming", "--subject", "Summer internship")
    assert "Logged email to Tan Wei Ming" in result.stdout
    assert " ".join(result.stderr.split()) == (
        "warning: You wrote to Lim Jia Hui in the same lab (Rapid Object Search Lab, NTU Singapore) 4 days ago "
        '(Wed 2026-11-18, LinkedIn: "Life in the lab?")'
    )
    again = seeded.ok("log", "email", "--to", "Tan Wei Ming", "--subject", "Follow-up")
    assert 'warning: You wrote to Tan Wei Ming today (Sun 2026-11-22, email: "Summer internship")' in again.stderr
    assert len(seeded.json("list", "log")) == 3  # all three were logged


def test_log_warns_only_for_messages_sent_by_email_or_linkedin(seeded: Cli) -> None:
    seeded.ok("log", "email", "--to", "Lim Jia Hui", "--on", "yesterday")
    assert seeded.ok("log", "email", "--from", "Tan Wei Ming").stderr == ""
    assert seeded.ok("log", "call", "--to", "Tan Wei Ming").stderr == ""


def test_the_window_is_the_profiles(seeded: Cli) -> None:
    seeded.ok("log", "email", "--to", "Lim Jia Hui", "--on", "10 days ago")
    seeded.ok("profile", "--recent-days", "7")
    assert seeded.json("profile")["recent_contact_days"] == 7
    assert seeded.ok("log", "email", "--to", "Tan Wei Ming").stderr == ""
    seeded.ok("profile", "--recent-days", "14")
    assert "10 days ago" in seeded.ok("log", "email", "--to", "Tan Wei Ming", "--on", "yesterday").stderr


@pytest.mark.parametrize("days", ["0", "366", "-3"])
def test_recent_days_out_of_range_is_refused(cli: Cli, days: str) -> None:
    cli.ok("profile")
    result = cli("profile", "--recent-days", days)
    assert result.exit_code == 2
    assert "from 1 to 365" in result.stderr
    assert cli.json("profile")["recent_contact_days"] == 30


# --- tracker duplicates ---------------------------------------------------------------------------------


def test_duplicates_lists_pairs_and_as_json(seeded: Cli) -> None:
    assert "No likely duplicates among 3 people and 1 opportunities" in " ".join(seeded.ok("duplicates").stdout.split())
    seeded.ok("add", "person", "Prof. Kim Younghoon", "--role", "professor", "--force")
    seeded.ok("add", "person", "Wei Ming Tan", "--role", "professor", "--org", "NTU", "--force")
    out = " ".join(seeded.ok("duplicates").stdout.split())
    assert "People: 2 likely duplicates" in out
    report = seeded.json("duplicates")
    pairs = {(p["first"]["name"], p["second"]["name"], p["reason"]) for p in report["people"]}
    assert pairs == {
        ("Kim Young-hoon", "Prof. Kim Younghoon", "same name"),
        ("Tan Wei Ming", "Wei Ming Tan", "same name, organizations written two ways"),
    }
    assert report["opportunities"] == []


def test_duplicates_across_many_people_stays_quick(store: Store) -> None:
    """Pairs come from buckets, not from comparing everyone with everyone (9 million pairs here)."""
    import time

    from sqlalchemy import insert

    from tracker.store.models import Person

    first = ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Minjun", "Seoyeon", "Wei", "Jia", "Lukas"]
    last = ["Sharma", "Iyer", "Reddy", "Kim", "Park", "Tan", "Lim", "Müller", "Schmidt", "Nair", "Rao"]
    with store.write() as s:
        orgs = [records.get_or_create_organization(s, f"University {n}") for n in range(60)]
        s.execute(insert(Person), [
            {"name": f"{first[i % 11]} {chr(65 + i % 26)}. {last[(i // 11) % 11]} {i}", "role": "professor",
             "organization_id": orgs[i % 60].id, "added_on": TODAY}  # type: ignore[union-attr]
            for i in range(3000)
        ])
        records.add_person(s, name="Dr. Priya Sharma 1", role="professor", organization="University 1")
    started = time.perf_counter()
    with store.read() as s:
        report = duplicate_pairs(s)
    assert time.perf_counter() - started < 5  # a tenth of a second on a laptop
    assert [(p.first.name, p.second.name, p.reason) for p in report.people] == [
        ("Priya B. Sharma 1", "Dr. Priya Sharma 1", "same name but for a middle initial")
    ]


# --- the demo exercises the guard ------------------------------------------------------------------------


def test_the_demo_exercises_the_guard(demo_db: Path) -> None:
    cli = Cli(demo_db)
    assert "No likely duplicates among 14 people" in " ".join(cli.ok("duplicates").stdout.split())
    result = cli("add", "person", "Prof. Kim Younghoon", "--role", "professor", "--org", "GIST")
    assert result.exit_code == 2 and "Kim Young-hoon (professor, GIST: same name)" in " ".join(result.stderr.split())
    logged = cli.ok("log", "email", "--to", "Tan Wei Ming", "--subject", "Accepting the offer")
    assert "You wrote to Lim Jia Hui in the same lab (Rapid Object Search Lab, NTU Singapore) 4 days ago" in \
        " ".join(logged.stderr.split())
    assert json.loads(cli.ok("profile", "--json").stdout)["recent_contact_days"] == 30
