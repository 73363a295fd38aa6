"""The TUI's settings: a theme chosen (as the palette's "Theme" command does) is remembered in
tui.toml and used next time; a keymap there remaps any binding by its id; j/k move in lists."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from tracker.tui.settings import read_settings, settings_path
from tui_helpers import listing, make_app, settle


def test_a_theme_chosen_is_remembered_and_keymap_lines_are_kept(demo_db: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\n"agenda.dismiss" = "delete"\n', encoding="utf-8")

    async def first() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "Theme" in {c.title for c in app.get_system_commands(app.screen)}
            app.theme = "nord"  # what the palette's theme picker does
            await pilot.pause()

    async def second() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.theme == "nord"
            reminder = app.screen.current  # type: ignore[attr-defined]
            await pilot.press("delete")  # remapped from x: dismisses
            await settle(pilot)
            assert reminder.key not in [o.id for o in listing(app).options]

    asyncio.run(first())
    assert read_settings().theme == "nord"
    assert '"agenda.dismiss" = "delete"' in path.read_text(encoding="utf-8")
    asyncio.run(second())


def test_a_broken_settings_file_is_reported_and_ignored(demo_db: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme = nord\n", encoding="utf-8")  # not TOML: the string is unquoted

    async def main() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert any("was not used" in n.message for n in app._notifications)

    asyncio.run(main())


@pytest.mark.parametrize("mode", ["agenda", "people", "opportunities", "letters"])
def test_j_and_k_move_in_every_list(demo_db: Path, mode: str) -> None:
    async def main() -> None:
        app = make_app(demo_db, mode)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            focused: Any = app.focused
            where = (lambda: focused.cursor_row) if isinstance(focused, DataTable) else (lambda: focused.highlighted)
            start = where()
            screen = app.screen
            await pilot.press("j")
            assert where() != start
            await pilot.press("k")
            assert where() == start
            assert app.screen is screen and app.focused is focused  # nothing else took the keys
            filters = [str(w.value) for w in screen.query("ChoiceBox")]
            await pilot.press("k")
            assert [str(w.value) for w in screen.query("ChoiceBox")] == filters  # k is not a filter key

    asyncio.run(main())
