"""The base of every data screen: load in a thread worker, show on the UI thread.

A screen implements `fetch(store)` (runs in a worker thread with its own session,
returns plain data) and `show(data)` (runs on the UI thread, updates widgets).
The worker never touches widgets: it posts `DataScreen.Loaded`, whose handler calls
`show`. `reload()` is called on mount, when the app sees the database change (another
tracker process wrote to it, or the app itself did), and on resume when the database
changed (or the day turned) since this screen last loaded: coming back to a screen shows
what it showed at once, without reading everything again. A screen with a first screenful
(`fetch_first`, the agenda) reads the rest only while it is shown, and after the app's warm-up
(loading the ORM, which every other screen needs): if the user went on to another screen
meanwhile, the rest waits until they come back, and that screen has the machine. A rest read
already under way stops at its next `still_wanted` (the agenda's reminders call it between their
reads and rules) once the user has gone on, and is read again when they come back.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.message import Message
from textual.screen import Screen

from tracker.tui.failures import guarded

if TYPE_CHECKING:
    from tracker.store import Store



WAIT_FOR_WARM_UP = 5.0
"""Seconds the rest of a first screenful waits at most for the app's warm-up to finish."""


class NotWanted(Exception):
    """The rest of a first screenful is no longer wanted now: the user went to another screen."""


class DataScreen(Screen[None]):
    """A screen whose content comes from the store."""

    WRITES: ClassVar[frozenset[str]] = frozenset()
    """The screen's actions that write: they and their keys are hidden where the app only reads
    (`TrackerApp.writable`: an adviser's view of a student, a read-only file)."""

    MODE: ClassVar[str] = ""
    """The main screen's mode whose first read the app makes ahead (`tracker.tui.read_ahead`), in
    `read`; "" for a screen whose data is never read ahead."""

    class Loaded(Message):
        """Data fetched by the worker, ready to show."""

        def __init__(self, data: Any, generation: int) -> None:
            super().__init__()
            self.data = data
            self.generation = generation

    class Deferred(Message):
        """The first screenful was shown but the screen is no longer current: the rest waits."""

        def __init__(self, generation: int) -> None:
            super().__init__()
            self.generation = generation

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._generation = 0
        self._loaded_as_of: tuple[int, Any] | None = None
        """(the app's change count, today) when this screen last started loading."""
        self.reading_the_rest = False
        """True while the worker reads the rest after a first screenful that is already shown."""
        self._rest_deferred = False
        """The first screenful is shown and the rest waits for the user's return (see `_load`)."""
        self._unshown: Any = None
        """Data loaded while the user was on another main screen: shown when they come back (a
        screen out of sight does not take the UI thread from the one in sight)."""
        self.shown_at = 0.0
        """When data was last shown (`time.monotonic`): the app warms up once the user has a moment."""
        self.awaiting_rows = False
        """True from a reload until its data is in (read, and shown or kept for the user's return):
        the app does not warm up in between, even once the read is over and its rows are on the way."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Textual's question, answered for every screen: hidden if it writes where the app only
        reads, else as `allows` says. A screen with conditions of its own overrides `allows`."""
        return False if self.hides(action) else self.allows(action, parameters)

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether `action` is offered now (True), shown disabled (None), or hidden (False)."""
        return True

    def hides(self, action: str) -> bool:
        """True for an action of `WRITES` where the app only reads."""
        return action in self.WRITES and not getattr(self.app, "writable", True)

    @property
    def store(self) -> Store | None:
        """The app's store, None until it is open."""
        return getattr(self.app, "store", None)

    def fetch(self, store: Store) -> Any:
        """Read what the screen shows. Runs in a worker thread: no widget access here."""
        raise NotImplementedError

    def still_wanted(self) -> None:
        """In the worker reading the rest of a first screenful: raise NotWanted once the user has gone
        to another screen (or the app is closing), so that screen has the machine. The rest is read
        when they come back. Elsewhere it does nothing."""
        if self.reading_the_rest and (getattr(self.app, "leaving", False) or not self.is_current):
            raise NotWanted

    @classmethod
    def read(cls, store: Store, today: Any, zone: Any) -> Any:
        """What the first load shows, read without the screen (a screen with a `MODE`): the app reads
        it ahead, in a worker, before the first visit."""
        raise NotImplementedError

    def taken_ahead(self) -> Any | None:
        """What the app read ahead for this screen (`read`) at the moment this load started, once;
        None when nothing was, or it was read before a change. In the worker (it may wait for a read
        ahead under way)."""
        take = getattr(self.app, "take_read_ahead", None)
        return take(self.MODE, self._loaded_as_of) if take is not None and self.MODE else None

    def read_or_take(self, store: Store) -> Any:
        """`read`, or what was read ahead of this load (`taken_ahead`)."""
        ahead = self.taken_ahead()
        if ahead is not None:
            return ahead
        return self.read(store, self.app.today(), self.app.zone)  # type: ignore[attr-defined]

    def fetch_first(self, store: Store) -> Any | None:
        """Optionally, a first screenful read quickly, shown while `fetch` reads the rest (None: none)."""
        return None

    def show(self, data: Any) -> None:
        """Put fetched data on the screen. Runs on the UI thread."""
        raise NotImplementedError

    def reload(self) -> None:
        """Fetch again in a worker (the newest request wins)."""
        if self.store is None:
            return
        self._loaded_as_of = self._as_of()
        self._generation += 1
        self.awaiting_rows = True
        only_the_rest, self._rest_deferred = self._rest_deferred, False
        self._load(self._generation, only_the_rest)

    def out_of_date(self) -> bool:
        """True when something was committed (or the day turned) since this screen last loaded."""
        return self._loaded_as_of is None or self._loaded_as_of != self._as_of()

    def behind(self, changes: int) -> bool:
        """True when this screen last loaded before the app's change count reached `changes` (False
        when it reloads on its return anyway)."""
        return self._loaded_as_of is not None and self._loaded_as_of[0] != changes

    def _as_of(self) -> tuple[int, Any]:
        as_of = getattr(self.app, "as_of", None)  # `WatchesDatabase.as_of`; a test's bare app has none
        return as_of() if callable(as_of) else (0, None)

    @work(thread=True, exclusive=True, group="load")
    @guarded("refresh this screen")
    def _load(self, generation: int, only_the_rest: bool = False) -> None:
        store = self.store
        if store is None:
            return
        first = self.fetch_first(store)
        if first is not None:
            self.post_message(self.Loaded(first, generation))
        # The rest of a first screenful (just shown, or shown before and come back to): the keys act
        # on what is shown and need not wait for it (a number key to another screen waited 0.6 s).
        self.reading_the_rest = first is not None or only_the_rest
        try:
            warmed = getattr(self.app, "warmed", None)
            if first is not None and warmed is not None:  # the ORM first: every other screen needs it
                warmed.wait(WAIT_FOR_WARM_UP)
            self.still_wanted()
            data = self.fetch(store)
        except NotWanted:  # the user went on (or the app closed): the rest is read when they come back
            self.post_message(self.Deferred(generation))
            return
        finally:
            self.reading_the_rest = False
        self.post_message(self.Loaded(data, generation))

    def on_data_screen_deferred(self, message: Deferred) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._rest_deferred = True
        if self.is_current:  # back already: read the rest now
            self.reload()
        else:
            self._loaded_as_of = None  # read the rest on resume

    def on_data_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self.awaiting_rows = False
        # The user went on: shown on return; but a screen made ahead, not visited yet (`MainScreens.make_ahead`),
        # shows its rows at once, out of sight, so that the visit only paints them.
        if self not in self.app.screen_stack and self not in getattr(self.app, "unvisited", {}).values():
            self._unshown = message.data
            return
        self._unshown = None
        self.show(message.data)
        self.shown_at = monotonic()

    # Textual calls the handler of each class on the way up (a subclass's `on_mount`, then this one):
    # a subclass must not call these through super(), or the screen reads its data twice.

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        unshown, self._unshown = self._unshown, None
        if unshown is not None:
            self.show(unshown)
            self.shown_at = monotonic()
        if self._loaded_as_of is None or self._loaded_as_of != self._as_of():
            self.reload()
