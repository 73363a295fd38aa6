"""The console script `tracker`: the fast paths first, then the full command line.

`main()` tries `tracker.entry.remind` (`tracker remind`, the piped agenda, the TUI: no Typer, no
SQLAlchemy), then `tracker.entry.csv_files` (`export csv`/`import csv` over `sqlite3`), then
`tracker.entry.faculty_file` (`import faculty` over `sqlite3`), then the Typer app (`tracker.cli`). Each fast path declines at once, having done nothing, when it does not
fully understand the command line. This package imports nothing heavy; `tracker.cli` never
imports it, so there is no import cycle between the entry points and the commands.
"""

from __future__ import annotations

import sys


def main() -> int | None:
    """Run the command line in `sys.argv`; the exit status."""
    from tracker.entry.remind import run

    status = run()
    if status is None:
        from tracker.entry.csv_files import dispatch

        status = dispatch()
    if status is None:
        from tracker.entry.faculty_file import dispatch as faculty_dispatch

        status = faculty_dispatch()
    if status is not None:
        sys.exit(status)
    from tracker.cli import main as typer_main

    typer_main()
    return None
