"""The Opportunities screen: every lab, program and posting in one table.

`/` filters live on title, lab, cycle, notes, organization and contact, as `tracker list
opportunities --search` does; `s`, `k`, `c` and `w` cycle the stage, kind, cycle and country
filters (or use the drop-downs; the country's shows once organizations have countries, on a
wide screen); `o` / `O` or a header click
sorts. Rows come from SQLite a page at a time, so ten thousand stay instant.
`enter` opens the opportunity; `p` opens the program catalog.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from tracker.domain.vocab import KINDS, OPEN_STAGES, PRE_APPLICATION_STAGES, STAGES
from tracker.store import Store
from tracker.store.queries.table_rows import OPPORTUNITY_SORT, OpportunityFilter, OpportunityRow, Page, Sort
from tracker.store.views.screen_data import opportunity_choices, opportunity_page
from tracker.tui.screens.table_columns import NARROW_BELOW, Column
from tracker.tui.screens.table_screen import PagedTableScreen
from tracker.tui.widgets.filter_bar import FilterChoice
from tracker.tui.widgets.labels import due_style, stage_style
from tracker.tui.widgets.table_cell import cell

STAGE_OPTIONS: list[tuple[str, str]] = [
    ("Open stages", "open"), ("Closed stages", "closed"), *((stage, stage) for stage in STAGES),
]


class OpportunitiesScreen(PagedTableScreen[OpportunityRow]):
    """A filterable, sortable, paged table of opportunities."""

    TITLE = "Opportunities"
    MODE = "opportunities"

    WRITES = frozenset({"new", "log", "move"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_choice('stage')", "Stage", id="opportunities.stage"),
        Binding("K", "cycle_choice('kind')", "Kind", key_display="K", id="opportunities.kind"),
        Binding("c", "cycle_choice('cycle')", "Cycle", id="opportunities.cycle"),
        Binding("w", "cycle_choice('country')", "Country", id="opportunities.country", show=False),
        Binding("n", "new", "New", id="opportunities.new"),
        Binding("m", "move", "Move stage", id="opportunities.move"),
        Binding("l", "log", "Log", id="opportunities.log"),
        Binding("p", "programs", "Programs", id="opportunities.programs"),
    ]

    COLUMNS = (
        Column("title", "Title", 0, min_width=24),
        Column("stage", "Stage", 12),
        Column("kind", "Kind", 8, min_screen=140),
        Column("organization", "Organization", 16),
        Column("contact", "Contact", 16, min_screen=NARROW_BELOW),
        Column("deadline", "Deadline", 10),
        Column("letters", "Letters", 7, min_screen=NARROW_BELOW),
        Column("last_activity", "Activity", 10, min_screen=NARROW_BELOW),
    )
    SORTS = ("title", "stage", "kind", "organization", "contact", "deadline", "letters", "last_activity")
    DEFAULT_SORT = OPPORTUNITY_SORT
    NOUN = ("opportunity", "opportunities")
    EMPTY_TEXT = "No opportunities yet: press n to add one, or ctrl+p → Load demo data to look around."
    EMPTY_READ_ONLY = "No opportunities yet."

    def filter_choices(self) -> list[FilterChoice]:
        return [
            FilterChoice("stage", "Any stage", STAGE_OPTIONS, width=20),
            FilterChoice("kind", "Any kind", [(kind, kind) for kind in KINDS], width=16),
            FilterChoice("cycle", "Any cycle", [], width=20),
            FilterChoice("country", "Any country", [], width=22, optional=True),
        ]

    @classmethod
    def make_filters(cls, text: str, choices: dict[str, str | None]) -> OpportunityFilter:
        return OpportunityFilter(
            text=text.strip(), stage=choices.get("stage"), kind=choices.get("kind"), cycle=choices.get("cycle"),
            country=choices.get("country"),
        )

    @classmethod
    def fetch_page(cls, store: Store, filters: Any, sort: Sort, offset: int, limit: int) -> Page[OpportunityRow]:
        return opportunity_page(store, filters=filters, sort=sort, offset=offset, limit=limit)

    @classmethod
    def fetch_extra(cls, store: Store) -> tuple[list[str], list[tuple[str, str]]]:
        return opportunity_choices(store)

    def show_extra(self, extra: tuple[list[str], list[tuple[str, str]]]) -> None:
        cycles, countries = extra
        self.filter_bar.set_options("cycle", [(name, name) for name in cycles])
        self.filter_bar.set_options("country", countries)

    def row_cells(self, row: OpportunityRow) -> tuple[Any, ...]:
        today = self.app.today()  # type: ignore[attr-defined]
        # a deadline is due until you apply (then it is history, never "overdue")
        deadline_style = due_style(row.deadline, today) if row.deadline and row.stage in PRE_APPLICATION_STAGES else ""
        letters = f"{row.letters_submitted}/{row.letters_required}" if row.letters_required else None
        letters_style = "green" if row.letters_required and row.letters_submitted >= row.letters_required else ""
        return (
            cell(row.title, "bold" if row.stage in OPEN_STAGES else "dim"),
            cell(row.stage, stage_style(row.stage)),
            cell(row.kind),
            cell(row.organization),
            cell(row.contact),
            cell(row.deadline.isoformat() if row.deadline else None, deadline_style),
            cell(letters, letters_style),
            cell(row.last_activity.isoformat() if row.last_activity else None),
        )

    # --- actions ---------------------------------------------------------------------------------

    def open_row(self, row_id: int) -> None:
        from tracker.tui.screens.opportunity_detail import OpportunityDetailScreen

        self.app.push_screen(OpportunityDetailScreen(row_id))

    def action_new(self) -> None:
        """Add an opportunity."""
        from tracker.tui.screens.detail import open_form

        open_form(self, "tracker.tui.forms.opportunity_form:OpportunityForm")

    def action_move(self) -> None:
        """Move the highlighted opportunity to another stage."""
        from tracker.tui.screens.detail import open_form

        row = self.highlighted()
        if row is not None:
            open_form(self, "tracker.tui.forms.stage_form:StageForm", opportunity=row.title)

    def action_log(self) -> None:
        """Log a message about the highlighted opportunity (to its contact)."""
        from tracker.tui.screens.detail import open_form

        row = self.highlighted()
        if row is not None:
            open_form(self, "tracker.tui.forms.interaction_form:InteractionForm", person=row.contact,
                      opportunity=row.title)

    def action_programs(self) -> None:
        """Open the program catalog (structured programs, checked against your GPA)."""
        from tracker.tui.screens.programs import ProgramsScreen

        self.app.push_screen(ProgramsScreen())
