"""TrackerApp: seven main screens switched with the number keys, over the tracker store.

The first frame paints before the database is touched: the store opens (and
migrates) in a thread worker, then the current screen loads its data in its own
worker. Writes go through `TrackerApp.write`, which runs them in a worker, in one
transaction, and reports the outcome as a notification.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.signal import Signal

from tracker.tui.commands import TrackerCommands
from tracker.tui.key_gate import OrderedKeys
from tracker.tui.main_screens import SCREENS_IN_ORDER, MainScreens
from tracker.tui.stats_commands import StatsCommands
from tracker.tui.read_ahead import ReadsAhead
from tracker.tui.warm_up import WarmsUp
from tracker.tui.watch import WatchesDatabase

if TYPE_CHECKING:  # the store (and SQLAlchemy) is imported by the opening worker, after the first frame
    from tracker.store import Store


class TrackerApp(OrderedKeys, WarmsUp, ReadsAhead, WatchesDatabase, MainScreens):
    """The tracker TUI."""

    TITLE = "tracker"
    SUB_TITLE = "tracker"
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    COMMANDS = MainScreens.COMMANDS | {TrackerCommands, StatsCommands}
    DEFAULT_MODE = "agenda"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"switch_mode('{name}')", title, id=f"screen.{name}", show=False)
            for number, (name, title, _target) in enumerate(SCREENS_IN_ORDER, start=1)
        ),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+r", "reload", "Refresh", show=False, id="app.reload"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        # j/k beside the arrows in every list and table (a field being typed in keeps its letters).
        Binding("j", "cursor('down')", "Down", show=False, id="app.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="app.up"),
    ]

    class StoreOpened(Message):
        """The store is open (posted by the opening worker)."""

        def __init__(self, store: Store, zone: tzinfo, version: int | None) -> None:
            super().__init__()
            self.store = store
            self.zone = zone
            self.version = version

    class StoreFailed(Message):
        """The store could not be opened."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Written(Message):
        """A write finished: `error` is None on success."""

        def __init__(self, done: str | None, error: str | None, version: int | None = None) -> None:
            super().__init__()
            self.done = done
            self.error = error
            self.version = version
            """The store's change counter just after the write (read in the worker)."""

    def __init__(self, db_path: Path, *, create_dirs: bool = False, watch_interval: float = 2.0,
                 student: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        """Where the database lives."""
        self.start_with_student = student
        """`tracker --student NAME`: an advisor opens on this student's records (`view_student`)."""
        self.init_read_ahead()
        self.create_dirs = create_dirs
        """Create the database's directory if missing (the default location only)."""
        self.store: Store | None = None
        """The open store; None until the opening worker is done."""
        self.zone: tzinfo = timezone.utc
        """The user's time zone (from the profile once the store is open)."""
        self.watch_interval = watch_interval
        """Seconds between checks for changes made by other processes (0: never)."""
        self._data_version: int | None = None
        self.changes = 0
        """How many times the database was seen to change (a write here or elsewhere): screens
        that loaded at an older count load again when shown."""
        self.looked: Signal[int] = Signal(self, "looked")
        """Published with `changes` after each look of the watcher (`WatchesDatabase`)."""
        self._own_store: Store | None = None
        """While an adviser looks at one student (`view_student`): the adviser's own store."""
        self.warmed = threading.Event()
        """Set once the warm-up is over (SQLAlchemy and the ORM loaded, or failed to)."""

    # --- start-up ---------------------------------------------------------

    def on_mount(self) -> None:
        from tracker.tui.settings import apply_settings

        apply_settings(self)
        self._open_store()

    def action_cursor(self, direction: str) -> None:
        """j/k: move the cursor of the focused list or table (nothing else takes them)."""
        from textual.actions import SkipAction

        move = getattr(self.focused, f"action_cursor_{direction}", None)
        if not callable(move):
            raise SkipAction()
        move()

    @work(thread=True, exclusive=True, group="open")
    def _open_store(self) -> None:
        from tracker.store import open_store
        from tracker.tui.failures import sentence

        try:
            # A mapped file would count as the app's memory for as long as it runs.
            store = open_store(self.db_path, create_dirs=self.create_dirs, memory_map=False)
            zone = store.user_zone()
            version = store.data_version()
        except Exception as err:  # noqa: BLE001 - one sentence, the app stays up
            self.post_message(self.StoreFailed(sentence(err)))
            return
        self.post_message(self.StoreOpened(store, zone, version))

    def on_tracker_app_store_opened(self, message: StoreOpened) -> None:
        self.store = message.store
        self.zone = message.zone
        self._data_version = message.version
        self.start_warm_up()
        if self.watch_interval:
            self.set_interval(self.watch_interval, self._check_external_changes)
        if message.store.advises() and self.start_with_student:
            self.view_student(self.start_with_student)
            return
        if message.store.advises() and self.current_mode == "agenda":  # an adviser's own rows are none
            self.switch_mode("cohort")
        self.screen.refresh_bindings()  # the keys that write, hidden if the store is read-only
        self.reload_screen()

    def on_failed(self, message: Any) -> None:
        """A worker failed (`tracker.tui.failures.Failed`): one sentence; the screen stays as it was."""
        self.notify(f"Could not {message.doing}: {message.reason}", title="Database", severity="error",
                    timeout=10, markup=False)

    def on_tracker_app_store_failed(self, message: StoreFailed) -> None:
        self.collector_on()  # no warm-up will come (tracker.tui.launch turned it off)
        self.notify(message.reason, title="Cannot open the database", severity="error", timeout=30, markup=False)

    def on_unmount(self) -> None:
        self.stop_warm_up()
        if self.store is not None:
            self.store.close()
        if self._own_store is not None:
            self._own_store.close()

    def view_student(self, student: str | None) -> None:
        """Look at the database as `student` sees it, read-only (an adviser on a server); None: as oneself again.

        The screens read `self.store`: it becomes `ServerStore.for_student(student)`, whose every
        read the server narrows to that student and whose writes are refused in one sentence.
        """
        current = self.store
        self.changes += 1  # another student's records (or one's own again): every screen reads anew
        if student is None:
            if self._own_store is None:
                return
            self.changes += 1  # every screen shows other rows now: each loads again when shown
            self.store, self._own_store = self._own_store, None
            self.sub_title = type(self).SUB_TITLE
            if current is not None:
                current.close()
            return
        own = self._own_store or current
        for_student = getattr(own, "for_student", None)
        if own is None or for_student is None:
            return
        self.store = for_student(student)
        self.changes += 1
        if self._own_store is not None and current is not None:
            current.close()
        self._own_store = own
        self._data_version = None
        self.sub_title = f"{student}'s records, read-only"
        self.switch_mode("agenda")
        self.reload_screen()

    def action_reload(self) -> None:
        self.reload_screen()

    @property
    def writable(self) -> bool:
        """False where every write would be refused (an adviser, on their own view or a student's; a
        read-only file): the screens then hide their keys that write (`DataScreen.WRITES`), the
        palette its commands that do (`tracker.tui.commands`). The database's own rule, which every
        write asks first (`require_writable`)."""
        store = self.store
        return store is None or store.database.writable

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("undo", "profile") or self.writable

    def today(self) -> date:
        """Today in the user's zone (TRACKER_TODAY pins it)."""
        from tracker.system import clock

        return clock.today(self.zone)

    def now(self) -> datetime:
        """Now, aware, in the user's zone."""
        from tracker.system import clock

        return clock.now(self.zone)

    # --- writing ----------------------------------------------------------------

    def write(self, change: Callable[[Any], str | None], *, done: str | None = None,
              outcome: Callable[[BaseException | None], None] | None = None, undoable: bool = True) -> None:
        """Run `change(session)` in one transaction in a worker; notify the outcome, then reload.

        The change is recorded in the undo journal (`tracker.store.safety.undo`), so ctrl+z
        reverses it, most recent first (`undoable=False` for the undo itself). `change` may
        return the message to show on success (else `done` is shown). Any
        error (a user error, the database busy or read-only, a failed commit) rolls
        everything back and is shown as one sentence. `outcome(error)` is called from the
        worker once the transaction is over, committed (None) or not: a form waits for it
        before it closes, so a failed save keeps the form and its input.
        """
        self._write(change, done, outcome, undoable)

    @work(thread=True, group="write")
    def _write(self, change: Callable[[Any], str | None], done: str | None,
               outcome: Callable[[BaseException | None], None] | None, undoable: bool) -> None:
        from tracker.domain.errors import StoreError
        from tracker.tui.failures import sentence

        store = self.store
        failure: BaseException | None = None
        try:
            if store is None:
                raise StoreError("the database is not open yet")
            with store.write() as session:
                if undoable:
                    from tracker.store.safety.undo import recording

                    with recording(session, action="edit", description=done or "") as undo:
                        message = change(session)
                        undo.description = undo.description if undo.action != "edit" else (message or done or "change")
                else:
                    message = change(session)
        except Exception as err:  # noqa: BLE001 - one sentence; nothing was saved
            failure = err
            # A form (`outcome`) says it under the field or on its status line; a toast would say it
            # again, over the form's buttons on a small terminal.
            self.post_message(self.Written(None, sentence(err) if outcome is None else None))
        else:
            self.post_message(self.Written(message or done, None, self._read_data_version()))
            self.keep_calendar(store)
        if outcome is not None:
            outcome(failure)

    def keep_calendar(self, store: Store) -> None:
        """Write the profile's calendar file again after a change (in the writing worker)."""
        from tracker.io.calendar_file import keep_calendar

        try:
            keep_calendar(store, today=self.today(), now=self.now(), zone=self.zone)
        except OSError as err:
            self.post_message(self.CalendarNotWritten(f"the calendar file was not written: {err.strerror or err}"))

    class CalendarNotWritten(Message):
        """The profile's calendar file could not be written after a change."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def on_tracker_app_calendar_not_written(self, message: CalendarNotWritten) -> None:
        self.notify(message.reason, title="Calendar", severity="warning", timeout=8, markup=False)

    def on_tracker_app_written(self, message: Written) -> None:
        if message.error is not None:
            self.notify(message.error, title="Not saved", severity="error", timeout=8, markup=False)
        elif message.done:
            self.notify(message.done, markup=False)
        if message.version is not None:
            self._data_version = message.version
        self.changes += 1
        self.reload_screen()

    def action_undo(self) -> None:
        """Undo the newest change not undone yet (any write of the TUI, a delete, an import), in one
        transaction; notify what was undone."""
        now = self.now()

        def change(session: Any) -> str:
            from tracker.domain.sanitize import visible
            from tracker.store.safety.undo import NothingToUndo, undo_last

            try:
                return visible(str(undo_last(session, now=now)))
            except NothingToUndo as err:
                return visible(str(err)[:1].upper() + str(err)[1:])

        self.write(change, undoable=False)

    def get_line_filters(self) -> list[Any]:
        """Textual's filters, then `DropUnsafe`: no control character in the data reaches the terminal."""
        from tracker.tui.safe_output import DROP_UNSAFE

        return [*super().get_line_filters(), DROP_UNSAFE]

    # --- the profile ----------------------------------------------------------

    def action_profile(self) -> None:
        """Open the profile form (the palette's "Profile", `p` in help); a new time zone applies at once."""
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen):
            self.notify("Finish this form first: ctrl+s saves it, esc cancels it.", severity="warning")
            return
        from tracker.tui.forms.profile_form import ProfileForm

        self.push_screen(ProfileForm(), lambda saved: self._read_zone() if saved else None)

    @work(thread=True, exclusive=True, group="zone")
    def _read_zone(self) -> None:
        from tracker.tui.failures import Failed, sentence

        store = self.store
        if store is None:
            return
        try:
            zone = store.user_zone()
        except Exception as err:  # noqa: BLE001 - one sentence, the old zone stays
            self.post_message(Failed("read the time zone", sentence(err)))
            return
        self.call_from_thread(setattr, self, "zone", zone)
        self.call_from_thread(self.reload_screen)

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())
