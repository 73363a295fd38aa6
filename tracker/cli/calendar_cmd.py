"""`tracker export ics`: deadlines, interviews, offers to answer and follow-ups as an iCalendar file.

Registered on the `export` group of `tracker.cli.data_cmd`, next to `export csv`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import done


def export_ics(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Default: standard output.")] = None,
) -> None:
    """Write deadlines, interviews, offer response dates and due follow-ups as iCalendar (.ics)."""
    from tracker.domain.errors import InvalidInput
    from tracker.io.ics import calendar_text
    from tracker.store.views.calendar_view import calendar_events

    st = state(ctx)
    if output is not None:
        if output.is_dir():
            raise InvalidInput(f"{output} is a directory; give a file name")
        if not output.parent.exists():
            raise InvalidInput(f"the directory {output.parent} does not exist")
    today, now = st.today(), st.now()
    with st.store.read() as session:
        events = calendar_events(session, today=today, zone=st.zone)
    text = calendar_text(events, now=now)
    if output is None:
        _write_stdout(text)
        return
    from tracker.system.private_files import replace_atomically

    with replace_atomically(output) as handle:  # private, whole or not at all
        handle.write(text)
    done(f"Exported {len(events)} event{'s' if len(events) != 1 else ''} to {output}")


def _write_stdout(text: str) -> None:
    """The calendar on standard output, CRLF kept as it is (bytes when the stream has a buffer)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def register(app: typer.Typer) -> None:
    """Add `tracker export ics` to the `export` group (`app` is the root app, unused)."""
    from tracker.cli.data_cmd import export_app

    export_app.command("ics")(export_ics)
