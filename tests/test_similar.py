"""Name and title similarity (`tracker.domain.similar`, `similar_titles`): pure, no database."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.similar import CLOSE, HONORIFICS, compare_names, fold, name_words
from tracker.domain.similar_titles import (
    compare_titles,
    contacts_differ,
    cycles_differ,
    organizations_alike,
)

# --- names ---------------------------------------------------------------------------------------

SAME_PERSON = [
    ("Kim Young-hoon", "Young-hoon Kim", "same name"),
    ("Kim Young-hoon", "Prof. Kim Younghoon", "same name"),
    ("Kim Young-hoon", "Kim Young Hoon", "same name"),
    ("Kim Young-hoon", "KIM YOUNG-HOON", "same name"),
    ("Jurgen Muller", "Jürgen Müller", "same name"),
    ("Dr. Lee Hana", "Lee Hana", "same name"),
    ("Professor Anand Krishnamurthy", "anand  krishnamurthy", "same name"),
    ("서민준", "서민준 교수님", "same name"),
    ("Doç. Dr. Çağla Yılmaz", "Prof. Cagla Yilmaz", "same name"),
    ("Dr. Öğr. Üyesi Ayşe Kaya", "Ayşe Kaya", "same name"),
    ("PD Dr. habil. Jürgen Müller", "Prof. Dr. Jürgen Müller", "same name"),
    ("Dott.ssa Giulia Bianchi", "Giulia Bianchi", "same name"),
    ("김영훈", "김영훈교수", "same name"),
    ("Søren Kierkegaard", "Soren Kierkegaard", "same name"),
    ("Priya Sharma", "Priya K. Sharma", "same name but for a middle initial"),
    ("P. Sharma", "Priya Sharma", "same name with initials"),
    ("Michael Carter", "Michael James Carter", "same name but for a middle name"),
    ("Jürgen Mueller", "Jürgen Müller", "similar spelling"),
    ("Tan Wei Ming", "Tan Wei Min", "similar spelling"),
    ("Michael Carter", "Micheal Carter", "similar spelling"),
    ("Anand Krishnamurthy", "Anand Krishnamurthi", "similar spelling"),
    ("Sarah Whitfield", "Sara Whitfield", "similar spelling"),
]

OTHER_PEOPLE = [
    ("Priya K. Sharma", "Priya M. Sharma"),  # two initials: two people
    ("Wang Wei", "Wang Fei"),
    ("Kim Minsoo", "Kim Minsu"),  # too short a name to call it a typo
    ("Prof. Meera Yang", "Prof. Meera Kang"),
    ("John Kowalski", "Björn Kowalski"),  # one long word in common is not enough
    ("Carlos Subramanian", "Carlos Balasubramanian"),
    ("Aditi Rao", "Aditi Roy"),
    ("서민준", "서민중"),
    ("カトウ", "ガトウ"),  # the voicing mark of kana is a letter, not an accent
    ("Sharma", "Priya Sharma"),  # a surname alone
    ("Tan Wei Ming", "Lim Jia Hui"),
]


@pytest.mark.parametrize(("a", "b", "reason"), SAME_PERSON)
def test_the_same_person_written_two_ways(a: str, b: str, reason: str) -> None:
    found = compare_names(a, b)
    assert found.reason == reason
    assert found.score >= CLOSE


@pytest.mark.parametrize(("a", "b"), OTHER_PEOPLE)
def test_different_people_are_not_flagged(a: str, b: str) -> None:
    assert compare_names(a, b).score < CLOSE


def test_fold_drops_latin_accents_and_case_but_keeps_other_scripts() -> None:
    assert fold("Jürgen MÜLLER Straße") == "jurgen muller strasse"
    assert fold("Łukasz Øberg") == "lukasz oberg"
    assert fold("ガトウ") != fold("カトウ")
    assert fold("राव") == "राव"  # Devanagari vowel signs stay
    assert name_words("Prof. Dr. O'Brien-Smith, Ph.D.") == ["obriensmith"]
    assert name_words("Professor") == ["professor"]  # nothing but an honorific: kept


# --- names: properties -------------------------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyzéüøñç"
word = st.text(alphabet=LATIN, min_size=2, max_size=10)
hangul = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=4)
name = st.lists(st.one_of(word, hangul).filter(lambda w: w not in HONORIFICS), min_size=1, max_size=4).map(" ".join)
"""Names of Latin and Hangul words (none of them only an honorific, such as 박사)."""


@given(name, name)
@settings(max_examples=300)
def test_comparing_names_is_symmetric(a: str, b: str) -> None:
    assert compare_names(a, b) == compare_names(b, a)


@given(name)
def test_a_name_is_the_same_as_itself(a: str) -> None:
    assert compare_names(a, a).score == 1.0


@given(name, st.sampled_from(["Prof. ", "Dr. ", "Professor ", "prof ", ""]))
def test_honorifics_case_and_accents_do_not_matter(a: str, title: str) -> None:
    plain = "".join(c for c in unicodedata.normalize("NFKD", a) if not unicodedata.combining(c) or c >= "\u0370")
    assert compare_names(title + a.upper(), a).score == 1.0
    assert compare_names(unicodedata.normalize("NFC", plain), a).score == 1.0


@given(
    st.lists(st.text(alphabet="abcdefghijkl", min_size=2, max_size=8), min_size=1, max_size=3),
    st.lists(st.text(alphabet="mnopqrstuvwx", min_size=2, max_size=8), min_size=1, max_size=3),
)
def test_names_without_a_letter_in_common_are_never_flagged(a: list[str], b: list[str]) -> None:
    assert compare_names(" ".join(a), " ".join(b)).score == 0


@given(name, name)
def test_word_order_does_not_matter(a: str, b: str) -> None:
    assert compare_names(f"{a} {b}", f"{b} {a}").score == 1.0


# --- titles and organizations ------------------------------------------------------------------

SAME_OPPORTUNITY = [
    ("Computer Vision Lab, GIST", "GIST CV Lab", "GIST", "same words"),
    ("Computer Vision Lab, GIST", "GIST CV Lab summer", "GIST", "same words"),
    ("DAAD WISE", "DAAD WISE 2027", "DAAD", "same words"),
    ("Mitacs Globalink", "Mitacs Globalink Research Internship", "Mitacs", "same words"),
    ("Explainable Vision Group, TU Darmstadt", "Explainable Vision Group", "TU Darmstadt", "same words"),
    ("Research Intern – Failure Explanation in ML", "research intern - failure explanation in ML", None,
     "same title"),
    ("Research Intern – Failure Explanation in ML", "Research Intern - Failure Explanations in ML", None,
     "similar spelling"),
    ("Rapid Object Search Lab", "Rapid Object Search Lab, NTU (video instance search)", "NTU Singapore",
     "one title contains the other"),
]

OTHER_OPPORTUNITIES = [
    ("DAAD WISE 2026", "DAAD WISE 2027", "DAAD"),
    ("GIST CV Lab summer", "GIST CV Lab winter", "GIST"),
    ("Rapid Object Search Lab, NTU", "NTU India Connect Research Internship", "NTU Singapore"),
    ("Vision Lab", "Robotics Lab", "KAIST"),
    ("Research Intern – Computer Vision", "Research Intern – Speech", None),
]


@pytest.mark.parametrize(("a", "b", "org", "reason"), SAME_OPPORTUNITY)
def test_the_same_opportunity_written_two_ways(a: str, b: str, org: str | None, reason: str) -> None:
    found = compare_titles(a, b, organization=org)
    assert found.reason == reason
    assert found.score >= CLOSE
    assert compare_titles(b, a, organization=org) == found


@pytest.mark.parametrize(("a", "b", "org"), OTHER_OPPORTUNITIES)
def test_different_opportunities_are_not_flagged(a: str, b: str, org: str | None) -> None:
    assert compare_titles(a, b, organization=org).score < CLOSE


title = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=9),
                 min_size=1, max_size=6).map(" ".join)


@given(title, title, st.sampled_from([None, "GIST", "NTU Singapore"]))
@settings(max_examples=300)
def test_comparing_titles_is_symmetric_and_reflexive(a: str, b: str, org: str | None) -> None:
    assert compare_titles(a, b, organization=org) == compare_titles(b, a, organization=org)
    assert compare_titles(a, a.upper(), organization=org).score == 1.0


def test_cycles_differ_only_when_both_name_one() -> None:
    assert cycles_differ("DAAD WISE Summer 2026", "DAAD WISE 2027")
    assert cycles_differ("Lab visit summer", "Lab visit winter")
    assert not cycles_differ("DAAD WISE", "DAAD WISE Summer 2027")
    assert not cycles_differ("DAAD WISE 2027", "DAAD WISE Summer 2027")


@pytest.mark.parametrize(("a", "b", "alike"), [
    ("NTU", "NTU Singapore", True),
    ("GIST", "Gwangju Institute of Science and Technology", True),
    ("NTU Singapore", "Nanyang Technological University, Singapore", True),
    ("TU Darmstadt", "Technische Universität Darmstadt", True),
    ("KAIST", "GIST", False),
    ("UT Austin", "University of Thornbury", False),
    ("Michigan State University", "University of Michigan", False),
    ("University", "University of Michigan", False),
])
def test_organizations_written_two_ways(a: str, b: str, alike: bool) -> None:
    assert organizations_alike(a, b) is alike
    assert organizations_alike(b, a) is alike


def test_contacts_differ_only_for_two_different_people() -> None:
    assert not contacts_differ("Kim Young-hoon", "Prof. Kim Younghoon")
    assert not contacts_differ(None, "Kim Young-hoon")
    assert contacts_differ("Kim Young-hoon", "Park Ji-won")
