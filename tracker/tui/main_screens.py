"""The seven main screens, made when first shown or ahead of it (one Textual mode each) and styled only once.

`SCREENS_IN_ORDER` names them in number-key order; `MainScreens` (an App mixin) makes each
mode's screen on its first visit, importing its module then, or ahead of it, out of sight
(`make_ahead`), and spares it Textual's second styling pass when the stylesheet already holds the
current theme (`styled_as_current`).
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
            if app.making_ahead:
                app.unvisited = {**app.unvisited, mode: screen}
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

    making_ahead = False
    """True while `make_ahead` makes a screen."""
    unvisited: dict[str, Screen[Any]] = {}
    """The screens made ahead and not visited yet, by mode: each shows its rows as soon as they are read,
    out of sight (`DataScreen.on_data_screen_loaded`)."""

    def make_ahead(self, mode: str) -> None:
        """Make `mode`'s main screen now, out of sight, so that its first visit is a switch to a whole screen.

        A first visit composes, mounts and fills its screen after the key, then lays it out and paints it:
        at full size the Board took 150 ms from the key a second after the agenda, of which 27 ms filling
        its columns and 20 ms painting them empty before that. Made ahead, while the user reads the
        agenda, the screen takes what was read ahead for it as it mounts and shows it at once, out of
        sight (`unvisited`); its visit is a switch to a screen made before, painted whole in
        the key's frame (60-70 ms). Made by the step of Textual's `switch_mode` that makes a mode's first
        screen (`App._init_mode`) without switching to it; nothing where that step is missing, for a mode
        the app does not have, when the screen is made already, or while the app closes.
        """
        init = getattr(self, "_init_mode", None)
        if (init is None or mode not in self.MODES or mode in self.made_modes or not self.is_running
                or not self.screen_stack or getattr(self, "leaving", False)):
            return
        self.making_ahead = True
        try:
            init(mode)
        finally:
            self.making_ahead = False

    def _make_anew(self, mode: str) -> None:
        """Drop `mode`'s screen made ahead, which the data has moved past before its first visit: the visit
        makes it anew, as any first visit, so that it opens at the top of its rows (reloaded, it would keep
        the place its cursor had among the rows it was made with, a place the user never chose)."""
        self.remove_mode(mode)
        self.add_mode(mode, _lazy(mode))
        self.made_modes = self.made_modes - {mode}

    def read_first_visit(self, mode: str) -> None:
        """A main screen is about to be made for its first visit: its data may be read now, beside
        its compose (`ReadsAhead` does)."""

    _switching_to: str | None = None
    """The mode `switch_mode` is switching to, while it runs."""

    def switch_mode(self, mode: str) -> Any:
        ahead = self.unvisited.get(mode)
        if ahead is not None:
            self.unvisited = {name: screen for name, screen in self.unvisited.items() if name != mode}
            if getattr(ahead, "out_of_date", lambda: False)() and mode != self.current_mode:
                self._make_anew(mode)
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
