"""ReadsAhead: the Board's first read, made while the user reads the agenda.

Of the main screens the Board reads most on its first visit (every stage's first cards: about 60 ms
at full size, almost all of it in SQLite, which lets go of the interpreter meanwhile), and it is the
one most often opened next. As soon as the agenda's first rows are on the screen (and again after the
warm-up, `tracker.tui.warm_up`, if what was read is no longer current), its cards are read in a worker
and kept with the moment they were read at: the change count and the day (`WatchesDatabase.as_of`, as
a screen records them). The Board's first load takes them only if that moment is still now (no write
since, here or by another process: on a file the count moves with every commit, PRAGMA data_version)
and reads anew otherwise; either way they are taken once. A key 2 pressed while that read is under way
for the same moment waits for it instead of reading a second time beside it. On a server nothing is
read ahead: another machine's commit is seen only at the next poll, so a moment there proves less.
"""

from __future__ import annotations

import threading
from typing import Any

from textual import work

WAIT_FOR_READ_AHEAD = 2.0
"""Seconds the Board's first load waits at most for a read ahead under way (it reads itself then)."""


class ReadsAhead:
    """App mixin (the app provides `store`, `zone`, `as_of`, `made_modes` and `leaving`, and calls
    `init_read_ahead` when made)."""

    store: Any
    zone: Any
    as_of: Any
    made_modes: frozenset[str]
    leaving: bool
    _read_ahead: dict[str, tuple[Any, Any]]
    _reading_ahead: dict[str, tuple[Any, threading.Event]]
    _read_ahead_lock: threading.Lock

    def init_read_ahead(self) -> None:
        self._read_ahead = {}
        self._reading_ahead = {}
        self._read_ahead_lock = threading.Lock()

    def after_warm_up(self) -> None:
        self.read_board_ahead()

    def read_board_ahead(self) -> None:
        """Read the Board ahead (on the UI thread: the agenda's first rows are shown, or the app is warm),
        unless it has been shown already (it keeps its own data then), or its cards of this moment are
        read or being read."""
        store = self.store
        if store is None or store.dialect != "sqlite" or self.leaving or "board" in self.made_modes:
            return
        moment = self.as_of()
        done = threading.Event()
        with self._read_ahead_lock:
            if "board" in self._reading_ahead or self._read_ahead.get("board", (None,))[0] == moment:
                return
            self._reading_ahead["board"] = (moment, done)
        self._read_board_ahead(store, moment, done)

    @work(thread=True, group="read-ahead")
    def _read_board_ahead(self, store: Any, moment: tuple[int, Any], done: threading.Event) -> None:
        from tracker.tui.screens.board import BoardScreen

        try:
            data = BoardScreen.read(store, moment[1], self.zone)
        except Exception:  # noqa: BLE001 - the Board reads (and reports) again when it opens
            data = None
        with self._read_ahead_lock:
            if data is not None:
                self._read_ahead["board"] = (moment, data)
            self._reading_ahead.pop("board", None)
        done.set()

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
