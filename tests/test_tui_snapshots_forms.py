"""A snapshot of the opportunity form at 80x24, partly filled, with its live previews and the
duplicate guard's warning under the title (the seed has "DAAD WISE" at DAAD).

Regenerate after a deliberate change: `uv run pytest tests/test_tui_snapshots_forms.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from form_helpers import FormHost, open_form, seed, type_text, wait_for
from tracker.tui.forms.opportunity_form import OpportunityForm


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-22")
    path = tmp_path / "t.db"
    seed(path)
    return path


def test_opportunity_form_80x24(db: Path, snap_compare: Any) -> None:
    async def fill(pilot: Pilot[Any]) -> None:
        form = await open_form(pilot, OpportunityForm())
        await type_text(pilot, "DAAD WISE 2027")
        form.widget("organization").focus()
        await type_text(pilot, "DAAD")
        form.widget("deadline").focus()
        await type_text(pilot, "2026-12-15 23:59 CET")
        form.widget("min_gpa").focus()
        await type_text(pilot, "8/10")
        form.widget("title").focus()
        await wait_for(pilot, lambda: form.guard_matches_shown)  # the guard answers a moment after typing
        # The cursor blinks every 0.5 s, so whether it is drawn depends on how busy the machine is:
        # stop it (which hides it, as in the stored snapshot) so the picture does not depend on timing.
        form.widget("title").cursor_blink = False
        await pilot.pause()

    assert snap_compare(FormHost(db, watch_interval=0), terminal_size=(80, 24), run_before=fill)
