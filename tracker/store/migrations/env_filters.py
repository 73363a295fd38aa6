"""What Alembic's comparisons leave out: the FTS5 search tables and the kept reminders (SQLite only,
`tracker.store.queries.kept_reminders`), which the models do not describe."""

from __future__ import annotations

from typing import Any


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """False for the search index's tables (`fts_*` and their shadow tables) and the kept reminders' (`kept_*`)."""
    return not (type_ == "table" and name is not None and name.startswith(("fts_", "kept_")))
