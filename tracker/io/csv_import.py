"""CSV import: our own exports (exact round trips) and the spreadsheets students keep.

One import is one transaction. Every row is read; if any row is bad, nothing is written and
`ImportFailed` lists every bad row with its line number and why. `dry_run` does all the work
but writes nothing. Columns are matched by `tracker.io.headers` (unknown ones are ignored and
reported); cells are read by `tracker.io.cells`.

What a row means:

- people: one person. Same name (any case) at the same organization already stored: its
  non-empty cells update that person. Role reads job titles too ("Associate Professor").
- opportunities: one opportunity, matched by title (any case) and updated if it exists. The
  contact is found by name (preferring the row's organization), else created as a professor
  there. The stage is reached through the stage history: a row with `applied_on` passes through
  "applied" on that day. `letters_submitted`, `last_activity` and `next_follow_up` are derived
  from other records, so they are read but not imported.
- log: one interaction, written as the file says (an exported log imports back exactly). The
  person is found by name and organization, else created with the row's role, organization
  and lab. The opportunity is found by title, else created (outreach, the row's
  organization, the person as contact); a file with a stage column but no opportunity column
  files each row under "<person>, <organization>". A stage cell moves the opportunity after
  the row is logged, so the last row wins; a blank stage cell moves a shortlisted opportunity
  to "contacted" (sent) or "replied" (received), as `tracker log` does. Without a
  `follow_up_due` column, sent e-mails and LinkedIn messages get the profile's follow-up
  interval; with one, the cell is taken as it is (blank = none). A row without a date is
  allowed only with a blank or shortlisted stage: it just records the person (and opportunity).

How: the store's records are read once into memory (a `Snapshot`), every row is worked out
against them (`tracker.io.import_rows`, pure), and the result is written with a few bulk
statements, recorded for `tracker undo` in the same transaction (`Store.write_import`: on SQLite
over the `sqlite3` module alone, elsewhere through the ORM); a dry run writes nothing and
records nothing. The console script's fast path (`tracker.entry.csv_files`) calls the same
`import_csv` before Typer is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.io.csv_export import read_what
from tracker.io.headers import read_csv_file
from tracker.io.import_plan import ImportFailed, ImportReport, prepare
from tracker.io.import_rows import Planner
from tracker.system import collector

if TYPE_CHECKING:
    from tracker.store.engine.store import Store

__all__ = ["ImportFailed", "ImportReport", "import_csv", "read_csv_file"]


def import_csv(
    store: Store,
    path: Path,
    *,
    what: str | None = None,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    order: str | None = None,
    today: date,
    now: datetime,
    zone: tzinfo,
) -> ImportReport:
    """Import a CSV file of `what` in one transaction: every row, or (if any row is bad) nothing.

    `what` None: a log, unless the header is one of a tracker's exports (`tracker.io.known_formats`).

    `order` ("day-first" or "month-first") reads every `03/08/2026` of the file that way; without
    it each date column decides by its own cells (`tracker.io.date_cells`).
    """
    with collector.paused():  # the rows are freed when _import returns, before the collector runs again
        return _import(store, Path(path), read_what(what) if what else None, dict(mapping or {}), dry_run=dry_run,
                       order=order, today=today, now=now, zone=zone)


def _import(store: Store, path: Path, what: str | None, mapping: dict[str, str], *, dry_run: bool,
            order: str | None, today: date, now: datetime, zone: tzinfo) -> ImportReport:
    columns, records, report = prepare(path, what, mapping, dry_run=dry_run, order=order)

    def plan_for(snapshot: Any) -> Any:
        return Planner(snapshot, columns, report, today=today, now=now, zone=zone).run(records, str(path))

    store.write_import(columns.what, plan_for, path=path, dry_run=dry_run,
                       describe=lambda: _undo_description(path, report))
    return report


def _undo_description(path: Path, report: ImportReport) -> str:
    """What `tracker undo` says it will undo."""
    return f"import of {Path(path).name}: {report.summary()}"
