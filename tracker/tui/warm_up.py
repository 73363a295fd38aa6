"""WarmsUp: SQLAlchemy, the ORM and the main screens loaded in the background, in a quiet moment.

No main screen needs them to open (the first frame, the agenda, the Board and the first reads of
the other screens run over sqlite3), but filters, forms and the detail screens do, and loading them
costs about 0.3 s of Python (0.6 s on a slow machine). In a worker thread that is still that much
of the one interpreter lock the UI thread needs: started at a fixed time after launch it landed on
whatever the user did then (a Board reading 10,000 rows waited for the lock at every row and took
0.75 s instead of 0.15 s). So it waits for quiet: no key for `WARM_UP_QUIET` seconds and no screen
reading its data, the moment someone reads what a screen shows; and it goes a step at a time
(`WARM_UP_STEPS`), waiting again whenever the user is busy before the next step. It runs to the
end at the latest `WARM_UP_AT_LATEST` seconds after the store opened, and a screen that needs the
ORM before then loads it itself.

The garbage collector is off from launch until the warm-up is over (`tracker.tui.launch`):
everything loaded by then lives as long as the app, so the warm-up moves it out of the collector's
sight and turns the collector on again.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from importlib import import_module
from time import monotonic
from typing import Any

from textual import work
from textual.timer import Timer

from tracker.tui.main_screens import SCREENS_IN_ORDER

WARM_UP_QUIET = 0.25
"""Seconds without a key, and without a screen reading, before the warm-up starts."""
WARM_UP_AT_LATEST = 3.0
"""Seconds after the store opened when the warm-up starts, or goes on to its end, however busy the user is."""
LOOK_EVERY = 0.05
"""Seconds between looks for quiet."""
WARM_UP_STEPS = ("sqlalchemy", "pydantic", "sqlalchemy.orm", "sqlmodel", "tracker.store.models",
                 *(target.split(":")[0] for _mode, _title, target in SCREENS_IN_ORDER),
                 "tracker.tui.widgets.notes_area")
"""What the warm-up loads, a step at a time (each about 0.05-0.12 s on a quick machine, twice that on
a slow one; a main screen's module 6-20 ms, which its first visit no longer waits for; the notes field
and Textual's TextArea under it, 5-20 ms, which the first form no longer waits for). Between steps
it waits while the user is busy again: a key pressed during the warm-up waits for the step under way,
not for all of it. Each step is a whole module or package, so no import lock is held while it waits,
and a screen that needs the ORM meanwhile loads it in its own worker."""
GC_THRESHOLDS = (10_000, 20, 20)
"""The garbage collector's thresholds once the app is warm (Python's are 700, 10, 10)."""


class WarmsUp:
    """App mixin: the warm-up (the app provides `store`, `screen`, `screen_stack`, `workers`,
    `set_interval`)."""

    store: Any
    screen: Any
    screen_stack: Any
    workers: Any
    set_interval: Any
    last_key_at: float
    warmed: threading.Event
    _warm_up_timer: Timer | None = None
    _store_opened_at = 0.0
    _may_warm: threading.Event
    """Set while the warm-up may take its next step (quiet, or at the latest)."""
    _warming = False
    leaving = False
    """True once the app is closing: the warm-up takes no further step, and nothing waits for it."""

    def start_warm_up(self) -> None:
        """Watch for quiet (the store has just opened) and warm up then."""
        self._store_opened_at = monotonic()
        self._may_warm = threading.Event()
        self._warm_up_timer = self.set_interval(LOOK_EVERY, self._warm_up_when_quiet)

    def _warm_up_when_quiet(self) -> None:
        """Start the warm-up at the first quiet moment, and hold its next step while the user is busy
        again; at WARM_UP_AT_LATEST, let it run to the end."""
        now = monotonic()
        if not self.screen_stack:  # the app closing: its screens close before it unmounts
            self.stop_warm_up()
        if self.warmed.is_set():
            if self._warm_up_timer is not None:
                self._warm_up_timer.stop()
                self._warm_up_timer = None
            return
        if self._quiet(now) or now - self._store_opened_at >= WARM_UP_AT_LATEST:
            self._may_warm.set()
            if not self._warming:
                self._warming = True
                self._warm_up()
        else:
            self._may_warm.clear()

    def _quiet(self, now: float, *, the_rest_too: bool = False) -> bool:
        """No key for WARM_UP_QUIET seconds, no screen shown anew since, and none reading its data
        (but for the rest of a first screenful, which waits for this warm-up, unless `the_rest_too`)."""
        shown_at = getattr(self.screen, "shown_at", None)
        if shown_at == 0.0:  # a data screen just switched to, not yet reading (or mounting): its rows come first
            return False
        if now - max(self.last_key_at, shown_at or 0.0) < WARM_UP_QUIET or getattr(self.screen, "awaiting_rows", False):
            return False
        return not any(
            worker.group == "load" and not worker.is_finished
            and (the_rest_too or not getattr(worker.node, "reading_the_rest", False))
            for worker in self.workers
        )

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        """Load SQLAlchemy, the ORM and the main screens' modules, so the next screens open at once."""
        store = self.store
        try:
            if store is not None:
                for step in WARM_UP_STEPS:
                    self._may_warm.wait(WARM_UP_AT_LATEST)  # the user busy again: a step at a time
                    if self.leaving:
                        return
                    import_module(step)
                from sqlalchemy.orm import configure_mappers

                store.engine  # noqa: B018 - made now, not on the first key that needs it
                configure_mappers()
        except Exception:  # noqa: BLE001 - the first real use reports any problem
            pass
        finally:
            self.collector_on()
        after = getattr(self, "after_warm_up", None)  # what the app does next, warm: at the next quiet moment
        if store is not None and not self.leaving and after is not None:
            self.call_later(self.when_quiet, after)  # type: ignore[attr-defined]

    def when_quiet(self, callback: Callable[[], None]) -> None:
        """Call `callback` (on the UI thread) at the next quiet moment, the rest of a first screenful read
        and shown too (`_quiet`); never if the app closes first."""
        timer: Timer | None = None

        def look() -> None:
            self._call_if_quiet(callback, timer)

        timer = self.set_interval(LOOK_EVERY, look)

    def _call_if_quiet(self, callback: Callable[[], None], timer: Timer | None) -> None:
        closing = self.leaving or not self.screen_stack  # (its screens close before the app unmounts)
        if not closing and not self._quiet(monotonic(), the_rest_too=True):
            return
        if timer is not None:
            timer.stop()
        if not closing:
            callback()

    def stop_warm_up(self) -> None:
        """The app is closing: no further step, and whatever waits for the warm-up goes on (a worker
        thread still waiting would hold the process open after the app closed, up to 5 s)."""
        self.leaving = True
        may_warm = getattr(self, "_may_warm", None)
        if may_warm is not None:
            may_warm.set()
        self.warmed.set()

    def collector_on(self) -> None:
        """The start-up is over (warm, or the store failed to open): the collector on again."""
        if not gc.isenabled():
            # `tracker.tui.launch` turned the collector off for the start-up. What is loaded by
            # now (Textual, SQLAlchemy, the ORM, the first screens) lives as long as the app:
            # moved out of the collector's sight, a full collection no longer walks it (one
            # took about 0.1 s of a screen switch, on the UI thread). On again from here, with
            # young collections every 10,000 objects instead of 700: a screen's first visit
            # makes some 100,000 (widgets, rows, strips), and passes over them found little.
            gc.freeze()
            gc.set_threshold(*GC_THRESHOLDS)
            gc.enable()
        self.warmed.set()
