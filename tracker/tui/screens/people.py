"""The People screen: everyone you write to, when you last heard from them, and their threads.

`/` filters live on name (and other spellings), lab, research areas, e-mail and organization,
as `tracker list people --search` does; `r` cycles the role filter, `w` the country filter
(the drop-down shows once organizations have countries, on a wide screen); `o` / `O` or a
header click sorts. `enter` opens the person; `l` logs a
message with them, `m` drafts one from a template, `n` adds someone.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType

from tracker.domain.vocab import ROLES
from tracker.store import Store
from tracker.store.queries.table_rows import PEOPLE_SORT, Page, PeopleFilter, PersonRow, Sort
from tracker.store.views.screen_data import keep_people_search, people_countries, people_page
from tracker.tui.screens.table_columns import NARROW_BELOW, Column
from tracker.tui.screens.table_screen import PagedTableScreen
from tracker.tui.widgets.filter_bar import FilterChoice
from tracker.tui.widgets.table_cell import Cell, cell

SILENT_DAYS = 30
"""Last heard from longer ago than this is dimmed."""


class PeopleScreen(PagedTableScreen[PersonRow]):
    """A filterable, sortable, paged table of people."""

    TITLE = "People"
    MODE = "people"

    WRITES = frozenset({"new", "log"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "cycle_choice('role')", "Role", id="people.role"),
        Binding("w", "cycle_choice('country')", "Country", id="people.country", show=False),
        Binding("n", "new", "New", id="people.new"),
        Binding("l", "log", "Log", id="people.log"),
        Binding("m", "draft", "Draft", id="people.draft"),
    ]

    COLUMNS = (
        Column("name", "Name", 0, min_width=22),
        Column("role", "Role", 11, min_screen=NARROW_BELOW),
        Column("organization", "Organization", 22),
        Column("lab", "Lab", 22, min_screen=NARROW_BELOW),
        Column("last_heard", "Last heard", 10),
        Column("threads", "Opps/msgs", 9),
    )
    SORTS = ("name", "role", "organization", "lab", "last_heard", "threads")
    DEFAULT_SORT = PEOPLE_SORT
    NOUN = ("person", "people")
    EMPTY_TEXT = "No people yet: press n to add a professor, PhD student or postdoc you write to."
    EMPTY_READ_ONLY = "No people yet."
    _waits_for_quiet = False
    """A quiet moment was awaited to read the filter's keys (`show`): once a visit long enough."""
    _keys_as_of: int | None = None
    """The app's change count when the filter's keys were last asked for (`_keep_search`)."""

    def filter_choices(self) -> list[FilterChoice]:
        return [FilterChoice("role", "Any role", [(role, role) for role in ROLES], width=20),
                FilterChoice("country", "Any country", [], width=22, optional=True)]

    @classmethod
    def make_filters(cls, text: str, choices: dict[str, str | None]) -> PeopleFilter:
        return PeopleFilter(text=text.strip(), role=choices.get("role"), country=choices.get("country"))

    @classmethod
    def fetch_page(cls, store: Store, filters: Any, sort: Sort, offset: int, limit: int) -> Page[PersonRow]:
        return people_page(store, filters=filters, sort=sort, offset=offset, limit=limit)

    @classmethod
    def fetch_extra(cls, store: Store) -> list[tuple[str, str]]:
        return people_countries(store)

    def show_extra(self, extra: list[tuple[str, str]]) -> None:
        self.filter_bar.set_options("country", extra)

    def show(self, data: Any) -> None:
        super().show(data)
        if self.filter_bar.has_focus_within:  # (a keystroke's rows, or rows read again after a write)
            self.call_after_refresh(self._keep_search)
        else:
            self._keep_search_when_quiet()

    def on_screen_resume(self) -> None:
        self._keep_search_when_quiet()

    def _keep_search_when_quiet(self) -> None:
        """A user who stays on the screen a moment (no key for a quarter second: `WarmsUp.when_quiet`) finds
        the filter's keys read when they press `/`; one passing by to another screen does not wait for them."""
        if not self._waits_for_quiet and hasattr(self.app, "when_quiet"):
            self._waits_for_quiet = True
            self.app.when_quiet(self._keep_search_if_here)

    def _keep_search_if_here(self) -> None:
        if self.is_current:
            self._keep_search()  # (once: afterwards the filter itself keeps them current)
        else:
            self._waits_for_quiet = False  # (passed by: asked again when the screen's rows are next shown)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "filter-text" and self.rows_by_id:  # (not Textual's first focus, at mount)
            self._keep_search()

    def _keep_search(self) -> None:
        """What makes the filter's keystrokes fast (`keep_people_search`: at full size 0.1 s of a worker when
        the filter is entered, in a quiet moment on the screen, and after each write while the filter is in
        use; nothing at a keystroke). Not when the rows are shown: it would share the interpreter with the
        next screen of a user passing by. The app's worker, not the screen's: no key waits for it (a
        keystroke meanwhile is answered by the portable query), and where it fails the portable query
        answers too. Asked again only once the app has counted a change since (the store itself uses the
        keys only while nobody has committed since they were read)."""
        store = self.store
        changes = getattr(self.app, "changes", None)
        if store is None or (changes is not None and changes == self._keys_as_of):
            return  # (asked already at this count: each keystroke's rows start no worker)
        self._keys_as_of = changes
        self.app.run_worker(partial(keep_people_search, store), thread=True, group="people-search",
                            exclusive=True, exit_on_error=False)

    def row_cells(self, row: PersonRow) -> tuple[Any, ...]:
        today = self.app.today()  # type: ignore[attr-defined]
        if row.last_heard is None:
            heard = cell(None)
        else:
            heard = cell(row.last_heard.isoformat(), "dim" if (today - row.last_heard).days > SILENT_DAYS else "")
        threads = Cell(f"{row.opportunities} / {row.interactions}", justify="right")
        return (
            cell(row.name, "bold"),
            cell(row.role),
            cell(row.organization),
            cell(row.lab),
            heard,
            threads,
        )

    # --- actions ---------------------------------------------------------------------------------

    def open_row(self, row_id: int) -> None:
        from tracker.tui.screens.person_detail import PersonDetailScreen

        self.app.push_screen(PersonDetailScreen(row_id))

    def action_new(self) -> None:
        """Add a person."""
        from tracker.tui.screens.detail import open_form

        open_form(self, "tracker.tui.forms.person_form:PersonForm")

    def action_log(self) -> None:
        """Log a message with the highlighted person."""
        from tracker.tui.screens.detail import open_form

        row = self.highlighted()
        if row is not None:
            open_form(self, "tracker.tui.forms.interaction_form:InteractionForm", person=row.name,
                      person_id=row.id)

    def action_draft(self) -> None:
        """Draft a message to the highlighted person from a template."""
        from tracker.tui.screens.draft import DraftScreen

        row = self.highlighted()
        if row is not None:
            self.app.push_screen(DraftScreen(person=row.name, person_id=row.id))
