"""`tracker remind`'s output exactly as Rich prints it, without importing Rich.

Importing Rich costs more than everything else `tracker remind` does, so the fast path
(`tracker.fastpath`) lays out the reminder table itself: the same column widths, word
wrapping, borders, padding and ANSI styles as `rich.table.Table` with the options
`tracker.cli.reminders_cmd.show_agenda` uses. It is a port of the parts of Rich (15, as
locked) that this one table exercises; `tests/test_lean_table.py` compares it with Rich at
many widths, with and without colour, and fails if an upgrade of Rich changes the layout.

It only handles text whose every character is one cell wide and printable (Latin,
Greek, Cyrillic...): `fits` says so, and the fast path hands anything else (CJK names,
control characters, very long messages) to the full CLI, which prints it with Rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SAFE_RANGES = (
    (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF),  # Latin
    (0x370, 0x482),  # Greek, Cyrillic
    (0x2010, 0x2027), (0x2030, 0x205E),  # dashes, quotes, bullets, ellipsis, primes
    (0x20AC, 0x20AC), (0x2122, 0x2122),  # euro, trade mark
)
"""Characters Rich measures as exactly one cell and never joins or drops (a test checks it)."""
MAX_TEXT = 400
"""Longer texts go to the full CLI (which may cut them, see tracker.domain.sanitize)."""

_SAFE = frozenset(chr(code) for start, end in SAFE_RANGES for code in range(start, end + 1))
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")

# Rich's SGR parameters for the styles this output uses (rich.style.Style._make_ansi_codes).
STYLES = {
    "": "",
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "bold red": "1;31",
    "bold yellow": "1;33",
    "cyan": "36",
}

Cell = tuple[str, str]
"""(text, style): a table cell, its style one of STYLES."""


def fits(text: str) -> bool:
    """True if `text` can be laid out here exactly as Rich would (one cell per character)."""
    return len(text) <= MAX_TEXT and _SAFE.issuperset(text)


# --- Rich's wrapping (rich._wrap, rich.text.Text.wrap) ---------------------------------------------


def _divide(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line with fold=True, for one-cell characters: the offsets to break at."""
    breaks: list[int] = []
    offset = 0
    position = 0  # where the word starts: the words (a word with the spaces around it) tile the text
    for word in _WORD.findall(text):
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # fold the word over several lines
            start = position
            chunks = [word[i : i + width] for i in range(0, len(word), width)]
            for chunk in chunks:
                if start:
                    breaks.append(start)
                start += len(chunk)
            offset = len(chunks[-1])
        elif offset and position:
            breaks.append(position)
            offset = len(word)
        position += len(word)
    return breaks


def wrap(text: str, width: int, *, no_wrap: bool = False, pad: bool = False) -> list[str]:
    """Text.wrap with overflow "fold": the lines, padded to `width` for justify "left" (`pad`)."""
    if no_wrap or len(text) <= width:  # a text that fits has no break (rich._wrap.divide_line)
        lines = [text]
    else:
        bounds = [0, *_divide(text, width), len(text)]
        lines = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        for index, line in enumerate(lines):  # Text.rstrip_end
            if len(line) > width and (space := _TRAILING_SPACE.search(line)):
                lines[index] = line[: len(line) - min(len(space.group(0)), len(line) - width)]
    lines = [line[:width] for line in lines]  # Text.truncate: crop what is still too long
    if pad:
        lines = [line + " " * (width - len(line)) for line in lines]
    return lines


# --- Rich's column widths (rich.table.Table._calculate_column_widths) ----------------------------


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable))
            difference = widest - second
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _natural(texts: Sequence[str]) -> tuple[int, int]:
    """The widest longest-word and the widest text of a column (Text.__rich_measure__, one-cell text)."""
    low = high = 0
    for text in texts:
        widest = len(text)
        longest_word = max(map(len, text.split()), default=widest)
        low, high = max(low, min(longest_word, widest)), max(high, widest)  # Measurement.normalize
    return low, high


def _measure(natural: tuple[int, int], max_width: int) -> tuple[int, int]:
    """A column of Padding(Text, (0, 1)) cells in `max_width`: Measurement.get, Padding, with_maximum.

    Clamping each cell then taking the maximum equals clamping the maximum, so the column's
    natural measure (`_natural`) is enough.
    """
    if max_width < 1:
        return 0, 0
    if max_width - 2 < 1:
        return max_width, max_width
    low, high = natural
    return min(min(low, max_width) + 2, max_width), min(min(high, max_width) + 2, max_width)


def column_widths(columns: Sequence[Sequence[str]], no_wrap: Sequence[bool], width: int) -> list[int]:
    """The widths (with padding, without borders) Rich gives these columns in `width` cells."""
    max_width = width - (len(columns) + 1)
    naturals = [_natural(texts) for texts in columns]
    widths = [_measure(natural, max_width)[1] or 1 for natural in naturals]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not n for n in no_wrap], max_width)
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [_measure(natural, w)[1] or 0 for natural, w in zip(naturals, widths)]
    return widths


# --- the table -----------------------------------------------------------------------------------


def styled(text: str, style: str, color: bool) -> str:
    """A run of text as Rich writes it: plain, or inside its ANSI codes (rich.style.Style.render)."""
    codes = STYLES[style] if color and text else ""
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    no_wrap: Sequence[bool],
    width: int,
    color: bool,
) -> str | None:
    """What Rich prints for Table(title=..., title_justify="left", header_style="bold") with `rows`
    of styled cells (no edge padding changes, no lines between rows), on a console `width` wide.

    None when the layout needs something not ported here (a wrapped header, a column too
    narrow for its padding): the caller then lets Rich do it.
    """
    columns = [[header, *(row[i][0] for row in rows)] for i, header in enumerate(headers)]
    widths = column_widths(columns, no_wrap, width)
    if any(w < 3 for w in widths) or any(len(h) > w - 2 for h, w in zip(headers, widths)):
        return None
    table_width = sum(widths) + len(widths) + 1
    out = [styled(line, "italic", color) + "\n" for line in wrap(title, table_width, pad=True)]

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * w for w in widths) + right + "\n"

    out.append(rule("┏", "━", "┳", "┓"))
    bold_space = styled(" ", "bold", color)
    out.append("┃" + "".join(f"{bold_space}{styled(h.ljust(w - 2), 'bold', color)}{bold_space}┃"
                             for h, w in zip(headers, widths)) + "\n")
    out.append(rule("┡", "━", "╇", "┩"))
    blanks = [" " * w for w in widths]
    for row in rows:
        cells = [wrap(text, w - 2, no_wrap=nw, pad=True) for (text, _style), w, nw in zip(row, widths, no_wrap)]
        styles = [style for _text, style in row]
        for line_no in range(max(map(len, cells))):
            pieces = ["│"]
            for cell, style, blank in zip(cells, styles, blanks):
                if line_no < len(cell):
                    pieces.append(f" {styled(cell[line_no], style, color)} │")
                else:
                    pieces.append(blank + "│")
            pieces.append("\n")
            out.append("".join(pieces))
    out.append(rule("└", "─", "┴", "┘"))
    return "".join(out)


def paragraph(text: str, width: int, style: str = "", *, color: bool) -> str:
    """What console.print(Text(text, style=style)) prints with the default justify: wrapped, not padded."""
    return "".join(styled(line, style, color) + "\n" for line in wrap(text, width))


__all__ = ["fits", "paragraph", "styled", "table", "wrap"]
