"""Bad input: whatever is typed, the result is a clear error or a correct value.

Property tests (hypothesis) over the name matching, every text field of every TUI form, the GPA
and vocabulary readers, and the date parser with any "today"; the CSV importer is in
test_hostile_csv.py. Never a traceback, never a partial write. The number of examples of each
property is its `max_examples`; docs/data-safety-input.md sums them up.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from conftest import TODAY
from hostile_helpers import ANY_TEXT, HOSTILE, USER_ERRORS, fold
from tracker.domain.dates import DateParseError, parse_date
from tracker.domain.gpa import GpaError, parse_gpa
from tracker.domain.times import parse_datetime, parse_when
from tracker.domain.errors import Ambiguous, NotFound, TrackerError
from tracker.store.models import Opportunity, Person
from tracker.store import open_store

# --- the date parser, with any "today" (test_dates.py covers any text with a fixed today) -------------

GRAMMAR = ["2026-12-05", "Dec 31", "Jan 1", "today", "tomorrow", "yesterday", "friday", "next", "last", "this",
           "in", "ago", "+3d", "-3d", "999999y", "1w", "3", "days", "mo", "14:00", "2pm", "KST", "+09:00", "Z"]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(GRAMMAR), max_size=4).map(" ".join), today=st.dates())
def test_dates_parse_or_refuse_on_any_day_of_the_calendar(text: str, today: date) -> None:
    now = datetime.combine(today, time(12, 0), tzinfo=timezone.utc)
    for parse in (lambda: parse_date(text, today=today), lambda: parse_when(text, now=now, default_tz=timezone.utc),
                  lambda: parse_datetime(text, now=now, default_tz=timezone.utc)):
        try:
            value = parse()
        except DateParseError as err:
            assert str(err) and "\n" not in str(err)
        else:
            assert isinstance(value, (date, datetime))


# --- GPA and vocabulary words ---------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(text=HOSTILE)
@example("10/0")
@example("1e309/10")
def test_gpa_and_words_are_read_or_refused(text: str) -> None:
    from tracker.domain.choices import choose
    from tracker.domain.vocab import CHANNELS, ROLES, STAGES

    try:
        gpa = parse_gpa(text)
    except GpaError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert gpa.scale > 0 and 0 <= gpa.value <= gpa.scale
    for words, what in ((STAGES, "stage"), (ROLES, "role"), (CHANNELS, "channel")):
        try:
            assert choose(text, words, what) in words
        except TrackerError as err:
            assert str(err)


# --- name matching --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def name_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = open_store(tmp_path_factory.mktemp("names") / "t.db")
    yield store
    store.close()


def _word_starts(name: str, wanted: str) -> bool:
    folded = fold(name)
    return any(folded[i:].startswith(wanted) for i in range(len(folded)) if i == 0 or folded[i - 1] in " .-,(/")


def _bare(name: str) -> str:
    """`name` without the titles it starts with ("Dr. Ng" -> "ng"), unless that leaves nothing."""
    from tracker.domain.honorifics import HONORIFICS

    folded = rest = fold(name)
    while (head := re.match(r"[^ .,-]+", rest)) and head.group() in HONORIFICS and head.end() < len(rest) \
            and rest[head.end()] in " .,-":
        rest = rest[head.end():].lstrip(" .,-")
    return rest or folded


def _expected(names: list[str], query: str) -> set[int] | None:
    """The spec, independently: exact (any case) else unique prefix else unique word prefix, a name
    compared with and without the titles it starts with. Returns the indexes of the matching tier (None:
    no match at all)."""
    if not fold(query):
        return None  # "no name given"
    # then, if none: a hyphen counts for nothing, then for a space ("seoyeon" and "seo yeon" are "Seo-yeon")
    for hyphen in (None, "", " "):
        def spelled(text: str, hyphen: str | None = hyphen) -> str:
            return text if hyphen is None else " ".join(text.replace("-", hyphen).split())

        wanted, keyed = spelled(fold(query)), [spelled(fold(n)) for n in names]
        if not wanted:
            return None
        for tier in ([i for i, n in enumerate(names) if wanted in (keyed[i], spelled(_bare(n)))],
                     [i for i, n in enumerate(names) if keyed[i].startswith(wanted) or spelled(_bare(n)).startswith(wanted)],
                     [i for i, n in enumerate(names) if _word_starts(keyed[i], wanted)]):
            if tier:
                return set(tier)
    return None


NAME = st.one_of(
    st.sampled_from(["Prof. Kim Minsoo", "Kim Young-hoon", "서민준", "Müller, Anna", "MÜLLER Hans", "O'Brien (MIT)",
                     "100% Lab", "under_score", "back\\slash", "Dr. Ng", "ng wei", "Straße Lab", "STRASSE Team",
                     "Émile Borel", "émile zola", "İlker", "\x1b[31mEvil", "Ωmega Lab", "ωmega group"]),
    st.text(alphabet=st.characters(codec="ascii", exclude_characters="@"), min_size=1, max_size=20),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="@"), min_size=1, max_size=20),
).map(lambda n: " ".join(n.split())).filter(bool)  # names are stored with their spaces collapsed, as the store does


def _legit(title: str, query: str) -> bool:
    """`title` matches `query` as typed (any case), or with any accent (search's folding)."""
    from tracker.domain.folding import fold as accents_folded

    for key in (fold, accents_folded, lambda t: fold(t).replace("-", ""),
                lambda t: " ".join(fold(t).replace("-", " ").split())):
        wanted = key(query)
        if key(title) == wanted or key(title).startswith(wanted) or _word_starts(key(title), wanted):
            return True
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAME, min_size=1, max_size=6, unique_by=fold), data=st.data())
def test_name_matching_finds_the_one_the_rules_say_or_a_clear_error(name_store: Any, names: list[str],
                                                                    data: st.DataObject) -> None:
    """Any text: a record that matches it, or NotFound / Ambiguous. Where the names and the query are ASCII
    (and no word starts after "," or "/"), exactly the record the rules name: exact, else unique prefix,
    else unique word prefix. The rest is the next test."""
    from tracker.store.queries.lookup import find_opportunity

    pick = data.draw(st.sampled_from(names))
    query = data.draw(st.one_of(
        st.integers(1, len(pick)).map(lambda k: pick[:k]),  # a prefix of a stored name
        st.integers(0, len(pick)).map(lambda k: pick[k:]),  # the end of one (may start at a word)
        st.just(pick.upper()), st.just(pick.lower()),
        ANY_TEXT.filter(lambda t: "@" not in t),
    ))
    # Where the two faults below cannot show: ASCII, and no word that starts after "," or "/".
    exact = query.isascii() and all(n.isascii() and "," not in n and "/" not in n for n in names)
    with Session(name_store.engine) as session:
        try:
            ids = []
            for name in names:
                opp = Opportunity(title=name, kind="outreach", stage="shortlisted", created_on=TODAY)
                session.add(opp)
                session.flush()
                ids.append(opp.id)
            expected = _expected(names, query)
            try:
                found = find_opportunity(session, query)
            except Ambiguous as err:
                assert str(err) and (not exact or expected is None or len(expected) > 1), (names, query, expected)
            except NotFound as err:
                assert str(err) and (not exact or expected is None), (names, query, expected)
            else:
                assert _legit(found.title, query), (names, query, found.title)
                if exact:
                    assert expected is not None and len(expected) == 1, (names, query, expected, found.title)
                    assert found.id == ids[expected.pop()], (names, query, found.title)
        finally:
            session.rollback()


LOOKUP_FAULTS = [
    (["Ωmega Lab", "ωmega group"], "Ω"),  # case beyond A-Z
    (["Émile Borel", "émile zola"], "émile"),
    (["Straße Lab", "STRASSE Team"], "strasse"),  # "ß" casefolds to "ss"
    (["Lab/Vision", "Lab Visual"], "vis"),  # a word after "/"
    (["a,1x", "b 1y"], "1"),  # a word after ","
    (["Prof. Arzucan Özgür", "Arzucan Ozgur"], "arzucan"),  # a title is not where a name starts
    (["Doç. Dr. Çiğdem Öztürk", "Çiğdem Öztürk Lab"], "cigdem"),
]


@pytest.mark.parametrize(("names", "query"), LOOKUP_FAULTS)
def test_name_matching_faults_found(name_store: Any, names: list[str], query: str) -> None:
    """Both records match by the rules (any case, in every script; a word starts after " .-,(/"), so the
    name is ambiguous."""
    from tracker.store.queries.lookup import find_opportunity

    with Session(name_store.engine) as session:
        try:
            for name in names:
                session.add(Opportunity(title=name, kind="outreach", stage="shortlisted", created_on=TODAY))
            session.flush()
            with pytest.raises(Ambiguous):
                find_opportunity(session, query)
        finally:
            session.rollback()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=HOSTILE)
def test_person_lookup_of_any_text_is_a_record_or_a_clear_error(name_store: Any, query: str) -> None:
    from tracker.store.queries.lookup import find_person

    with Session(name_store.engine) as session:
        try:
            for name in ("Prof. Kim Minsoo", "Kim Young-hoon", "서민준", "\x1b[31mEvil"):
                session.add(Person(name=name, role="professor", email=f"{len(name)}@x.org", added_on=TODAY))
            session.flush()
            try:
                assert isinstance(find_person(session, query), Person)
            except (NotFound, Ambiguous) as err:
                assert str(err)
        finally:
            session.rollback()


# --- every form field -------------------------------------------------------------------------------------


FORMS = [
    ("tracker.tui.forms.person_form", "PersonForm", {}, {"name": "Baseline Person"}),
    ("tracker.tui.forms.opportunity_form", "OpportunityForm", {}, {"title": "Baseline title"}),
    ("tracker.tui.forms.interaction_form", "InteractionForm", {}, {"person": "Prof. Kim Minsoo"}),
    ("tracker.tui.forms.interview_form", "InterviewForm", {"opportunity": "GIST CV Lab summer"},
     {"at": "2026-12-01 14:00 KST"}),
    ("tracker.tui.forms.offer_form", "OfferForm", {"opportunity": "GIST CV Lab summer"}, {}),
    ("tracker.tui.forms.letter_form", "LetterForm", {}, {"opportunity": "GIST CV Lab summer", "writer": "Anna Berg"}),
    ("tracker.tui.forms.stage_form", "StageForm", {"opportunity": "GIST CV Lab summer"}, {"stage": "applied"}),
]
"""(module, form, its arguments, values that make a valid form: each example changes some fields of it)."""
FORM_EXAMPLES = 60


@pytest.mark.parametrize(("module", "name", "kwargs", "valid"), FORMS, ids=[f[1] for f in FORMS])
def test_every_form_field_gives_a_message_or_a_value(tmp_path: Path, module: str, name: str,
                                                    kwargs: dict[str, Any], valid: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Any text in any text field: `build()` (what ctrl+s runs first) records messages or returns a change,
    and the change, run in a transaction that is then rolled back, returns a message or raises a user error."""
    import importlib

    from textual.widgets import Select

    from form_helpers import FormHost, open_form, seed
    from tracker.tui.forms.base import Field

    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    db = tmp_path / "t.db"
    seed(db)
    form_class = getattr(importlib.import_module(module), name)
    outcomes = {"messages": 0, "changes": 0, "saved": 0, "refused": 0}

    async def main() -> None:
        app = FormHost(db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            form = await open_form(pilot, form_class(**kwargs))
            keys = [f.key for f in form.query(Field) if not isinstance(f.widget, Select)]
            assert keys
            baseline = {key: form.widget(key).value for key in keys} | valid

            @settings(max_examples=FORM_EXAMPLES, deadline=None, database=None)
            @given(values=st.dictionaries(st.sampled_from(keys), st.none() | HOSTILE, min_size=1, max_size=3))
            def fill_and_build(values: dict[str, str | None]) -> None:
                chosen = {key: text for key, text in values.items() if text is not None}  # None: keep the valid one
                for key, text in (baseline | chosen).items():
                    form.widget(key).value = text
                form._errors = {}
                change = form.build()
                for message in form.errors.values():
                    assert isinstance(message, str) and message.strip()
                if form.errors or change is None:
                    outcomes["messages"] += 1
                    return
                outcomes["changes"] += 1
                with Session(app.store.engine) as session:
                    try:
                        result = change(session)
                        assert result is None or isinstance(result, str)
                        outcomes["saved"] += 1
                    except USER_ERRORS as err:
                        assert str(err).strip()
                        outcomes["refused"] += 1
                    finally:
                        session.rollback()

            fill_and_build()

    asyncio.run(main())
    assert outcomes["messages"] + outcomes["changes"] >= FORM_EXAMPLES // 2
    assert outcomes["saved"] + outcomes["refused"] > 0, "some examples must reach the store"



FOLDED_LOOKUPS = [
    ("cagla", "Prof. Çağla Yılmaz"),  # typed on a keyboard without Turkish letters
    ("yil", "Prof. Çağla Yılmaz"),  # dotless ı is i
    ("prof. cagla yilmaz", "Prof. Çağla Yılmaz"),
    ("muller", "Jürgen Müller"),
    ("jurgen m", "Jürgen Müller"),
    ("nguyen", "Nguyễn Văn An"),
    ("Søren", "Soren Kierkegaard"),  # typed with the accent, stored without it
    ("Émile", "Émile Borel"),  # as written: the spelling typed wins over a name without the accent
    ("younghoon", "Kim Young-hoon"),  # a romanized given name written without its hyphen
    ("young hoon", "Kim Young-hoon"),  # or with a space
    ("kim younghoon", "Kim Young-hoon"),
    ("ji-won", "Park Jiwon"),  # and the other way round
]


@pytest.mark.parametrize(("query", "name"), FOLDED_LOOKUPS)
def test_a_name_is_found_typed_with_or_without_its_accents(name_store: Any, query: str, name: str) -> None:
    """Names match as search does (any accent: `tracker.domain.folding`) once nothing matches as typed:
    "cagla" finds Prof. Çağla Yılmaz, where it was "no person named"."""
    from tracker.store.queries.lookup import find_person

    with Session(name_store.engine) as session:
        try:
            for n, person in enumerate(("Prof. Çağla Yılmaz", "Jürgen Müller", "Nguyễn Văn An", "Soren Kierkegaard",
                                        "Émile Borel", "Emile Zola", "Kim Young-hoon", "Park Jiwon")):
                session.add(Person(name=person, role="professor", email=f"{n}@x.org", added_on=TODAY))
            session.flush()
            assert find_person(session, query).name == name
            with pytest.raises(NotFound):
                find_person(session, "ya")  # not the start of a word, with or without accents
            with pytest.raises(Ambiguous):
                find_person(session, "emile")  # Émile Borel and Emile Zola
        finally:
            session.rollback()
