"""Which records a typed name picks: the rule the store's lookup and the forms' hints share.

A name picks, tier by tier, the records named exactly so, else those whose name starts with it,
else those with a word that starts with it ("kim" picks "Prof. Kim Minsoo"); the first tier that
holds any record is the answer (one: found; several: ambiguous). The titles that lead a name
("Prof.", "Dr.", "Doç. Dr.": `tracker.domain.similar.HONORIFICS`) are not where it starts: "arzucan"
picks "Prof. Arzucan Özgür" in the same tier as "Arzucan Ozgur", so the two are ambiguous rather
than the untitled one winning. Names compare in any case and
spacing (`name_key`). Typed without accents ("cagla", "muller"), a name also compares without
theirs, as search does (`tracker.domain.folding`: "Prof. Çağla Yılmaz", "Jürgen Müller"); typed
with them ("Émile"), as typed first, and without accents only when nothing matches as typed, so
the spelling typed wins over a name without the accent. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tracker.domain.folding import fold
from tracker.domain.similar import HONORIFICS

WORD_SEPARATORS = " .-,(/"
"""A word of a name starts after one of these."""


def name_key(text: str) -> str:
    """A name as the lookup compares it: any case, spaces collapsed (two names with one key are the same name)."""
    return " ".join(text.casefold().split())


_LEADING_WORD = re.compile(r"([^\s.,\-]+)[\s.,\-]*")
"""A name's first word and the dots, commas, hyphens and spaces after it ("prof. ", "priv.-")."""


@lru_cache(maxsize=1 << 16)
def untitled(keyed: str) -> str:
    """A keyed name without the titles that lead it: "prof. dr. kim minsoo" -> "kim minsoo" (a name that
    is only titles stays whole: "dr.")."""
    rest = keyed
    while (word := _LEADING_WORD.match(rest)) is not None and word.end() < len(rest) \
            and fold(word.group(1)) in HONORIFICS:
        rest = rest[word.end():]
    return rest


def words_start(name: str, wanted: str, key: Callable[[str], str] = name_key) -> bool:
    """True when `wanted` starts at a word of `name`, both compared as `key` makes them."""
    keyed = key(name)
    if wanted not in keyed:
        return False
    return any(keyed[i:].startswith(wanted) for i in range(len(keyed)) if i == 0 or keyed[i - 1] in WORD_SEPARATORS)


def comparisons(text: str) -> list[tuple[Callable[[str], str], str]]:
    """How `text` is compared, in order: (key, what `text` is under it)."""
    wanted, folded = name_key(text), fold(text)
    if folded == wanted:  # typed without accents: any accent
        return [(fold, folded)]
    return [(name_key, wanted), (fold, folded)]


def picked(names: Sequence[str], text: str) -> list[int]:
    """The positions in `names` of the names `text` picks: the first tier that holds any, else none."""
    for key, wanted in comparisons(text):
        if not wanted:
            return []
        keyed = [key(name) for name in names]
        bare = [untitled(k) for k in keyed]
        for tier in (
            [i for i, k in enumerate(keyed) if k == wanted or bare[i] == wanted],
            [i for i, k in enumerate(keyed) if k.startswith(wanted) or bare[i].startswith(wanted)],
            [i for i, name in enumerate(names) if words_start(name, wanted, key)],
        ):
            if tier:
                return tier
    return []


def named(names: Sequence[str], text: str) -> list[int]:
    """The positions in `names` of the names that are `text` (`same_name`): those named as typed when
    `text` has accents and some are, else those named so without accents. An import's match."""
    for key, wanted in comparisons(text):
        found = [i for i, name in enumerate(names) if key(name) == wanted]
        if found:
            return found
    return []


def same_name(name: str, text: str) -> bool:
    """`text` is `name` itself (in any case and spacing, and without accents if typed without them)."""
    return bool(named([name], text))
