"""What a CSV import found and what it will write: plain records, no SQL, no ORM.

An import runs in three steps, so that the same row logic serves every store:

1. a store loads a `Snapshot` of what is already there (organizations, people, opportunities,
   the interactions' identity keys, the profile's follow-up intervals), inside the import's
   write transaction;
2. `tracker.io.import_rows.Planner` reads every row against it and builds a `Plan`: new
   records, changed records, stage changes and interactions, in file order, linked to each
   other by reference (a new person's organization is an `OrgRec` that has no id yet);
3. the store writes the plan in bulk: organizations, people, opportunities (parents first, so
   each id is known before a child needs it), then stage changes and interactions.

`tracker.store.writes.import_writes` does steps 1 and 3 through SQLAlchemy (any database);
`tracker.store.writes.import_sqlite` does them with the `sqlite3` module alone, for the command line's
fast path. Both write the same rows with the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.errors import TrackerError
from tracker.io.date_cells import DATE_FIELDS, column_order
from tracker.io.headers import ColumnPlan, describe_ignored, plan_columns, read_csv_file
from tracker.io.known_formats import detect, skip_preamble

NOUNS = {"people": ("person", "people"), "opportunities": ("opportunity", "opportunities"),
         "interactions": ("interaction", "interactions")}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    rows: int
    created: dict[str, int]
    """Records added, by kind: "people", "opportunities", "interactions"."""
    updated: dict[str, int]
    """Existing records a row matched and updated, by kind."""
    dry_run: bool
    ignored: list[str] = field(default_factory=list)
    """Headers of columns that name no field, so were not imported."""
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NOUNS, 0))
    """Rows already in the store, skipped: a log row whose interaction was stored before this import."""
    _warnings: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """One line for people: "12 rows: 4 people, 12 interactions added; 1 person updated"."""
        def counts(numbers: dict[str, int]) -> str:
            return ", ".join(f"{n} {NOUNS[k][n != 1]}" for k, n in numbers.items() if n)

        added, updated = counts(self.created), counts(self.updated)
        verb = "would be " if self.dry_run else ""
        parts = [f"{added} {verb}added" if added else f"nothing {verb}added"]
        if updated:
            parts.append(f"{updated} {verb}updated")
        if same := counts(self.unchanged):
            parts.append(f"{same} already there")
        return f"{self.rows} row{'' if self.rows == 1 else 's'}: " + "; ".join(parts)

    def warnings(self) -> list[str]:
        """One line per column that was not imported, saying why and how to import it."""
        return list(self._warnings)


class ImportFailed(TrackerError):
    """Some rows (or a whole column) could not be imported, so nothing was.

    `problems` holds (line number, why), the line None for a problem of a whole column; `ignored`
    the headers of the columns the import did not read, named too, since one of them may hold
    what a bad row lacks ("Datum" for the date).
    """

    def __init__(self, source: str, problems: list[tuple[int | None, str]], ignored: Sequence[str] = ()) -> None:
        self.source = source
        self.problems = problems
        self.ignored = list(ignored)
        n = len(problems)
        if all(line is not None for line, _ in problems):
            head = f"{n} bad row{'' if n == 1 else 's'} in {source}; nothing was imported"
        else:
            head = f"{source} cannot be imported as it is; nothing was imported"
        lines = [head, *(f"  line {line}: {why}" if line is not None else f"  {why}" for line, why in problems)]
        if self.ignored:
            shown = ", ".join(f'"{h}"' for h in self.ignored)
            lines.append(f'  ignored column{"s" if len(self.ignored) > 1 else ""} (not read): {shown}; '
                         f'to read one, add --map "{self.ignored[0]}=FIELD"')
        super().__init__("\n".join(lines))


def prepare(path: Path, what: str | None, mapping: dict[str, str], *, dry_run: bool, order: str | None = None
            ) -> tuple[ColumnPlan, list[tuple[int, list[str]]], ImportReport]:
    """Read the file and match its columns (errors here come before the store is touched).

    `what` None: the kind of file a recognized tracker export is (`tracker.io.known_formats`),
    else a log. The date columns' cells decide how each column reads `03/08/2026`
    (`tracker.io.date_cells`); `order` (DAY_FIRST or MONTH_FIRST, from --dayfirst / --monthfirst)
    decides it for all of them.
    """
    header, rows = skip_preamble(*read_csv_file(path))
    known = detect(header)
    if known is not None and what not in (None, known.what):
        known = None  # the user said what the file is: read it as that
    what = known.what if known is not None else what or "log"
    if known is not None:
        mapping = {**known.mapping(header), **mapping}
    columns = plan_columns(header, what, mapping, source=str(path),
                           known=known.shape(header) if known is not None else None)
    records = list(rows)
    dated: dict[str, tuple[str, list[str]]] = {}
    for name in DATE_FIELDS:
        index = columns.columns.get(name)
        if index is not None:
            distinct = dict.fromkeys(cells[index] for _, cells in records if index < len(cells))
            dated[name] = (header[index], list(distinct))
    problems: list[tuple[int | None, str]] = []
    for name, (text, cells) in dated.items():
        try:
            columns.orders[name] = column_order(text, cells, order)
        except TrackerError as err:
            problems.append((None, str(err)))
    if problems:
        raise ImportFailed(str(path), problems, columns.ignored)
    report = ImportReport(rows=0, created=dict.fromkeys(NOUNS, 0), updated=dict.fromkeys(NOUNS, 0),
                          dry_run=dry_run, ignored=list(columns.ignored), _warnings=describe_ignored(columns))
    return columns, records, report
