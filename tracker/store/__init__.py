"""The store: the only place that speaks SQL. Functions take the session keyword-only.

`Store` and `open_store` are loaded on first use, so importing a lean submodule
(`tracker.store.queries.reminders_sqlite`) does not import SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.store.engine.opening import open_store
    from tracker.store.engine.store import Store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from tracker.store.engine.store import Store

        return Store
    if name == "open_store":
        from tracker.store.engine.opening import open_store

        return open_store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
