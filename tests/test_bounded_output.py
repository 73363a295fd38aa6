"""Bounded output: control characters, escape sequences, 1 MB cells and many rows are shown safely.

A person named "\\x1b[31mEvil\\x1b[0m\\x07" and a 1 MB notes cell go through the CLI (`list`,
`show`, `remind`, JSON, error lines) and the TUI (People table, both detail screens): no raw
ESC, BEL, NUL or C1 control reaches the output; the CLI writes them visibly (`\\x1b[31m`) and
cuts long cells. Each protection is also shown to be needed: the same output without it
holds the raw bytes.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from conftest import TODAY, Cli, new_database
from tracker.domain.sanitize import CELL_LIMIT, UNSAFE, clip, shown, strip_unsafe, visible
from tracker.store import open_store
from tracker.store.writes import records

EVIL = "\x1b[31mEvil\x1b[0m\x07"
EVIL_TITLE = "\x1b]0;pwned\x07Lab \x9b2J\x00 summer"
MEGABYTE = "notes " * (1_000_000 // 6)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Raw control characters (what must never be printed), newline and tab aside."""


def raw_controls(text: str) -> list[str]:
    return sorted({repr(c) for c in RAW.findall(text)})


@pytest.fixture
def evil_db(tmp_path: Path) -> Path:
    """A person with an escape sequence in the name and 1 MB of notes, an opportunity whose title
    sets the terminal title, and a message that makes a follow-up reminder about them."""
    db = new_database(tmp_path / "t.db")
    store = open_store(db)
    with store.write() as s:
        records.add_person(s, name=EVIL, role="professor", organization="GIST\x1b[2J", notes=MEGABYTE,
                           research_areas="vision\rspoof")
        records.add_opportunity(s, title=EVIL_TITLE, kind="outreach", organization="GIST\x1b[2J", contact=EVIL,
                                notes=MEGABYTE, on=TODAY - timedelta(days=30))
        records.log_interaction(s, channel="email", direction="sent", person=EVIL, opportunity=EVIL_TITLE,
                                on=TODAY - timedelta(days=20), subject="Hello \x1b[5mblink", notes=MEGABYTE)
    store.close()
    return db


# --- the pure helper --------------------------------------------------------------------------------


def test_visible_writes_control_characters_as_escapes() -> None:
    assert visible(EVIL) == "\\x1b[31mEvil\\x1b[0m\\x07"
    assert visible("a\x9bb\u202ec\x00") == "a\\x9bb\\u202ec\\x00"
    assert visible("two\r\nlines\tand tab") == "two\nlines\tand tab"
    assert visible("lone\rcarriage") == "lone\\x0dcarriage"
    assert visible("Müller 서민준 [bold]") == "Müller 서민준 [bold]"


def test_clip_and_shown_cut_long_text() -> None:
    assert clip("x" * 10, 10) == "x" * 10
    assert clip("x" * 12, 10) == "x" * 10 + "… (+2 characters)"
    cut = shown(MEGABYTE)
    assert len(cut) < CELL_LIMIT + 40 and cut.endswith(f"(+{len(MEGABYTE) - CELL_LIMIT:,} characters)")


def test_every_unsafe_character_is_zero_cells_wide() -> None:
    """What lets the TUI drop them without changing any layout."""
    unsafe = [chr(c) for c in range(0x3000) if UNSAFE.match(chr(c))]
    assert len(unsafe) > 60
    assert [hex(ord(c)) for c in unsafe if cell_len(c) != 0] == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_visible_and_strip_leave_no_control_character(text: str) -> None:
    assert not RAW.search(visible(text)) and not UNSAFE.search(visible(text))
    assert not UNSAFE.search(strip_unsafe(text))
    assert visible(text) == text or UNSAFE.search(text) or "\r\n" in text


def test_rich_alone_prints_escapes_raw() -> None:
    """Why the CLI and the TUI need the protection: Rich keeps ESC (it strips BEL only)."""
    console = Console(record=True, width=80, force_terminal=False)
    console.print(Text(EVIL))
    assert "\x1b[31m" in console.export_text()


# --- the CLI ---------------------------------------------------------------------------------------


def test_cli_listings_show_escapes_visibly_and_cut_the_megabyte(evil_db: Path) -> None:
    cli = Cli(evil_db)
    people = cli.ok("list", "people").stdout
    assert raw_controls(people) == []
    assert "\\x1b[31mEvil\\x1b[0m\\x07" in people.replace("\n", "").replace("│", "").replace(" ", "") or \
        "\\x1b[31mEvil" in people
    log = cli.ok("list", "log").stdout
    assert raw_controls(log) == [] and "\\x1b[5mblink" in log
    shown_opp = cli.ok("show", "summer").stdout
    assert raw_controls(shown_opp) == []
    assert "\\x1b]0;pwned" in shown_opp.replace("\n", "").replace("│", "").replace(" ", "")
    assert len(shown_opp) < 50_000, "the 1 MB notes must be cut in the table"
    assert "characters)" in shown_opp.replace("\n", "").replace("│", "").replace(" ", "")
    assert raw_controls(cli.ok("list", "opportunities").stdout) == []


def test_cli_remind_and_errors_have_no_raw_escapes(evil_db: Path) -> None:
    cli = Cli(evil_db)
    remind = cli.ok("remind", "--within", "30d")
    assert "Evil" in remind.stdout and raw_controls(remind.stdout) == []
    missing = cli("log", "email", "--to", "\x1b]52;c;cm0gLXJmIH4=\x07Nobody")
    assert missing.exit_code == 2 and raw_controls(missing.stderr) == []
    assert "\\x1b]52;c;" in missing.stderr


def test_json_escapes_every_control_character_and_round_trips(evil_db: Path) -> None:
    cli = Cli(evil_db)
    for args in (("list", "people"), ("show", "summer"), ("list", "log"), ("remind", "--within", "30d")):
        out = cli.ok(*args, "--json").stdout
        assert raw_controls(out) == [], args
    people = json.loads(cli.ok("list", "people", "--json").stdout)
    assert people[0]["name"] == EVIL
    detail = json.loads(cli.ok("show", "summer", "--json").stdout)
    assert detail["title"] == EVIL_TITLE and detail["notes"] == MEGABYTE.strip()


def test_many_rows_are_streamed_in_plain_columns(evil_db: Path) -> None:
    """More than STREAM_ABOVE rows: one line per row, no Rich table, cells cut to the column."""
    from tracker.cli.output import STREAM_ABOVE

    n = STREAM_ABOVE + 500
    with sqlite3.connect(evil_db) as conn:
        conn.executemany(
            "INSERT INTO person (name, role, research_areas, added_on) VALUES (?, 'professor', ?, ?)",
            [(f"Person {i:05d}", "x" * (i % 90), date(2026, 1, 1).isoformat()) for i in range(n)],
        )
    out = Cli(evil_db).ok("list", "people").stdout
    lines = out.splitlines()
    assert "┃" not in out and raw_controls(out) == []
    assert lines[0].split()[:2] == ["name", "role"] and lines[-1] == f"{n + 1:,} rows"
    assert len(lines) == n + 4
    assert max(cell_len(line) for line in lines) <= 200
    assert any(line.startswith("\\x1b[31mEvil") for line in lines)


def test_without_the_console_hook_rich_would_print_the_escape(evil_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook is what keeps `show`'s title line (printed outside any table cell) inert."""
    from tracker.cli import output

    monkeypatch.setattr(output.console, "_render_hooks", [])
    out = Cli(evil_db).ok("show", "summer").stdout
    assert "\x1b]0;pwned\x07" in out or "\x1b]0;pwned" in out


# --- the TUI ---------------------------------------------------------------------------------------


def _screen_text(app: Any) -> tuple[str, list[str]]:
    """The text of everything the screen paints (cursor moves and colours are separate control
    segments and styles), and the raw control characters in it."""
    update = app.screen._compositor.render_update(full=True)
    console = Console(width=app.size.width, force_terminal=True, color_system="truecolor")
    text = "".join(s.text for s in console.render(update) if s.control is None)
    return text, raw_controls(text)


def _run_tui(db: Path, steps: Any, filters: bool = True) -> Any:
    from tracker.tui.app import TrackerApp

    class App(TrackerApp):
        DEFAULT_MODE = "people"

        if not filters:
            def get_line_filters(self) -> list[Any]:
                return list(super(TrackerApp, self).get_line_filters())

    async def main() -> Any:
        app = App(db, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await pilot.pause(0.02)
                if app.store is not None:
                    break
            await app.workers.wait_for_complete()
            await pilot.pause()
            return await steps(app, pilot)

    return asyncio.run(main())


async def _settle(app: Any, pilot: Any) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def test_tui_tables_and_details_render_escapes_inert(evil_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())

    async def steps(app: Any, pilot: Any) -> dict[str, tuple[str, list[str]]]:
        from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen
        from tracker.tui.screens.person_detail import PersonDetailScreen

        from tracker.tui.widgets.field_list import FieldList

        seen = {"people": _screen_text(app)}
        app.push_screen(PersonDetailScreen(1))
        await _settle(app, pilot)
        seen["person"] = _screen_text(app)
        heights = [app.screen.query_one(FieldList).size.height]
        app.push_screen(OpportunityDetailScreen(1))
        await _settle(app, pilot)
        seen["opportunity"] = _screen_text(app)
        heights.append(app.screen.query_one(FieldList).size.height)
        assert all(10 < h < 100 for h in heights), heights  # 1 MB of notes would be ~10,000 lines
        return seen

    seen = _run_tui(evil_db, steps)
    for name, (text, raw) in seen.items():
        assert raw == [], (name, raw)
        assert "[31mEvil" in text, name
    assert "pwned" in seen["opportunity"][0] and "notes notes" in seen["person"][0]
    for name in ("person", "opportunity"):  # the detail screens write the escapes visibly, and cut the notes
        assert "\\x1b[31mEvil" in seen[name][0], name


def test_tui_without_the_filter_would_send_the_escape(evil_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())

    async def steps(app: Any, pilot: Any) -> tuple[str, list[str]]:
        return _screen_text(app)

    _text, raw = _run_tui(evil_db, steps, filters=False)
    assert "'\\x07'" in raw or "'\\x1b'" in raw


def test_tui_people_table_holds_a_window_of_many_rows(evil_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 people (100,000 is for benchmarks/: the search index makes inserting them slow): the table
    holds a few pages, never the whole result, shows the count, and control characters stay inert."""
    from tracker.tui.widgets.paged_table import PagedTable

    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    with sqlite3.connect(evil_db) as conn:
        conn.executemany(
            "INSERT INTO person (name, role, notes, added_on) VALUES (?, 'professor', ?, '2026-01-01')",
            ((f"Person {i:06d} \x1b[7m", "\x07" * 50) for i in range(20_000)),
        )

    async def steps(app: Any, pilot: Any) -> tuple[int, int, str]:
        await _settle(app, pilot)
        table = app.screen.query_one(PagedTable)
        text, raw = _screen_text(app)
        assert raw == []
        return table.row_count, table.max_rows, text

    rows, most, text = _run_tui(evil_db, steps)
    assert 0 < rows <= most < 5_000
    assert "20,001" in text or "20001" in text
