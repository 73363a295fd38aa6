"""Which records a typed name picks: the rule the store's lookup and the forms' hints share.

A name picks, tier by tier, the records named exactly so, else those whose name starts with it,
else those with a word that starts with it ("kim" picks "Prof. Kim Minsoo"); the first tier that
holds any record is the answer (one: found; several: ambiguous). The titles that lead a name
("Prof.", "Dr.", "Doç. Dr.": `tracker.domain.honorifics`) are not where it starts: "arzucan"
picks "Prof. Arzucan Özgür" in the same tier as "Arzucan Ozgur", so the two are ambiguous rather
than the untitled one winning. Names compare in any case and
spacing (`name_key`). Typed without accents ("cagla", "muller"), a name also compares without
theirs, as search does (`tracker.domain.folding`: "Prof. Çağla Yılmaz", "Jürgen Müller"); typed
with them ("Émile"), as typed first, and without accents only when nothing matches as typed, so
the spelling typed wins over a name without the accent. When nothing matches so, the hyphens of a
romanized given name are neither here nor there: "seoyeon", "seo yeon" and "seo-yeon" pick
"Prof. Kim Seo-yeon". Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from tracker.domain.folding import HYPHENS, fold, without_hyphens
from tracker.domain.honorifics import HONORIFICS

WORD_SEPARATORS = " .-,(/"
"""A word of a name starts after one of these."""


def name_key(text: str) -> str:
    """A name as the lookup compares it: any case, spaces collapsed (two names with one key are the same name)."""
    return " ".join(text.casefold().split())


_TITLE_WORDS = sorted(HONORIFICS | {"doç", "öğr", "üyesi"}, key=len, reverse=True)
"""Titles as `name_key` and `fold` write them (so with and without the Turkish letters)."""
_TITLE_STARTS = frozenset(word[:2] for word in _TITLE_WORDS)
"""How a title starts: a name that does not is not matched further."""


@cache
def _titles() -> re.Pattern[str]:
    """The titles a name starts with, each followed by dots, commas, hyphens or spaces ("prof. dr. ",
    "priv.-doz. "); compiled on first use (2 ms: not every command needs it)."""
    return re.compile("(?:(?:{})[\\s.,\\-]+)+".format("|".join(re.escape(word) for word in _TITLE_WORDS)))


def untitled(keyed: str) -> str:
    """A keyed name without the titles that lead it: "prof. dr. kim minsoo" -> "kim minsoo" (a name that
    is only titles stays whole: "dr.")."""
    if keyed[:2] not in _TITLE_STARTS:
        return keyed
    found = _titles().match(keyed)
    return keyed[found.end():] if found is not None and found.end() < len(keyed) else keyed


def _starts_a_word(keyed: str, wanted: str) -> bool:
    """True when `wanted` starts at a word of `keyed` (both as one key makes them)."""
    if wanted not in keyed:
        return False
    return any(keyed[i:].startswith(wanted) for i in range(len(keyed)) if i == 0 or keyed[i - 1] in WORD_SEPARATORS)


_HYPHENS_SPACED = str.maketrans(dict.fromkeys(HYPHENS, " "))


def hyphens_joined(text: str) -> str:
    """`fold(text)` without its hyphens: "Kim Seo-yeon" is "kim seoyeon"."""
    return without_hyphens(fold(text))


def hyphens_spaced(text: str) -> str:
    """`fold(text)` with a space for each hyphen: "Kim Seo-yeon" is "kim seo yeon"."""
    return " ".join(fold(text).translate(_HYPHENS_SPACED).split())


_HYPHEN_KEYS = (hyphens_joined, hyphens_spaced)


def comparisons(text: str) -> list[tuple[Callable[[str], str], str]]:
    """How `text` is compared, in order: (key, what `text` is under it).

    Last, and only when nothing matched before, the hyphens of a romanized given name count for nothing
    or for a space, in the names and in `text`: "seoyeon" and "seo yeon" pick "Prof. Kim Seo-yeon", and
    "ji-won" picks "Park Jiwon", as the same person writes their name several ways."""
    wanted, folded = name_key(text), fold(text)
    found = [(fold, folded)] if folded == wanted else [(name_key, wanted), (fold, folded)]  # (unaccented: any accent)
    return [*found, (hyphens_joined, hyphens_joined(text)), (hyphens_spaced, hyphens_spaced(text))]


def picked(names: Sequence[str], text: str) -> list[int]:
    """The positions in `names` of the names `text` picks: the first tier that holds any, else none."""
    return NameIndex(names).picked(text)


class NameIndex:
    """Names that `picked` compares again and again (a form's, at each key typed): each name's keys,
    and the same without its titles, are worked out once per way of comparing and kept. Worked out at
    every key, they took 20-140 ms of a form's keystroke with 30,000 people; `warm` works them all out
    ahead (in a worker)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self._keyed: dict[Callable[[str], str], tuple[list[str], list[str]]] = {}
        self._hyphenated: list[int] | None = None

    def warm(self) -> NameIndex:
        """Work out every key `picked` can compare by, now."""
        for key in (name_key, fold, *_HYPHEN_KEYS):
            self._keys(key)
        return self

    def _keys(self, key: Callable[[str], str]) -> tuple[list[str], list[str]]:
        """Each name under `key`, and the same without its titles."""
        found = self._keyed.get(key)
        if found is None:
            if key in _HYPHEN_KEYS:  # fold's keys, but for the names with a hyphen
                folded, bare = (list(keys) for keys in self._keys(fold))
                for i in self._with_hyphens():
                    folded[i] = key(self.names[i])
                    bare[i] = untitled(folded[i])
                found = self._keyed[key] = (folded, bare)
            else:
                keyed = [key(name) for name in self.names]
                found = self._keyed[key] = (keyed, [untitled(k) for k in keyed])
        return found

    def _with_hyphens(self) -> list[int]:
        """The positions of the names that hold a hyphen (as `fold` writes them)."""
        if self._hyphenated is None:
            folded = self._keys(fold)[0]
            self._hyphenated = [i for i, k in enumerate(folded) if any(h in k for h in HYPHENS)]
        return self._hyphenated

    def picked(self, text: str) -> list[int]:
        """The positions of the names `text` picks (`picked`)."""
        plain = not any(h in fold(text) for h in HYPHENS)
        for key, wanted in comparisons(text):
            if not wanted:
                return []
            keyed, bare = self._keys(key)
            # Typed without a hyphen, a name without one is under these keys what it was under fold's, which
            # matched nothing: only the names with a hyphen are compared again (a form's key, 30,000 names).
            among = self._with_hyphens() if plain and key in _HYPHEN_KEYS else range(len(keyed))
            tiers = (  # each worked out only if the one before holds none (an untitled name is the name's end)
                lambda: [i for i in among if keyed[i] == wanted or (keyed[i].endswith(wanted) and bare[i] == wanted)],
                lambda: [i for i in among
                         if keyed[i].startswith(wanted) or (wanted in keyed[i] and bare[i].startswith(wanted))],
                lambda: [i for i in among if _starts_a_word(keyed[i], wanted)],
            )
            for tier in tiers:
                found = tier()
                if found:
                    return found
        return []

    def completion(self, text: str) -> str | None:
        """What a name field offers to complete `text` to: the first name whose first `len(text)`
        characters are `text`, compared as `picked` compares (in any case and spacing, and typed without
        accents, without theirs: "bogazici" completes to "Boğaziçi University"); None when none is. (Not with
        or without a hyphen: what is offered goes on from what was typed, letter for letter.)"""
        for key, wanted in comparisons(text):
            if key in _HYPHEN_KEYS:
                break
            if not wanted:
                return None
            for name, keyed in zip(self.names, self._keys(key)[0]):
                if keyed.startswith(wanted) and key(name[:len(text)]) == wanted:
                    return name
        return None


def named(names: Sequence[str], text: str) -> list[int]:
    """The positions in `names` of the names that are `text` (`same_name`): those named as typed when
    `text` has accents and some are, else those named so without accents; else the same, the titles that
    lead the names aside ("Kim Minsoo" is "Prof. Kim Minsoo"). An import's match."""
    for key, wanted in comparisons(text):
        found = [i for i, name in enumerate(names) if key(name) == wanted]
        if found:
            return found
    for key, wanted in comparisons(text):
        bare = untitled(wanted)
        found = [i for i, name in enumerate(names) if untitled(key(name)) == bare]
        if found:
            return found
    return []


def person_key(name: str) -> str:
    """What every way of writing one person's name shares: any case, accent and spacing, the titles that
    lead it aside ("Doç. Dr. Çağla Yılmaz" and "cagla yilmaz"), and the hyphens of a given name ("Kim Seo-yeon"
    and "Kim Seoyeon"). Which of the names that share it `text` is, is `named`."""
    return without_hyphens(untitled(fold(name)))


def same_name(name: str, text: str) -> bool:
    """`text` is `name` itself (in any case and spacing, and without accents if typed without them)."""
    return bool(named([name], text))
