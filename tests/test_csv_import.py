"""CSV import (tracker.io.csv_import): spreadsheets, encodings, header mapping, all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from conftest import TODAY
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.io.cells import read_role, read_stage
from tracker.io.csv_import import ImportFailed, ImportReport, import_csv, read_csv_file
from tracker.store.models import Interaction, Opportunity, Organization, Person, StageChange
from tracker.store import Store
from tracker.store.writes import records as R

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)

SHEET = (
    "Professor,University,Research Area,Email,Date Emailed,Status,Notes\r\n"
    "Prof. Kim Minsoo,GIST,Computer Vision,kim@gist.ac.kr,2026-08-03,No reply,cited his CVPR paper\r\n"
    "Dr. Anita Rao,IISc,Video Analytics,anita@iisc.ac.in,2026-08-05,Replied,\"asked for my CV, transcript\"\r\n"
    "Lee Jae-won,NTU,Object Search,lee@ntu.edu.sg,\"Aug 10, 2026\",Interview scheduled,\r\n"
    "Tan Wei,NUS,NLP,,,To contact,\r\n"
)


def write(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(store: Store, path: Path, **kwargs: Any) -> ImportReport:
    return import_csv(store, path, today=TODAY, now=NOW, zone=timezone.utc, **kwargs)


def counts(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {m.__name__: s.exec(select(func.count()).select_from(m)).one()
                for m in (Person, Opportunity, Interaction, Organization, StageChange)}


def one(store: Store, model: Any, **where: Any) -> Any:
    with store.read() as s:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return s.exec(query).one()


def test_a_student_spreadsheet_lands_as_people_opportunities_and_interactions(store: Store, tmp_path: Path) -> None:
    report = run(store, write(tmp_path, SHEET))
    assert report.summary() == "4 rows: 4 people, 4 opportunities, 3 interactions added"
    kim = one(store, Person, name="Prof. Kim Minsoo")
    assert (kim.role, kim.email, kim.research_areas) == ("professor", "kim@gist.ac.kr", "Computer Vision")
    assert one(store, Organization, id=kim.organization_id).name == "GIST"
    stages = {o.title: o.stage for o in _all(store, Opportunity)}
    assert stages == {"Prof. Kim Minsoo, GIST": "no-response", "Dr. Anita Rao, IISc": "replied",
                      "Lee Jae-won, NTU": "interviewing", "Tan Wei, NUS": "shortlisted"}
    opp = one(store, Opportunity, title="Prof. Kim Minsoo, GIST")
    assert (opp.contact_id, opp.kind) == (kim.id, "outreach")
    sent = one(store, Interaction, person_id=kim.id)
    assert (sent.on, sent.channel, sent.direction, sent.notes) == (date(2026, 8, 3), "email", "sent",
                                                                   "cited his CVPR paper")
    assert sent.follow_up_on == date(2026, 8, 10)  # no follow-up column: the profile's 7 days
    lee = one(store, Person, name="Lee Jae-won")
    assert one(store, Interaction, person_id=lee.id).on == date(2026, 8, 10)
    assert one(store, Interaction, person_id=one(store, Person, name="Dr. Anita Rao").id).notes == \
        "asked for my CV, transcript"
    with store.read() as s:
        history = s.exec(select(StageChange.to_stage, StageChange.changed_on)
                         .where(StageChange.opportunity_id == opp.id).order_by(StageChange.id)).all()
    assert [tuple(h) for h in history] == [("shortlisted", date(2026, 8, 3)), ("no-response", date(2026, 8, 3))]


def _all(store: Store, model: Any) -> list[Any]:
    with store.read() as s:
        return list(s.exec(select(model)))


def test_later_rows_win_and_blank_stages_follow_the_messages(store: Store, tmp_path: Path) -> None:
    text = ("Name,Org,Date,Status,Via,Direction\r\n"
            "Kim,GIST,2026-08-03,,email,\r\n"
            "Kim,GIST,2026-08-12,,email,received\r\n"
            "Kim,GIST,2026-09-01,Applied,portal,\r\n")
    run(store, write(tmp_path, text))
    opp = one(store, Opportunity, title="Kim, GIST")
    assert (opp.stage, opp.applied_on) == ("applied", date(2026, 9, 1))
    with store.read() as s:
        stages = s.exec(select(StageChange.to_stage).where(StageChange.opportunity_id == opp.id)
                        .order_by(StageChange.id)).all()
    assert list(stages) == ["shortlisted", "contacted", "replied", "applied"]


def test_a_stage_without_an_opportunity_files_the_row_under_the_person(store: Store, tmp_path: Path) -> None:
    text = "Person,Organization,Opportunity,Date,Stage\r\nKim,GIST,,2026-08-03,Emailed\r\nRao,IISc,,2026-08-04,\r\n"
    report = run(store, write(tmp_path, text))
    assert report.created == {"people": 2, "opportunities": 1, "interactions": 2}
    assert one(store, Opportunity, title="Kim, GIST").stage == "contacted"
    rao = one(store, Person, name="Rao")
    assert one(store, Interaction, person_id=rao.id).opportunity_id is None


def test_map_wins_over_recognition(store: Store, tmp_path: Path) -> None:
    text = "Host PI,Host,Mail day,Contact\r\nKim,GIST,2026-08-03,kim@gist.ac.kr\r\n"
    report = run(store, write(tmp_path, text),
                 mapping={"Host PI": "person", "host": "organization", "Mail Day": "date", "Contact": "email"})
    kim = one(store, Person, name="Kim")
    assert kim.email == "kim@gist.ac.kr"
    assert one(store, Interaction, person_id=kim.id).on == date(2026, 8, 3)
    assert report.ignored == []


def test_map_to_an_unknown_field_lists_the_fields(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, SHEET)
    with pytest.raises(InvalidInput, match=r'unknown field "mood".*person, role, organization'):
        run(store, path, mapping={"Notes": "mood"})
    with pytest.raises(InvalidInput, match='names no column'):
        run(store, path, mapping={"Remarks": "notes"})


def test_unknown_columns_are_ignored_and_reported(store: Store, tmp_path: Path) -> None:
    report = run(store, write(tmp_path, "Name,Favourite colour\r\nKim,blue\r\n"), what="people")
    assert report.created["people"] == 1
    assert report.ignored == ["Favourite colour"]
    assert len(report.warnings()) == 1 and 'ignored column "Favourite colour"; to import it, use --map' in \
        report.warnings()[0]


def test_a_file_without_a_name_column_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r'has no person column.*"University", "Date"'):
        run(store, write(tmp_path, "University,Date\r\nGIST,2026-08-03\r\n"))
    assert counts(store)["Organization"] == 0


def test_a_utf8_file_with_a_bom_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "Name,University\r\n김영훈,KAIST\r\n".encode())
    run(store, path, what="people")
    assert one(store, Person, name="김영훈").role == "professor"


def test_a_utf16_file_with_a_bom_is_read(store: Store, tmp_path: Path) -> None:
    run(store, write(tmp_path, "Name\tUniversity\r\nMüller, José\tTU München\r\n", encoding="utf-16"),
        what="people")
    assert one(store, Organization, id=one(store, Person, name="Müller, José").organization_id).name == "TU München"


def test_bytes_that_are_not_utf8_are_a_clear_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("Name,University\r\nMüller,TU München\r\n".encode("latin-1"))
    with pytest.raises(TrackerError, match=r"latin1.csv looks like Windows-1252.*line 2.*save it as 'CSV UTF-8'"):
        run(store, path, what="people")
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"Name,University\r\nM\x81ller,TU\r\n")  # 0x81 is in no Windows code page
    with pytest.raises(TrackerError, match=r"odd.csv is not UTF-8 text; save it as 'CSV UTF-8'.*line 2"):
        run(store, odd, what="people")


def test_line_numbers_are_physical_lines(tmp_path: Path) -> None:
    path = write(tmp_path, 'a,b\r\n\r\n1,"two\nlines"\r\n3,4\r\n')
    header, records = read_csv_file(path)
    assert header == ["a", "b"]
    assert list(records) == [(3, ["1", "two\nlines"]), (5, ["3", "4"])]


def test_one_bad_row_means_nothing_is_written_and_every_bad_row_is_reported(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        R.add_person(s, name="Already There", role="professor", organization="IISc")
    before = counts(store)
    text = ("Professor,University,Date Emailed,Status,Notes\r\n"
            "Kim,GIST,2026-08-03,Emailed,fine\r\n"
            "Rao,IISc,the 45th,Emailed,bad date\r\n"
            'Lee,NTU,2026-08-04,Replied,"two\r\nlines"\r\n'
            "Tan,NUS,2026-08-05,maybe,bad stage\r\n"
            "Ong,SUTD,2026-08-06,Cold,fine\r\n")
    path = write(tmp_path, text)
    with pytest.raises(ImportFailed) as caught:
        run(store, path)
    assert [line for line, _ in caught.value.problems] == [3, 6]
    lines = str(caught.value).splitlines()
    assert lines[0] == f"2 bad rows in {path}; nothing was imported"
    assert lines[1].startswith('  line 3: column "Date Emailed": can\'t read "the 45th" as a date; use 2026-11-20, ')
    assert lines[2].startswith('  line 6: column "Status": unknown stage "maybe"; use one of: shortlisted, contacted')
    assert counts(store) == before


def test_a_dated_stage_needs_a_date(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="line 2: no date"):
        run(store, write(tmp_path, "Name,Date,Status\r\nKim,,Emailed\r\n"))


def test_a_dry_run_reports_counts_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    report = run(store, write(tmp_path, SHEET), dry_run=True)
    assert (report.rows, report.created["people"], report.created["interactions"]) == (4, 4, 3)
    assert report.summary() == "4 rows: 4 people, 4 opportunities, 3 interactions would be added"
    assert counts(store) == before


def test_reimporting_a_people_file_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    first = "Name,Role,University,Email\r\nKim Minsoo,Associate Professor,GIST,\r\nAnita Rao,Post-doc,IISc,a@x\r\n"
    assert run(store, write(tmp_path, first), what="people").created["people"] == 2
    again = "Name,University,Email\r\nkim minsoo,gist,kim@gist.ac.kr\r\nAnita Rao,IISc,\r\n"
    report = run(store, write(tmp_path, again, "again.csv"), what="people")
    assert (report.created["people"], report.updated["people"]) == (0, 2)
    assert report.summary() == "2 rows: nothing added; 2 people updated"
    assert counts(store)["Person"] == 2
    kim = one(store, Person, name="Kim Minsoo")
    assert (kim.role, kim.email) == ("professor", "kim@gist.ac.kr")
    assert one(store, Person, name="Anita Rao").email == "a@x"  # a blank cell changes nothing


def test_a_sheet_names_a_person_with_or_without_the_hyphen_of_their_given_name(store: Store, tmp_path: Path) -> None:
    """"Lee Jae-won" of the first sheet is "Lee Jaewon" in the next one, and "Prof. Kim Seo-yeon" added by hand is
    "Kim Seoyeon": the same people (as `tracker log --to jaewon` finds him), not two more."""
    assert run(store, write(tmp_path, SHEET)).created["people"] == 4
    from tracker.store.writes.records import add_person

    with store.write() as session:
        add_person(session, name="Prof. Kim Seo-yeon", role="professor", added_on=TODAY)
    later = ("Professor,University,Date Emailed,Status\r\n"
             "Lee Jaewon,NTU,2026-09-01,Replied\r\nKim Seoyeon,,2026-09-02,Emailed\r\n")
    report = run(store, write(tmp_path, later, "later.csv"))
    assert report.created["people"] == 0 and counts(store)["Person"] == 5
    with store.read() as s:
        logged = s.exec(select(Person.name).join(Interaction, Interaction.person_id == Person.id)
                        .where(Interaction.on >= date(2026, 9, 1)).order_by(Interaction.on)).all()
    assert logged == ["Lee Jae-won", "Prof. Kim Seo-yeon"]


def test_reimporting_an_updated_spreadsheet_adds_only_the_new_rows(store: Store, tmp_path: Path) -> None:
    run(store, write(tmp_path, SHEET))
    before = counts(store)
    updated = SHEET.replace("2026-08-03,No reply", "2026-08-03,Replied") + \
        "Prof. Kim Minsoo,GIST,Computer Vision,kim@gist.ac.kr,2026-09-01,Applied,applied on the portal\r\n"
    report = run(store, write(tmp_path, updated, "updated.csv"))
    assert report.summary() == "5 rows: 1 interaction added; 3 interactions already there"
    assert counts(store)["Interaction"] == before["Interaction"] + 1
    assert counts(store)["Person"] == before["Person"]
    kim_opp = one(store, Opportunity, title="Prof. Kim Minsoo, GIST")
    assert (kim_opp.stage, kim_opp.applied_on) == ("applied", date(2026, 9, 1))


def test_an_opportunities_sheet_keeps_deadlines_zones_and_stages(store: Store, tmp_path: Path) -> None:
    text = ("Program,Type,Organization,Contact,Deadline,Status,Applied On,Letters,Link\r\n"
            "MITACS Globalink,program,MITACS,,2026-09-20,Applied,2026-09-10,2,https://mitacs.ca\r\n"
            "MSR posting,posting,Microsoft Research,Jane Doe,2026-12-01 14:00 KST,Interview,2026-10-02,,\r\n"
            "GIST lab,,GIST,Kim,,,,,\r\n")
    report = run(store, write(tmp_path, text), what="opportunities")
    assert report.summary() == "3 rows: 2 people, 3 opportunities added"
    mitacs = one(store, Opportunity, title="MITACS Globalink")
    assert (mitacs.kind, mitacs.stage, mitacs.applied_on, mitacs.deadline, mitacs.letters_required) == (
        "program", "applied", date(2026, 9, 10), date(2026, 9, 20), 2)
    msr = one(store, Opportunity, title="MSR posting")
    assert (msr.stage, msr.applied_on, msr.deadline_tz) == ("interviewing", date(2026, 10, 2), "Asia/Seoul")
    assert msr.deadline_at == datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    jane = one(store, Person, id=msr.contact_id)
    assert (jane.name, jane.role, one(store, Organization, id=jane.organization_id).name) == (
        "Jane Doe", "professor", "Microsoft Research")
    gist = one(store, Opportunity, title="GIST lab")
    assert (gist.kind, gist.stage) == ("outreach", "shortlisted")
    with store.read() as s:
        msr_history = s.exec(select(StageChange.to_stage, StageChange.changed_on)
                             .where(StageChange.opportunity_id == msr.id).order_by(StageChange.id)).all()
    assert [tuple(h) for h in msr_history] == [("shortlisted", date(2026, 10, 2)), ("applied", date(2026, 10, 2)),
                                               ("interviewing", TODAY)]


def test_an_existing_opportunity_title_is_updated(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        R.add_opportunity(s, title="DAAD WISE", kind="program", organization="DAAD", cycle="Summer 2027",
                          on=date(2026, 9, 1))
    report = run(store, write(tmp_path, "Title,Stage,Cycle,Notes\r\ndaad wise,Submitted,,GPA 8+\r\n"),
                 what="opportunities")
    assert report.updated["opportunities"] == 1 and counts(store)["Opportunity"] == 1
    daad = one(store, Opportunity, title="DAAD WISE")
    assert (daad.stage, daad.cycle, daad.notes, daad.applied_on) == ("applied", "Summer 2027", "GPA 8+", TODAY)


@pytest.mark.parametrize(("word", "stage"), [
    ("Emailed", "contacted"), ("Sent", "contacted"), ("Contacted", "contacted"), ("Messaged", "contacted"),
    ("No reply", "no-response"), ("No response", "no-response"), ("Ghosted", "no-response"),
    ("Cold", "no-response"), ("Replied", "replied"), ("Responded", "replied"), ("Answered", "replied"),
    ("Interview", "interviewing"), ("Interview scheduled", "interviewing"), ("Offer", "offered"),
    ("Offer received", "offered"), ("Applied", "applied"), ("Submitted", "applied"), ("Rejected", "rejected"),
    ("Declined", "declined"), ("Accepted", "accepted"), ("Withdrawn", "withdrawn"), ("To contact", "shortlisted"),
    ("Not yet", "shortlisted"), ("Shortlisted", "shortlisted"), ("Planned", "shortlisted"),
    ("no-response", "no-response"), ("", None),
])
def test_spreadsheet_status_words_become_stages(word: str, stage: str | None) -> None:
    assert read_stage(word) == stage


@pytest.mark.parametrize(("text", "role"), [
    ("Associate Professor", "professor"), ("PhD candidate", "phd-student"), ("Post-doc", "postdoc"),
    ("Postdoctoral Fellow", "postdoc"), ("Research Scientist", "researcher"), ("Recruiter", "recruiter"),
    ("professor", "professor"), ("", None),
])
def test_job_titles_become_roles(text: str, role: str | None) -> None:
    assert read_role(text) == role


def test_an_unreadable_role_is_an_error_listing_roles() -> None:
    with pytest.raises(InvalidInput, match="use one of: professor, phd-student"):
        read_role("Astronaut")
