"""The Board: the pipeline as columns, one per open stage plus one for the closed stages.

Eleven stages do not fit side by side in a terminal, and the closed ones (accepted,
declined, rejected, no response, withdrawn) are history rather than work, so they share
one "Closed" column where each card shows its stage. Arrows move between cards (left and
right skip empty columns); shift+left/right moves a card to the neighbouring stage in
pipeline order, records it with today's date, and focus follows the card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from rich.text import Text
from textual.widgets import Header, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.vocab import CLOSED_STAGES, OPEN_STAGES
from tracker.store import Store
from tracker.store.views.board_cards import Card, Lane
from tracker.tui.screens.base import DataScreen
from tracker.tui.widgets.board_column import BoardColumn

COLUMN_TITLES = {"interviewing": "Interviews"}
"""Column titles that differ from the stage's name (to fit a narrow column's border)."""

COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    *((f"col-{stage}", COLUMN_TITLES.get(stage, stage.capitalize()), (stage,)) for stage in OPEN_STAGES),
    ("col-closed", "Closed", CLOSED_STAGES),
)
"""(widget id, title, stages) of each column, left to right."""
MIN_COLUMN_WIDTH = 16
"""Narrower than this, the board scrolls sideways instead."""


@dataclass(frozen=True)
class BoardData:
    """What the board shows: per column, its cards (at most the limit) and its total."""

    today: date
    columns: dict[str, tuple[tuple[Card, ...], int]]


def merge_lanes(lanes: list[Lane], limit: int) -> dict[str, tuple[tuple[Card, ...], int]]:
    """The store's lanes (one per stage) folded into the board's columns."""
    by_stage = {lane.stage: lane for lane in lanes}
    columns: dict[str, tuple[tuple[Card, ...], int]] = {}
    for widget_id, _title, stages in COLUMNS:
        mine = [by_stage[s] for s in stages if s in by_stage]
        cards = [card for lane in mine for card in lane.cards]
        if len(stages) > 1:
            cards.sort(key=lambda c: (-(c.since or date.min).toordinal(), -c.id))
        columns[widget_id] = (tuple(cards[:limit]), sum(lane.total for lane in mine))
    return columns


EMPTY_TEXT = ("No opportunities yet. Press 3 then n to add a lab, a program or a posting, "
              "or ctrl+p → Load demo data to look around with a sample season.")
"""What the board says when there is nothing on it."""


class BoardScreen(DataScreen):
    """The pipeline, kanban style."""

    TITLE = "Board"
    MODE = "board"

    DEFAULT_CSS = """
    BoardScreen #board {
        height: 1fr;
        overflow-x: auto;
        overflow-y: hidden;
    }
    BoardScreen #board-empty {
        display: none;
        height: auto;
    }
    """

    WRITES = frozenset({"move"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_card", "Open", id="board.open", priority=True, tooltip="Open the opportunity"),
        Binding("left", "column(-1)", "Column ←", show=False, id="board.column_left",
                tooltip="Previous column with cards"),
        Binding("right", "column(1)", "Column →", show=False, id="board.column_right",
                tooltip="Next column with cards"),
        Binding("shift+left", "move(-1)", "Stage ←", key_display="⇧←", id="board.move_left",
                tooltip="Move the card back one stage (recorded today)"),
        Binding("shift+right", "move(1)", "Stage →", key_display="⇧→", id="board.move_right",
                tooltip="Move the card on one stage (recorded today)"),
    ]

    LIMIT = 50
    """Cards rendered per column at most."""

    def __init__(self) -> None:
        super().__init__()
        self.data: BoardData | None = None
        """What is shown; None until the first load."""
        self._stage_of: dict[int, str] = {}
        self._follow: tuple[int, str] | None = None
        """(opportunity id, stage) of a card just moved: focus follows it after the reload."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(EMPTY_TEXT), id="board-empty", classes="empty-hint")
        columns = [BoardColumn(title, stages, id=widget_id) for widget_id, title, stages in COLUMNS]
        self._fit_columns(columns, self.app.size.width)  # right at the first layout: no second one
        with Horizontal(id="board"):
            yield from columns
        yield AppFooter()

    def on_resize(self) -> None:
        self._fit_columns(self.columns, self.query_one("#board").size.width or self.size.width)

    @staticmethod
    def _fit_columns(columns: list[BoardColumn], width: int) -> None:
        """Share `width` between the columns; below their minimum, the board scrolls sideways.

        (A fraction unit inside a scrolling container means "the whole viewport", so the
        widths are set here instead of with `1fr`.)
        """
        share = max(MIN_COLUMN_WIDTH, width // len(columns))
        spare = max(0, width - share * len(columns))
        for index, column in enumerate(columns):
            width_now = share + (1 if index < spare else 0)
            if column.styles.width is None or column.styles.width.cells != width_now:
                column.styles.width = width_now

    @property
    def columns(self) -> list[BoardColumn]:
        """The columns, left to right."""
        return list(self.query(BoardColumn))

    # --- data -------------------------------------------------------------------------------

    @classmethod
    def read(cls, store: Store, today: date, zone: Any) -> BoardData:
        """The board's cards as of `today` (in a worker)."""
        lanes = store.board_lanes(today=today, zone=zone, limit=cls.LIMIT)
        return BoardData(today, merge_lanes(lanes, cls.LIMIT))

    def fetch(self, store: Store) -> BoardData:
        return self.read_or_take(store)  # type: ignore[no-any-return]

    def show(self, data: BoardData) -> None:
        self.data = data
        empty = not any(total for _cards, total in data.columns.values())
        hint = self.query_one("#board-empty", Static)
        hint.display = empty
        if empty and self.hides("move"):  # records read only (an adviser's): nothing to press
            hint.update(Text("No opportunities yet."))
        self._stage_of = {}
        for column in self.columns:
            cards, total = data.columns.get(column.id or "", ((), 0))
            self._stage_of.update({card.id: card.stage for card in cards})
            column.set_cards(cards, total, data.today)
        follow, self._follow = self._follow, None
        if follow is not None:
            opportunity_id, stage = follow
            for column in self.columns:
                if column.show_card(opportunity_id) or (stage in column.stages and column.cards):
                    self.set_focus(column)  # the card, or its column when it is beyond the first cards
                    break
        focused = self.focused
        if follow is None and (not isinstance(focused, BoardColumn) or not focused.cards):
            first = next((c for c in self.columns if c.cards), None)
            if first is not None:
                first.focus()
        self.refresh_bindings()

    # --- moving around ----------------------------------------------------------------------

    def _focused_column(self) -> BoardColumn | None:
        focused = self.focused
        return focused if isinstance(focused, BoardColumn) else None

    def action_column(self, step: int) -> None:
        columns = self.columns
        current = self._focused_column()
        if current is None:
            raise SkipAction()
        index = columns.index(current) + step
        while 0 <= index < len(columns):
            target = columns[index]
            if target.cards:
                row = current.highlighted or 0
                target.highlighted = min(row, len(target.cards) - 1)
                self.set_focus(target)  # at once (not deferred): a held arrow key moves on from here
                return
            index += step

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "open_card"):
            column = self._focused_column()
            return column is not None and column.current is not None or None
        return True

    # --- acting on a card -------------------------------------------------------------------

    @on(BoardColumn.Selected)
    def _selected(self, event: BoardColumn.Selected) -> None:
        self._open_card(event.column)

    def action_open_card(self) -> None:
        column = self._focused_column()
        if column is None:
            raise SkipAction()
        self._open_card(column)

    def _open_card(self, column: BoardColumn) -> None:
        opportunity_id = column.current
        if opportunity_id is None:
            return
        from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

        self.app.push_screen(OpportunityDetailScreen(opportunity_id))

    def action_move(self, step: int) -> None:
        from tracker.store.views.board import neighbour_stage

        column = self._focused_column()
        opportunity_id = column.current if column is not None else None
        if opportunity_id is None:
            return
        stage = self._stage_of.get(opportunity_id)
        if stage is None:
            return
        target = neighbour_stage(stage, step)
        if target is None:
            self.notify(f"“{stage}” is the {'first' if step < 0 else 'last'} stage.", severity="warning")
            return
        today = self.app.today()  # type: ignore[attr-defined]

        def change(session: Any) -> str:
            from tracker.store.views.board import move_opportunity

            return move_opportunity(session, opportunity_id=opportunity_id, stage=target, on=today)

        self._follow = (opportunity_id, target)
        self._stage_of[opportunity_id] = target  # a second press before the reload moves on from here
        self.app.write(change)  # type: ignore[attr-defined]
