"""MergesChanges: what an edit form does when its record changed elsewhere while it was open.

The store merges a save field by field (`tracker.store.writes.edits.merged`): the fields the user
changed (`mine`, from `FieldReading.touched`) are written, the others keep what was saved elsewhere.
A field changed on both sides refuses the save (ChangedElsewhere, with the value now); the form then
loads the record again, keeps what the user typed (`keep_typed`, read by `FieldReading.fill`), shows
the other value under each such field, and the next ctrl+s saves the user's.
"""

from __future__ import annotations

from typing import Any, ClassVar

from tracker.tui.forms.field import Field


class MergesChanges:
    """FormScreen mixin (the form provides `query`, `set_status`, `touched`, `ready`, `_request_load`)."""

    STORE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {}
    """A field whose value the store keeps under other names (the deadline: its instant and zone); any
    other field is the store's field of its key."""
    keep_typed: frozenset[str] = frozenset()
    """While the form loads again after a save refused: the fields whose typed values stay."""
    clashed: dict[str, object] | None = None
    """While the form loads again after a save refused: the fields changed on both sides, their values now."""

    query: Any
    set_status: Any
    touched: Any
    ready: bool
    _request_load: Any

    def mine(self) -> set[str]:
        """The record's fields the user changed (`touched`, as the store names them: `STORE_KEYS`)."""
        return {name for key in self.touched() for name in self.STORE_KEYS.get(key, (key,))}

    def load_again_keeping_typed(self, clashed: dict[str, object]) -> None:
        """The save was refused (`clashed`: the fields changed on both sides): load the record again,
        what the user changed kept over it."""
        self.keep_typed = frozenset(self.touched())
        self.clashed = clashed
        self.ready = False
        self._request_load()

    def loaded_again(self) -> None:
        """After `loaded`: if the form was loaded again after a refusal, say why and what changed."""
        if self.clashed is None:
            return
        self._show_clash(self.clashed)
        self.keep_typed, self.clashed = frozenset(), None

    def _show_clash(self, clashed: dict[str, object]) -> None:
        fields: dict[str, Field] = {f.key: f for f in self.query(Field)}
        labels: list[str] = []
        for key, field in fields.items():
            theirs = [clashed[k] for k in self.STORE_KEYS.get(key, (key,)) if k in clashed]
            if theirs:
                labels.append(field.label)
                shown = "(empty)" if theirs[0] in (None, "") else str(theirs[0])
                field.set_note(f"saved elsewhere meanwhile: {shown}", "warn")
        if labels:
            self.set_status(f"Not saved: {', '.join(labels)} changed here and elsewhere since you opened the form; "
                            "yours kept, the other value under it: ctrl+s saves yours")
        else:
            self.set_status("Not saved: the record changed elsewhere meanwhile; the form shows it as it is now, "
                            "with your changes: check and save again")
