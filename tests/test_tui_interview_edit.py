"""Editing an interview after it (`I` on the opportunity's detail): its outcome, notes and time.

Real forms over a real database: the record in the database, the line on the detail's
timeline, ctrl+z undoing the edit, and the picker when an opportunity has several interviews.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conftest import TODAY, new_database
from form_helpers import rows
from tracker.store import open_store
from tracker.store.writes import records
from tracker.tui.forms.interview_form import InterviewForm
from tracker.tui.forms.interview_picker import InterviewPicker
from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
from tui_helpers import notifications, run, screen_lines, settle, text_of

pytestmark = pytest.mark.usefixtures("pinned")

SEOUL = ZoneInfo("Asia/Seoul")


def make_db(tmp_path: Path, *interviews: datetime) -> tuple[Path, int]:
    """A database with one opportunity and its `interviews` (Seoul times); returns it and the opportunity's id."""
    db = tmp_path / "t.db"
    store = open_store(new_database(db))
    with store.write() as session:
        profile = records.get_profile(session)
        profile.timezone = "Asia/Kolkata"
        session.add(profile)
        records.add_person(session, name="Prof. Kim Minsoo", role="professor", organization="GIST")
        opp = records.add_opportunity(session, title="GIST CV Lab summer", kind="outreach", organization="GIST",
                                      contact="Kim", on=TODAY)
        for at in interviews:
            records.add_interview(session, opportunity="GIST", at=at, tz="Asia/Seoul", format="coding",
                                  with_person="Kim", notes="prepare the demo", today=TODAY)
        opp_id = opp.id
    store.close()
    return db, opp_id  # type: ignore[return-value]


async def open_detail(pilot: Any, opp_id: int) -> OpportunityDetailScreen:
    await settle(pilot)
    screen = OpportunityDetailScreen(opp_id)
    pilot.app.push_screen(screen)
    await settle(pilot, lambda: pilot.app.screen is screen and screen.view is not None)
    return screen


async def wait_form(pilot: Any) -> InterviewForm:
    await settle(pilot, lambda: isinstance(pilot.app.screen, InterviewForm) and pilot.app.screen.ready)
    return pilot.app.screen  # type: ignore[return-value]


async def edit_the_interview(pilot: Any, opp_id: int) -> tuple[OpportunityDetailScreen, InterviewForm]:
    """The detail of `opp_id`, then `I` on it (it has one interview): the screen and the form."""
    screen = await open_detail(pilot, opp_id)
    await pilot.press("I")
    return screen, await wait_form(pilot)


def timeline(screen: OpportunityDetailScreen) -> str:
    return text_of(screen.query_one("#detail-timeline"))


def test_outcome_is_recorded_from_the_detail_and_undone(tmp_path: Path) -> None:
    db, opp_id = make_db(tmp_path, datetime(2026, 11, 20, 14, 0, tzinfo=SEOUL))

    async def scenario(pilot: Any, app: Any) -> None:
        screen, form = await edit_the_interview(pilot, opp_id)
        assert form.heading == "Edit interview"
        assert form.widget("at").value == "2026-11-20 14:00 Asia/Seoul"
        assert form.widget("notes").value == "prepare the demo"
        assert form.focused is form.widget("outcome")
        # typed in one burst, enter on the last field saves
        await pilot.press(*"went well", "enter")
        await settle(pilot, lambda: app.screen is screen)
        assert rows(db, "SELECT outcome, format, notes, tz FROM interview") == [
            ("went well", "coding", "prepare the demo", "Asia/Seoul")]
        await settle(pilot, lambda: "outcome: went well" in timeline(screen))
        assert any("Saved the interview" in n for n in notifications(app))
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: "outcome: went well" not in timeline(screen))
        assert rows(db, "SELECT outcome FROM interview") == [(None,)]

    run(db, scenario)


def test_time_and_notes_can_change_and_a_bad_time_keeps_the_form(tmp_path: Path) -> None:
    db, opp_id = make_db(tmp_path, datetime(2026, 11, 20, 14, 0, tzinfo=SEOUL))

    async def scenario(pilot: Any, app: Any) -> None:
        screen, form = await edit_the_interview(pilot, opp_id)
        form.widget("at").focus()
        await pilot.press("ctrl+u", *"not a time", "ctrl+s")
        await settle(pilot)
        assert app.screen is form and form.errors.get("at")
        assert rows(db, "SELECT at FROM interview") == [("2026-11-20 05:00:00.000000",)]
        form.widget("at").focus()
        await pilot.press("ctrl+u", *"2026-11-27 10:00 SGT", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        assert rows(db, "SELECT at, tz FROM interview") == [("2026-11-27 02:00:00.000000", "Asia/Singapore")]
        await settle(pilot, lambda: "SGT" in timeline(screen))

    run(db, scenario)


def test_several_interviews_ask_which_one(tmp_path: Path) -> None:
    db, opp_id = make_db(tmp_path, datetime(2026, 11, 10, 9, 0, tzinfo=SEOUL),
                         datetime(2026, 11, 20, 14, 0, tzinfo=SEOUL), datetime(2026, 12, 2, 9, 0, tzinfo=SEOUL))

    async def scenario(pilot: Any, app: Any) -> None:
        screen = await open_detail(pilot, opp_id)
        await pilot.press("I")
        await settle(pilot, lambda: isinstance(app.screen, InterviewPicker))
        picker = app.screen
        from textual.widgets import OptionList

        listing = picker.query_one(OptionList)
        assert listing.option_count == 3
        assert listing.highlighted == 1  # the latest one already past (today is 2026-11-22)
        await pilot.press("enter")
        form = await wait_form(pilot)
        assert form.widget("at").value == "2026-11-20 14:00 Asia/Seoul"
        await pilot.press(*"second round Friday", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        assert rows(db, "SELECT outcome FROM interview ORDER BY at") == [(None,), ("second round Friday",), (None,)]

    run(db, scenario, size=(80, 24))


def test_edit_interview_is_offered_only_once_there_is_one(tmp_path: Path) -> None:
    db, opp_id = make_db(tmp_path)

    async def scenario(pilot: Any, app: Any) -> None:
        screen = await open_detail(pilot, opp_id)
        footer = screen_lines(app)[-1]
        assert "i Interview" in footer and "Edit interview" not in footer
        await pilot.press("I")  # nothing to edit: nothing opens
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("i")
        await wait_form(pilot)
        await pilot.press(*"2026-11-20 14:00 KST", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and "I Edit interview" in screen_lines(app)[-1])

    run(db, scenario)


def test_an_interview_on_a_withdrawn_opportunity_says_it_reopens_it_and_does(tmp_path: Path) -> None:
    """`i` on an opportunity withdrawn (after accepting elsewhere): the form says saving moves it back to
    interviewing; saved, the stage and the notification say it did, and ctrl+z takes both back."""
    db, opp_id = make_db(tmp_path)
    store = open_store(db)
    with store.write() as session:
        records.record_stage(session, session.get(records.Opportunity, opp_id), "withdrawn", on=TODAY)
    store.close()

    async def scenario(pilot: Any, app: Any) -> None:
        screen = await open_detail(pilot, opp_id)
        await pilot.press("i")
        form = await wait_form(pilot)
        assert "(withdrawn: saving moves it back to interviewing)" in text_of(form.query_one("#form-subtitle"))
        await pilot.press(*"2026-11-26 14:00 KST", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        assert rows(db, "SELECT stage FROM opportunity") == [("interviewing",)]
        assert any("moved back from withdrawn to interviewing" in n for n in notifications(app))
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: rows(db, "SELECT count(*) FROM interview") == [(0,)])
        assert rows(db, "SELECT stage FROM opportunity") == [("withdrawn",)]

    run(db, scenario)


def test_an_interview_moved_elsewhere_keeps_its_new_time_when_the_outcome_is_saved(tmp_path: Path) -> None:
    """The edit form open on the interview (to write how it went); meanwhile the laptop moved it an hour
    later. Saving the outcome keeps the new time (the form wrote back the time it had loaded), and the
    message says the time saved, not the one the form had shown."""
    db, opp_id = make_db(tmp_path, datetime(2026, 11, 20, 14, 0, tzinfo=SEOUL))

    async def scenario(pilot: Any, app: Any) -> None:
        screen, form = await edit_the_interview(pilot, opp_id)
        rows(db, "UPDATE interview SET at = '2026-11-20 06:00:00.000000'")  # 15:00 in Seoul
        await pilot.press(*"went well", "enter")
        await settle(pilot, lambda: app.screen is screen)
        saved = [n for n in notifications(app) if n.startswith("Saved the interview")]
        assert saved == ['Saved the interview for "GIST CV Lab summer" on Fri 2026-11-20 15:00 KST: went well'], \
            notifications(app)

    run(db, scenario)
    assert rows(db, "SELECT at, outcome FROM interview") == [("2026-11-20 06:00:00.000000", "went well")]
