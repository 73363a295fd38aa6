"""The store views behind the TUI tables and screens: paging, filters, sorts, detail views, offer actions."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import TODAY
from tracker.domain.vocab import LETTER_STATUSES, OPEN_STAGES
from tracker.domain.errors import InvalidInput, NotFound
from tracker.store.models import Offer, Opportunity, StageChange
from tracker.store import Store
from tracker.store.writes import records
from tracker.store.writes.organizations import save_organization
from tracker.store.views.letters_data import next_letter_status
from tracker.store.views.letters_view import letters_overview
from tracker.store.writes.offers_actions import accept_offer, decline_offer, set_weights
from tracker.domain.scoring import offer_score
from tracker.store.views.offers_view import offers_overview, open_opportunities_besides
from tracker.store.views.opportunity_view import opportunity_view
from tracker.store.views.person_view import last_heard_from, person_view
from tracker.store.queries.table_rows import OPPORTUNITY_SORTS, PEOPLE_SORTS, OpportunityFilter, PeopleFilter, Sort
from tracker.store.queries.tables import (
    count_opportunities,
    opportunity_cycles,
    opportunity_page,
)
from tracker.store.queries.people_table import people_page

ORGS = ("GIST", "NTU Singapore", "IISc Bangalore", None)


@pytest.fixture
def filled(store: Store) -> Store:
    """People, 30 opportunities over several stages/kinds/cycles, messages, letters and offers."""
    with store.write() as s:
        records.add_person(s, name="Kim Young-hoon", role="professor", organization="GIST", lab="Computer Vision Lab",
                           research_areas="3D vision; SLAM")
        records.add_person(s, name="Tan Wei Ming", role="professor", organization="NTU Singapore",
                           research_areas="object search")
        records.add_person(s, name="Meera Nair", role="writer", organization="VIT Vellore")
        records.add_person(s, name="Lim Jia Hui", role="phd-student", organization="NTU Singapore")
        records.add_person(s, name="Percent %Person", role="postdoc")
        stages = ("shortlisted", "contacted", "applied", "offered", "rejected", "withdrawn")
        for i in range(30):
            records.add_opportunity(
                s, title=f"Lab {i:02d} {'vision' if i % 2 else 'language'}", kind=("outreach", "program", "posting")[i % 3],
                organization=ORGS[i % 4], lab="Vision Group" if i % 5 == 0 else None,
                contact="Kim" if i % 7 == 0 else ("Tan" if i % 7 == 1 else None),
                deadline=(TODAY + timedelta(days=30 - i)) if i % 4 else None,
                cycle="Summer 2027" if i % 2 else "Winter 2026", stage=stages[i % 6],
                letters_required=2 if i == 3 else 0, on=TODAY - timedelta(days=60),
            )
        records.log_interaction(s, channel="email", direction="sent", person="Kim", opportunity="Lab 00",
                                on=TODAY - timedelta(days=20))
        records.log_interaction(s, channel="email", direction="received", person="Kim", opportunity="Lab 00",
                                on=TODAY - timedelta(days=15), subject="Re: internship")
        records.log_interaction(s, channel="linkedin", direction="received", person="Kim",
                                opportunity="Lab 07", on=TODAY - timedelta(days=3))
        records.log_interaction(s, channel="linkedin", direction="sent", person="Lim", on=TODAY - timedelta(days=2))
        records.set_letter(s, opportunity="Lab 03", writer="Meera", status="agreed", on=TODAY - timedelta(days=5))
        records.set_letter(s, opportunity="Lab 09", writer="Meera", status="submitted", on=TODAY - timedelta(days=4))
        records.add_offer(s, opportunity="Lab 01", received_on=TODAY - timedelta(days=5),
                          respond_by=TODAY + timedelta(days=4), stipend=2000, currency="SGD")
        records.add_offer(s, opportunity="Lab 02", received_on=TODAY - timedelta(days=3),
                          respond_by=TODAY + timedelta(days=10), stipend=2500, currency="usd")
    return store


def _all(store: Store, filters: OpportunityFilter, sort: Sort):
    with store.read() as s:
        return opportunity_page(s, filters=filters, sort=sort, offset=0, limit=10_000)


# --- opportunities table ----------------------------------------------------------------------------


@pytest.mark.parametrize("column", OPPORTUNITY_SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_opportunity_pages_are_the_full_result_sliced(filled: Store, column: str, descending: bool) -> None:
    sort = Sort(column, descending)
    full = _all(filled, OpportunityFilter(), sort)
    assert full.total == 30 and len(full.rows) == 30
    pieces = []
    with filled.read() as s:
        for offset in range(0, 30, 7):
            page = opportunity_page(s, filters=OpportunityFilter(), sort=sort, offset=offset, limit=7)
            assert page.offset == offset and page.total == 30
            pieces.extend(page.rows)
    assert [r.id for r in pieces] == [r.id for r in full.rows]


def test_opportunity_sort_orders_values_with_empty_last(filled: Store) -> None:
    rows = _all(filled, OpportunityFilter(), Sort("deadline")).rows
    deadlines = [r.deadline for r in rows]
    dated = [d for d in deadlines if d is not None]
    assert dated == sorted(dated)
    assert deadlines[len(dated):] == [None] * (30 - len(dated))
    descending = [r.deadline for r in _all(filled, OpportunityFilter(), Sort("deadline", True)).rows]
    assert [d for d in descending if d] == sorted(dated, reverse=True)
    assert descending[-1] is None
    titles = [r.title for r in _all(filled, OpportunityFilter(), Sort("title", True)).rows]
    assert titles == sorted(titles, key=str.lower, reverse=True)
    stages = [r.stage for r in _all(filled, OpportunityFilter(), Sort("stage")).rows]
    from tracker.domain.vocab import STAGES

    assert [STAGES.index(x) for x in stages] == sorted(STAGES.index(x) for x in stages)


def test_opportunity_filters(filled: Store) -> None:
    every = _all(filled, OpportunityFilter(), Sort("title")).rows

    def titles(**kw: object) -> set[str]:
        return {r.title for r in _all(filled, OpportunityFilter(**kw), Sort("title")).rows}  # type: ignore[arg-type]

    assert titles(text="vision") == {r.title for r in every if "vision" in r.title or (r.lab or "").lower().startswith("vision")}
    assert titles(text="ntu") == {r.title for r in every if r.organization == "NTU Singapore"}
    assert titles(text="kim") == {r.title for r in every if r.contact == "Kim Young-hoon"}
    def words_match(r: object, text: str) -> bool:  # the search of `tracker list opportunities --search`
        fields = [str(getattr(r, f) or "").lower() for f in ("title", "organization", "lab", "contact", "cycle")]
        return all(any(w in f for f in fields) for w in text.lower().split())

    assert titles(text="LAB 0 vision") == {r.title for r in every if words_match(r, "lab 0 vision")}
    assert "Lab 00 language" in titles(text="LAB 0 vision")  # "vision" in its lab
    assert "Lab 02 language" not in titles(text="LAB 0 vision")
    assert titles(text="%") == set()
    assert titles(stage="offered") == {r.title for r in every if r.stage == "offered"}
    assert titles(stage="open") == {r.title for r in every if r.stage in OPEN_STAGES}
    assert titles(stage="closed") == {r.title for r in every if r.stage not in OPEN_STAGES}
    assert titles(kind="posting") == {r.title for r in every if r.kind == "posting"}
    assert titles(cycle="summer 2027") == {r.title for r in every if r.cycle == "Summer 2027"}
    both = titles(kind="program", cycle="Winter 2026", text="lab")
    assert both == {r.title for r in every if r.kind == "program" and r.cycle == "Winter 2026"}
    with filled.read() as s:
        assert count_opportunities(s, filters=OpportunityFilter(kind="posting")) == 10
        assert opportunity_cycles(s) == ["Winter 2026", "Summer 2027"]


def test_opportunity_rows_carry_letters_and_last_activity(filled: Store) -> None:
    rows = {r.title: r for r in _all(filled, OpportunityFilter(), Sort("title")).rows}
    assert rows["Lab 00 language"].last_activity == TODAY - timedelta(days=15)
    assert rows["Lab 00 language"].contact == "Kim Young-hoon"
    assert (rows["Lab 03 vision"].letters_required, rows["Lab 03 vision"].letters_submitted) == (2, 0)
    assert rows["Lab 09 vision"].letters_submitted == 1
    assert rows["Lab 04 language"].last_activity is None


@pytest.mark.parametrize("column", ["title", "last_activity"])
def test_page_offset_past_the_end_is_clamped(filled: Store, column: str) -> None:
    with filled.read() as s:
        page = opportunity_page(s, filters=OpportunityFilter(), sort=Sort(column), offset=500, limit=10)
        assert page.offset == 29 and len(page.rows) == 1 and page.total == 30
        empty = opportunity_page(s, filters=OpportunityFilter(text="nothing like this"), sort=Sort(column), offset=4)
        assert (empty.total, empty.rows, empty.offset) == (0, [], 0)
        with pytest.raises(ValueError):
            opportunity_page(s, filters=OpportunityFilter(), sort=Sort("title; drop table"))


# --- people table ------------------------------------------------------------------------------------------


def test_people_rows_last_heard_and_threads(filled: Store) -> None:
    with filled.read() as s:
        page = people_page(s, filters=PeopleFilter(), sort=Sort("name"))
    rows = {r.name: r for r in page.rows}
    assert page.total == 5
    kim = rows["Kim Young-hoon"]
    assert kim.last_heard == TODAY - timedelta(days=3)
    # contact of Lab 00, 07, 14, 21, 28; messages about 00 and 07
    assert (kim.opportunities, kim.interactions) == (5, 3)
    assert rows["Meera Nair"].opportunities == 2 and rows["Meera Nair"].last_heard is None
    assert rows["Lim Jia Hui"].interactions == 1 and rows["Lim Jia Hui"].last_heard is None


@pytest.mark.parametrize("descending", [False, True])
def test_people_sorted_by_name_role_and_organization_with_no_organization_last(filled: Store, descending: bool
                                                                              ) -> None:
    with filled.write() as s:
        save_organization(s, name="NTU Singapore", country="SG")
    with filled.read() as s:
        def names(column: str, **filters: str) -> list[str]:
            page = people_page(s, filters=PeopleFilter(**filters), sort=Sort(column, descending))
            return [r.name for r in page.rows]

        by_name = ["Kim Young-hoon", "Lim Jia Hui", "Meera Nair", "Percent %Person", "Tan Wei Ming"]
        assert names("name") == (by_name[::-1] if descending else by_name)
        by_org = ["Kim Young-hoon", "Tan Wei Ming", "Lim Jia Hui", "Meera Nair"]  # GIST, NTU (then by id), VIT
        if descending:
            by_org = ["Meera Nair", "Tan Wei Ming", "Lim Jia Hui", "Kim Young-hoon"]
        assert names("organization") == [*by_org, "Percent %Person"]  # no organization: last either way
        assert names("role")[0] == ("Meera Nair" if descending else "Kim Young-hoon")  # writer / professor
        assert names("name", country="SG") == (["Tan Wei Ming", "Lim Jia Hui"] if descending
                                               else ["Lim Jia Hui", "Tan Wei Ming"])


@pytest.mark.parametrize("column", PEOPLE_SORTS)
def test_people_pages_are_the_full_result_sliced(filled: Store, column: str) -> None:
    with filled.read() as s:
        full = people_page(s, filters=PeopleFilter(), sort=Sort(column, True), limit=100).rows
        pieces = [r for offset in range(0, 5, 2)
                  for r in people_page(s, filters=PeopleFilter(), sort=Sort(column, True), offset=offset, limit=2).rows]
    assert [r.id for r in pieces] == [r.id for r in full]


@pytest.mark.parametrize("column", ["name", "threads"])
def test_people_page_past_the_end_or_with_no_match(filled: Store, column: str) -> None:
    """The total comes with the rows; past the end the last person is shown, with no match none."""
    with filled.read() as s:
        page = people_page(s, filters=PeopleFilter(), sort=Sort(column), offset=500, limit=10)
        assert (page.offset, len(page.rows), page.total) == (4, 1, 5)
        narrowed = people_page(s, filters=PeopleFilter(text="ntu"), sort=Sort(column), offset=1, limit=10)
        assert (narrowed.offset, [r.name for r in narrowed.rows], narrowed.total) == (1, ["Tan Wei Ming"], 2)
        empty = people_page(s, filters=PeopleFilter(text="nothing like this"), sort=Sort(column), offset=3)
        assert (empty.total, empty.rows, empty.offset) == (0, [], 0)


def test_people_filters_and_sort(filled: Store) -> None:
    def names(**kw: object) -> list[str]:
        with filled.read() as s:
            return [r.name for r in people_page(s, filters=PeopleFilter(**kw), sort=Sort("name")).rows]  # type: ignore[arg-type]

    assert names(text="slam") == ["Kim Young-hoon"]
    assert names(text="ntu") == ["Lim Jia Hui", "Tan Wei Ming"]
    assert names(text="vision lab") == ["Kim Young-hoon"]
    assert names(text="%") == ["Percent %Person"]
    assert names(role="writer") == ["Meera Nair"]
    with filled.read() as s:
        heard = [r.last_heard for r in people_page(s, filters=PeopleFilter(), sort=Sort("last_heard", True)).rows]
    assert heard[0] == TODAY - timedelta(days=3) and heard[1:] == [None] * 4


# --- detail views ---------------------------------------------------------------------------------------


def test_person_view_threads_and_last_heard(filled: Store) -> None:
    with filled.read() as s:
        kim_id = people_page(s, filters=PeopleFilter(text="kim"), sort=Sort("name")).rows[0].id
        view = person_view(s, kim_id)
        assert last_heard_from(s, kim_id) == TODAY - timedelta(days=3)
        with pytest.raises(NotFound):
            person_view(s, 9999)
    assert view.last_heard == TODAY - timedelta(days=3) and view.last_sent == TODAY - timedelta(days=20)
    assert [t.title for t in view.threads][:2] == ["Lab 07 vision", "Lab 00 language"]
    assert view.threads[1].parts == ("contact", "messages") and view.threads[1].messages == 2
    assert len(view.threads) == 5 and len(view.messages) == 3


def test_opportunity_view_has_history_timeline_letters_offers(filled: Store) -> None:
    with filled.read() as s:
        opp_id = s.scalars(select(Opportunity.id).where(Opportunity.title == "Lab 00 language")).one()
        view = opportunity_view(s, opp_id)
        three = opportunity_view(s, s.scalars(select(Opportunity.id).where(Opportunity.title == "Lab 03 vision")).one())
        one = opportunity_view(s, s.scalars(select(Opportunity.id).where(Opportunity.title == "Lab 01 vision")).one())
        with pytest.raises(NotFound):
            opportunity_view(s, 9999)
    assert [step.to_stage for step in view.history] == ["shortlisted", "contacted", "replied"]
    assert [(e.direction, e.person) for e in view.timeline] == [("sent", "Kim Young-hoon"), ("received", "Kim Young-hoon")]
    assert view.contact == "Kim Young-hoon" and view.organization == "GIST"
    assert [(x.writer, x.status, x.status_on) for x in three.letters] == [("Meera Nair", "agreed", TODAY - timedelta(days=5))]
    assert three.letters_submitted == 0
    assert [(o.stipend, o.currency, o.decision) for o in one.offers] == [(2000, "SGD", "pending")]


# --- letters ---------------------------------------------------------------------------------------------


def test_letters_overview(filled: Store) -> None:
    with filled.read() as s:
        overview = letters_overview(s)
    assert [w.name for w in overview.writers] == ["Meera Nair"]
    meera = overview.writers[0]
    assert [(x.opportunity, x.status, x.owed) for x in meera.letters] == [
        ("Lab 03 vision", "agreed", True), ("Lab 09 vision", "submitted", False),
    ]
    assert meera.next_due == TODAY + timedelta(days=27)
    ratios = {o.title: o.ratio for o in overview.opportunities}
    assert ratios == {"Lab 03 vision": "0/2", "Lab 09 vision": "1/1"}
    assert overview.total_letters == 2
    assert [next_letter_status(x) for x in LETTER_STATUSES] == [*LETTER_STATUSES[1:], None]


# --- offers ----------------------------------------------------------------------------------------------


def test_offer_score_and_overview(filled: Store) -> None:
    assert offer_score(None, None, None, None) is None
    assert offer_score(5, None, 3, 0) == 8
    with filled.read() as s:
        offers = offers_overview(s)
        others = open_opportunities_besides(s, offers[0].opportunity_id)
    assert [(o.title, o.currency, o.respond_by) for o in offers] == [
        ("Lab 01 vision", "SGD", TODAY + timedelta(days=4)), ("Lab 02 language", "USD", TODAY + timedelta(days=10)),
    ]
    assert others[0].title == "Lab 02 language" and others[0].has_offer
    assert all(o.stage in OPEN_STAGES for o in others) and offers[0].opportunity_id not in {o.id for o in others}


def test_set_weights_validates(filled: Store) -> None:
    with filled.read() as s:
        offer_id = offers_overview(s)[0].id
    with filled.write() as s:
        set_weights(s, offer_id=offer_id, topic=5, place=0)
    with filled.read() as s:
        offer = s.get(Offer, offer_id)
        assert (offer.score_topic, offer.score_place, offer.score_renown) == (5, 0, None)
    for bad in ({"topic": 6}, {"renown": -1}, {"stipend": 3}):
        with pytest.raises(InvalidInput), filled.write() as s:
            set_weights(s, offer_id=offer_id, **bad)
    with pytest.raises(NotFound), filled.write() as s:
        set_weights(s, offer_id=999, topic=1)


def test_accept_offer_closes_chosen_opportunities_in_one_go(filled: Store) -> None:
    with filled.read() as s:
        offers = offers_overview(s)
        others = open_opportunities_besides(s, offers[0].opportunity_id)
    keep = next(o for o in others if not o.has_offer)
    close = [o.id for o in others if o.id != keep.id]
    with filled.write() as s:
        outcome = accept_offer(s, offer_id=offers[0].id, close=close, on=TODAY)
    assert outcome.accepted == "Lab 01 vision"
    assert sorted(outcome.declined) == sorted(o.title for o in others if o.has_offer)
    assert "Lab 02 language" in outcome.declined and "Lab 03 vision" in outcome.declined  # an offer / at "offered"
    assert sorted(outcome.withdrawn) == sorted(o.title for o in others if not o.has_offer and o.id != keep.id)
    assert outcome.writers == ["Meera Nair"] and "Tell your letter writers" in str(outcome)
    with filled.read() as s:
        stages = {o.id: o.stage for o in s.scalars(select(Opportunity))}
        decisions = {o.opportunity_id: o.decision for o in s.scalars(select(Offer))}
        changes = list(s.scalars(select(StageChange).where(StageChange.changed_on == TODAY)))
    assert stages[offers[0].opportunity_id] == "accepted" and stages[keep.id] == keep.stage
    assert stages[offers[1].opportunity_id] == "declined" and decisions[offers[1].opportunity_id] == "declined"
    assert decisions[offers[0].opportunity_id] == "accepted"
    assert all(stages[i] in ("declined", "withdrawn") for i in close)
    assert len(changes) == 1 + len(close)
    with pytest.raises(InvalidInput), filled.write() as s:
        accept_offer(s, offer_id=offers[0].id, on=TODAY)


def test_decline_offer(filled: Store) -> None:
    with filled.read() as s:
        offer = offers_overview(s)[1]
    with filled.write() as s:
        assert "Declined" in decline_offer(s, offer_id=offer.id, on=TODAY)
    with filled.read() as s:
        assert s.get(Opportunity, offer.opportunity_id).stage == "declined"
        assert s.get(Offer, offer.id).decision == "declined"
    with pytest.raises(InvalidInput), filled.write() as s:
        decline_offer(s, offer_id=offer.id, on=TODAY)


def test_store_views_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import tracker.store.queries.tables, tracker.store.queries.people_table, tracker.store.views.letters_view, tracker.store.views.offers_view\n"
        "import tracker.store.writes.offers_actions, tracker.store.views.person_view, tracker.store.views.opportunity_view\n"
        "assert 'textual' not in sys.modules, 'store imports textual'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
