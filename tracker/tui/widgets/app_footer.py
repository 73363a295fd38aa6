"""AppFooter: Textual's footer with `? Help` and `q Quit` first, so a narrow terminal never cuts them.

The footer lists the keys of the focused widget, then the screen's, then the app's; at 80
columns the app's (help, quit) fell off the end. Here they lead, and the rest follows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS: tuple[str, ...] = ("app.help", "app.quit", "help", "quit")
"""The actions shown first, wherever the footer is."""


class AppFooter(Footer):
    """The footer, help and quit first."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = [w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST_ACTIONS]
        yield from first
        yield from (w for w in widgets if w not in first)
