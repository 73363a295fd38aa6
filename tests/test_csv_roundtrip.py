"""CSV round trips: export a store, import into an empty one, export again: the same text, byte for byte."""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from conftest import TODAY, new_database
from tracker.io.csv_export import export_csv
from tracker.io.csv_import import import_csv
from tracker.store.models import Interaction, Opportunity, Person
from tracker.store import Store, open_store
from tracker.store.writes import records as R

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def export(store: Store, what: str) -> str:
    out = io.StringIO(newline="")
    export_csv(store, what, out)
    return out.getvalue()


def round_trip(store: Store, what: str, folder: Path) -> tuple[str, str, Store]:
    """Export `what` from `store`, import it into a new store in `folder`; both texts and the new store."""
    text = export(store, what)
    path = folder / f"{what}.csv"
    path.write_bytes(text.encode("utf-8"))
    fresh = open_store(new_database(folder / "b.db"))
    import_csv(fresh, path, what=what, today=TODAY, now=NOW, zone=timezone.utc)
    return text, export(fresh, what), fresh


def add_people(s: Session) -> None:
    R.add_person(s, name="Kim Minsoo", role="professor", organization="GIST", lab="Computer Vision Lab",
                 email="kim@gist.ac.kr", homepage="https://cv.gist.ac.kr", research_areas="vision, video")
    R.add_person(s, name="Kim Minsoo", role="postdoc", organization="NTU", notes="same name, other person")
    R.add_person(s, name="kim", role="phd-student", organization=None, linkedin="linkedin.com/in/kim")
    R.add_person(s, name="Müller, José", role="researcher", organization="TU München", notes='"quoted"\r\nand, more')
    R.add_person(s, name="김영훈", role="writer", organization="KAIST", notes="=1+1")
    R.add_person(s, name="-Dash", role="recruiter", organization="@Company", lab="+Lab", notes="'=already quoted")


def test_people_round_trip(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        add_people(s)
    before, after, fresh = round_trip(store, "people", tmp_path)
    assert after == before
    assert before.count("\r\n") == 8  # the header, 6 people, one line break inside a cell
    with fresh.read() as s:
        assert s.exec(select(Person.notes).where(Person.name == "-Dash")).one() == "'=already quoted"
    fresh.close()


def test_opportunities_round_trip(store: Store, tmp_path: Path) -> None:
    # No interactions or letters: last_activity, next_follow_up and letters_submitted are derived from them.
    with store.write() as s:
        add_people(s)
        R.add_opportunity(s, title="GIST CV lab", kind="outreach", organization="GIST", contact="kim@gist.ac.kr",
                          cycle="Summer 2027", stage="contacted", on=date(2026, 8, 1))
        R.add_opportunity(s, title="MSR posting, failure explanation", kind="posting", organization="MSR",
                          deadline=datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc), deadline_tz="Asia/Seoul",
                          letters_required=2, url="https://example.org", stage="applied", on=date(2026, 10, 2))
        opp = R.add_opportunity(s, title="=Program", kind="program", organization="DAAD",
                                deadline=date(2027, 1, 15), stage="applied", on=date(2026, 9, 3), notes="-note")
        R.record_stage(s, opp, "rejected", on=date(2026, 11, 1))
        R.add_opportunity(s, title="NTU India Connect", kind="program", organization="NTU",
                          deadline=datetime(2027, 2, 1, 23, 59, tzinfo=timezone.utc), deadline_tz=None,
                          stage="offered", on=date(2026, 10, 5), contact="김영훈")
        R.add_opportunity(s, title="IISc video", kind="outreach", organization=None, lab="Video Analytics Lab",
                          contact="kim", stage="no-response", on=date(2026, 8, 1))
    before, after, fresh = round_trip(store, "opportunities", tmp_path)
    assert after == before
    assert "2026-12-01T14:00:00+09:00" in before and "2027-02-01T23:59:00+00:00" in before
    with fresh.read() as s:
        rejected = s.exec(select(Opportunity).where(Opportunity.title == "=Program")).one()
        assert (rejected.stage, rejected.applied_on) == ("rejected", date(2026, 9, 3))
    fresh.close()


def test_log_round_trip(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        add_people(s)
        gist = R.add_person(s, name="Park", role="professor", organization="GIST")
        R.add_opportunity(s, title="GIST CV lab", kind="outreach", organization="GIST", on=date(2026, 8, 1))
        R.add_opportunity(s, title="NTU, object search", kind="outreach", organization="NTU", on=date(2026, 8, 1))
        log = R.log_interaction
        log(s, channel="email", direction="sent", person="kim@gist.ac.kr", opportunity="GIST CV lab",
            on=date(2026, 8, 3), subject="Internship, summer 2027", paper="CVPR 2025")
        log(s, channel="email", direction="sent", person="Park", opportunity="GIST CV lab", on=date(2026, 8, 3))
        log(s, channel="linkedin", direction="sent", person="kim", on=date(2026, 8, 4), notes="+connect")
        log(s, channel="email", direction="received", person="Park", opportunity="GIST CV lab", on=date(2026, 8, 9),
            notes='He wrote:\n"send your CV"')
        log(s, channel="call", direction="sent", person="김영훈", on=date(2026, 8, 9), notes="@ 9pm KST")
        log(s, channel="note", direction="received", person="-Dash", on=date(2026, 8, 1))
        log(s, channel="email", direction="sent", person="Müller", on=date(2026, 8, 20),
            follow_up_in=timedelta(days=3))
        ntu = s.exec(select(Person).where(Person.name == "Kim Minsoo", Person.role == "postdoc")).one()
        s.add(Interaction(on=date(2026, 8, 21), channel="portal", direction="sent", person_id=ntu.id,
                          opportunity_id=s.exec(select(Opportunity.id).where(
                              Opportunity.title == "NTU, object search")).one(), follow_up_on=date(2026, 9, 1)))
        R.record_stage(s, s.exec(select(Opportunity).where(Opportunity.title == "GIST CV lab")).one(),
                       "interviewing", on=date(2026, 9, 1))
        # A second "Park" without an organization, met after the one at GIST: still two people after import.
        other_park = R.add_person(s, name="Park", role="researcher", organization=None)
        s.add(Interaction(on=date(2026, 9, 2), channel="meeting", direction="received", person_id=other_park.id))
        assert gist.id != other_park.id
    before, after, fresh = round_trip(store, "log", tmp_path)
    assert after == before
    assert before.count("\r\n") == 10  # the header and 9 rows
    with fresh.read() as s:
        kims = s.exec(select(Person.name, Person.role).where(Person.name.ilike("kim%"))).all()  # type: ignore[attr-defined]
        assert sorted(tuple(k) for k in kims) == [("Kim Minsoo", "postdoc"), ("Kim Minsoo", "professor"),
                                                 ("kim", "phd-student")]
        parks = s.exec(select(Person.role, Person.organization_id).where(Person.name == "Park")).all()
        assert len(parks) == 2 and {p[1] is None for p in parks} == {True, False}
    fresh.close()


names = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=30)


def _normalized(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(
    st.tuples(names.filter(lambda n: n.strip() != ""), st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60),
        st.sampled_from([None, "GIST", "Müller, José University", "=Org"])),
    min_size=1, max_size=6, unique_by=lambda p: _normalized(p[0]).casefold()))
@example(people=[("O", "", None), ("Ò", "", None)])  # found by this test: the second became the first
@example(people=[("Cagla Yilmaz", "met at ACL", "=Org"), ("Çağla Yılmaz", "", "=Org")])
def test_any_people_names_and_notes_survive_export_and_import(people: list[tuple[str, str, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a = open_store(new_database(Path(folder) / "a.db"))
        try:
            with a.write() as s:
                for name, notes, org in people:
                    R.add_person(s, name=name, role="professor", organization=org, notes=notes)
            with a.read() as s:
                stored = sorted((p.name, p.notes or "") for p in s.exec(select(Person)))
            before, after, b = round_trip(a, "people", Path(folder))
            try:
                with b.read() as s:
                    assert sorted((p.name, p.notes or "") for p in s.exec(select(Person))) == stored
            finally:
                b.close()
            assert after == before
        finally:
            a.close()


@pytest.mark.parametrize("what", ["log", "opportunities", "people"])
def test_round_trip_of_an_empty_store(store: Store, tmp_path: Path, what: str) -> None:
    before, after, fresh = round_trip(store, what, tmp_path)
    assert after == before
    fresh.close()


def test_opportunities_whose_titles_differ_by_accents_stay_two(tmp_path: Path) -> None:
    """An export's rows are records: "Muller Lab" and "Müller Lab" come back as two opportunities."""
    store = open_store(new_database(tmp_path / "a.db"))
    with store.write() as s:
        for title in ("Muller Lab internship", "Müller Lab internship"):
            R.add_opportunity(s, title=title, kind="posting", organization="TU München", on=TODAY)
    before, after, fresh = round_trip(store, "opportunities", tmp_path)
    with fresh.read() as s:
        assert sorted(s.exec(select(Opportunity.title))) == ["Muller Lab internship", "Müller Lab internship"]
    assert after == before
    fresh.close()
    store.close()
