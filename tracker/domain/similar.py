"""Whether two people's names probably mean the same person (titles: `tracker.domain.similar_titles`).

Pure functions of strings, used by the duplicate guard (`tracker.store.queries.duplicates`).

Names are compared after `fold` (case, accents on Latin letters, "ø"/"ł"-style letters) and
after dropping what is not part of a name: honorifics ("Prof.", "Dr.", "교수님"), punctuation,
hyphens and apostrophes inside a word ("Young-hoon" = "Younghoon", "O'Brien" = "OBrien"). The
order of the words does not matter, nor where the spaces are ("Kim Young-hoon",
"Young-hoon Kim", "Prof. Kim Younghoon" and "Kim Young Hoon" are one name). Then, in order:
the same name; the same name but for a middle initial ("Priya Sharma" and "Priya K. Sharma",
never "Priya K. Sharma" and "Priya M. Sharma"); initials standing for words ("P. Sharma");
an extra middle name; a spelling that differs by a letter or two in a word ("Jürgen Mueller",
"Tan Wei Min"), but not another short name ("Wang Fei" is not "Wang Wei").

Every comparison returns a `Similarity`: a score from 0 (nothing alike) to 1 (the same) and a
reason ("same name", "similar spelling").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import permutations

from tracker.domain.honorifics import HONORIFICS

__all__ = [
    "CLOSE", "NONE", "SURE", "NameKey", "Similarity", "compare_name_keys", "compare_names", "contained", "fold",
    "name_key", "name_words", "spelling", "words",
]


@dataclass(frozen=True)
class Similarity:
    """How alike two names or titles are: `score` from 0 to 1, and why, in a few words."""

    score: float
    reason: str

    def __bool__(self) -> bool:
        return self.score > 0


NONE = Similarity(0.0, "different")
"""Nothing alike."""
CLOSE = 0.85
"""The score from which two names or titles count as probably the same (when nothing else tells them apart)."""
SURE = 0.95
"""The score from which two names or titles are the same but for spelling details (no other clue needed)."""
SPELLING = 0.86
"""Least SequenceMatcher ratio of two spellings that differ by a typo or a transliteration."""
WORD_SPELLING = 0.81
"""Least SequenceMatcher ratio of two spellings of one word: "ming"/"min", "michael"/"micheal", "müller"/"mueller";
a letter changed counts in words of six letters or more ("jiwon"/"jiwoo" and "kang"/"yang" are other names)."""
WORD_LENGTHS = 2
"""Two spellings of one word differ in length by this much at most ("subramanian" is not "balasubramanian")."""
SHORTEST_FUZZY = 6
"""Spellings shorter than this (letters, without spaces) are never compared for typos: "Li Na", "Wu Di"."""

HONORIFIC_SUFFIXES = ("교수님", "교수", "박사님", "박사", "선생님", "先生", "教授", "博士")
"""Honorifics written without a space after a CJK name ("김영훈교수")."""
LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
"""Latin letters that Unicode does not decompose into a letter and an accent."""
JOINERS = "-‐‑'’ʼ`´"
"""Hyphens and apostrophes: inside a name they join its parts ("Young-hoon", "O'Brien")."""
LATIN_END = "\u0370"
"""Accents are dropped only from letters before this code point (Latin); kana and Devanagari keep theirs."""
MAX_FORMS = 6
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ASCII_JOINER = re.compile(r"[-'`]")


def fold(text: str, *, keep_accents: bool = False) -> str:
    """`text` in lower case, without accents on Latin letters, compatibility forms unified (ﬁ, full-width)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            if base and base < LATIN_END and not keep_accents:
                continue
        else:
            base = char
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    return folded if keep_accents else "".join(LETTERS.get(c, c) for c in folded)


def words(text: str, *, join: bool, keep_accents: bool = False) -> list[str]:
    """The words of folded `text`: letters, digits and marks; hyphens join (`join`) or split words."""
    if text.isascii():  # most names and titles: the same words, found faster
        return _ASCII_WORD.findall(_ASCII_JOINER.sub("" if join else " ", text.lower()))
    out: list[str] = []
    for char in fold(text, keep_accents=keep_accents):
        if char in JOINERS:
            out.append("" if join else " ")
        elif unicodedata.category(char)[0] in "LNM":
            out.append(char)
        else:
            out.append(" ")
    return "".join(out).split()


def _strip_suffix(word: str) -> str:
    for suffix in HONORIFIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def name_words(name: str, *, keep_accents: bool = False) -> list[str]:
    """The words of a person's name, folded, honorifics dropped: "Prof. Kim Young-hoon" -> ["kim", "younghoon"].

    With `keep_accents`, the same words with their accents ("müller"), one for one.
    """
    found = [_strip_suffix(w) for w in words(name, join=True, keep_accents=keep_accents)]
    for i in range(len(found) - 1):
        if found[i] == "ph" and found[i + 1] == "d":  # "Ph.D."
            found[i:i + 2] = ["phd", ""]
    found = [w for w in found if w]
    kept = [w for w in found if w not in HONORIFICS]
    return kept or found


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha() and word < LATIN_END


@dataclass(frozen=True)
class NameKey:
    """A name made ready for comparing: its words (initials apart) and its spellings without spaces."""

    words: tuple[str, ...]
    """The words that are not initials, in order."""
    initials: frozenset[str]
    """One-letter words ("K" of "Priya K. Sharma")."""
    forms: frozenset[str]
    """The words run together: sorted, and in each rotation of their order (family name first or last)."""

    @property
    def letters(self) -> str:
        """Every letter of the words, sorted: equal for the same name however it is spaced or ordered."""
        return "".join(sorted("".join(self.words)))


@lru_cache(maxsize=8192)
def name_key(name: str) -> NameKey:
    """The `NameKey` of a person's name."""
    found = name_words(name)
    main = tuple(w for w in found if not _is_initial(w))
    initials = frozenset(w for w in found if _is_initial(w))
    forms = {"".join(sorted(main))}
    for shift in range(min(len(main), MAX_FORMS - 1)):
        forms.add("".join(main[shift:] + main[:shift]))
    return NameKey(main, initials, frozenset(forms))


@lru_cache(maxsize=65536)
def _ordered_ratio(first: str, second: str) -> float:
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    if matcher.quick_ratio() < WORD_SPELLING:
        return 0.0
    return matcher.ratio()


def _word_ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if abs(len(a) - len(b)) > WORD_LENGTHS:
        return 0.0
    return _ordered_ratio(*sorted((a, b)))  # the same pair gives the same ratio: symmetric


def spelling(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How alike two spellings of the same words are, word for word (0 when they are not).

    The words are paired in the best order; every pair must be alike (SequenceMatcher ratio
    at least WORD_SPELLING: "ming"/"min", "müller"/"mueller", not "john"/"bjorn"); the result
    is the ratio of all the letters together, each pair weighted by its length.
    """
    if len(a) != len(b) or not a or len(a) > MAX_FORMS - 1:
        return 0.0
    if min(sum(map(len, a)), sum(map(len, b))) < SHORTEST_FUZZY:
        return 0.0
    ratios = [[_word_ratio(x, y) for y in b] for x in a]
    total = sum(map(len, a)) + sum(map(len, b))
    best = 0.0
    for order in permutations(range(len(b))):
        pairs = [(i, j) for i, j in enumerate(order)]
        if any(ratios[i][j] < WORD_SPELLING for i, j in pairs):
            continue
        # summed in sorted order: the same terms give the same float whichever name comes first
        best = max(best, sum(sorted(ratios[i][j] * (len(a[i]) + len(b[j])) for i, j in pairs)) / total)
    return best


def contained(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    rest = list(large)
    for word in small:
        if word not in rest:
            return False
        rest.remove(word)
    return True


def _initials_stand_for(key: NameKey, other: NameKey) -> bool:
    """`key` is `other` with some words written as initials: "P. K. Sharma" and "Priya K. Sharma"."""
    if not key.words or not contained(key.words, other.words) or len(key.words) == len(other.words):
        return False
    extra = list(other.words)
    for word in key.words:
        extra.remove(word)
    spelled = {w[0] for w in extra}
    return spelled <= key.initials and key.initials - spelled <= other.initials


def compare_names(a: str, b: str) -> Similarity:
    """How alike two people's names are (symmetric; a name is the same as itself)."""
    return compare_name_keys(name_key(a), name_key(b))


def compare_name_keys(ka: NameKey, kb: NameKey) -> Similarity:
    """`compare_names` on names already made into keys (for comparing many names)."""
    if not ka.words or not kb.words:
        return NONE
    conflict = bool(ka.initials) and bool(kb.initials) and ka.initials != kb.initials
    if ka.forms & kb.forms:
        if ka.initials == kb.initials:
            return Similarity(1.0, "same name")
        if not conflict:
            return Similarity(0.92, "same name but for a middle initial")
        return NONE
    if _initials_stand_for(ka, kb) or _initials_stand_for(kb, ka):
        return Similarity(0.88, "same name with initials")
    if conflict:
        return NONE
    small, large = sorted((ka.words, kb.words), key=len)
    if len(small) >= 2 and contained(small, large):
        return Similarity(0.86, "same name but for a middle name")
    ratio = spelling(ka.words, kb.words)
    if ratio >= SPELLING:
        return Similarity(round(ratio, 3), "similar spelling")
    return NONE
