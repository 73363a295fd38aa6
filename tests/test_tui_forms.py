"""The person and opportunity forms, driven by the Pilot over a real database file.

The other forms (interaction, stage, letter, interview, offer) are in test_tui_forms_records.py.
"""

from __future__ import annotations


from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from form_helpers import notifications, open_form, rows, run, save, seed, type_text, wait_for
from conftest import table_counts
from tracker.tui.widgets.notes_area import NotesArea
from tracker.tui.forms.base import REQUIRED, Field
from tracker.tui.forms.opportunity_form import OpportunityForm
from tracker.tui.forms.person_form import PersonForm
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.name_input import NameInput


@pytest.fixture
def db(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeded database: a file, or with TRACKER_TEST_PG a server's (as the student alice)."""
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    seed(empty_db, new=False)
    return empty_db


def field_error(form: Any, key: str) -> str:
    """What the form shows under field `key` (its error line, or a DateInput/NameInput's own line)."""
    field = form.query_one(f"#field-{key}", Field)
    if isinstance(field.widget, DateInput):
        return str(field.widget.query_one(".date-preview").render())
    if isinstance(field.widget, NameInput):
        return str(field.widget.query_one(".name-hint").render())
    return str(field.query_one(".field-error").render())


# --- PersonForm --------------------------------------------------------------------------------


def test_add_person_typed_as_a_user_would(db: Path) -> None:
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(), results)
        await type_text(pilot, "Dr. Lee Hana")
        await pilot.press("tab", "enter", "down", "down", "enter")  # role: professor -> postdoc
        await pilot.press("tab")
        await type_text(pilot, "NTU")
        await pilot.pause()
        await pilot.press("right")  # accept the completion
        assert form.widget("organization").value == "NTU Singapore"
        await pilot.press("tab")
        await type_text(pilot, "ROSE Lab")
        await pilot.press("tab")
        await type_text(pilot, "lee@ntu.edu.sg")
        for _ in range(5):
            await pilot.press("tab")
        await type_text(pilot, "8w")
        assert "56 days" in str(form.widget("keep_in_touch").query_one(".date-preview").render())
        await save(pilot)
        assert results == [True]
        assert pilot.app.screen is not form
        assert "Added Dr. Lee Hana (postdoc)" in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT p.role, o.name, p.lab, p.email, p.keep_in_touch_days, p.added_on FROM person p "
                    "JOIN organization o ON o.id = p.organization_id WHERE p.name = 'Dr. Lee Hana'") == [
        ("postdoc", "NTU Singapore", "ROSE Lab", "lee@ntu.edu.sg", 56, "2026-11-22")
    ]


def test_escape_writes_nothing(db: Path) -> None:
    before = table_counts(db)
    results: list[Any] = []

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(), results)
        await type_text(pilot, "Someone New")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is not form

    run(db, test)
    assert results == [False]
    assert table_counts(db) == before


def test_empty_name_and_bad_values_are_shown_under_their_fields(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm())
        await pilot.press("tab", "tab", "tab", "tab")  # to e-mail
        await type_text(pilot, "not-an-address")
        form.widget("keep_in_touch").focus()
        await type_text(pilot, "soon")
        await save(pilot)
        assert pilot.app.screen is form
        assert field_error(form, "name") == REQUIRED
        assert "no @" in field_error(form, "email")
        assert "can't read \"soon\" as a duration" in field_error(form, "keep_in_touch")
        assert "Not saved: fix Name, E-mail and Keep in touch" in str(form.query_one("#form-status").render())
        assert pilot.app.focused is form.widget("name")
        await type_text(pilot, "A")
        assert field_error(form, "name") == ""  # typing clears the message

    run(db, test)
    assert table_counts(db) == before


def status_text(form: Any) -> str:
    return str(form.query_one("#form-status").content)


def test_edit_person_changes_the_row(db: Path) -> None:
    (kim_id,) = rows(db, "SELECT id FROM person WHERE name = 'Prof. Kim Minsoo'")[0]

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(kim_id))
        assert form.widget("name").value == "Prof. Kim Minsoo"
        assert form.widget("organization").value == "GIST"
        assert form.widget("email").value == "kim@gist.ac.kr"
        form.widget("lab").focus()
        form.widget("lab").value = ""
        await type_text(pilot, "Computer Vision Lab")
        form.widget("keep_in_touch").focus()
        await type_text(pilot, "60")
        await save(pilot)
        assert pilot.app.screen is not form
        assert "Saved Prof. Kim Minsoo" in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT name, role, lab, email, keep_in_touch_days FROM person WHERE id = ?", kim_id) == [
        ("Prof. Kim Minsoo", "professor", "Computer Vision Lab", "kim@gist.ac.kr", 60)
    ]
    assert rows(db, "SELECT count(*) FROM person") == [(3,)]


def test_an_edit_of_a_person_changed_elsewhere_keeps_both_changes(db: Path) -> None:
    """The laptop saved the lab while this form was open on the desktop, where the e-mail was retyped:
    saving keeps both (the form used to load the record again and drop the e-mail typed)."""
    (kim_id,) = rows(db, "SELECT id FROM person WHERE name = 'Prof. Kim Minsoo'")[0]

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(kim_id))
        # (the sqlite3 shell's way: no version counted; the values say it changed)
        rows(db, "UPDATE person SET lab = 'Visual Computing Lab' WHERE id = ?", kim_id)
        form.widget("email").focus()
        form.widget("email").value = ""
        await type_text(pilot, "minsoo@gist.ac.kr")
        await save(pilot)
        assert pilot.app.screen is not form
        assert "Saved Prof. Kim Minsoo" in notifications(pilot.app)

    run(db, test)
    assert rows(db, "SELECT lab, email FROM person WHERE id = ?", kim_id) == [("Visual Computing Lab", "minsoo@gist.ac.kr")]


def test_a_field_changed_here_and_elsewhere_keeps_what_was_typed_and_shows_the_other(db: Path) -> None:
    (kim_id,) = rows(db, "SELECT id FROM person WHERE name = 'Prof. Kim Minsoo'")[0]

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm(kim_id))
        rows(db, "UPDATE person SET lab = 'Visual Computing Lab', email = 'kim@vc.gist.ac.kr', "
                 "version = version + 1 WHERE id = ?", kim_id)
        form.widget("lab").focus()
        form.widget("lab").value = ""
        await type_text(pilot, "CV Lab (Kim)")
        await save(pilot)
        assert pilot.app.screen is form
        await wait_for(pilot, lambda: form.ready and "Lab changed here and elsewhere" in status_text(form))
        assert form.widget("lab").value == "CV Lab (Kim)"  # what was typed stays
        assert form.widget("email").value == "kim@vc.gist.ac.kr"  # the other change shows
        assert "saved elsewhere meanwhile: Visual Computing Lab" in str(form.field("lab")._note.render())
        assert rows(db, "SELECT lab, version FROM person WHERE id = ?", kim_id) == [("Visual Computing Lab", 2)]
        await save(pilot)  # the user saw the other value and keeps theirs
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT lab, email FROM person WHERE id = ?", kim_id) == [("CV Lab (Kim)", "kim@vc.gist.ac.kr")]


def test_store_error_stays_in_the_form_under_the_field(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm())
        await type_text(pilot, "tan wei ming")
        form.widget("organization").focus()
        await type_text(pilot, "NTU Singapore")
        await save(pilot)
        assert pilot.app.screen is form  # still open: the user can fix the name
        assert 'already exists' in field_error(form, "name")
        assert str(form.query_one("#form-status").render()).startswith("Not saved: Name: ")
        assert notifications(pilot.app) == []  # said in the form only: a toast would cover its buttons

    run(db, test)
    assert table_counts(db) == before


def test_autocomplete_suggests_an_existing_organization(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, PersonForm())
        org: NameInput = form.widget("organization")
        assert "NTU Singapore" in org.names.names
        org.focus()
        await type_text(pilot, "ntu")
        await pilot.pause()
        assert org.input._suggestion == "NTU Singapore"
        assert "new organization" in str(org.query_one(".name-hint").render())
        await pilot.press("right")
        assert org.value == "NTU Singapore"
        assert not org.query_one(".name-hint").has_class("-shown")  # an existing one: nothing to say

    run(db, test)


# --- OpportunityForm ---------------------------------------------------------------------------


def test_a_contact_and_organization_typed_without_their_accents_are_the_ones_that_have_them(db: Path) -> None:
    """Typed on a keyboard without Turkish letters: the hints say whom and which the form will save,
    and the save links them (it said "no person named" and added a second organization)."""
    from tracker.store import open_store
    from tracker.store.writes import records

    store = open_store(db)
    with store.write() as session:
        records.add_person(session, name="Prof. Çağla Yılmaz", role="professor", organization="Boğaziçi University")
    store.close()

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "Vision Lab")
        form.widget("organization").focus()
        await type_text(pilot, "bogazici university")
        assert "= Boğaziçi University" in str(form.widget("organization").query_one(".name-hint").render())
        form.widget("contact").focus()
        await type_text(pilot, "cagla")
        assert "= Prof. Çağla Yılmaz" in str(form.widget("contact").query_one(".name-hint").render())
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT o.title, g.name, p.name FROM opportunity o JOIN organization g ON g.id = o.organization_id "
                    "JOIN person p ON p.id = o.contact_id WHERE o.title = 'Vision Lab'") == [
        ("Vision Lab", "Boğaziçi University", "Prof. Çağla Yılmaz")]
    assert rows(db, "SELECT count(*) FROM organization WHERE name LIKE 'Bo%'") == [(1,)]



def test_add_opportunity_with_zoned_deadline_contact_and_gpa(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "Rapid Object Search Lab")
        await pilot.press("tab", "enter", "down", "enter")  # kind: outreach -> program
        assert form.widget("kind").value == "program"
        await pilot.press("tab")
        await type_text(pilot, "NTU Singapore")
        await pilot.press("tab", "tab")
        await type_text(pilot, "tan")
        assert "= Tan Wei Ming" in str(form.widget("contact").query_one(".name-hint").render())
        await pilot.press("tab")
        await type_text(pilot, "Summer 2027")
        await pilot.press("tab")
        await type_text(pilot, "2027-01-10 23:59 EST")
        preview = str(form.widget("deadline").query_one(".date-preview").render())
        assert preview.startswith("Sun 2027-01-10 23:59 EST · Mon 10:29 IST your time")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "8/10")
        note = str(form.field("min_gpa").query_one(".field-note").render())
        assert "below the cut-off of 8/10" in note and "you can still apply" in note
        await save(pilot)
        assert pilot.app.screen is not form
        assert 'Added program "Rapid Object Search Lab"' in notifications(pilot.app)

    run(db, test)
    (row,) = rows(db, "SELECT o.kind, g.name, p.name, o.cycle, o.deadline, o.deadline_at, o.deadline_tz, "
                      "o.letters_required, o.min_gpa, o.stage FROM opportunity o JOIN organization g "
                      "ON g.id = o.organization_id JOIN person p ON p.id = o.contact_id "
                      "WHERE o.title = 'Rapid Object Search Lab'")
    assert row == ("program", "NTU Singapore", "Tan Wei Ming", "Summer 2027", "2027-01-10",
                   "2027-01-11 04:59:00.000000", "America/New_York", 2, "8/10", "shortlisted")


def test_bad_date_and_gpa_show_messages_and_write_nothing(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "Some lab")
        form.widget("deadline").focus()
        await type_text(pilot, "the 45th")
        assert field_error(form, "deadline").startswith("can't read \"the 45th\" as a date")
        form.widget("min_gpa").focus()
        await type_text(pilot, "11/10")
        assert "above its scale" in field_error(form, "min_gpa")  # live, before saving
        await save(pilot)
        assert pilot.app.screen is form
        assert set(form.errors) == {"deadline", "min_gpa"}
        assert "above its scale" in field_error(form, "min_gpa")
        assert "the 45th" in field_error(form, "deadline")

    run(db, test)
    assert table_counts(db) == before


def test_gpa_warning_never_blocks(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "DAAD 2")
        form.widget("min_gpa").focus()
        await type_text(pilot, "9.5/10")
        assert form.field("min_gpa").query_one(".field-note").has_class("-warn")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "7/10")
        assert "meets it" in str(form.field("min_gpa").query_one(".field-note").render())
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT min_gpa FROM opportunity WHERE title = 'DAAD 2'") == [("7/10",)]


def test_unknown_contact_is_refused_by_the_store_under_its_field(db: Path) -> None:
    before = table_counts(db)

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "New lab")
        form.widget("contact").focus()
        await type_text(pilot, "Nobody Known")
        assert 'no person named "Nobody Known"' in field_error(form, "contact")  # the live hint
        await save(pilot)
        assert pilot.app.screen is form
        assert field_error(form, "contact").startswith('no person named "Nobody Known"')
        assert form.widget("contact").has_class("-invalid")

    run(db, test)
    assert table_counts(db) == before


def test_edit_opportunity_keeps_the_zoned_deadline(db: Path) -> None:
    from tracker.store import open_store
    from tracker.store.writes import edits

    store = open_store(db)
    (opp_id,) = rows(db, "SELECT id FROM opportunity WHERE title = 'DAAD WISE'")[0]
    at = datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    with store.write() as session:
        edits.update_opportunity(session, opportunity_id=opp_id, deadline=at, deadline_tz="Asia/Seoul",
                                 min_gpa="8/10")
    store.close()

    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm(opp_id))
        assert form.widget("title").value == "DAAD WISE"
        assert form.widget("kind").value == "program"
        assert form.widget("deadline").value == "2026-12-01 14:00 Asia/Seoul"
        assert form.widget("min_gpa").value == "8/10"
        form.widget("letters").focus()
        await type_text(pilot, "2")
        await save(pilot)
        assert pilot.app.screen is not form

    run(db, test)
    assert rows(db, "SELECT title, letters_required, deadline_at, deadline_tz, min_gpa FROM opportunity "
                    "WHERE id = ?", opp_id) == [("DAAD WISE", 2, "2026-12-01 05:00:00.000000", "Asia/Seoul", "8/10")]


def test_opportunity_form_fits_80x24_and_scrolls(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        box = form.query_one("#form-box")
        assert box.region.bottom <= 23  # the footer keeps the last line
        last = form.widget("notes")
        last.focus()
        await pilot.pause()
        assert form.query_one("#form-body").region.contains_region(last.region)
        assert isinstance(form.widget("kind"), Select) and isinstance(last, NotesArea)

    run(db, test, size=(80, 24))
