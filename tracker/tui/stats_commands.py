"""Command-palette entries for the statistics, the calendar export, drafts, the program catalog and duplicates.

A second provider next to `tracker.tui.commands.TrackerCommands`, registered on the app with
`COMMANDS = App.COMMANDS | {TrackerCommands, StatsCommands}`. The screen and the form are
imported only when their command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.tui.commands import _push

COMMANDS: tuple[tuple[str, str, Callable[[Any], None]], ...] = (
    ("Statistics", "The funnel per cycle, reply rates by channel and role, days to a reply",
     _push("tracker.tui.screens.stats:StatsScreen")),
    ("Export calendar…", "Write deadlines, interviews, offers and follow-ups to an .ics file",
     _push("tracker.tui.forms.export_ics_form:ExportIcsForm")),
    ("Draft email to…", "An e-mail or LinkedIn note from a template, filled from the records; copy, mail or log it",
     _push("tracker.tui.screens.draft:DraftScreen")),
    ("Program catalog", "Structured programs (DAAD WISE, Mitacs...): deadlines, GPA cut-offs against yours",
     _push("tracker.tui.screens.programs:ProgramsScreen")),
    ("Find duplicates", "People and opportunities probably entered twice (close names or titles)",
     _push("tracker.tui.screens.duplicates:DuplicatesScreen")),
)
"""(name, help, callback taking the app)."""


class StatsCommands(Provider):
    """The screens beyond the seven main ones, for Textual's command palette."""

    async def discover(self) -> Hits:
        for name, help_text, callback in COMMANDS:
            yield DiscoveryHit(name, partial(callback, self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback, self.app), help=help_text)
