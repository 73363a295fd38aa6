"""Help: every key of every screen, read from the classes' BINDINGS so it never goes stale.

Keys remapped through the app's keymap (by binding id) are shown as remapped. Screens whose
module is not there (yet) are left out. The cursor starts on the screen help was opened from.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from tracker.tui.widgets.app_footer import AppFooter

EXTRA_SCREENS: tuple[tuple[str, str], ...] = (
    ("Opportunity", "tracker.tui.screens.opportunity_detail:OpportunityDetailScreen"),
    ("Person", "tracker.tui.screens.person_detail:PersonDetailScreen"),
    ("New person", "tracker.tui.forms.person_form:PersonForm"),
    ("New opportunity", "tracker.tui.forms.opportunity_form:OpportunityForm"),
    ("Log a message", "tracker.tui.forms.interaction_form:InteractionForm"),
    ("Profile", "tracker.tui.forms.profile_form:ProfileForm"),
    ("Organization", "tracker.tui.forms.organization_form:OrganizationForm"),
    ("Snooze", "tracker.tui.forms.snooze:SnoozeForm"),
    ("Statistics", "tracker.tui.screens.stats:StatsScreen"),
    ("Export calendar", "tracker.tui.forms.export_ics_form:ExportIcsForm"),
    ("Export CSV", "tracker.tui.forms.export_form:ExportForm"),
    ("Program catalog", "tracker.tui.screens.programs:ProgramsScreen"),
    ("Find duplicates", "tracker.tui.screens.duplicates:DuplicatesScreen"),
)
"""(title, "module:Class") of the screens and forms opened from the main screens."""

GENERAL_KEYS: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "Next / previous place on the screen"),
    ("↑ ↓ home end pgup pgdn", "Move in lists and tables"),
)
"""Keys that Textual's widgets provide everywhere."""


def load(target: str) -> type[Any] | None:
    """The class named by "module:Class", None if its module is missing or broken."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except Exception:  # a screen being written by someone else must not break Help
        return None
    found = getattr(module, class_name, None)
    return found if isinstance(found, type) else None


def own_bindings(cls: type[Any], keymap: dict[str, str], *, ours_only: bool = True) -> list[Binding]:
    """The bindings a class declares (and inherits from tracker's classes), after the keymap."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if "BINDINGS" not in base.__dict__:
            continue
        if ours_only and not base.__module__.startswith("tracker."):
            continue
        for key, bindings in BindingsMap(base.__dict__["BINDINGS"]).key_to_bindings.items():
            keys[key] = bindings
    merged = BindingsMap.from_keys(keys)
    if keymap:
        merged.apply_keymap(keymap)
    return [binding for _key, binding in merged if not binding.system]


def describe(binding: Binding) -> str:
    """What a binding does, for a person: its tooltip, else its footer description."""
    if binding.tooltip:
        return binding.tooltip
    if binding.description:
        return binding.description
    return binding.action.replace("_", " ").split("(")[0]


class HelpScreen(Screen[None]):
    """Every key, by screen. Escape (or ?) closes."""

    TITLE = "Help"

    DEFAULT_CSS = """
    HelpScreen #help-intro {
        padding: 0 1;
        color: $text-muted;
    }
    HelpScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", key_display="?", show=False, id="help.close_again"),
        Binding("p", "app.profile", "Profile", id="help.profile", tooltip="Your name, institution, GPA, time zone"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Every key of every screen. Keys can be remapped by binding id (shown on the right). "
            "p edits your profile.",
            id="help-intro",
        )
        yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        width = self.app.size.width
        where_width, key_width, ident = 14, 14, 24 if width >= 100 else 0
        does_width = max(20, width - where_width - key_width - ident - 2 * (4 if ident else 3) - 2)  # padding, bar
        table.add_column("Where", width=where_width)
        table.add_column("Key", width=key_width)
        table.add_column("Does", width=does_width)
        if ident:  # the ids (for a keymap file) when there is room; help never scrolls sideways
            table.add_column("Id", width=ident)
        start = 0
        opened_from = type(self.app.screen_stack[-2]) if len(self.app.screen_stack) > 1 else None
        for title, cls, rows in self.sections():
            if cls is not None and cls is opened_from:
                start = table.row_count
            for index, (key, does, binding_id) in enumerate(rows):
                where_cell = Text(title, style="bold") if index == 0 else Text("")
                cells = [where_cell, Text(key, style="bold"), Text(does)]
                if ident:
                    cells.append(Text(binding_id, style="dim", overflow="ellipsis", no_wrap=True))
                table.add_row(*cells, height=None)  # a long description wraps instead of widening the table
        if table.row_count:
            table.move_cursor(row=start, animate=False, scroll=True)
        table.focus()

    def sections(self) -> Iterable[tuple[str, type[Any] | None, list[tuple[str, str, str]]]]:
        """(title, class, [(key, what it does, binding id)]) for the app and each screen."""
        from tracker.tui.app import SCREENS_IN_ORDER

        app = self.app
        keymap: dict[str, str] = dict(getattr(app, "_keymap", {}) or {})
        general = [
            (app.get_key_display(b), describe(b), b.id or "")
            for b in own_bindings(type(app), keymap, ours_only=False)
        ]
        palette = Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        general.append((app.get_key_display(palette), "Command palette: go to, new, log, export…", ""))
        general.extend((key, does, "") for key, does in GENERAL_KEYS)
        yield "Everywhere", type(app), general
        targets = [(title, target) for _name, title, target in SCREENS_IN_ORDER] + list(EXTRA_SCREENS)
        for title, target in targets:
            cls = load(target)
            if cls is None:
                continue
            rows = [(app.get_key_display(b), describe(b), b.id or "") for b in own_bindings(cls, keymap)]
            if rows:
                yield title, cls, rows

    def action_close(self) -> None:
        self.dismiss(None)
