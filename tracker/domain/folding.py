"""Text as search compares it: any case, any accent, any spacing.

`fold("Aapo Hyvärinen")` is "aapo hyvarinen"; "Boğaziçi" is "bogazici", "Çiçek" "cicek",
"Łukasz" "lukasz", "Straße" "strasse". Only the accents of the Latin, Greek and Cyrillic
alphabets are dropped (the combining marks U+0300 to U+036F): a Japanese voicing mark or a
Devanagari vowel sign changes the word, so it stays. Compatibility forms become their plain
letters (full-width "Ａ" is "a", the ligature "ﬁ" is "fi").

The store keeps each searchable record's text folded (`search_keys`), and a search folds what
was typed the same way, so one plain `LIKE` answers on every database (`tracker.store.queries.search`).
Pure: no I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th",
    "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŋ": "ng", "Ŋ": "ng", "ĸ": "k",
})
"""Letters that are no letter plus an accent, and their plain spelling."""

SEPARATOR = "\n"
"""Between the fields of a key: no searched word holds one, so no match spans two fields."""


_MARKS = dict.fromkeys(range(0x0300, 0x0370))
"""The combining marks of the Latin, Greek and Cyrillic accents, for `str.translate` to delete."""


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """`text` in any case, without accents, its spaces collapsed: what search compares.

    Cached: an import folds the same affiliations, stages and spellings thousands of times."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return " ".join(unicodedata.normalize("NFC", decomposed.translate(_MARKS)).split())


def words(text: str | None) -> list[str]:
    """The folded words of a search: each must be found, in any order."""
    return fold(text or "").split()


def key(parts: Iterable[str | None]) -> str | None:
    """The folded non-empty `parts`, one per line; None when there are none."""
    folded = [fold(part) for part in parts if part and part.strip()]
    return SEPARATOR.join(folded) or None


HYPHENS = "-\u2010\u2011"
"""What joins the syllables of a romanized Korean or Chinese given name ("Seo-yeon", "Xiao-Ming")."""
_NO_HYPHENS = str.maketrans(dict.fromkeys(HYPHENS))


def without_hyphens(text: str) -> str:
    """`text` with its hyphens dropped: "kim seo-yeon" is "kim seoyeon"."""
    return text.translate(_NO_HYPHENS)


def word_forms(word: str) -> tuple[str, ...]:
    """The ways a searched (folded) word is found: as typed, and with a hyphen typed, without it too ("seo-yeon"
    finds the "Seoyeon" stored without one; the keys keep a hyphenated name both ways, `person_keys`)."""
    joined = without_hyphens(word)
    return (word, joined) if joined and joined != word else (word,)


def person_keys(name: str | None, aliases: str | None, lab: str | None, research_areas: str | None,
                email: str | None) -> tuple[str | None, str | None]:
    """A person's `search_name` (name and other spellings) and `search_text` (lab, areas, e-mail).

    A spelling with a hyphen is kept without it too: the same person writes "Seo-yeon" and "Seoyeon",
    and a search for "seoyeon" finds "Prof. Kim Seo-yeon"."""
    if aliases:
        search_name = key((name, *aliases.split(SEPARATOR)))
    else:  # most people: the same as key((name,)), without building the list (an import makes 30,000)
        search_name = (fold(name) or None) if name and name.strip() else None
    if search_name is not None and (joined := without_hyphens(search_name)) != search_name:
        spellings = search_name.split(SEPARATOR)
        search_name = SEPARATOR.join(dict.fromkeys([*spellings, *joined.split(SEPARATOR)]))
    return search_name, key((lab, research_areas, email)) if lab or research_areas or email else None


def opportunity_key(title: str | None, lab: str | None, cycle: str | None, notes: str | None) -> str | None:
    """An opportunity's `search_text`: title, lab, cycle and notes."""
    return key((title, lab, cycle, notes))


def organization_key(name: str | None) -> str | None:
    """An organization's `search_text`: its name."""
    return key((name,))
