"""Whether two opportunities' titles (or two organizations' names) probably mean the same one.

Pure functions of strings, used by the duplicate guard, next to `tracker.domain.similar` (names).
Titles are compared on their distinctive words: case, accents, punctuation, the words every
title has ("lab", "research", "internship", "the", "of"...) and the organization's own name
do not count, and an acronym stands for the words it abbreviates ("CV" = "Computer Vision").
Titles of different cycles ("... 2026" and "... 2027", "summer" and "winter") never match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tracker.domain.similar import (
    CLOSE,
    NONE,
    SPELLING,
    Similarity,
    compare_names,
    contained,
    spelling,
    words,
)

__all__ = [
    "TitleKey", "acronyms", "compare_title_keys", "compare_titles", "contacts_differ", "cycle_marks", "cycles_differ",
    "marks_differ", "organizations_alike", "title_key", "title_words",
]

GENERIC = frozenset({
    "a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with", "lab", "labs", "laboratory",
    "group", "research", "researcher", "internship", "internships", "intern", "interns", "program",
    "programme", "position", "team", "centre", "center", "institute",
})
"""Words of a title that say nothing about which opportunity it is."""
SEASONS = frozenset({"summer", "winter", "spring", "fall", "autumn"})
"""Words of a title that name a cycle: titles with different ones are different opportunities."""


def title_words(title: str, *, keep_accents: bool = False) -> list[str]:
    """The words of a title, folded; hyphens and dashes split words."""
    return words(title, join=False, keep_accents=keep_accents)


def _is_cycle(word: str) -> bool:
    return word in SEASONS or word.isdigit()


def cycle_marks(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The years ("2027") and the seasons ("summer") named in `text`."""
    words = set(title_words(text))
    return frozenset(w for w in words if len(w) == 4 and w.isdigit()), frozenset(words & SEASONS)


def marks_differ(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """`cycles_differ` on `cycle_marks` already read."""
    return any(x and y and x != y for x, y in zip(a, b))


def cycles_differ(a: str, b: str) -> bool:
    """Whether two texts name different cycles: different years ("2026", "2027"), or seasons.

    `a` and `b` are an opportunity's title and cycle together ("DAAD WISE Summer 2027").
    Text without a year (or without a season) differs from none.
    """
    return marks_differ(cycle_marks(a), cycle_marks(b))


@dataclass(frozen=True)
class TitleKey:
    """A title made ready for comparing."""

    words: tuple[str, ...]
    """Every word, in order."""
    distinctive: tuple[str, ...]
    """The words that tell it apart, in order: not generic, not a cycle, not the organization's name."""
    cycle: frozenset[str]
    """Years, numbers and seasons ("2027", "summer")."""


@lru_cache(maxsize=8192)
def title_key(title: str, organization: str | None = None) -> TitleKey:
    """The `TitleKey` of a title, the words of `organization`'s name left out of its distinctive words."""
    words = tuple(title_words(title))
    org = frozenset(title_words(organization)) if organization else frozenset()
    distinctive = tuple(w for w in words if w not in GENERIC and not _is_cycle(w) and w not in org)
    return TitleKey(words, distinctive, frozenset(w for w in words if _is_cycle(w)))


def acronyms(words: tuple[str, ...]) -> set[str]:
    """The initials of every run of two to four words: ("computer", "vision", "lab") -> {"cv", "vl", "cvl"}."""
    found: set[str] = set()
    for size in range(2, 5):
        for start in range(len(words) - size + 1):
            found.add("".join(w[0] for w in words[start:start + size]))
    return found


def _abbreviate(words: tuple[str, ...], short: set[str]) -> tuple[str, ...]:
    """`words` with each run whose initials are one of the `short` words replaced by that word."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2):
            run = words[i:i + size]
            if len(run) == size and "".join(w[0] for w in run) in short:
                out.append("".join(w[0] for w in run))
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def compare_titles(a: str, b: str, *, organization: str | None = None) -> Similarity:
    """How alike two opportunity titles are at the same `organization` (symmetric).

    "same title": the same words, ignoring case, accents and punctuation; "same words": the same
    distinctive words; "one title contains the other", "similar spelling". Titles of different
    cycles are never alike.
    """
    return compare_title_keys(title_key(a, organization), title_key(b, organization))


def compare_title_keys(ka: TitleKey, kb: TitleKey) -> Similarity:
    """`compare_titles` on titles already made into keys (with the same organization)."""
    if not ka.words or not kb.words:
        return NONE
    if ka.cycle and kb.cycle and ka.cycle != kb.cycle:
        return NONE
    if sorted(ka.words) == sorted(kb.words):
        return Similarity(1.0, "same title")
    da, db = ka.distinctive, kb.distinctive
    if not da or not db:
        return Similarity(0.9, "same words") if not da and not db else NONE
    short = {w for w in da + db if 2 <= len(w) <= 5}
    da, db = _abbreviate(da, short), _abbreviate(db, short)
    if sorted(da) == sorted(db):
        return Similarity(0.95, "same words")
    small, large = sorted((da, db), key=len)
    if contained(small, large) and any(len(w) >= 4 for w in small) and 2 * len(small) >= len(large):
        return Similarity(0.86, "one title contains the other")
    ratio = spelling(da, db)
    if ratio >= SPELLING:
        return Similarity(round(ratio, 3), "similar spelling")
    return NONE


ORGANIZATION_FILLER = frozenset({"of", "and", "the", "at", "for", "in", "de", "der", "fur", "la", "le"})
"""Words left out when comparing organizations' names."""
ORGANIZATION_WORDS = frozenset({
    "university", "universitat", "universite", "universidad", "institute", "college", "school", "lab", "labs",
    "research", "state", "national", "technology", "science", "sciences",
})
"""Words too common to identify an organization on their own."""


def organizations_alike(a: str, b: str) -> bool:
    """Whether two organizations' names may be one organization written two ways.

    The same words, spelled a little differently or not; a one-word name inside the other
    ("NTU" and "NTU Singapore", not "Cedarburg University" and "Cedarburg State University");
    an acronym for the other's words ("GIST" and "Gwangju Institute of Science and Technology",
    "TU Darmstadt" and "Technische Universität Darmstadt").
    """
    wa = tuple(w for w in title_words(a) if w not in ORGANIZATION_FILLER)
    wb = tuple(w for w in title_words(b) if w not in ORGANIZATION_FILLER)
    if not wa or not wb:
        return False
    small, large = sorted((wa, wb), key=len)
    if len(small) == 1 and small[0] in large and small[0] not in ORGANIZATION_WORDS:
        return True
    short = {w for w in wa + wb if 2 <= len(w) <= 6}
    wa, wb = _abbreviate(wa, short), _abbreviate(wb, short)
    return sorted(wa) == sorted(wb) or spelling(wa, wb) >= SPELLING


def contacts_differ(a: str | None, b: str | None) -> bool:
    """Whether two opportunities' main contacts are two different people (both known, names not alike).

    Outreach to two professors of labs with the same name is two opportunities; the same lab
    entered twice, once with "Prof. Kim Younghoon" and once with "Kim Young-hoon", is one.
    """
    return bool(a and b) and compare_names(a, b).score < CLOSE
