"""Weighing offers: pure functions of the student's ratings."""

from __future__ import annotations

RATING_MAX = 5
"""Each rating (topic fit, familiarity with the professor, renown, place) runs 0..5."""


def offer_score(topic: int | None, familiarity: int | None, renown: int | None, place: int | None) -> int | None:
    """The offer's score: the sum of its ratings (0-20); None until at least one is set."""
    values = [v for v in (topic, familiarity, renown, place) if v is not None]
    return sum(values) if values else None
