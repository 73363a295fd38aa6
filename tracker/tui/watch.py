"""How the TUI keeps up with the database: a change counter, looked at without holding the keyboard up.

`TrackerApp` counts the changes it has seen (`changes`): its own writes, and commits made by
other processes, noticed by the store's change counter (`Store.data_version`: on a file, the count
of writes to records, which a commit that changes none leaves alone; a counter table on a server). The watcher looks every
`watch_interval` seconds in a worker; a screen coming back looks again at once on a file
(one PRAGMA), and on a server shows what it has while a look starts in a worker (a round trip,
or a connection timeout when the server went away, must never freeze the screen).

Screens reload when they are behind the count; widgets that keep data of their own (a form's name
field: the names it suggests) subscribe to `looked`, published with the count after every look.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message


class WatchesDatabase:
    """The part of `TrackerApp` that notices changes (a mixin: the app provides `store`,
    `changes`, `_data_version`, `screen_stack` and `post_message`)."""

    store: Any
    changes: int
    _data_version: int | None
    screen_stack: Any
    post_message: Any
    looked: Any
    """A Textual `Signal` the app makes: published with `changes` after every look, on the UI thread."""
    _looking = False
    """A look is under way (a slow server: the next tick does not start another)."""

    class Looked(Message):
        """The watcher read the change counter (None: it could not)."""

        def __init__(self, version: int | None) -> None:
            super().__init__()
            self.version = version

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

    def _poll_data_version(self) -> None:
        """Start a look at the change counter in a worker, unless one is under way: on a server it
        is a round trip, which must never hold the keyboard up (nor a server gone away, for its
        connection timeout)."""
        if self._looking:
            return
        self._looking = True
        self._look()

    @work(thread=True, group="watch")
    def _look(self) -> None:
        version = None
        try:
            version = self._read_data_version()
        finally:
            self.post_message(self.Looked(version))  # thread-safe, and never waits for the app

    def on_watches_database_looked(self, message: Looked) -> None:
        self._looking = False
        self._count(message.version)
        if self._shown_is_behind():
            self.reload_screen()
        self.looked.publish(self.changes)  # every look: the count may have moved by `count_changes` meanwhile

    def _shown_is_behind(self) -> bool:
        """True when the screen shown (or the one under a modal) was loaded before a change counted
        since: by this look, or by `count_changes` meanwhile (the read-ahead's `as_of` counts a commit
        it sees, and the look that started before it then finds nothing new: the screen stayed stale)."""
        for screen in reversed(self.screen_stack):
            if callable(getattr(screen, "reload", None)):
                behind = getattr(screen, "behind", None)
                return behind(self.changes) if callable(behind) else True
        return False

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

    def as_of(self) -> tuple[int, Any]:
        """The moment data read now belongs to: (the change count, today). Data read at one moment is
        current while `as_of()` is still that moment (screens' reloads, the Board read ahead)."""
        return self.count_changes(), self.today()  # type: ignore[attr-defined]

    def on_app_focus(self) -> None:
        self.reload_screen()

    def reload_screen(self) -> None:
        """Ask the current screen (and the screen below a modal) to fetch its data again."""
        for screen in reversed(self.screen_stack):
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()
                return

