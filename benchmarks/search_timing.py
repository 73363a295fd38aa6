"""Query time of the People filter at CSRankings' size: one keystroke after another.

    uv run python benchmarks/search_timing.py [--people 30000] [--db PATH]

Builds (once, in PATH) a database of N professors imported as a CSRankings file (names with
accents, aliases, a few thousand organizations), then times what one keystroke of the TUI's
`/` filter asks the database for (`people_page`: the count and the first page) for each prefix
of a few words, with the FTS5 index and with the portable LIKE search alone. The target: well
under 50 ms per keystroke with the index.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date
from pathlib import Path

WORDS = ("hyvarinen", "bogazici", "cicek lab", "aalto vision", "karamanlioglu selin", "wang")
FIRST = ("Aino", "Eeva", "Lars", "Selin", "Mert", "Deniz", "Wei", "Jun", "Anna", "Ümit", "Çağla", "Jürgen", "Søren")
LAST = ("Hyvärinen", "Karamanlıoğlu", "Çiçek", "Wang", "Park", "Müller", "Nguyễn", "Hedlund", "Østergaard", "Smith")
ORGS = ("Boğaziçi University", "Aalto University", "KAIST", "University of São Paulo", "TU München")


def build(path: Path, people: int) -> None:
    from tracker.io.faculty import import_faculty
    from tracker.store import open_store

    pick = random.Random(30)
    csv = path.with_suffix(".csv")
    lines = ["name,affiliation,homepage,scholarid"]
    for i in range(people):
        name = f"{pick.choice(FIRST)} {pick.choice(LAST)}{'' if i % 7 else f' {i % 9999:04d}'}"
        org = pick.choice(ORGS) if i % 3 == 0 else f"Institute {i % 2500}"
        scholar = f"id{i // 2:08d}AAAA" if i % 5 == 0 else "NOSCHOLARPAGE"
        lines.append(f"{name},{org},https://dept{i % 400}.example.edu/,{scholar}")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(path)
    try:
        started = time.perf_counter()
        report = import_faculty(store, csv, today=date(2026, 11, 22))
        print(f"built: {report.summary()} in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()


def keystroke(session: object, typed: str, use_index: bool) -> float:
    from unittest import mock

    from tracker.store.queries import search
    from tracker.store.queries.people_table import people_page
    from tracker.store.queries.table_rows import PeopleFilter, Sort

    started = time.perf_counter()
    with mock.patch.object(search, "has_index", lambda *_a: use_index):
        people_page(session, filters=PeopleFilter(text=typed), sort=Sort("name"))  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/tracker-search-bench.db"))
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.people)
    from tracker.store import open_store

    store = open_store(args.db)
    try:
        with store.read() as session:
            for use_index in (True, False):
                times = [keystroke(session, text[:n], use_index) for text in WORDS for n in range(1, len(text) + 1)]
                label = "FTS5 index " if use_index else "LIKE alone "
                print(f"{label}: {len(times)} keystrokes, median {statistics.median(times):.1f} ms, "
                      f"worst {max(times):.1f} ms")
    finally:
        store.close()


if __name__ == "__main__":
    main()
