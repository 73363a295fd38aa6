"""A table Cell draws exactly as the Text it replaces: same segments at every width, any script."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tracker.tui.widgets.table_cell import Cell, table_cell

TEXTS = [
    "Kim Young-jae",
    "김영재",
    "김영재 박사님 연구실 (KAIST)",
    "Çağla Karamanlıoğlu",
    "Boğaziçi Üniversitesi",
    "王小明 清华大学",
    "山田太郎",
    "प्रिया शर्मा",
    "🇹🇷 flag",
    "🧑‍💻 coder",
    "a",
    "—",
    "12 / 345",
    "trailing   ",
    "x" * 60,
]
STYLES = ["", "bold", "dim", "red", "bold green"]


def drawn(renderable: object, width: int) -> list[list[object]]:
    console = Console(width=120, color_system="truecolor", force_terminal=True)
    options = console.options.update_dimensions(width, 1).update(no_wrap=True)
    return console.render_lines(Padding(renderable, (0, 1)), options)  # as DataTable draws a cell


@pytest.mark.parametrize("text", TEXTS)
def test_a_cell_draws_as_its_text_at_every_width(text: str) -> None:
    for style in STYLES:
        for width in range(1, 34):
            left = drawn(Cell(text, style), width)
            assert left == drawn(Text(text, style=style, no_wrap=True, overflow="ellipsis"), width), (text, style, width)
            right = drawn(Cell(text, style, justify="right"), width)
            expected = drawn(Text(text, style=style, no_wrap=True, overflow="ellipsis", justify="right"), width)
            assert right == expected, (text, style, width)


def test_a_cell_measures_as_its_text() -> None:
    console = Console(width=120)
    for text in TEXTS:
        assert Cell(text).__rich_measure__(console, console.options).maximum == \
            Text(text).__rich_measure__(console, console.options).maximum


def test_text_with_a_line_break_tab_or_control_stays_a_text() -> None:
    for text in ["two\nlines", "a\tb", "cr\rhere", "bell\x07"]:
        made = table_cell(text, "bold")
        assert isinstance(made, Text) and made.no_wrap and made.overflow == "ellipsis"
        assert drawn(made, 12) == drawn(Text(text, style="bold", no_wrap=True, overflow="ellipsis"), 12)
    assert isinstance(table_cell("Ada Lovelace"), Cell)
    assert str(table_cell("Ada Lovelace", "bold")) == "Ada Lovelace"
    assert table_cell("Ada Lovelace", "bold").style == "bold"


PARTS = [
    (("Kim Young-jae", "bold"), (" · KAIST", "bold dim")),
    (("김영재", "bold"), (" · 서울대학교 컴퓨터공학부", "bold dim")),
    (("  └ ", "dim"), ("Boğaziçi Üniversitesi yaz stajı", "")),
    (("王小明", ""), ("", "red"), (" 清华大学", "dim")),
    (("ab", "bold"), ("cd", "red"), ("ef", "")),
]


def unstyled_as_null(lines: list[list[Any]]) -> list[list[Any]]:
    """A Text with spans gives its unstyled text the null style, a Cell none: the same once drawn."""
    return [[Segment(s.text, s.style or Style()) for s in line] for line in lines]


@pytest.mark.parametrize("parts", PARTS)
def test_a_cell_of_parts_draws_as_a_text_of_those_spans(parts: tuple[tuple[str, str], ...]) -> None:
    for width in range(1, 40):
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in parts:
            text.append(part, style=style)
        assert unstyled_as_null(drawn(Cell.joined(*parts), width)) == unstyled_as_null(drawn(text, width)), (parts, width)
    assert str(Cell.joined(*parts)) == "".join(part for part, _style in parts)
