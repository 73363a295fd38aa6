"""PagedTable and the Letters tables draw rows of `Cell`s themselves (`CellTable`): the same lines as
Textual's DataTable draws, without Rich.

Each line the table draws is compared with the line DataTable draws for the same rows in the same
state (zebra stripes, the cursor, the mouse over a row, focus and blur, scrolled, a theme), with
names in Korean and Turkish, a cell cut with an ellipsis and a right-justified one.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input

from tracker.tui.widgets.paged_table import PagedTable, TableRow
from tracker.tui.widgets.table_cell import Cell

NAMES = ["김영희", "Şükrü Öztürk", "İlkay Gündoğan", "Ana", "박지성 (KAIST, School of Computing)", "Ümit"]


def rows(count: int, start: int = 0) -> list[TableRow]:
    return [
        TableRow(i, (
            Cell(f"{NAMES[i % len(NAMES)]} {i}", "bold" if i % 3 else "") if i % 4 else
            Cell.joined((f"{NAMES[i % len(NAMES)]} {i}", "bold"), (" · 서울대학교 컴퓨터공학부", "bold dim")),
            Cell("interviewing" if i % 2 else "no-response", "bold magenta" if i % 2 else "dim"),
            Cell("Orta Doğu Teknik Üniversitesi, Bilgisayar Mühendisliği"),
            Cell(f"{i} / {i * 7}", justify="right"),
        ))
        for i in range(start, start + count)
    ]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()
        table = PagedTable()
        for label, width, key in (("Name", 20, "name"), ("Stage", 12, "stage"), ("Organization", 16, "org"),
                                  ("Threads", 8, "threads")):
            table.add_column(Text(label, style="bold"), width=width, key=key)
        yield table


def same_lines(table: PagedTable) -> list[int]:
    """The lines (y) where the table's drawing differs from DataTable's."""
    return [y for y in range(table.size.height)
            if list(table.render_line(y)) != list(DataTable.render_line(table, y))]


def run(test: Any, size: tuple[int, int] = (90, 20)) -> None:
    async def main() -> None:
        app = TableApp()
        async with app.run_test(size=size) as pilot:
            table = app.query_one(PagedTable)
            table.set_window(rows(60), 0, 60)
            await pilot.pause()
            await test(pilot, app, table)

    asyncio.run(main())


def test_rows_are_drawn_as_datatable_draws_them() -> None:
    async def test(pilot: Any, app: App[None], table: PagedTable) -> None:
        table.focus()
        await pilot.pause()
        assert same_lines(table) == []
        table.move_cursor(row=3)
        await pilot.pause()
        assert same_lines(table) == []
        await pilot.hover(PagedTable, offset=(5, 6))  # the mouse over a row
        for _ in range(20):  # (under load the move lands a frame later)
            if table.hover_row >= 0:
                break
            await pilot.pause(0.02)
        assert table.hover_row in (5, 6), table.hover_row  # a row under the mouse (6: a scroll of one line)
        assert same_lines(table) == []
        app.query_one(Input).focus()  # the table blurred: its cursor in the blurred colours
        await pilot.pause()
        assert same_lines(table) == []
        table.focus()
        table.scroll_to(y=20, animate=False, immediate=True)
        table.cursor_coordinate = Coordinate(25, 0)
        await pilot.pause()
        assert same_lines(table) == []
        app.theme = "nord"
        await pilot.pause()
        assert same_lines(table) == []
        table.zebra_stripes = False
        await pilot.pause()
        assert same_lines(table) == []
        shown = ["".join(segment.text for segment in table.render_line(y)) for y in range(table.size.height)]
        assert shown[1].startswith(" İlkay Gündoğan 20 ") and "Orta Doğu Tekni… " in shown[1]  # rows 20- below the header
        assert shown[3].startswith(" 박지성 (KAIST, Scho…  no-response ")  # cut in whole wide characters
        assert shown[6].startswith(" Şükrü Öztürk 25 ") and shown[6].rstrip().endswith(" 25 / 175")

    run(test)


def test_a_narrow_table_scrolls_sideways_the_same() -> None:
    async def test(pilot: Any, app: App[None], table: PagedTable) -> None:
        table.focus()
        table.scroll_to(x=7, animate=False, immediate=True)
        await pilot.pause()
        assert table.scroll_x == 7
        assert same_lines(table) == []

    run(test, size=(40, 12))


def rows_drawn_by_rich(monkeypatch: Any) -> list[int]:
    """The row of each cell DataTable draws through Rich from here on (-1: the header)."""
    drawn: list[int] = []
    original = DataTable._render_cell

    def counted(self: DataTable[Any], row_index: int, *args: Any, **kwargs: Any) -> Any:
        drawn.append(row_index)
        return original(self, row_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counted)
    return drawn


def test_new_rows_are_drawn_without_rich(monkeypatch: Any) -> None:
    """A new window of rows (a keystroke in a filter) draws no body cell through DataTable's Rich path."""
    drawn = rows_drawn_by_rich(monkeypatch)

    async def test(pilot: Any, app: App[None], table: PagedTable) -> None:
        drawn.clear()
        table.set_window(rows(60, start=100), 0, 60)
        await pilot.pause()
        assert table.get_row_at(1)[0].plain == "Ümit 101"
        assert [row for row in drawn if row >= 0] == []

    run(test)


def test_a_row_with_another_renderable_is_datatables() -> None:
    async def test(pilot: Any, app: App[None], table: PagedTable) -> None:
        mixed = rows(3)
        mixed[1] = TableRow(1, (Text("line one\nline two"), *mixed[1].cells[1:]))
        table.set_window(mixed, 0, 3)
        await pilot.pause()
        assert same_lines(table) == []
        assert "line one" in "".join(s.text for s in table.render_line(2))

    run(test)


def test_the_letters_tables_are_drawn_without_rich(demo_db: Any, monkeypatch: Any) -> None:
    from tui_helpers import make_app, settle

    drawn = rows_drawn_by_rich(monkeypatch)

    async def main() -> None:
        app = make_app(demo_db, "letters")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: app.screen.overview is not None)
            await pilot.pause()
            assert [row for row in drawn if row >= 0] == []  # only the headers through Rich
            for table in app.screen.query(DataTable):
                assert table.row_count > 0 and same_lines(table) == []

    asyncio.run(main())
