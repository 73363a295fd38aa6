"""FieldReading: how a form reads its fields on the UI thread (inside `FormScreen.build`).

Each reader returns a plain value and records a problem with `fail` (shown under the field)
instead of raising: a form reports every problem at once.
"""

from __future__ import annotations

import math
from typing import Any

from textual.widgets import Select

from tracker.tui.forms.field import Field

REQUIRED = "required: this can't be empty"


class FieldReading:
    """The readers of a form's fields (mixed into `FormScreen`, which provides `query_one`)."""

    _errors: dict[str, str]
    _filled: dict[str, Any]
    """What `fill` put in each field, as the control holds it."""
    keep_typed: frozenset[str]

    def field(self, key: str) -> Field:
        """The field named `key`."""
        return self.query_one(f"#field-{key}", Field)  # type: ignore[attr-defined]

    def widget(self, key: str) -> Any:
        """The control of the field named `key`."""
        return self.field(key).widget

    def fill(self, values: dict[str, Any]) -> None:
        """Put plain values into the fields named by the keys (None empties a field), and remember them
        (`touched`). While the form loads again after a save refused (`MergesChanges.keep_typed`), the fields
        the user changed keep what they typed (the values are remembered all the same)."""
        for key, value in values.items():
            control = self.widget(key)
            typed = control.value
            if isinstance(control, Select):
                if value is not None:
                    control.value = value
            else:
                control.value = "" if value is None else str(value)
            self._filled[key] = control.value  # as the control holds it (a text area's line ends, say)
            if key in self.keep_typed:
                control.value = typed

    def touched(self) -> set[str]:
        """The fields whose value is no longer what `fill` put there: those the user changed."""
        return {key for key, value in self._filled.items() if self.widget(key).value != value}

    def fail(self, key: str, message: str) -> None:
        """Record a problem with field `key` (the first one per field is shown)."""
        self._errors.setdefault(key, message)

    @property
    def errors(self) -> dict[str, str]:
        """The problems found by the last save attempt, by field."""
        return dict(self._errors)

    def text(self, key: str, *, required: bool = False) -> str | None:
        """The field's text, stripped; None when empty (a problem if `required`)."""
        value = str(self.widget(key).value).strip()
        if not value:
            if required:
                self.fail(key, REQUIRED)
            return None
        return value

    def choice(self, key: str) -> str | None:
        """The value chosen in a Select, None if blank."""
        value = self.widget(key).value
        return None if value is Select.NULL else str(value)

    def when(self, key: str, *, required: bool = False) -> Any:
        """The parsed value of a DateInput; None when empty (a problem if `required`) or invalid."""
        control = self.widget(key)
        if control.error:
            self.fail(key, control.error)
            return None
        if control.parsed is None and required:
            self.fail(key, REQUIRED)
        return control.parsed

    def integer(self, key: str, *, low: int, high: int) -> int | None:
        """A whole number from `low` to `high`; None when empty."""
        text = self.text(key)
        if text is None:
            return None
        try:
            value = int(text)
        except ValueError:
            self.fail(key, f'"{text}" is not a whole number; use a number from {low} to {high}')
            return None
        if not low <= value <= high:
            self.fail(key, f"use a number from {low} to {high}")
            return None
        return value

    def number(self, key: str, *, low: float = 0.0) -> float | None:
        """A number at least `low` (e.g. an amount of money); None when empty."""
        text = self.text(key)
        if text is None:
            return None
        try:
            value = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            self.fail(key, f'"{text}" is not a number; use digits, e.g. 1500 or 1500.50')
            return None
        if not math.isfinite(value) or value < low:
            self.fail(key, f"use a number of at least {low:g}")
            return None
        return value
