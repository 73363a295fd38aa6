"""HeldFrames: what a key changed, drawn in one frame with what it makes the app read.

Textual draws at most one frame every 1/60 s. A letter typed in a table's filter was drawn in a frame
of its own, and the rows it finds, read meanwhile in a worker, waited for the next frame after that:
a keystroke on People at full size was 50-55 ms in the app, of which about 10 ms drawing the letter
and 10-15 ms waiting for the frame after it. Held, the screen is not drawn until the rows are shown
(`draw`), then the letter and the rows are drawn in one frame; or at HOLD, if the read takes longer.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

HOLD = 0.06
"""Seconds a key's own change waits at most to be drawn with what it reads."""


class HeldFrames:
    """Holds the drawing of the app (`App.batch_update`) from `hold` until `draw`, or HOLD at most."""

    def __init__(self, node: Any) -> None:
        self._node = node
        self._batch: AbstractContextManager[None] | None = None
        self._timer: Any = None

    def hold(self) -> None:
        """Draw nothing until `draw` (at most HOLD seconds from the first of several holds)."""
        if self._batch is not None:
            return
        app = self._node.app
        self._batch = app.batch_update()
        self._batch.__enter__()
        self._timer = app.set_timer(HOLD, self.draw, name="held frames")  # (the app's: it always runs)

    def draw(self) -> None:
        """Draw what changed meanwhile (nothing to do when nothing is held)."""
        batch, self._batch = self._batch, None
        if batch is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        batch.__exit__(None, None, None)
        # The screen, laid out and drawn whole in the next frame: the widgets changed meanwhile ask the
        # screen for their part only once their own queue is idle, often after that frame.
        self._node.screen.refresh(layout=True)
