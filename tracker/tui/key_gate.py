"""OrderedKeys: the terminal's keys handled one at a time, by the screen each was typed for.

Textual hands a key to the focused widget and goes on to the next one at once, while the first
takes effect a moment later. A burst (`tmux send-keys`, a fast typist) that opens a form and
fills it, `4 n Prof. Kim…` or `ctrl+p New person enter Prof. Kim…`, lost its keys: they reached
the People table before the form was there (`r` cycled the role filter), or the palette ran the
first command listed before its search for "New person" had finished.

Here every key from the terminal waits until the key before it is done: every widget of the
screen (and the app) has handled what was queued, again until nothing new was queued, the
screen shown is mounted and not settling (a form loading, or saving: `FormScreen.settling`), and the
workers of the screen have finished (the palette's search, the rows of a table for the filter
just typed: `/ North enter` opens Northbridge, not the first row of the list before the filter).
Keys typed meanwhile are kept in order and delivered then. A key is never kept longer than
`HOLD_LIMIT` seconds, so a widget that never settles cannot swallow the keyboard.
"""

from __future__ import annotations

import sys
from collections import deque
from time import monotonic
from typing import Any

from textual import events
from textual.app import ScreenStackError
from textual.widgets import Input

TEXT_AREA_MODULE = "textual.widgets._text_area"
"""Where Textual's TextArea lives (tests/test_tui_form_keys.py checks it): until that module is loaded, no
widget is a TextArea, so the gate need not load it (about 20 ms, at the first key of a session)."""

HOLD_LIMIT = 1.0
"""Seconds a key is kept at most while the one before it settles."""
RETRY_SECONDS = 0.005
"""Pause before looking again at a screen still being built or loaded."""


class KeyGate:
    """The keys waiting, the one being handled, and the rounds that tell when it is done."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.held: deque[events.Key] = deque()
        """Keys from the terminal not delivered yet, oldest first."""
        self.current: events.Key | None = None
        """The key being handled (None: the next one can go)."""
        self._released: events.Key | None = None
        """A held key posted again to the app, to be delivered when it comes back."""
        self._since = 0.0
        self._typing_into: Any = None
        """The text field the current key is a character typed into (None: it is another kind of key)."""

    def _typed_into(self, event: events.Key) -> Any:
        """The text field `event` types a character into, if it does (else None)."""
        if not (event.is_printable and event.character):
            return None
        focused = self.app.focused
        if isinstance(focused, Input):
            return focused
        # (getattr: the warm-up may be loading the module in its thread; the class is not there until it is)
        text_area = getattr(sys.modules.get(TEXT_AREA_MODULE), "TextArea", None)
        return focused if text_area is not None and isinstance(focused, text_area) else None

    def admit(self, event: events.Key) -> bool:
        """Whether `event` (a key from the terminal) is delivered now; else it is kept for later.

        Characters typed into the same text field one after the other go at once (the field takes
        them in order, and nothing but text changes); any other key waits for everything before it."""
        if event is self._released:
            self._released = None
        elif (self.current is not None and self._typing_into is not None and not self.held
              and self._released is None and self._typed_into(event) is self._typing_into):
            pass
        elif (self.current is not None or self._released is not None) and monotonic() - self._since > HOLD_LIMIT:
            self.current = self._released = None  # never settled, or never came back: stop waiting for it
            self.held.append(event)
            self._next()
            return False
        elif self.current is not None or self._released is not None or self.held:
            self.held.append(event)
            return False
        self.current = event
        self._since = monotonic()
        self._typing_into = self._typed_into(event)
        return True

    def sent(self, event: events.Key) -> None:
        """`event` went to its widget (or ran a priority binding): watch until it is done."""
        if event is self.current:
            self._round(event)

    # --- telling when a key is done ---------------------------------------------------------

    def _round(self, event: events.Key, quiet: int = 0) -> None:
        """Ask every widget of the screen, and the app, to report once it handled what it has queued
        (`quiet`: how many rounds in a row ended with nothing queued anywhere)."""
        if event is not self.current:
            return
        screen = self._shown()
        if screen is None or monotonic() - self._since > HOLD_LIMIT:
            self._done(event)
            return
        if not self._screen_ready(screen):
            self.app.set_timer(RETRY_SECONDS, lambda: self._round(event))
            return
        nodes = [self.app, *screen.walk_children(with_self=True)]
        left = 0

        def reported() -> None:
            nonlocal left
            left -= 1
            if left == 0:  # the last one: was anything queued meanwhile, anywhere?
                busy = any(node._pending_message is not None or not node._message_queue.empty() for node in nodes)
                self._settled(event, screen, 0 if busy else quiet + 1)

        for node in nodes:  # `call_later` would wrap `reported` anew for each node, and Textual works
            # out the parameters of each wrapper (inspect.signature): a quarter of a round's cost
            if node.post_message(events.Callback(callback=reported)):
                left += 1
        if left == 0:
            self.app.set_timer(RETRY_SECONDS, lambda: self._round(event))

    def _settled(self, event: events.Key, screen: Any, quiet: int) -> None:
        """A round ended: done after two rounds in a row with nothing queued anywhere on the same screen
        (a handler busy during the first, awaiting something, holds up the second); else another round."""
        if self._shown() is None:
            self._done(event)
        elif self._shown() is not screen or not self._screen_ready(screen):
            self._round(event)
        elif quiet < 2:
            self._round(event, quiet)
        elif self._working(screen):
            self.app.set_timer(RETRY_SECONDS, lambda: self._round(event))
        else:
            self._done(event)

    def _shown(self) -> Any:
        """The screen shown; None once the app is closing (no screen left)."""
        try:
            return self.app.screen
        except ScreenStackError:
            return None

    @staticmethod
    def _screen_ready(screen: Any) -> bool:
        """Mounted, and not settling where the screen says so (a form loading its record, or saving:
        it closes once its change is written, and the next keys are for the screen under it)."""
        return bool(screen.is_mounted) and not getattr(screen, "settling", False)

    def _working(self, screen: Any) -> bool:
        """A worker of the screen or of a widget on it is still reading what the next key acts on: the
        palette's search, a table's rows for the filter just typed, a form's record. Not the rest of a
        list whose first screenful is shown (the agenda's: `DataScreen.reading_the_rest`): the keys
        act on what is shown, and holding them would make the first seconds after launch sluggish."""
        return any(not worker.is_finished and (worker.node is screen or screen in getattr(worker.node, "ancestors", ()))
                   and not (worker.node is screen and getattr(screen, "reading_the_rest", False))
                   for worker in self.app.workers)

    def _done(self, event: events.Key) -> None:
        if event is self.current:
            self.current = None
            self._next()

    def _next(self) -> None:
        """Send the oldest key kept back to the app (it is delivered when the app reads it)."""
        if self.held and self._released is None:
            key = self.held.popleft()
            again = events.Key(key.key, key.character)
            again.set_sender(self.app)
            self._released = again
            self._since = monotonic()
            if not self.app.post_message(again):  # the app is closing
                self._released = None
                self.held.clear()


class OrderedKeys:
    """App mixin: keys from the terminal go through a `KeyGate` (see the module's doc)."""

    key_gate: KeyGate
    last_key_at = 0.0
    """When the last key came from the terminal (`time.monotonic`)."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.last_key_at = monotonic()
            gate = self.__dict__.get("key_gate")
            if gate is None:
                gate = self.key_gate = KeyGate(self)
            if not gate.admit(event):
                return
            await super().on_event(event)  # type: ignore[misc]
            gate.sent(event)
            return
        await super().on_event(event)  # type: ignore[misc]
