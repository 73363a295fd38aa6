"""The duplicate guard in the forms: two mixins for `FormScreen` subclasses.

`DuplicateGuard` (the person and opportunity forms): while the name or title is typed, a
thread worker asks the store for records with a close name (`tracker.store.queries.duplicates`),
a moment after the typing stops, and the answer is shown in the warning colour under the
field. Saving while such a record exists needs a second ctrl+s: the first one says which
record ("Already have Kim Young-hoon (professor, GIST: same name); press ctrl+s again to
add anyway") and writes nothing. ctrl+s pressed before the check has answered waits for it.
The same name at the same organization (which the store refuses anyway) is left to the
store's own message. Editing a record, nothing is said until its name or organization changes.

`RecentContactNote` (the interaction form): for a message sent by e-mail or LinkedIn, shows
under the person what was sent to them, or to their lab, within the profile's window
(`recent_contact_warnings`). It never stops the save: the message was sent already.

Mixed in first: `class PersonForm(DuplicateGuard, FormScreen)`. Textual calls each class's
`on_input_changed`, so the form's own handlers run too.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlmodel import Session
from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

from tracker.tui.failures import guarded

__all__ = ["DELAY", "DuplicateGuard", "RecentContactNote"]

DELAY = 0.3
"""Seconds after the last key before the store is asked."""
SHOWN = 3
"""At most this many close records are named."""


def _store(screen: Any) -> Any:
    return getattr(screen.app, "store", None)


class DuplicateGuard:
    """Warns under a name or title field about records with a close name; asks for a second save."""

    guard_field: ClassVar[str] = "name"
    """The field the warning is shown under."""

    class Checked(Message):
        """The store answered for `key` (posted by the worker); `save`: ctrl+s is waiting for it."""

        def __init__(self, key: tuple[str, ...], matches: list[Any], save: bool) -> None:
            super().__init__()
            self.key = key
            self.matches = matches
            self.save = save

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._guard_timer: Timer | None = None
        self._guard_checked: tuple[tuple[str, ...], list[Any]] | None = None
        self._guard_warned: tuple[str, ...] | None = None
        self._guard_baseline: tuple[str, ...] | None = None

    # --- what a form implements ----------------------------------------------------------

    def guard_key(self) -> tuple[str, ...] | None:
        """What the check depends on, as typed (name, organization...); None when there is no name yet."""
        raise NotImplementedError

    def guard_matches(self, session: Session, key: tuple[str, ...]) -> list[Any]:
        """The records close to `key` (`Match`es), best first. Runs in a thread worker."""
        raise NotImplementedError

    def guard_baseline(self) -> None:
        """Remember the loaded record's key (editing): the guard speaks only when it changes."""
        self._guard_baseline = self.guard_key()

    # --- checking -------------------------------------------------------------------------

    @property
    def guard_matches_shown(self) -> list[Any]:
        """The close records found for what is typed now (empty while unknown)."""
        key = self._guard_current()
        if key is None or self._guard_checked is None or self._guard_checked[0] != key:
            return []
        return self._guard_checked[1]

    def _guard_current(self) -> tuple[str, ...] | None:
        key = self.guard_key()
        return None if key is None or key == self._guard_baseline else key

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._guard_timer is not None:
            self._guard_timer.stop()
        self._guard_timer = self.set_timer(DELAY, self._guard_refresh)  # type: ignore[attr-defined]

    def _guard_refresh(self) -> None:
        key = self._guard_current()
        if self._guard_warned is not None and self._guard_warned != key:
            self._guard_warned = None
            self.set_status(None)  # type: ignore[attr-defined]
        if key is None:
            self._guard_show([])
        elif self._guard_checked is None or self._guard_checked[0] != key:
            self._guard_ask(key, save=False)
        else:
            self._guard_show(self._guard_checked[1])

    def _guard_ask(self, key: tuple[str, ...], *, save: bool) -> bool:
        store = _store(self)
        if store is None:
            return False
        self._guard_check(store, key, save)
        return True

    @work(thread=True, group="duplicate-guard")
    @guarded("look for duplicates")
    def _guard_check(self, store: Any, key: tuple[str, ...], save: bool) -> None:
        with store.read() as session:
            matches = self.guard_matches(session, key)
        self.post_message(self.Checked(key, matches, save))  # type: ignore[attr-defined]

    def on_duplicate_guard_checked(self, message: Checked) -> None:
        message.stop()
        if message.save:
            self.save_pending = False
        if message.key != self._guard_current():
            if message.save:
                self.set_status(None)  # type: ignore[attr-defined]  # typed on since ctrl+s: press it again
            return  # a newer check is coming
        self._guard_checked = (message.key, message.matches)
        self._guard_show(message.matches)
        if message.save:
            self.action_save()

    def _guard_show(self, matches: list[Any]) -> None:
        from tracker.store.queries.duplicates import describe_matches

        field = self.field(self.guard_field)  # type: ignore[attr-defined]
        if matches and not any(m.exact for m in matches):
            field.set_note(f"Already have {describe_matches(matches, limit=SHOWN)}", "warn")
        else:
            field.set_note(None)

    # --- saving ---------------------------------------------------------------------------

    def guard_allows_save(self) -> bool:
        """Whether ctrl+s may save now; False after saying why not (or while the check runs)."""
        from tracker.store.queries.duplicates import describe_matches

        if getattr(self, "saving", False) or not getattr(self, "ready", True):
            return True  # the form says "still loading" or ignores the key itself
        key = self._guard_current()
        if key is None:
            return True
        if self._guard_checked is None or self._guard_checked[0] != key:
            if not self._guard_ask(key, save=True):
                return True  # no store yet: the save will say so
            self.save_pending = True
            self.set_status("Checking for duplicates…")  # type: ignore[attr-defined]
            return False
        matches = self._guard_checked[1]
        if not matches or any(m.exact for m in matches) or self._guard_warned == key:
            return True
        self._guard_warned = key
        verb = "save" if self._guard_baseline is not None else "add"
        self.set_status(  # type: ignore[attr-defined]
            f"Already have {describe_matches(matches, limit=SHOWN, reasons=False)}: press ctrl+s again to {verb} "
            "anyway, or change it"
        )
        return False

    def action_save(self) -> None:
        if self.guard_allows_save():
            super().action_save()  # type: ignore[misc]


class RecentContactNote:
    """Shows under the person field what was recently sent to them or their lab (sent e-mail or LinkedIn)."""

    class Recent(Message):
        """What `recent_contact_warnings` said for `key` (posted by the worker)."""

        def __init__(self, key: tuple[str, ...], lines: list[str]) -> None:
            super().__init__()
            self.key = key
            self.lines = lines

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._recent_timer: Timer | None = None
        self._recent_key: tuple[str, ...] | None = None
        self.recent_lines: list[str] = []
        """The warnings shown now."""

    def _recent_wanted(self) -> tuple[str, ...] | None:
        from tracker.store.queries.duplicates import CHANNELS_WATCHED

        channel, direction = self.choice("channel"), self.choice("direction")  # type: ignore[attr-defined]
        person = " ".join(str(self.widget("person").value).split())  # type: ignore[attr-defined]
        if direction != "sent" or channel not in CHANNELS_WATCHED or not person:
            return None
        return (person,)

    def _recent_later(self) -> None:
        if self._recent_timer is not None:
            self._recent_timer.stop()
        self._recent_timer = self.set_timer(DELAY, self._recent_refresh)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self._recent_later()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._recent_later()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._recent_later()

    def _recent_refresh(self) -> None:
        key = self._recent_wanted()
        if key == self._recent_key:
            return
        if key is None:
            self._recent_key = None
            self._recent_show([])
            return
        store = _store(self)
        if store is None:
            self._recent_later()  # the store is still opening
            return
        self._recent_key = key
        self._recent_check(store, key, self.app.today())  # type: ignore[attr-defined]

    @work(thread=True, group="recent-contact")
    @guarded("look up recent messages")
    def _recent_check(self, store: Any, key: tuple[str, ...], today: Any) -> None:
        from tracker.domain.errors import TrackerError
        from tracker.store.queries.duplicates import recent_contact_warnings
        from tracker.store.queries.lookup import find_person

        with store.read() as session:
            try:
                person = find_person(session, key[0])
            except TrackerError:
                lines: list[str] = []  # unknown or ambiguous: the name's own hint says so
            else:
                lines = recent_contact_warnings(session, person.id, today=today) if person.id else []
        self.post_message(self.Recent(key, lines))  # type: ignore[attr-defined]

    def on_recent_contact_note_recent(self, message: Recent) -> None:
        message.stop()
        if message.key == self._recent_key:
            self._recent_show(message.lines)

    def _recent_show(self, lines: list[str]) -> None:
        self.recent_lines = list(lines)
        self.field("person").set_note("\n".join(lines) or None, "warn")  # type: ignore[attr-defined]
