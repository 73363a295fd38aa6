"""The store: the only place that speaks SQL. Functions take the session keyword-only.

`Store` and `open_store` are loaded on first use, so importing a lean submodule
(`tracker.store.queries.reminders_sqlite`) does not import SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.store.engine.store import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tracker.store.engine import store as engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
