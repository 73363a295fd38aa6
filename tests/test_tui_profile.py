"""The profile in the TUI: from the palette ("Profile…") and from help (`p`); the same rules as
`tracker profile`; a refusal names its field; the new time zone applies at once; ctrl+z undoes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from form_helpers import notifications, rows, run, save, seeded_db, settle, wait_for  # noqa: F401
from tracker.tui.forms.profile_form import ProfileForm


@pytest.fixture
def db(seeded_db: Path) -> Path:
    return seeded_db


def palette_command(name: str) -> Any:
    from tracker.tui.commands import _commands

    return next(callback for title, _help, callback in _commands() if title == name)


async def open_profile(pilot: Pilot[Any]) -> ProfileForm:
    """The palette's "Profile…", loaded."""
    app = pilot.app
    palette_command("Profile…")(app)
    await wait_for(pilot, lambda: isinstance(app.screen, ProfileForm) and app.screen.ready)
    return app.screen  # type: ignore[return-value]


def test_the_profile_from_the_palette_fills_the_institution_and_moves_the_zone(db: Path) -> None:
    async def test(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(pilot)
        form = await open_profile(pilot)
        assert form.widget("name").value == "Aarav" and form.widget("gpa").value == "7.1/10"
        assert app.focused is form.widget("institution")  # the first field still empty
        form.widget("gpa").value = "9/8"
        form.widget("institution").value = "VIT Vellore"
        await save(pilot)
        assert app.screen is form
        status = str(form.query_one("#form-status").render())
        assert status.startswith("Not saved: GPA: "), status
        form.widget("gpa").value = "8.2/10"
        form.widget("timezone").value = "Asia/Seoul"
        form.widget("follow_up_email").value = "10d"
        await save(pilot)
        assert app.screen is not form
        assert "Profile saved" in notifications(app)
        await wait_for(pilot, lambda: app.zone == ZoneInfo("Asia/Seoul"))

    run(db, test)
    assert rows(db, "SELECT name, home_institution, gpa, timezone, follow_up_email_days FROM profile") == [
        ("Aarav", "VIT Vellore", "8.2/10", "Asia/Seoul", 10)
    ]


def test_help_opens_the_profile_and_ctrl_z_undoes_its_change(db: Path) -> None:
    before = rows(db, "SELECT * FROM profile")

    async def test(pilot: Pilot[Any]) -> None:
        from tracker.tui.screens.help import HelpScreen

        app = pilot.app
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileForm) and app.screen.ready)
        app.screen.widget("institution").value = "IIT Madras"
        await save(pilot)
        assert rows(db, "SELECT home_institution FROM profile") == [("IIT Madras",)]
        await pilot.press("escape")  # leave help
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1].startswith("Undone: Profile saved")

    run(db, test)
    assert rows(db, "SELECT * FROM profile") == before


def test_an_organization_gets_its_country_city_and_website(db: Path) -> None:
    from tracker.tui.forms.organization_form import OrganizationForm

    async def test(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(pilot)
        palette_command("Organization…")(app)
        await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm) and app.screen.ready)
        form = app.screen
        assert app.focused is form.widget("name").input
        await pilot.press(*"GIST", "tab", *"South", "space", *"Korea", "tab", *"Gwangju", "tab")
        form.widget("website").value = "https://gist ac kr"
        await save(pilot)
        assert app.screen is form and str(form.query_one("#form-status").render()).startswith("Not saved: Website: ")
        form.widget("website").value = "https://www.gist.ac.kr"
        await save(pilot)
        assert app.screen is not form and "Saved GIST" in notifications(app)
        again = OrganizationForm(name="gist")
        app.push_screen(again)
        await wait_for(pilot, lambda: app.screen is again and again.ready)
        await wait_for(pilot, lambda: again.widget("city").value == "Gwangju")
        assert again.widget("country").value == "South Korea"

    run(db, test)
    assert rows(db, "SELECT name, country, city, website FROM organization WHERE name = 'GIST'") == [
        ("GIST", "South Korea", "Gwangju", "https://www.gist.ac.kr")
    ]


def test_a_profile_changed_elsewhere_while_the_form_is_open_keeps_both_changes(db: Path) -> None:
    """`tracker profile --gpa` from a shell while the form is open on another field: saving the form keeps
    that GPA (the form wrote every field back, the GPA it had loaded among them); the same field changed on
    both sides keeps the form's value on screen, shows the other, and saves on the second ctrl+s."""
    async def test(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(pilot)
        form = await open_profile(pilot)
        rows(db, "UPDATE profile SET gpa = '8.2/10'")  # the other process
        form.widget("timezone").value = "Europe/Berlin"
        await save(pilot)
        assert app.screen is not form
        assert rows(db, "SELECT gpa, timezone FROM profile") == [("8.2/10", "Europe/Berlin")]

        form = await open_profile(pilot)
        rows(db, "UPDATE profile SET timezone = 'Asia/Seoul'")
        form.widget("timezone").value = "Asia/Kolkata"
        await save(pilot)
        await wait_for(pilot, lambda: form.ready and "Time zone changed here and elsewhere" in
                       str(form.query_one("#form-status").render()))
        assert form.widget("timezone").value == "Asia/Kolkata"
        assert rows(db, "SELECT timezone FROM profile") == [("Asia/Seoul",)]
        await save(pilot)
        assert app.screen is not form

    run(db, test)
    assert rows(db, "SELECT gpa, timezone FROM profile") == [("8.2/10", "Asia/Kolkata")]


def editing(form: Any) -> bool:
    """The organization form found the one named (its subtitle says so)."""
    return "Editing GIST" in str(form.query_one("#form-subtitle").render())


def test_an_organization_changed_elsewhere_keeps_both_changes(db: Path) -> None:
    """The organization form open on GIST; another process sets its website; the user types its city:
    saving keeps both (the form wrote back every field it had filled). The same field changed on both
    sides is shown with the other value and saved on the second ctrl+s."""
    from tracker.tui.forms.organization_form import OrganizationForm

    async def test(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(pilot)
        form = OrganizationForm("GIST")
        app.push_screen(form)
        await wait_for(pilot, lambda: app.screen is form and form.ready and editing(form))
        rows(db, "UPDATE organization SET website = 'https://www.gist.ac.kr' WHERE name = 'GIST'")
        form.widget("city").value = "Gwangju"
        await save(pilot)
        assert app.screen is not form
        assert rows(db, "SELECT city, website FROM organization WHERE name = 'GIST'") == [
            ("Gwangju", "https://www.gist.ac.kr")]

        form = OrganizationForm("GIST")
        app.push_screen(form)
        await wait_for(pilot, lambda: app.screen is form and form.ready and editing(form)
                       and form.widget("city").value == "Gwangju")
        rows(db, "UPDATE organization SET city = 'Buk-gu, Gwangju' WHERE name = 'GIST'")
        form.widget("city").value = "Gwangju, KR"
        await save(pilot)
        await wait_for(pilot, lambda: form.ready and "City changed here and elsewhere" in
                       str(form.query_one("#form-status").render()))
        assert form.widget("city").value == "Gwangju, KR"
        await save(pilot)
        assert app.screen is not form

    run(db, test)
    assert rows(db, "SELECT city, website FROM organization WHERE name = 'GIST'") == [
        ("Gwangju, KR", "https://www.gist.ac.kr")]
