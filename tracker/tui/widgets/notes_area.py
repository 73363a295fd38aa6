"""NotesArea: a form's multi-line notes: enter starts a new line, tab moves to the next field.

A `TextArea` with a `value` (its text), so a form reads and fills it like its other fields.
"""

from __future__ import annotations

from textual.widgets import TextArea


class NotesArea(TextArea):
    """Several lines of notes; grows to a few lines, then scrolls."""

    DEFAULT_CSS = """
    NotesArea {
        height: auto;
        min-height: 2;
        max-height: 6;
        background: $boost;
        border: none;
        padding: 0 1;
    }
    NotesArea:focus {
        border: none;
        background-tint: $foreground 5%;
    }
    """

    def __init__(self, value: str = "", *, placeholder: str = "") -> None:
        super().__init__(value, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         compact=True, placeholder=placeholder)

    @property
    def value(self) -> str:
        """The notes as typed, lines and all."""
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.text = text
