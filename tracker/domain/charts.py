"""Charts as text: horizontal bars in eighths of a cell, sparklines, and the words beside them. Pure.

Shared by `tracker stats` (Rich) and the statistics screen (Textual).
"""

from __future__ import annotations

from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of `width` cells for value/maximum, in eighths of a cell ("█████▍"), padded with spaces."""
    if width <= 0:
        return ""
    if maximum <= 0:
        return " " * width
    share = min(max(value / maximum, 0.0), 1.0)
    eighths = round(share * width * 8)
    if value > 0 and eighths == 0:
        eighths = 1  # something is never drawn as nothing
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text.ljust(width)


def percent(share: float | None) -> str:
    """"71%", or "–" for no share."""
    return "–" if share is None else f"{share * 100:.0f}%"


def days_text(days: float | None) -> str:
    """"2 days", "1 day", "7.5 days", or "–"."""
    if days is None:
        return "–"
    shown = f"{days:g}"
    return f"{shown} day" if days == 1 else f"{shown} days"


_SPARKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[int]) -> str:
    """One character per value, "▁" to "█" scaled to the largest; a space for zero."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(" " if v <= 0 else _SPARKS[min(len(_SPARKS) - 1, (v * len(_SPARKS) - 1) // top)] for v in values)
