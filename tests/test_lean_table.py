"""`tracker.lean_table` lays out `tracker remind`'s table exactly as Rich does.

Random reminders (long words that fold, accents, dashes, Greek and Cyrillic, every status) are
printed by the real `show_agenda` on a Rich console and by the fast path's port, at many
widths, with and without colour; the bytes must be equal.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta, timezone

import pytest

from conftest import TODAY
from tracker import fastpath, lean_table
from tracker.domain.reminders import Reminder, reminder_id
from tracker.domain.vocab import REMINDER_KINDS

# --- the layout: lean_table against Rich itself ----------------------------------------------------

WORDS = ("Follow", "up", "with", "Prof.", "Kim", "Minsoo", "about", "GIST", "CV", "Lab", "(email", "sent",
         "2026-11-12,", "no", "reply;", "follow-up", "1", "of", "2)", "Research", "Intern", "–", "Müller,",
         "José", "Zoë", "Łukasz", "O'Brien", "a" * 37, "Supercalifragilisticexpialidocious-and-more-words",
         "x" * 75, "δοκιμή", "тест", "“quoted”", "…", "")


def _reminders(rng: random.Random, count: int) -> list[Reminder]:
    found = []
    for index in range(count):
        message = (" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30))) or "x")[: lean_table.MAX_TEXT]
        key = f"manual:{index}"
        due = TODAY + timedelta(days=rng.randint(-120, 40))
        found.append(Reminder(key, reminder_id(key), rng.choice(REMINDER_KINDS), due, message, None, None))
    return found


def _rich(reminders: list[Reminder], width: int, color: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    """What `tracker.cli.reminders_cmd.show_agenda` prints for `reminders` on a Rich console."""
    from contextlib import contextmanager

    from rich.console import Console

    from tracker.cli import reminders_cmd

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False)
    monkeypatch.setattr(reminders_cmd, "console", console)
    monkeypatch.setattr("tracker.store.reminders.current_reminders", lambda *a, **k: reminders)

    class FakeState:
        zone = timezone.utc
        store = type("S", (), {"read": contextmanager(lambda self: (yield None))})()

        def today(self) -> date:
            return TODAY

    reminders_cmd.show_agenda(FakeState(), within_days=7, as_json=False)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("seed", range(12))
def test_the_table_is_laid_out_as_rich_does(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    reminders = _reminders(rng, rng.choice((0, 1, 2, 5, 12)))
    for width in rng.sample((40, 41, 44, 50, 57, 60, 64, 72, 79, 80, 81, 99, 100, 120, 137, 160, 200, 251), 6):
        for color in (False, True):
            mine = fastpath._table(reminders, TODAY, 7, color=color, width=width)
            if mine is None:  # a layout the port does not do: it must then be a wrapped header
                assert width < 60
                continue
            assert mine == _rich(reminders, width, color, monkeypatch), (width, color)


def test_every_safe_character_is_one_cell_for_rich() -> None:
    from rich.cells import cell_len

    for start, end in lean_table.SAFE_RANGES:
        for code in range(start, end + 1):
            assert cell_len(chr(code)) == 1, hex(code)
    assert lean_table.fits("Prof. José Müller – “Vision” Lab …")
    for text in ("김영훈", "日本", "e\u0301", "\x1b[31m", "tab\there", "\u202eevil", "x" * 401):
        assert not lean_table.fits(text)
