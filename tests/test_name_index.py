"""A form's names, indexed once (`NameIndex`), pick at each key what the store's lookup picks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.name_match import NameIndex, comparisons, picked, untitled

WORD_START = " .-,(/"


def rule(names: list[str], text: str) -> list[int]:
    """The rule, written plainly: the first tier that holds any name, for the first comparison that has one."""
    for key, wanted in comparisons(text):
        if not wanted:
            return []
        keyed = [key(name) for name in names]
        for tier in (
            [i for i, k in enumerate(keyed) if k == wanted or untitled(k) == wanted],
            [i for i, k in enumerate(keyed) if k.startswith(wanted) or untitled(k).startswith(wanted)],
            [i for i, k in enumerate(keyed)
             if any(k[j:].startswith(wanted) for j in range(len(k)) if j == 0 or k[j - 1] in WORD_START)],
        ):
            if tier:
                return tier
    return []

NAMES = ["Prof. Arzucan Özgür", "Arzucan Ozgur", "Prof. Kim Minsoo", "Kim Min-jun", "Dr. Jürgen Müller",
         "Juergen Mueller", "Doç. Dr. Çağla Yılmaz", "Prof. 김민수", "Émile Durand", "Emile Durand", "Dr.",
         "Priv.-Doz. Anna Weber", "Goh Kai Xiang", "Prof. Dr. med. Max Mustermann"]
TYPED = ["minjun", "min jun", "arzucan", "Arzucan Özgür", "kim", "min", "jurgen", "Jürgen", "cagla", "Çağla", "김", "émile", "emile",
         "dr.", "dr", "weber", "doz", "goh kai", "prof.", "m", "max mustermann", "", "  ", "x"]


def test_an_index_picks_what_the_rule_picks_warm_or_not() -> None:
    cold, warm = NameIndex(NAMES), NameIndex(NAMES).warm()
    for text in TYPED:
        expected = rule(NAMES, text)
        assert picked(NAMES, text) == expected, text
        assert cold.picked(text) == expected, text
        assert warm.picked(text) == expected, text
    assert [NAMES[i] for i in warm.picked("arzucan")] == ["Prof. Arzucan Özgür", "Arzucan Ozgur"]
    assert [NAMES[i] for i in warm.picked("Émile")] == ["Émile Durand"]
    assert [NAMES[i] for i in warm.picked("kim")] == ["Prof. Kim Minsoo", "Kim Min-jun"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NAMES) | st.text(min_size=0, max_size=12), max_size=12),
       st.lists(st.sampled_from(TYPED) | st.text(max_size=6), min_size=1, max_size=5))
def test_one_index_asked_again_and_again_answers_as_a_fresh_one(names: list[str], texts: list[str]) -> None:
    """What an index keeps between keys (the keys, the names without titles) never changes an answer."""
    kept = NameIndex(names)
    for text in texts:
        assert kept.picked(text) == rule(names, text)


def test_a_romanized_given_name_is_found_with_or_without_its_hyphen() -> None:
    """Korean and Chinese given names are written "Seo-yeon", "Seoyeon" and "Seo Yeon" by the same person:
    "seoyeon" answered "no person named" in the form's Person field (and in `tracker log --to`)."""
    names = ["Prof. Kim Seo-yeon", "Park Jiwon", "Kim Min-jun", "Lee Minjun", "Wang Xiao‐Ming", "Choi Ha\uff0dneul"]
    index = NameIndex(names).warm()
    for typed, expected in (("seoyeon", ["Prof. Kim Seo-yeon"]), ("seo yeon", ["Prof. Kim Seo-yeon"]),
                            ("Kim Seoyeon", ["Prof. Kim Seo-yeon"]), ("ji-won", ["Park Jiwon"]),
                            ("xiaoming", ["Wang Xiao‐Ming"]),  # (U+2010, a typographer's hyphen)
                            ("minjun", ["Lee Minjun"]),  # as written first: a hyphen only counts when nothing else matches
                            ("min-jun", ["Kim Min-jun"]), ("yeon", ["Prof. Kim Seo-yeon"]), ("eoyeon", []),
                            ("haneul", ["Choi Ha\uff0dneul"])):  # (a full-width hyphen, a hyphen once folded)
        assert [names[i] for i in index.picked(typed)] == expected, typed
        assert index.picked(typed) == rule(names, typed) == picked(names, typed), typed


def test_a_name_completes_in_any_case_and_typed_without_accents_without_theirs() -> None:
    """The faded completion compared accents as typed: "bogazici" offered nothing, while the line under
    the field named "Boğaziçi University"."""
    names = NameIndex(["Boğaziçi University", "Orta Doğu Teknik Üniversitesi", "Emile Durand", "Émile Durand",
                       "NTU Singapore"]).warm()
    assert names.completion("bogazici") == "Boğaziçi University"
    assert names.completion("orta dogu ") == "Orta Doğu Teknik Üniversitesi"
    assert names.completion("ORTA DOĞU") == "Orta Doğu Teknik Üniversitesi"
    assert names.completion("Émile") == "Émile Durand"  # typed with its accent: that spelling first
    assert names.completion("emile") == "Emile Durand"
    assert names.completion("ntu") == "NTU Singapore"
    assert names.completion("x") is None and names.completion("") is None and names.completion("  ") is None
