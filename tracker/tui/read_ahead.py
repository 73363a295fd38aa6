"""ReadsAhead: the Board's first read, made while the user reads the agenda.

Of the main screens the Board reads most on its first visit (every stage's cards: about 60 ms at full
size on a quick machine, twice that on a slow one), and it is the one most often opened next. Once the
app has warmed up (`tracker.tui.warm_up`), its cards are read in a worker and kept with the moment
they were read at: the change count and the day (`WatchesDatabase.as_of`, as a screen records them). The
Board's first load takes them only if that moment is still now (no write since, here or by another
process: on a file the count moves with every commit, PRAGMA data_version) and reads anew
otherwise; either way they are taken once. On a server nothing is read ahead: another machine's
commit is seen only at the next poll, so a moment there proves less.
"""

from __future__ import annotations

import threading
from typing import Any

from textual import work


class ReadsAhead:
    """App mixin (the app provides `store`, `zone`, `as_of`, `made_modes` and `leaving`, and calls
    `init_read_ahead` when made)."""

    store: Any
    zone: Any
    as_of: Any
    made_modes: frozenset[str]
    leaving: bool
    _read_ahead: dict[str, tuple[Any, Any]]
    _read_ahead_lock: threading.Lock

    def init_read_ahead(self) -> None:
        self._read_ahead = {}
        self._read_ahead_lock = threading.Lock()

    def after_warm_up(self) -> None:
        """Read the Board ahead, unless it has been shown already (it keeps its own data then)."""
        store = self.store
        if store is None or store.dialect != "sqlite" or self.leaving or "board" in self.made_modes:
            return
        self._read_board_ahead(store, self.as_of())

    @work(thread=True, exclusive=True, group="read-ahead")
    def _read_board_ahead(self, store: Any, moment: tuple[int, Any]) -> None:
        from tracker.tui.screens.board import BoardScreen

        try:
            data = BoardScreen.read(store, moment[1], self.zone)
        except Exception:  # noqa: BLE001 - the Board reads (and reports) again when it opens
            return
        with self._read_ahead_lock:
            self._read_ahead["board"] = (moment, data)

    def take_read_ahead(self, mode: str, moment: Any) -> Any | None:
        """The data read ahead for `mode` if read at `moment` (then forgotten), else None. Any thread."""
        with self._read_ahead_lock:
            kept = self._read_ahead.pop(mode, None)
        if kept is None or kept[0] != moment:
            return None
        return kept[1]
