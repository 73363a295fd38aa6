"""The Rich consoles the commands print through, and `done`: Rich alone, no Typer.

Text from the database is shown, never executed: both consoles drop any control character
that still reaches them, whatever printed it (`_DropUnsafe`). `tracker.cli.output` prints its
tables through these consoles; the console script's fast paths (`tracker.entry`) print a line
through them when it is not plain enough to write as it is, without loading the command line.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from tracker.domain.sanitize import UNSAFE, strip_unsafe, visible

__all__ = ["console", "done", "err_console"]


class _Inert:
    """A renderable whose segments carry no control character (Rich itself keeps ESC and NUL)."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control is None and UNSAFE.search(segment.text):
                yield Segment(strip_unsafe(segment.text), segment.style)
            else:
                yield segment


class _DropUnsafe(RenderHook):
    """The last line of defence: whatever a command prints, no control character reaches the terminal."""

    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Inert(r) for r in renderables]


console = Console(highlight=False)
"""Standard output."""
err_console = Console(stderr=True, highlight=False)
"""Standard error, for what is not an error or a warning (those are `tracker.terminal.report`'s one lines)."""
console.push_render_hook(_DropUnsafe())
err_console.push_render_hook(_DropUnsafe())


def done(message: str) -> None:
    """Confirm a write in one line."""
    console.print(Text("✓ ", style="green") + Text(visible(message)))
