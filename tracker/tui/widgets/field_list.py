"""FieldList: labelled values in two columns ("Organization  GIST"), empty ones left out."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

Value = Text | str | None


class FieldList(Static):
    """A record's fields: a dim label, then the value as literal text."""

    DEFAULT_CSS = """
    FieldList {
        height: auto;
        padding: 0 1;
    }
    """

    def set_fields(self, fields: Sequence[tuple[str, Value]], *, keep_empty: bool = False) -> None:
        """Show `fields` ((label, value) pairs); empty values are skipped unless `keep_empty`."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(ratio=1)
        for label, value in fields:
            if value is None or value == "":
                if not keep_empty:
                    continue
                value = Text("—", style="dim")
            grid.add_row(Text(label), value if isinstance(value, Text) else Text(value))
        self.update(grid)
