"""Open the TUI: the one way both entry points (`tracker` alone, `tracker tui`) start it.

The garbage collector is off from here until the app has warmed up (`TrackerApp._warm_up`):
everything imported and built on the way (Textual, the store, SQLAlchemy, the ORM, the first
screen) lives as long as the app, so the full passes the start-up would trigger walk it for
nothing, about 0.1 s each. Once warm, the app freezes it out of the collector's sight and turns
the collector back on, with young collections less often (`GC_THRESHOLDS`); at once if the store
cannot be opened.
"""

from __future__ import annotations

import gc
from pathlib import Path


def run(path: Path, *, create_dirs: bool, student: str | None = None) -> None:
    """Run the TUI on the database at `path` until the user quits (an advisor: on `student`'s records)."""
    gc.disable()
    try:
        from tracker.tui.app import TrackerApp

        TrackerApp(path, create_dirs=create_dirs, student=student).run()
    finally:
        gc.enable()
