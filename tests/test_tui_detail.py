"""The detail screens: what they show, the keys that open the forms, and the reload after a form saves.

The forms are stood in for by small fake modules put in `sys.modules`, so these tests check this
screen's wiring (which form, with which arguments, reload on return) and not the forms themselves.
"""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.store import open_store

from tracker.store.writes import records
from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
from tracker.tui.screens.person_detail import PersonDetailScreen
from conftest import TODAY, db_rows
from tui_helpers import make_app, settle, text_of

pytestmark = pytest.mark.usefixtures("pinned")

POSTING = "Research Intern – Failure Explanation in ML"
FORMS = {
    "interaction_form": "InteractionForm",
    "stage_form": "StageForm",
    "opportunity_form": "OpportunityForm",
    "person_form": "PersonForm",
    "letter_form": "LetterForm",
    "interview_form": "InterviewForm",
    "offer_form": "OfferForm",
}


def run(test: Callable[[], object]) -> None:
    asyncio.run(test())  # type: ignore[arg-type]


class FakeForm(ModalScreen[bool]):
    """Stands in for a form: records how it was built; `escape` cancels, `s` runs `save` (if set) and closes."""

    BINDINGS = [Binding("escape", "dismiss(False)"), Binding("s", "save")]
    opened: list[tuple[str, dict[str, Any]]] = []
    save: Callable[[Any], Any] | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        FakeForm.opened.append((type(self).__name__, kwargs))

    def compose(self) -> ComposeResult:
        yield Static("fake form")

    def action_save(self) -> None:
        if FakeForm.save is not None:
            self.app.write(FakeForm.save)  # type: ignore[attr-defined]
        self.dismiss(True)


@pytest.fixture
def fake_forms(monkeypatch: pytest.MonkeyPatch) -> type[FakeForm]:
    FakeForm.opened = []
    FakeForm.save = None
    for module_name, class_name in FORMS.items():
        module = types.ModuleType(f"tracker.tui.forms.{module_name}")
        setattr(module, class_name, type(class_name, (FakeForm,), {}))
        monkeypatch.setitem(sys.modules, module.__name__, module)
    return FakeForm


def ids(db: Path) -> tuple[int, int]:
    """The posting's id and its contact's id."""
    store = open_store(db)
    try:
        with store.read() as s:
            from tracker.store.queries.lookup import find_opportunity

            opp = find_opportunity(s, POSTING)
            return opp.id, opp.contact_id  # type: ignore[return-value]
    finally:
        store.close()


async def open_detail(pilot, screen) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(screen)
    await settle(pilot, lambda: pilot.app.screen is screen and screen.view is not None)


def test_opportunity_detail_shows_fields_history_letters_and_timeline(demo_db: Path) -> None:
    opp_id, _contact = ids(demo_db)

    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = OpportunityDetailScreen(opportunity_id=opp_id)
            await open_detail(pilot, screen)
            title = text_of(screen.query_one("#detail-title"))
            assert POSTING in title and "replied" in title and "posting" in title
            fields = text_of(screen.query_one("#detail-fields"))
            assert "Northbridge AI Research" in fields and "Rahul Menon" in fields
            lines = [line.rstrip() for line in fields.splitlines()]
            deadline = lines.index("Deadline       2026-12-03 13:29 IST (23:59 PST)")
            assert lines[deadline + 1].strip() == "in 11 days"
            history = text_of(screen.query_one("#detail-history")).splitlines()
            assert history == ["2026-10-31  shortlisted", "2026-11-02  contacted", "2026-11-04  replied"]
            assert text_of(screen.query_one("#detail-letters-title")).strip() == "Letters 0/2 submitted"
            letters = text_of(screen.query_one("#detail-letters"))
            assert "Meera Nair  agreed 2026-11-08" in letters and "Suresh Balasubramanian  not-asked" in letters
            events = screen.query_one("#detail-timeline").events
            assert [(e.on.isoformat(), e.kind) for e in events] == [
                ("2026-11-02", "sent"), ("2026-11-04", "received"), ("2026-11-07", "sent"), ("2026-11-08", "received"),
            ]
            assert events[0].headline == "linkedin to Rahul Menon"
            assert "None yet." in text_of(screen.query_one("#detail-offers"))

    run(scenario)


def test_interviews_join_the_timeline_with_both_zones(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            with app.store.read() as s:
                from tracker.store.queries.lookup import find_opportunity

                kaist = find_opportunity(s, "Visual Reasoning Lab").id
            screen = OpportunityDetailScreen(kaist)
            await open_detail(pilot, screen)
            interviews = [e for e in screen.query_one("#detail-timeline").events if e.kind == "interview"]
            assert interviews and all("IST" in e.when and "KST" in e.when for e in interviews)
            assert any(e.on > TODAY for e in interviews)
            from tui_helpers import screen_lines

            lines = screen_lines(app)
            # the long zoned time wraps in the day column: the text beside it keeps its width
            headline = next(line for line in lines if "◆ interview with" in line)
            day = next(line for line in lines if "→ email to" in line)
            assert headline.index("◆") - headline.rstrip().index("2026-") <= 16, headline
            assert day.index("→") - day.index("2026-") <= 16, day
            assert any("(14:00 KST)" in line for line in lines)

    run(scenario)


def test_keys_open_each_form_with_this_opportunity(demo_db: Path, fake_forms: type[FakeForm]) -> None:
    opp_id, _contact = ids(demo_db)

    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = OpportunityDetailScreen(opp_id)
            await open_detail(pilot, screen)
            for key in ("l", "m", "e", "L", "i", "o"):
                await pilot.press(key)
                await settle(pilot, lambda: isinstance(app.screen, FakeForm))
                await pilot.press("escape")
                await settle(pilot, lambda: app.screen is screen)

    run(scenario)
    (rahul,), = db_rows(demo_db, "SELECT id FROM person WHERE name = 'Rahul Menon'")
    assert fake_forms.opened == [
        ("InteractionForm", {"person": "Rahul Menon", "person_id": rahul, "opportunity": POSTING}),
        ("StageForm", {"opportunity": POSTING}),
        ("OpportunityForm", {"opportunity_id": opp_id}),
        ("LetterForm", {"opportunity": POSTING}),
        ("InterviewForm", {"opportunity": POSTING}),
        ("OfferForm", {"opportunity": POSTING}),
    ]


def test_the_detail_reloads_when_a_form_saved(demo_db: Path, fake_forms: type[FakeForm]) -> None:
    opp_id, _contact = ids(demo_db)

    def save(session: Any) -> str:
        records.log_interaction(session, channel="email", direction="received", person="Rahul", opportunity=POSTING,
                                on=TODAY, subject="Interview invitation")
        return "Logged."

    fake_forms.save = save

    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = OpportunityDetailScreen(opp_id)
            await open_detail(pilot, screen)
            assert len(screen.view.timeline) == 4
            await pilot.press("l")
            await settle(pilot, lambda: isinstance(app.screen, FakeForm))
            await pilot.press("s")
            await settle(pilot, lambda: app.screen is screen and len(screen.view.timeline) == 5)
            assert "Interview invitation" in text_of(screen.query_one("#detail-timeline"))

    run(scenario)


def test_a_missing_form_is_reported_not_crashed(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opp_id, _contact = ids(demo_db)
    monkeypatch.setitem(sys.modules, "tracker.tui.forms.offer_form", None)

    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = OpportunityDetailScreen(opp_id)
            await open_detail(pilot, screen)
            await pilot.press("o")
            await settle(pilot)
            assert app.screen is screen
            assert any("not available" in n.message for n in app._notifications)

    run(scenario)


def test_c_opens_the_contact_and_escape_walks_back(demo_db: Path) -> None:
    opp_id, contact_id = ids(demo_db)

    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = OpportunityDetailScreen(opp_id)
            await open_detail(pilot, screen)
            await pilot.press("c")
            await settle(pilot, lambda: isinstance(app.screen, PersonDetailScreen) and app.screen.view is not None)
            person = app.screen
            assert person.person_id == contact_id and person.view.name == "Rahul Menon"
            await pilot.press("escape")
            await settle(pilot, lambda: app.screen is screen)
            await pilot.press("escape")
            await settle(pilot, lambda: type(app.screen).__name__ == "OpportunitiesScreen")

    run(scenario)


def test_a_deleted_opportunity_says_so(demo_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = OpportunityDetailScreen(9999)
            app.push_screen(screen)
            await settle(pilot, lambda: "no opportunity with id 9999" in text_of(screen.query_one("#detail-title")))
            assert screen.view is None
            await pilot.press("m")  # nothing to move: no crash, no form
            await settle(pilot)
            assert app.screen is screen

    run(scenario)


def test_person_detail_shows_threads_letters_and_messages(demo_db: Path, fake_forms: type[FakeForm]) -> None:
    async def scenario() -> None:
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            with app.store.read() as s:
                from tracker.store.queries.lookup import find_person

                meera = find_person(s, "Meera Nair").id
            screen = PersonDetailScreen(person_id=meera)
            await open_detail(pilot, screen)
            assert "Meera Nair" in text_of(screen.query_one("#person-title"))
            fields = text_of(screen.query_one("#person-fields"))
            assert "Last heard from  2026-11-08  (14 days ago)" in fields
            assert "Last wrote to    2026-11-07  (15 days ago)" in fields
            threads = screen.query_one("#person-threads")
            rows = [[str(c) for c in threads.get_row_at(r)] for r in range(threads.row_count)]
            assert rows[0][:3] == [POSTING, "replied", "messages, letter"]
            assert rows[1][:3] == ["DAAD WISE", "shortlisted", "letter"]
            assert rows[2][:3] == ["NTU India Connect Research Internship", "withdrawn", "letter"]
            letters = text_of(screen.query_one("#person-letters"))
            assert "NTU India Connect Research Internship  thanked" in letters
            assert [e.kind for e in screen.query_one("#person-timeline").events] == ["sent", "received"]
            for key in ("l", "e", "L"):
                await pilot.press(key)
                await settle(pilot, lambda: isinstance(app.screen, FakeForm))
                await pilot.press("escape")
                await settle(pilot, lambda: app.screen is screen)
            await pilot.press("down", "down", "enter")
            await settle(pilot, lambda: isinstance(app.screen, OpportunityDetailScreen) and app.screen.view is not None)
            assert app.screen.view.title == "NTU India Connect Research Internship"

    run(scenario)
    assert [name for name, _kw in fake_forms.opened] == ["InteractionForm", "PersonForm", "LetterForm"]
    (meera,), = db_rows(demo_db, "SELECT id FROM person WHERE name = 'Meera Nair'")
    assert fake_forms.opened[0][1] == {"person": "Meera Nair", "person_id": meera}  # by id: names can repeat
    assert fake_forms.opened[2][1] == {"writer": "Meera Nair", "writer_id": meera}
    assert set(fake_forms.opened[1][1]) == {"person_id"}


def test_person_threads_fit_80_columns_and_none_says_how_one_starts(demo_db: Path) -> None:
    async def scenario() -> None:
        store = open_store(demo_db)
        try:
            with store.write() as s:
                loner = records.add_person(s, name="Doç. Dr. Çiğdem Öztürk", role="professor", added_on=TODAY).id
                from tracker.store.queries.lookup import find_person

                kim = find_person(s, "Kim Young-hoon").id
        finally:
            store.close()
        app = make_app(demo_db, "opportunities")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = PersonDetailScreen(person_id=kim)
            await open_detail(pilot, screen)
            threads = screen.query_one("#person-threads")
            assert threads.display and threads.row_count == 1
            labels = [str(c.label) for c in threads.columns.values()]
            assert labels == ["Opportunity", "Stage", "Their part", "Msgs", "Last msg"]
            assert sum(c.get_render_width(threads) for c in threads.columns.values()) <= threads.size.width
            assert str(threads.get_row_at(0)[0]) == "Computer Vision Lab, GIST"
            await pilot.press("escape")
            empty = PersonDetailScreen(person_id=loner)
            await open_detail(pilot, empty)
            assert not empty.query_one("#person-threads").display
            assert text_of(empty.query_one("#person-no-threads")).startswith("None yet: a message logged about")
            assert text_of(empty.query_one("#person-timeline")).strip() == "No message logged yet: press l to log one."
            await pilot.resize_terminal(120, 40)
            await settle(pilot)
            with app.store.write() as s:  # her first thread, written while the screen is open
                records.add_opportunity(s, title="METU Vision Lab", kind="outreach", organization=None,
                                        contact="Çiğdem", on=TODAY)
            empty.reload()  # polled, not `settle`: on a server the reload may cancel a load under way
            for _ in range(200):
                if empty.query_one("#person-threads").row_count == 1:
                    break
                await pilot.pause(0.05)
            threads = empty.query_one("#person-threads")
            assert threads.display and not empty.query_one("#person-no-threads").display
            assert app.focused is threads  # the arrows and enter reach it
            await pilot.press("l")
            await settle(pilot, lambda: app.screen is not empty)

    run(scenario)
