"""The seven main screens, made when first shown (one Textual mode each) and styled only once.

`SCREENS_IN_ORDER` names them in number-key order; `MainScreens` (an App mixin) makes each
mode's screen on its first visit, importing its module then, and spares it Textual's second
styling pass when the stylesheet already holds the current theme (`styled_as_current`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App
from textual.screen import Screen

SCREENS_IN_ORDER: tuple[tuple[str, str, str], ...] = (
    ("agenda", "Agenda", "tracker.tui.screens.agenda:AgendaScreen"),
    ("board", "Board", "tracker.tui.screens.board:BoardScreen"),
    ("opportunities", "Opportunities", "tracker.tui.screens.opportunities:OpportunitiesScreen"),
    ("people", "People", "tracker.tui.screens.people:PeopleScreen"),
    ("letters", "Letters", "tracker.tui.screens.letters:LettersScreen"),
    ("offers", "Offers", "tracker.tui.screens.offers:OffersScreen"),
    ("cohort", "Cohort", "tracker.tui.screens.cohort:CohortScreen"),
)
"""(mode name, title, "module:Class") of the main screens, in number-key order."""


def screen_class(mode: str) -> Any:
    """The class of `mode`'s main screen (its module imported now, if it was not yet)."""
    module_name, class_name = _TARGETS[mode].split(":")
    return getattr(importlib.import_module(module_name), class_name)


_TARGETS = {name: target for name, _title, target in SCREENS_IN_ORDER}


def _lazy(mode: str) -> Callable[[], Screen[Any]]:
    def make() -> Screen[Any]:
        screen: Screen[Any] = screen_class(mode)()
        app = screen.app
        if isinstance(app, MainScreens):
            app.styled_as_current(screen)
            app.made_modes = app.made_modes | {mode}
        return screen

    return make


class MainScreens(App[None]):
    """App mixin: the main screens as modes, made on first visit."""

    MODES: ClassVar[dict[str, Any]] = {name: _lazy(name) for name, _title, _target in SCREENS_IN_ORDER}

    made_modes: frozenset[str] = frozenset()
    """The main screens made so far (each on its first visit)."""

    _css_current_at = -1
    """The app's CSS update count when the stylesheet was last parsed with the theme's variables."""

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self._css_current_at = self._css_update_count

    def styled_as_current(self, screen: Screen[Any]) -> None:
        """Spare a new main screen Textual's second styling pass when the stylesheet is up to date.

        Textual re-parses every stylesheet of the app (about 13,000 tokens, from scratch) for a
        mode's first screen whose update count is behind the app's, then once more because the
        count is set on the screen being left: 0.1-0.2 s of a first visit. A screen made while the
        stylesheet holds the current theme is styled right when its widgets mount; the passes are
        kept for the start (the theme is applied after the first screen is made) and after a
        theme change that has not been applied yet.
        """
        if self._css_current_at == self._css_update_count:
            screen._css_update_count = self._css_update_count

    def read_first_visit(self, mode: str) -> None:
        """A main screen is about to be made for its first visit: its data may be read now, beside
        its compose (`ReadsAhead` does)."""

    _switching_to: str | None = None
    """The mode `switch_mode` is switching to, while it runs."""

    def switch_mode(self, mode: str) -> Any:
        if mode not in self.made_modes:
            self.read_first_visit(mode)
        self._switching_to = mode
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_to = None

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds every paint for 50 ms at a switch of mode, to hide a screen still being built.

        A main screen made on an earlier visit is whole (it shows what it showed, and refreshes its
        rows if the data moved on): there is nothing to hide, and its switch paints at once, 40-50 ms
        sooner. A first visit keeps the hold, which covers its compose and first rows (painting the
        empty screen before them was slower: 165 -> 200 ms to the Board's cards).
        """
        if self._switching_to is not None and self._switching_to in self.made_modes:
            return
        super().delay_update(delay)
