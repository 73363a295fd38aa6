"""ChoosesRows: the filter bar and the sort of a table screen, what it shows of its rows.

The base of `PagedTableScreen` (tracker.tui.screens.table_screen), which holds the table, reads its
pages and shows them: here the filter's text and drop-downs, typed or cycled, and the sort, by `o`,
`O` or a header's click, each become the screen's `filters` or `sort` and a new read (`_refilter`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tracker.store.queries.table_rows import Sort
from tracker.tui.screens.base import DataScreen
from tracker.tui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from tracker.tui.widgets.paged_table import PagedTable


class ChoosesRows(DataScreen):
    """The filters and the sort of a table screen (`PagedTableScreen` provides what is declared here)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/", id="table.filter"),
        Binding("o", "sort_next", "Sort", id="table.sort"),
        Binding("O", "sort_reverse", "Reverse", key_display="O", id="table.reverse", show=False),
    ]

    SORTS: ClassVar[tuple[str, ...]] = ()
    """The columns `o` sorts by, in turn."""
    filters: Any
    sort: Sort
    _held: Any

    if TYPE_CHECKING:  # provided by PagedTableScreen
        @property
        def table(self) -> PagedTable: ...
        @property
        def filter_bar(self) -> FilterBar: ...
        @classmethod
        def make_filters(cls, text: str, choices: dict[str, str | None]) -> Any: ...
        def _refilter(self) -> None: ...
        def _set_columns(self) -> None: ...

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        event.stop()
        self._filter_by(self.make_filters(event.text, event.choices))

    def _text_changed(self, text: str) -> None:
        filters = self.make_filters(text, self.filter_bar.values())
        if filters != self.filters:
            self._held.hold()  # (the letter typed is drawn with its rows)
        self._filter_by(filters)

    def _filter_by(self, filters: Any) -> None:
        if filters != self.filters:
            self.filters = filters
            self._refilter()

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        event.stop()
        self.table.focus()

    def action_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.filter_bar.focus_text()

    def action_cycle_choice(self, name: str) -> None:
        """Choose the next value of the drop-down filter `name` (the change refilters)."""
        bar = self.filter_bar
        bar.cycle(name)
        if not bar.shows(name):  # an optional drop-down hidden on a narrow screen: say what is chosen
            self.notify(f"{name.capitalize()}: {bar.label(name) or 'any'}", markup=False)

    def _resort(self, sort: Sort) -> None:
        self.sort = sort
        self._set_columns()
        self._refilter()

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        index = self.SORTS.index(self.sort.column) if self.sort.column in self.SORTS else -1
        self._resort(Sort(self.SORTS[(index + 1) % len(self.SORTS)]))

    def action_sort_reverse(self) -> None:
        """Reverse the sort."""
        self._resort(Sort(self.sort.column, not self.sort.descending))

    @on(DataTable.HeaderSelected, "#table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value
        if key not in self.SORTS:
            return
        if key == self.sort.column:
            self._resort(Sort(key, not self.sort.descending))
        else:
            self._resort(Sort(key))
