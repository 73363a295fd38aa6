"""The store: the only place that speaks SQL. Functions take the session keyword-only."""

from tracker.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
