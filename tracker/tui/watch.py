"""How the TUI keeps up with the database: a change counter, looked at without holding the keyboard up.

`TrackerApp` counts the changes it has seen (`changes`): its own writes, and commits made by
other processes, noticed by the store's change counter (`Store.data_version`: `PRAGMA
data_version` on a file, a counter table on a server). The watcher looks every
`watch_interval` seconds in a worker; a screen coming back looks again at once on a file
(one PRAGMA), and on a server shows what it has while a look starts in a worker (a round trip,
or a connection timeout when the server went away, must never freeze the screen).
"""

from __future__ import annotations

from typing import Any

from textual import work


class WatchesDatabase:
    """The part of `TrackerApp` that notices changes (a mixin: the app provides `store`,
    `changes`, `_data_version`, `screen_stack` and `call_from_thread`)."""

    store: Any
    changes: int
    _data_version: int | None
    screen_stack: Any
    call_from_thread: Any

    def _read_data_version(self) -> int | None:
        """The store's change counter (`Store.data_version`); None when it cannot be read now."""
        from tracker.domain.errors import TrackerError

        if self.store is None:
            return None
        try:
            return self.store.data_version()
        except TrackerError:
            return None

    def _check_external_changes(self) -> None:
        self._poll_data_version()

    @work(thread=True, exclusive=True, group="watch")
    def _poll_data_version(self) -> None:
        """Look at the change counter in a worker: on a server it is a round trip, which must never
        hold the keyboard up (nor a server gone away, for its connection timeout)."""
        version = self._read_data_version()
        self.call_from_thread(self._saw_version, version)

    def _saw_version(self, version: int | None) -> None:
        before = self.changes
        self._count(version)
        if self.changes != before:
            self.reload_screen()

    def _count(self, version: int | None) -> None:
        if version is not None and version != self._data_version:
            self._data_version = version
            self.changes += 1

    def count_changes(self) -> int:
        """`changes`, counting a commit another process made since the last look: on a database
        file one PRAGMA, read now; on a server, what the last look saw, and a new look starts in a
        worker (a change it finds reloads the screen shown, a moment later)."""
        if self.store is not None and self.store.dialect == "sqlite":
            self._count(self._read_data_version())
        elif self.store is not None:
            self._poll_data_version()
        return self.changes

    def on_app_focus(self) -> None:
        self.reload_screen()

    def reload_screen(self) -> None:
        """Ask the current screen (and the screen below a modal) to fetch its data again."""
        for screen in reversed(self.screen_stack):
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()
                return

