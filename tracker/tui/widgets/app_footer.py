"""AppFooter: the keys of the focused widget, the screen and the app on one line, `? Help` and `q Quit` first.

Textual's footer is a container of one widget per key, mounted and styled anew each time the
keys change: on every first visit to a screen, twenty-odd widgets for two footers' worth of
keys (the screen's, then the focused table's), a fifth of the visit's time on the UI thread.
This footer is one widget that draws its keys as one line, looks the same (the key in the
theme's footer-key colours, its description after it, the palette key at the right edge after
a thin rule), and acts the same: a click on a key presses it (a bell if it is disabled), the
key under the mouse is highlighted and shows its tooltip.

At 80 columns the app's keys (help, quit) fell off the end of Textual's footer; here they lead,
and the keys that do not fit whole are left out, a dim `…` in their place where there is room
(`?` lists them all), instead of one cut in half ("D D") before the palette key. The signals of one
frame that the bindings may have changed (a focus move, a screen's first load) make one look,
and the line is drawn again only when what it shows differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

FIRST_ACTIONS: tuple[str, ...] = ("app.help", "app.quit", "help", "quit")
"""The actions shown first, wherever the footer is."""

MORE = " … "
"""Where the keys that do not fit would be."""

RULE = "▏"
"""Drawn before the palette key, at the right edge (Textual's footer draws it as a `vkey` border)."""


@dataclass(frozen=True)
class FooterItem:
    """One key as the footer shows it."""

    key: str
    """The key pressed when the item is clicked."""
    action: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class AppFooter(Widget, can_focus=False):
    """The footer: one line of keys, help and quit first, the command palette's at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"app-footer--key", "app-footer--description", "app-footer--hover", "app-footer--rule"}
    DEFAULT_CSS = """
    AppFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .app-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .app-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .app-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .app-footer--rule {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.items: tuple[FooterItem, ...] = ()
        """The keys on the left, in order."""
        self.palette: FooterItem | None = None
        """The command palette's key, at the right edge (None: no palette)."""
        self._shown: tuple[Any, ...] | None = None
        """What the line shows now (see `_look`); None before the first look."""
        self._look_pending = False
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Where each item was drawn: (first cell, cell after the last, item)."""
        self._hover: FooterItem | None = None

    # --- which keys -------------------------------------------------------------------------

    def _look(self) -> None:
        """Take the screen's active bindings; draw again if they show something new."""
        self._look_pending = False
        if not self.is_attached:
            return
        items: list[FooterItem] = []
        palette: FooterItem | None = None
        seen: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = FooterItem(binding.key, binding.action, self.app.get_key_display(binding),
                                     binding.description, enabled, binding.tooltip or binding.description)
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append(FooterItem(binding.key, binding.action, self.app.get_key_display(binding),
                                        binding.description, enabled, tooltip))
        items.sort(key=lambda item: item.action not in FIRST_ACTIONS)
        shown = (tuple(items), palette)
        if shown != self._shown:
            self._shown = shown
            self.items, self.palette = shown
            self.refresh()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._look_pending:
            self._look_pending = True
            self.call_after_refresh(self._look)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._look()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("app-footer--key", partial=True)
        text_style = base + self.get_component_rich_style("app-footer--description", partial=True)
        hover_style = self.get_component_rich_style("app-footer--hover", partial=True)
        dim = Style(dim=True)
        right: list[Segment] = []
        if self.palette is not None:
            right = [Segment(RULE, base + self.get_component_rich_style("app-footer--rule")),
                     *self._item_segments(self.palette, self.palette.display, f" {self.palette.description} ",
                                          key_style, text_style, hover_style, dim)]
        right_width = sum(segment.cell_length for segment in right)
        left_width = max(0, width - right_width)
        segments: list[Segment] = []
        spans: list[tuple[int, int, FooterItem]] = []
        x = 0
        for item in self.items:
            drawn = self._item_segments(item, f" {item.display} ", f"{item.description} " if item.description else "",
                                        key_style, text_style, hover_style, dim)
            cells = sum(segment.cell_length for segment in drawn)
            # Whole but for its trailing space, or left out; help and quit are cut, never left out.
            if x + cells - 1 > left_width and item.action not in FIRST_ACTIONS:
                if x + len(MORE) <= left_width:
                    segments.append(Segment(MORE, text_style + dim))
                break
            spans.append((x, min(x + cells, left_width), item))
            segments.extend(drawn)
            x += cells
        line = Strip(segments).crop_extend(0, left_width, base)
        if right:
            spans.append((left_width + 1, width, self.palette))  # type: ignore[arg-type]
            line = Strip.join([line, Strip(right).crop(0, width - left_width)])
        self._spans = [span for span in spans if span[0] < span[1]]
        return line

    def _item_segments(self, item: FooterItem, key: str, description: str, key_style: Style, text_style: Style,
                       hover_style: Style, dim: Style) -> list[Segment]:
        if item == self._hover:
            key_style, text_style = key_style + hover_style, text_style + hover_style
        if not item.enabled:
            key_style, text_style = key_style + dim, text_style + dim
        return [Segment(key, key_style)] + ([Segment(description, text_style)] if description else [])

    # --- the mouse ----------------------------------------------------------------------------

    def item_at(self, x: int) -> FooterItem | None:
        """The item drawn at cell `x`, if any."""
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.item_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, item: FooterItem | None) -> None:
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item is not None and item.tooltip else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
