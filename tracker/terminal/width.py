"""How wide a text is on a terminal, and wrapping it by that width.

A character takes two cells when Unicode says it is East Asian Wide or Fullwidth (Hangul,
Han, Kana, most emoji), none when it is a combining mark, a zero-width joiner or a
variation selector, and one otherwise. This is what terminals (and wcwidth, and Rich) do
for the characters names and messages hold.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff") | frozenset(chr(c) for c in range(0xFE00, 0xFE10))
"""Zero-width spaces and joiners, the word joiner, the BOM, variation selectors."""


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Cells taken by one character: 0, 1 or 2."""
    if char in ZERO_WIDTH or unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells taken by `text` (no control characters: make them visible first)."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def cut(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells."""
    if text.isascii():
        return text[:width]
    used = 0
    for i, char in enumerate(text):
        used += char_width(char)
        if used > width:
            return text[:i]
    return text


def pad(text: str, width: int) -> str:
    """`text` with spaces after it up to `width` cells (no cut)."""
    return text + " " * (width - cell_width(text))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces; a longer word is broken anywhere."""
    if width <= 0 or cell_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = cell_width(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        while size > width:
            head = cut(word, width) or word[0]
            lines.append(head)
            word = word[len(head):]
            size = cell_width(word)
        line, used = word, size
    lines.append(line)
    return lines


__all__ = ["cell_width", "char_width", "cut", "pad", "wrap"]
