"""Open the TUI: the one way both entry points (`tracker` alone, `tracker tui`) start it.

The garbage collector is off from here until the app has warmed up (`TrackerApp._warm_up`):
everything imported and built on the way (Textual, the store, SQLAlchemy, the ORM, the first
screen) lives as long as the app, so the full passes the start-up would trigger walk it for
nothing, about 0.1 s each. Once warm, the app freezes it out of the collector's sight and turns
the collector back on, with young collections less often (`GC_THRESHOLDS`); at once if the store
cannot be opened.

An error nobody foresaw (a bug) ends a Textual app with a traceback on the terminal, locals and
all. Here the app's error console (`App.error_console`, where Textual prints it on the way out)
writes into a private file instead (`crash_report`), and the terminal gets one line saying where
it is: no traceback reaches the user, and what is needed to mend the bug is kept. Every change
was committed as it was made, so nothing saved is lost.
"""

from __future__ import annotations

import gc
import io
import sys
from datetime import datetime
from pathlib import Path


def run(path: Path, *, create_dirs: bool, student: str | None = None) -> None:
    """Run the TUI on the database at `path` until the user quits (an advisor: on `student`'s records)."""
    kept = io.StringIO()
    gc.disable()
    try:
        from rich.console import Console

        from tracker.tui.app import TrackerApp

        app = TrackerApp(path, create_dirs=create_dirs, student=student)
        app.error_console = Console(file=kept, width=120, color_system=None, markup=False, highlight=False)
        app.run()
    finally:
        gc.enable()
    if kept.getvalue().strip():
        if app.return_code:  # (Textual's own exit message, if the app ever gave one, goes where it went)
            _stopped(kept.getvalue())
        sys.stderr.write(kept.getvalue())


def _stopped(report: str) -> None:
    """One line on standard error saying the app stopped on an unforeseen error and where the report is; exit 1."""
    from tracker.terminal.report import error

    where = crash_report(report)
    saved = f"what happened is in {where}" if where is not None else "it could not be written down"
    error(f"tracker stopped on an error it did not expect (a bug); {saved}. Every change you saved is in the database.")
    raise SystemExit(1)


def crash_report(report: str) -> Path | None:
    """`report` in a new private file (mode 0600: it may quote records) in the data folder's `crashes`; its path,
    or None when it cannot be written there."""
    from tracker.system.paths import data_dir
    from tracker.system.private_files import private_dir, write_new_text

    folder = data_dir() / "crashes"
    try:
        private_dir(folder)
        target = folder / f"tui-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        write_new_text(target, report)
    except OSError:
        return None
    return target
