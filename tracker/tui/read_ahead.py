"""ReadsAhead: the main screens' first reads, made while the user reads the agenda.

Each main screen with a `MODE` (the Board, Opportunities, People, Letters, Offers) reads on its first
visit what its `read` returns: the Board every stage's first cards (about 60-80 ms at full size), the
tables their opening page (the filters' choices are read after the rows are shown), the desk and the
offers theirs (10-25 ms each), almost all of it in SQLite, which lets go of the interpreter meanwhile. Made on the first visit, that read
shares the interpreter with the new screen being built and drawn, and took 40-70 ms of a first visit.
So the screens not yet shown are read in a worker: the Board (the one most often opened next) as
soon as the agenda's first rows are on the screen, the others once the app is warm (`tracker.tui.warm_up`)
and quiet, the Board again then if what was read is no longer current. Each read is kept with the
moment it was read at: the change count and the day (`WatchesDatabase.as_of`, as a screen records
them). A screen's first load takes its read only if that moment is still now (no write since, here or
by another process: on a file the count moves with every change to a record, `Store.data_version`) and reads anew
otherwise; either way it is taken once. A first load while its screen's read is under way for the
same moment waits for it instead of reading a second time beside it (a read not yet started is not
waited for). A screen pressed before anything was read ahead for it has its read started with the key,
in a thread of its own, beside the making of the screen (`read_first_visit`), and its load takes that.
Once a screen's read ahead is in, the screen itself is made ahead, out of sight, with it
(`MainScreens.make_ahead`): its first visit is then a switch to a screen made before. Not while keys
come (within `WARM_UP_QUIET` of one): then at the next quiet moment.
On a server nothing is read ahead: another machine's commit is seen only at the next poll, so a moment
there proves less.
"""

from __future__ import annotations

import threading
from time import monotonic
from typing import Any

from textual import work

WAIT_FOR_READ_AHEAD = 2.0
"""Seconds a first load waits at most for its read ahead under way (it reads itself then)."""
READ_AHEAD = ("board", "opportunities", "people", "letters", "offers")
"""The modes read ahead once the app is warm and quiet, in this order."""
READ_FIRST = ("board",)
"""The modes read ahead as soon as the agenda's first rows are shown. The others wait for the warm-up
and then for the next quiet moment (`WarmsUp.when_quiet`, the rest of the agenda read and shown too): read
beside the Board's first visit they slowed it, and read beside the rest of the agenda they made it
end later, under a key pressed a second after the first rows."""


class ReadsAhead:
    """App mixin (the app provides `store`, `zone`, `as_of`, `made_modes`, `make_ahead`, `last_key_at`,
    `when_quiet`, `call_later` and `leaving`, and calls `init_read_ahead` when made)."""

    store: Any
    zone: Any
    as_of: Any
    made_modes: frozenset[str]
    make_ahead: Any
    last_key_at: float
    when_quiet: Any
    call_later: Any
    leaving: bool
    _read_ahead: dict[str, tuple[Any, Any]]
    _reading_ahead: dict[str, tuple[Any, threading.Event]]
    _asked: list[tuple[Any, tuple[str, ...]]]
    """(moment, modes) of each call of `read_ahead` the reader has not started on yet."""
    _reader = False
    """True while the reader (one worker) is on its way or reading."""
    _read_ahead_lock: threading.Lock

    def init_read_ahead(self) -> None:
        self._read_ahead = {}
        self._reading_ahead = {}
        self._asked = []
        self._read_ahead_lock = threading.Lock()

    def read_first_visit(self, mode: str) -> None:
        """A main screen's first visit: its read starts now, in a thread of its own (a worker would start
        only once the UI thread has made the screen), beside the screen's compose and mount (25-30 ms at
        full size, after which the screen's own load began it); the screen's load takes it, waiting for it
        while it is under way (`take_read_ahead`). Nothing when it was read ahead for this moment, or is
        being read."""
        store = self.store
        if mode not in READ_AHEAD or store is None or store.dialect != "sqlite" or self.leaving:
            return
        moment = self.as_of()
        done = threading.Event()
        with self._read_ahead_lock:
            if self._read_ahead.get(mode, (None,))[0] == moment or mode in self._reading_ahead:
                return
            self._reading_ahead[mode] = (moment, done)
        threading.Thread(target=self._read_one, args=(store, mode, moment, done), name="first visit",
                         daemon=True).start()

    def after_warm_up(self) -> None:
        """The app is warm, and quiet (`WarmsUp.when_quiet`: the rest of the agenda read first)."""
        self.read_ahead()

    def read_ahead(self, modes: tuple[str, ...] = READ_AHEAD) -> None:
        """Read ahead (on the UI thread: the agenda's first rows are shown, or the app is warm) what the
        main screens of `modes` not shown yet open on, unless read for this moment already: at once, or
        after what the reader is reading now."""
        store = self.store
        if store is None or store.dialect != "sqlite" or self.leaving:
            return
        moment = self.as_of()
        with self._read_ahead_lock:
            if all(self._read_ahead.get(mode, (None,))[0] == moment for mode in self._wanted(modes)):
                return
            self._asked.append((moment, modes))
            if self._reader:
                return
            self._reader = True
        self._read_screens_ahead(store)

    def _wanted(self, modes: tuple[str, ...]) -> list[str]:
        """The modes of `modes` to read ahead now: not shown yet."""
        return [mode for mode in modes if mode not in self.made_modes]

    @work(thread=True, group="read-ahead")
    def _read_screens_ahead(self, store: Any) -> None:
        """The reader: what each call of `read_ahead` asked for, in turn, each mode once per moment."""
        while True:
            with self._read_ahead_lock:
                if not self._asked or self.leaving:
                    self._reader = False
                    return
                moment, modes = self._asked.pop(0)
            for mode in self._wanted(modes):
                done = threading.Event()
                with self._read_ahead_lock:
                    if self.leaving or mode in self.made_modes or self._read_ahead.get(mode, (None,))[0] == moment \
                            or mode in self._reading_ahead:
                        continue
                    self._reading_ahead[mode] = (moment, done)
                self._read_one(store, mode, moment, done)

    def _read_one(self, store: Any, mode: str, moment: Any, done: threading.Event) -> None:
        """Read `mode`'s first screenful (registered in `_reading_ahead` by the caller) and keep it for `moment`."""
        from tracker.tui.main_screens import screen_class

        try:
            data = screen_class(mode).read(store, moment[1], self.zone)
        except Exception:  # noqa: BLE001 - the screen reads (and reports) again when it opens
            data = None
        with self._read_ahead_lock:
            if data is not None:
                self._read_ahead[mode] = (moment, data)
            self._reading_ahead.pop(mode, None)
        done.set()
        if data is not None and not self.leaving:
            self.call_later(self._make_ahead_soon, mode)

    def _make_ahead_soon(self, mode: str) -> None:
        """Make `mode`'s screen, read ahead, now (on the UI thread), or at the next quiet moment if keys are coming."""
        from tracker.tui.warm_up import WARM_UP_QUIET

        if mode in self.made_modes or self.leaving:
            return
        if monotonic() - self.last_key_at < WARM_UP_QUIET:
            self.when_quiet(lambda: self.make_ahead(mode))
        else:
            self.make_ahead(mode)

    def take_read_ahead(self, mode: str, moment: Any) -> Any | None:
        """The data read ahead for `mode` if read at `moment` (then forgotten), else None; a read of that
        moment under way is waited for. In a worker thread only (it may wait)."""
        with self._read_ahead_lock:
            reading = self._reading_ahead.get(mode)
        if reading is not None and reading[0] == moment:
            reading[1].wait(WAIT_FOR_READ_AHEAD)
        with self._read_ahead_lock:
            kept = self._read_ahead.pop(mode, None)
        if kept is None or kept[0] != moment:
            return None
        return kept[1]
