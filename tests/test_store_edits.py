"""tracker.store.writes.edits: updating people and opportunities, and the reads forms need."""

from __future__ import annotations

import sys
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tracker.domain.errors import InvalidInput, NotFound, TrackerError
from tracker.store.models import Opportunity, Organization, Person, Profile
from tracker.store import Store
from tracker.store.writes import edits
from tracker.store.writes import records

TODAY = date(2026, 11, 22)


@pytest.fixture
def filled(store: Store) -> Store:
    with store.write() as session:
        records.add_person(session, name="Prof. Kim Minsoo", role="professor", organization="GIST", lab="CV Lab")
        records.add_person(session, name="Tan Wei Ming", role="phd-student", organization="NTU Singapore")
        records.add_person(session, name="Anna Berg", role="writer", organization="VIT Vellore")
        records.add_opportunity(session, title="GIST CV Lab summer", kind="outreach", organization="GIST",
                                contact="Kim", on=TODAY)
        records.add_opportunity(session, title="DAAD WISE", kind="program", organization="DAAD", on=TODAY)
    return store


def _person(store: Store, name: str) -> Person:
    with store.read() as session:
        return session.exec(select(Person).where(Person.name == name)).one()


def _opp(store: Store, title: str) -> Opportunity:
    with store.read() as session:
        return session.exec(select(Opportunity).where(Opportunity.title == title)).one()


# --- update_person ------------------------------------------------------------------------------


def test_update_person_changes_only_the_given_fields(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with filled.write() as session:
        edits.update_person(session, person_id=kim.id, email=" kim@gist.ac.kr ", keep_in_touch_days=60)
    after = _person(filled, "Prof. Kim Minsoo")
    assert after.email == "kim@gist.ac.kr"
    assert after.keep_in_touch_days == 60
    assert after.lab == "CV Lab" and after.role == "professor" and after.organization_id == kim.organization_id


def test_update_person_renames_moves_and_creates_the_organization(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with filled.write() as session:
        edits.update_person(session, person_id=kim.id, name="  Kim   Minsoo ", role="PI", organization="KAIST",
                            lab="")
    with filled.read() as session:
        after = session.get(Person, kim.id)
        org = session.get(Organization, after.organization_id)
    assert (after.name, after.role, org.name, after.lab) == ("Kim Minsoo", "professor", "KAIST", None)


def test_update_person_empty_organization_clears_it(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with filled.write() as session:
        edits.update_person(session, person_id=kim.id, organization="  ")
    assert _person(filled, "Prof. Kim Minsoo").organization_id is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "cannot be empty"),
        ({"role": "wizard"}, 'unknown role "wizard"'),
        ({"keep_in_touch_days": 0}, "at least one day"),
        ({"name": "tan wei ming", "organization": "NTU Singapore"}, "already exists"),
    ],
)
def test_update_person_refuses_what_adding_refuses(filled: Store, fields: dict, message: str) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with pytest.raises(InvalidInput, match=message):
        with filled.write() as session:
            edits.update_person(session, person_id=kim.id, **fields)
    assert _person(filled, "Prof. Kim Minsoo").role == "professor"


def test_update_person_same_name_elsewhere_is_allowed(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with filled.write() as session:
        edits.update_person(session, person_id=kim.id, name="Tan Wei Ming")  # at GIST, not NTU
    with filled.read() as session:
        same = session.exec(select(Person.id).where(Person.name == "Tan Wei Ming")).all()
    assert len(same) == 2 and kim.id in same


def test_update_person_keeps_its_own_name(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    with filled.write() as session:
        edits.update_person(session, person_id=kim.id, name="prof. kim minsoo", organization="GIST")
    assert _person(filled, "prof. kim minsoo").id == kim.id


def test_update_person_unknown_id_and_unknown_field(filled: Store) -> None:
    with pytest.raises(NotFound):
        with filled.write() as session:
            edits.update_person(session, person_id=999, name="X")
    with pytest.raises(TypeError, match="stage"):
        with filled.write() as session:
            edits.update_person(session, person_id=1, stage="applied")


# --- update_opportunity -------------------------------------------------------------------------


def test_update_opportunity_fields_contact_and_gpa(filled: Store) -> None:
    opp = _opp(filled, "DAAD WISE")
    with filled.write() as session:
        edits.update_opportunity(
            session, opportunity_id=opp.id, title="DAAD WISE 2027", kind="Program", contact="tan",
            letters_required=2, min_gpa=" 8 / 10 ", cycle="Summer 2027", url="https://daad.de", notes="",
        )
    after = _opp(filled, "DAAD WISE 2027")
    assert after.id == opp.id
    assert (after.kind, after.letters_required, after.min_gpa, after.cycle) == ("program", 2, "8/10", "Summer 2027")
    assert after.contact_id == _person(filled, "Tan Wei Ming").id
    assert after.notes is None and after.stage == "shortlisted"


def test_update_opportunity_deadline_day_instant_and_clear(filled: Store) -> None:
    opp = _opp(filled, "DAAD WISE")
    at = datetime(2027, 1, 10, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    with filled.write() as session:
        edits.update_opportunity(session, opportunity_id=opp.id, deadline=at, deadline_tz="America/New_York")
    after = _opp(filled, "DAAD WISE")
    assert after.deadline == date(2027, 1, 10)
    assert after.deadline_at == at.astimezone(timezone.utc)
    assert after.deadline_tz == "America/New_York"
    with filled.write() as session:
        edits.update_opportunity(session, opportunity_id=opp.id, deadline=date(2026, 12, 15))
    after = _opp(filled, "DAAD WISE")
    assert (after.deadline, after.deadline_at, after.deadline_tz) == (date(2026, 12, 15), None, None)
    with filled.write() as session:
        edits.update_opportunity(session, opportunity_id=opp.id, deadline=None, contact="", organization=None)
    after = _opp(filled, "DAAD WISE")
    assert (after.deadline, after.contact_id, after.organization_id) == (None, None, None)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"title": "gist cv lab SUMMER"}, InvalidInput, "already exists"),
        ({"title": ""}, InvalidInput, "cannot be empty"),
        ({"kind": "job"}, InvalidInput, 'unknown kind "job"'),
        ({"letters_required": 21}, InvalidInput, "0 to 20"),
        ({"min_gpa": "11/10"}, InvalidInput, "above its scale"),
        ({"contact": "Nobody"}, NotFound, 'no person named "Nobody"'),
        ({"deadline_tz": "UTC"}, TypeError, "together with deadline"),
        ({"stage": "applied"}, TypeError, "stage"),
    ],
)
def test_update_opportunity_refuses_bad_values_and_writes_nothing(
    filled: Store, fields: dict, error: type[Exception], message: str
) -> None:
    opp = _opp(filled, "DAAD WISE")
    with pytest.raises(error, match=message):
        with filled.write() as session:
            edits.update_opportunity(session, opportunity_id=opp.id, notes="changed", **fields)
    after = _opp(filled, "DAAD WISE")
    assert after.notes is None and after.kind == "program"


def test_update_opportunity_keeps_its_own_title(filled: Store) -> None:
    opp = _opp(filled, "DAAD WISE")
    with filled.write() as session:
        edits.update_opportunity(session, opportunity_id=opp.id, title="daad wise")
    assert _opp(filled, "daad wise").id == opp.id


# --- reads for forms ----------------------------------------------------------------------------


def test_names_for_autocomplete_newest_first(filled: Store) -> None:
    with filled.read() as session:
        assert edits.person_names(session) == ["Anna Berg", "Tan Wei Ming", "Prof. Kim Minsoo"]
        assert edits.organization_names(session) == ["DAAD", "VIT Vellore", "NTU Singapore", "GIST"]
        assert edits.opportunity_titles(session) == ["DAAD WISE", "GIST CV Lab summer"]
        assert edits.person_names(session, limit=1) == ["Anna Berg"]


def test_person_and_opportunity_values(filled: Store) -> None:
    kim = _person(filled, "Prof. Kim Minsoo")
    opp = _opp(filled, "GIST CV Lab summer")
    with filled.read() as session:
        person = edits.person_values(session, kim.id)
        values = edits.opportunity_values(session, opp.id)
    assert person["name"] == "Prof. Kim Minsoo" and person["organization"] == "GIST" and person["lab"] == "CV Lab"
    assert set(person) == edits.PERSON_FIELDS | {"version"} and person["version"] == 1
    assert values["contact"] == "Prof. Kim Minsoo" and values["organization"] == "GIST"
    assert values["stage"] == "shortlisted" and values["deadline"] is None and values["version"] == 1


def test_an_edit_of_a_field_changed_since_it_was_read_is_refused(filled: Store) -> None:
    from tracker.domain.errors import ChangedElsewhere

    kim = _person(filled, "Prof. Kim Minsoo")
    opp = _opp(filled, "GIST CV Lab summer")
    with filled.read() as session:
        read = edits.person_values(session, kim.id), edits.opportunity_values(session, opp.id)
    with filled.write() as session:  # another window saves first
        edits.update_person(session, person_id=kim.id, base=read[0], mine={"lab"}, lab="Vision Lab")
        edits.update_opportunity(session, opportunity_id=opp.id, base=read[1], mine={"notes"}, notes="theirs")
    with pytest.raises(ChangedElsewhere, match="changed elsewhere since you opened it"):
        with filled.write() as session:
            edits.update_person(session, person_id=kim.id, base=read[0], mine={"lab"}, lab="CV Lab 2")
    with pytest.raises(ChangedElsewhere):
        with filled.write() as session:
            edits.update_opportunity(session, opportunity_id=opp.id, base=read[1], mine={"notes"}, notes="mine")
    with filled.read() as session:
        person, values = edits.person_values(session, kim.id), edits.opportunity_values(session, opp.id)
    assert (person["lab"], person["version"]) == ("Vision Lab", 2)
    assert (values["notes"], values["version"]) == ("theirs", 2)


def test_an_edit_read_before_another_change_merges_with_it_field_by_field(filled: Store) -> None:
    """An editor read the opportunity; meanwhile another process moved its stage and typed its notes. The
    editor's lab is written over the record as it is now (the stage and notes stay); its notes, changed on
    both sides, are refused with the value now, nothing written."""
    from tracker.domain.errors import ChangedElsewhere

    opp = _opp(filled, "GIST CV Lab summer")
    with filled.read() as session:
        base = edits.opportunity_values(session, opp.id)
    with filled.write() as session:  # the other process
        records.record_stage(session, session.get(Opportunity, opp.id), "contacted", on=date(2026, 11, 20))
        edits.update_opportunity(session, opportunity_id=opp.id, notes="theirs")
    mine = {**{k: base[k] for k in edits.OPPORTUNITY_FIELDS}, "lab": "Vision Lab", "notes": "mine"}
    with pytest.raises(ChangedElsewhere) as refused:
        with filled.write() as session:
            edits.update_opportunity(session, opportunity_id=opp.id, base=base, mine={"lab", "notes"}, **mine)
    assert refused.value.fields == ("notes",) and refused.value.values == {"notes": "theirs"}
    with filled.write() as session:
        edits.update_opportunity(session, opportunity_id=opp.id, base=base, mine={"lab"}, **mine)
    with filled.read() as session:
        now = edits.opportunity_values(session, opp.id)
    assert (now["lab"], now["notes"], now["stage"]) == ("Vision Lab", "theirs", "contacted")


def test_a_write_racing_another_on_one_record_is_refused_whole(filled: Store) -> None:
    from sqlalchemy import text

    from tracker.domain.errors import ChangedElsewhere
    from tracker.store.models import Person

    kim = _person(filled, "Prof. Kim Minsoo")
    with pytest.raises(ChangedElsewhere, match="changed elsewhere meanwhile; nothing was written"):
        with filled.write() as session:
            person = session.get(Person, kim.id)
            assert person is not None
            # what another writer's commit looks like to this session: the row's version moved on
            session.execute(text("UPDATE person SET lab = 'theirs', version = version + 1 WHERE id = :id"),
                            {"id": kim.id})
            person.lab = "mine"
            person.notes = "mine too"
    with filled.read() as session:
        values = edits.person_values(session, kim.id)
    assert values["lab"] == "CV Lab" and values["notes"] != "mine too" and values["version"] == 1


def test_profile_defaults_do_not_create_a_profile(filled: Store) -> None:
    with filled.read() as session:
        defaults = edits.profile_defaults(session)
    assert defaults["follow_up_days"] == {"email": 7, "linkedin": 5}
    with filled.read() as session:
        assert session.get(Profile, 1) is None


def test_opportunity_stage_and_letter_status(filled: Store) -> None:
    with filled.write() as session:
        records.set_letter(session, opportunity="GIST", writer="Anna", status="agreed", on=TODAY)
    with filled.read() as session:
        assert edits.opportunity_stage(session, "gist") == ("GIST CV Lab summer", "shortlisted")
        assert edits.letter_status(session, opportunity="GIST", writer="Anna Berg") == "agreed"
        assert edits.letter_status(session, opportunity="DAAD", writer="Anna Berg") is None
        assert edits.letter_status(session, opportunity="Nothing", writer="Anna Berg") is None
        with pytest.raises(TrackerError):
            edits.opportunity_stage(session, "Nothing")


def test_edits_module_does_not_import_textual() -> None:
    import subprocess

    code = "import sys, tracker.store.writes.edits, tracker.domain.zones; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_zone_name() -> None:
    from datetime import timedelta

    from tracker.domain.zones import zone_name

    assert zone_name(datetime(2026, 12, 1, 14, tzinfo=ZoneInfo("Asia/Seoul"))) == "Asia/Seoul"
    assert zone_name(datetime(2026, 12, 1, tzinfo=timezone(timedelta(hours=5, minutes=30)))) == "+05:30"
    assert zone_name(datetime(2026, 12, 1, tzinfo=timezone(-timedelta(hours=3)))) == "-03:00"
    assert zone_name(datetime(2026, 12, 1, tzinfo=timezone.utc)) == "+00:00"
    assert zone_name(datetime(2026, 12, 1)) is None
    assert zone_name(date(2026, 12, 1)) is None
