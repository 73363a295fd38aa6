"""The People filter's SQLite variant: the keys kept in memory give the portable query's pages, and are
never used once anyone has committed since they were read (`tracker.store.queries.people_keys_sqlite`)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SQLITE_FILE, TODAY
from test_search import fill_people
from tracker.domain.vocab import ROLES
from tracker.store import Store, open_store
from tracker.store.queries.table_rows import PEOPLE_SORT, PeopleFilter, Sort
from tracker.store.views.screen_data import keep_people_search, people_page
from tracker.store.writes import records
from tracker.store.writes.organizations import save_organization

pytestmark = SQLITE_FILE  # a variant of SQLite's, against the portable query on the same file

_LETTERS = list("aAbBkKmMzZ üÜöÖßẞéÉıİiIşŞğĞçÇ김영훈이민수李王ℌＡﬁ%_\"'\\-.")
_WORDS = st.text(alphabet=st.sampled_from(_LETTERS) | st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                 min_size=1, max_size=10)
_NAMES = st.sampled_from(["Ana", "ana", "ANA", "Äna", "Hans Müller", "MÜLLER", "김영훈", "İlkay Işık",
                          "Şebnem Aydın", "ℌilbert", "Straße", "Kim Seo-yeon", "Park Jiwon"]) | _WORDS


@st.composite
def people_and_filters(draw: st.DrawFn) -> tuple[list[dict[str, str | None]], list[tuple[str, str | None]]]:
    """People (namesakes in another case included, so that the sort's ties are broken by id) and filters:
    fragments of their fields in flipped case, other words, a role or none."""
    people = draw(st.lists(st.fixed_dictionaries({
        "name": _NAMES, "aliases": st.none() | _WORDS, "organization": st.none() | _NAMES, "lab": st.none() | _WORDS,
        "research_areas": st.none() | _WORDS, "email": st.none() | _WORDS, "role": st.sampled_from(ROLES),
    }), min_size=1, max_size=10))
    values = [v for p in people for k, v in p.items() if v and k != "role"]

    @st.composite
    def fragment(draw: st.DrawFn) -> str:
        source = draw(st.sampled_from(values))
        start = draw(st.integers(0, len(source) - 1))
        piece = source[start:start + draw(st.integers(1, 5))]
        return "".join(c.swapcase() if draw(st.booleans()) else c for c in piece)

    text = st.lists(fragment() | _WORDS | st.sampled_from(["a", "ı", "I", "h", "  "]), min_size=0, max_size=3)
    filters = draw(st.lists(st.tuples(text.map(" ".join), st.none() | st.sampled_from(ROLES)), min_size=1, max_size=4))
    return people, filters


def _pages(store: Store, filters: PeopleFilter) -> list[object]:
    return [people_page(store, filters=filters, sort=PEOPLE_SORT, offset=offset, limit=limit)
            for offset, limit in ((0, 3), (2, 3), (0, 100), (50, 3))]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=people_and_filters())
def test_the_kept_keys_give_the_portable_pages(store: Store, data: tuple[list, list]) -> None:
    people, filters = data
    with store.write() as session:
        fill_people(session, people)
    keep_people_search(store)
    for text, role in filters:
        wanted = PeopleFilter(text=text, role=role)
        assert store.people_found(text, role) is not None  # (the kept keys answer: nothing was written since)
        kept = _pages(store, wanted)
        store.variants = False
        try:
            portable = _pages(store, wanted)
        finally:
            store.variants = True
        assert kept == portable, (text, role)


def test_a_letter_that_folds_to_a_capital_matches_as_sqlite_does(store: Store) -> None:
    """"ℌ" folds to "H", which SQLite's LIKE matches in "hilbert": so must the kept keys."""
    people = [{"name": name, "aliases": None, "organization": org, "lab": None, "research_areas": None,
               "email": None, "role": "professor"}
              for name, org in (("ℌilbert Straße", "ＫＡＩＳＴ"), ("hans", None), ("İlkay Işık", "Boğaziçi"))]
    with store.write() as session:
        fill_people(session, people)
    keep_people_search(store)
    for text in ("ℌ", "h", "H", "ℌilbert", "kaist", "ＫＡ", "strasse", "ılk", "ilkay", "isik", "bogaz"):
        kept = _pages(store, PeopleFilter(text=text))
        store.variants = False
        try:
            assert kept == _pages(store, PeopleFilter(text=text)), text
        finally:
            store.variants = True
    assert [r.name for r in people_page(store, filters=PeopleFilter(text="ℌ"), sort=PEOPLE_SORT, offset=0,
                                        limit=9).rows] == ["hans", "ℌilbert Straße"]


def test_a_write_anywhere_since_the_keys_were_read_is_found(fresh_db: Path) -> None:
    """Another process's commit (another connection) and this store's own: the next filter finds the
    person either way (the portable query answers until the keys are read again)."""
    store, other = open_store(fresh_db), open_store(fresh_db)
    try:
        with store.write() as s:
            records.add_person(s, name="Kim Young-hoon", role="professor", organization="GIST")
        keep_people_search(store)
        assert [r.name for r in people_page(store, filters=PeopleFilter(text="kim"), sort=PEOPLE_SORT,
                                            offset=0, limit=10).rows] == ["Kim Young-hoon"]
        with other.write() as s:
            records.add_person(s, name="Kim Min-soo", role="phd-student", organization="KAIST")
        assert store.people_found("kim", None) is None
        found = people_page(store, filters=PeopleFilter(text="kim"), sort=PEOPLE_SORT, offset=0, limit=10)
        assert ([r.name for r in found.rows], found.total) == (["Kim Min-soo", "Kim Young-hoon"], 2)
        keep_people_search(store)
        with store.write() as s:
            records.add_person(s, name="Kimberly Hart", role="postdoc", organization="GIST")
        found = people_page(store, filters=PeopleFilter(text="kim"), sort=PEOPLE_SORT, offset=0, limit=10)
        assert [r.name for r in found.rows] == ["Kim Min-soo", "Kim Young-hoon", "Kimberly Hart"]
        keep_people_search(store)
        assert store.people_found("kim gist", None) is not None
        found = people_page(store, filters=PeopleFilter(text="kim gist"), sort=PEOPLE_SORT, offset=0, limit=10)
        assert [r.name for r in found.rows] == ["Kim Young-hoon", "Kimberly Hart"]
    finally:
        store.close()
        other.close()


def test_another_sort_or_a_country_is_the_portable_query(fresh_db: Path) -> None:
    """Only the first sort is kept in memory: another sort, or a country, is read by the portable query."""
    store = open_store(fresh_db)
    try:
        with store.write() as s:
            records.add_person(s, name="Ana", role="professor", organization="GIST")
            records.add_person(s, name="Zoe Ana", role="phd-student", organization="KAIST")
            save_organization(s, name="KAIST", country="KR")
        keep_people_search(store)
        found = people_page(store, filters=PeopleFilter(text="ana"), sort=Sort("name", descending=True),
                            offset=0, limit=10)
        assert [r.name for r in found.rows] == ["Zoe Ana", "Ana"]
        found = people_page(store, filters=PeopleFilter(text="ana", country="KR"), sort=PEOPLE_SORT, offset=0, limit=10)
        assert [r.name for r in found.rows] == ["Zoe Ana"]
        found = people_page(store, filters=PeopleFilter(text="ana", role="phd-student"), sort=PEOPLE_SORT, offset=0,
                            limit=10)
        assert [r.name for r in found.rows] == ["Zoe Ana"]
    finally:
        store.close()


def test_names_and_titles_sort_in_any_accent_on_every_path(store: Store) -> None:
    """`lower(name)` put "Çağla" after "Zeynep" and "İTÜ AI Lab" after "MPI-INF" (their first letter is not A-Z):
    the tables (their rendered first page, the kept keys, the portable query) and `tracker list` sort as
    search folds."""
    from tracker.store.queries.listings import people_rows
    from tracker.store.queries.table_rows import OPPORTUNITY_SORT, OpportunityFilter
    from tracker.store.views.screen_data import opportunity_page

    names = ["Zeynep Kaya", "Cem Aksoy", "Çağla Yılmaz", "ℌans Öz", "öykü Tan"]
    with store.write() as session:
        for name in names:
            records.add_person(session, name=name, role="professor", organization="İTÜ", added_on=TODAY)
        for title in ("MPI-INF summer", "İTÜ AI Lab yaz stajı", "KAIST VI Lab", "Ecole X", "École Polytechnique"):
            records.add_opportunity(session, title=title, kind="outreach", organization="İTÜ", on=TODAY)
    expected = ["Çağla Yılmaz", "Cem Aksoy", "ℌans Öz", "öykü Tan", "Zeynep Kaya"]  # cagla, cem, hans, oyku, zeynep
    assert [r.name for r in people_page(store, filters=PeopleFilter(), sort=PEOPLE_SORT, offset=0, limit=9).rows] \
        == expected  # (the rendered first read)
    keep_people_search(store)
    assert [r.name for r in people_page(store, filters=PeopleFilter(text="a"), sort=PEOPLE_SORT, offset=0,
                                        limit=9).rows] == [n for n in expected if "a" in n.casefold()]  # (kept keys)
    store.variants = False
    try:
        assert [r.name for r in people_page(store, filters=PeopleFilter(text="a"), sort=PEOPLE_SORT, offset=0,
                                            limit=9).rows] == [n for n in expected if "a" in n.casefold()]
    finally:
        store.variants = True
    titles = [r.title for r in opportunity_page(store, filters=OpportunityFilter(), sort=OPPORTUNITY_SORT, offset=0,
                                                limit=9).rows]
    assert titles == ["École Polytechnique", "Ecole X", "İTÜ AI Lab yaz stajı", "KAIST VI Lab", "MPI-INF summer"]
    with store.read() as session:  # `tracker list people`
        assert [row["name"] for row in people_rows(session)] == expected


def test_a_word_typed_with_a_hyphen_is_found_with_or_without_it_as_the_portable_search_finds_it(store: Store) -> None:
    with store.write() as session:
        for name in ("Park Jiwon", "Prof. Kim Seo-yeon", "Lee Ji-woo", "Max Planck"):
            records.add_person(session, name=name, role="professor", added_on=TODAY)
    keep_people_search(store)
    for text, expected in (("ji-won", ["Park Jiwon"]), ("seo-yeon", ["Prof. Kim Seo-yeon"]),
                           ("seoyeon", ["Prof. Kim Seo-yeon"]), ("ji-wo", ["Lee Ji-woo", "Park Jiwon"]),
                           ("x-pl", []), ("-", ["Lee Ji-woo", "Prof. Kim Seo-yeon"])):
        kept = _pages(store, PeopleFilter(text=text))
        assert [r.name for r in kept[2].rows] == expected, text  # (the kept keys)
        store.variants = False
        try:
            assert kept == _pages(store, PeopleFilter(text=text)), text
        finally:
            store.variants = True
