"""What Alembic's comparisons leave out: the FTS5 search tables, which the models do not describe."""

from __future__ import annotations

from typing import Any


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """False for the search index's tables (`fts_*` and their shadow tables)."""
    return not (type_ == "table" and name is not None and name.startswith("fts_"))
