"""DetailScreen: the base of the two detail pages (an opportunity, a person).

One layout for both: a title line, two columns side by side on a wide terminal (one above
the other on a narrow one), whatever goes below them, the footer. A subclass says what its
columns hold (`left`, `right`, `below`), how to read its view (`read`) and how to show it
(`show_view`); a record that is gone shows one red line instead. `open_form` pushes the
form a key asks for, importing it only then.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.errors import NotFound
from tracker.store import Store
from tracker.tui.safe_output import bounded
from tracker.tui.screens.base import DataScreen


def open_form(screen: Screen[Any], target: str, **kwargs: Any) -> None:
    """Push the form `"module:Class"` built with `kwargs`; the screen reloads when it closes."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name != module_name:
            raise
        screen.notify(f"This form is not available yet ({class_name}).", severity="warning")
        return
    screen.app.push_screen(getattr(module, class_name)(**kwargs))


class DetailScreen(DataScreen):
    """One record in full: a title, two columns, what goes below them."""

    PREFIX: ClassVar[str] = "detail"
    """The ids of the parts start with this ("detail-title", "detail-columns"...)."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    DetailScreen .detail-title {
        padding: 0 1;
        height: auto;
    }
    DetailScreen .detail-columns {
        height: auto;
    }
    DetailScreen.-narrow .detail-columns {
        layout: vertical;
    }
    DetailScreen.-wide .detail-left, DetailScreen.-wide .detail-right {
        width: 1fr;
    }
    DetailScreen .detail-columns > Vertical {
        height: auto;
    }
    DetailScreen .section-title {
        margin-top: 1;
    }
    DetailScreen.-wide .detail-right > .section-title:first-child {
        margin-top: 0;
    }
    DetailScreen .section {
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail.back"),
    ]

    def __init__(self, record_id: int) -> None:
        super().__init__()
        self.record_id = record_id
        """The id of the record shown."""
        self.view: Any = None
        """What was loaded last (None before the first load, or when the record is gone)."""

    def part(self, name: str) -> str:
        """The id of a part of this page: "detail-title", "person-fields"..."""
        return f"{self.PREFIX}-{name}"

    # --- what a subclass fills in ------------------------------------------------------------------

    def left(self) -> Iterable[Widget]:
        """The widgets of the left (or upper) column."""
        return ()

    def right(self) -> Iterable[Widget]:
        """The widgets of the right (or lower) column."""
        return ()

    def below(self) -> Iterable[Widget]:
        """The widgets under both columns."""
        return ()

    def read(self, session: Any) -> Any:
        """The view of the record (raises NotFound when it is gone). Runs in a worker."""
        raise NotImplementedError

    def show_view(self, view: Any, today: date) -> None:
        """Show the view (already made safe to display) and set the title line."""
        raise NotImplementedError

    # --- the shared parts --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id=self.PREFIX):
            yield Static(Text("Loading…", style="dim"), id=self.part("title"), classes="detail-title")
            with Horizontal(id=self.part("columns"), classes="detail-columns"):
                with Vertical(id=self.part("left"), classes="detail-left"):
                    yield from self.left()
                with Vertical(id=self.part("right"), classes="detail-right"):
                    yield from self.right()
            yield from self.below()
        yield AppFooter()

    def fetch(self, store: Store) -> Any:
        with store.read() as session:
            try:
                return self.read(session)
            except NotFound as err:
                return str(err)

    def show(self, data: Any) -> None:
        title = self.query_one(f"#{self.part('title')}", Static)
        if isinstance(data, str):
            self.view = None
            title.update(Text(data, style="bold red"))
            return
        self.view = data
        self.show_view(bounded(data), self.app.today())  # type: ignore[attr-defined]

    def set_title(self, heading: Text, sub_title: str) -> None:
        """The title line and the header's subtitle."""
        self.sub_title = sub_title
        self.query_one(f"#{self.part('title')}", Static).update(heading)


__all__ = ["DetailScreen", "open_form"]
