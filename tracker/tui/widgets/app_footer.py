"""AppFooter: Textual's footer with `? Help` and `q Quit` first, rebuilt only when its keys change.

The footer lists the keys of the focused widget, then the screen's, then the app's; at 80
columns the app's (help, quit) fell off the end. Here they lead, and the rest follows.

Textual's footer rebuilds its keys (a widget each, styled anew) on every signal that the
bindings may have changed: a focus move, a `refresh_bindings`, a screen's first load. A
first visit to a screen sent six of them, most changing nothing, and they were a fifth of
the visit's time. Here the signals of one frame make one look, and the keys are rebuilt
only when what they would show differs from what is shown.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS: tuple[str, ...] = ("app.help", "app.quit", "help", "quit")
"""The actions shown first, wherever the footer is."""


class AppFooter(Footer):
    """The footer, help and quit first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None
        """What the keys show now (see `_keys`); None before the first build."""
        self._look_pending = False

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = [w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST_ACTIONS]
        yield from first
        yield from (w for w in widgets if w not in first)

    def _keys(self) -> tuple[Any, ...]:
        """Everything of the active bindings that the footer's keys show."""
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, binding.show,
             binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._look_pending:
            self._look_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._look_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
