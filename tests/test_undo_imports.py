"""Imports are undone: through the store (`undo.record_import`) and on the sqlite3 fast path
(`undo_lean.record_lean_import`), and refused when what they added is in use since."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import TODAY, Cli
from tracker.store.models import Interaction
from tracker.store import Store
from tracker.store.writes import records
from tracker.store.queries.lookup import find_opportunity, find_person
from tracker.store.safety.undo import UndoConflict, pending, record_import, undo_last
from undo_helpers import KOLKATA, demo, demo_store, dump  # noqa: F401 (fixtures)


# --- imports --------------------------------------------------------------------------------------------


def test_an_import_recorded_with_record_import_is_undone(demo: Path, demo_store: Store) -> None:
    """What an import does (people and opportunities added, others updated, stages moved, many messages
    inserted with one Core statement) is all reversed."""
    before = dump(demo)
    with demo_store.write() as s, record_import(s, Path("/tmp/sheet.csv")) as undo:
        new = records.add_person(s, name="Imported Person", role="professor", organization="New Org")
        old = find_person(s, "Tan Wei Ming")
        old.email, old.notes = "changed@example.org", "updated by the import"
        s.add(old)
        opp = find_opportunity(s, "Research Intern")
        records.record_stage(s, opp, "rejected", on=TODAY)
        s.execute(sa.insert(Interaction), [
            {"on": TODAY - timedelta(days=i % 30), "channel": "email", "direction": "sent", "person_id": new.id,
             "subject": f"hello {i}"} for i in range(3000)
        ])
        undo.description = "import of sheet.csv: 3000 rows"
    with demo_store.read() as s:
        assert pending(s).description == "import of sheet.csv: 3000 rows"
    with demo_store.write() as s:
        undone = str(undo_last(s))
    for part in ("removes 1 organization, 1 person,", "3000 messages", "1 stage change", "reverts 1 person, 1 opportunity"):
        assert part in undone
    assert dump(demo) == before


def test_undo_of_an_import_refuses_when_its_people_got_messages_since(demo: Path, demo_store: Store) -> None:
    with demo_store.write() as s, record_import(s, "sheet.csv"):
        records.add_person(s, name="Imported Person", role="professor")
    with demo_store.write() as s:
        records.log_interaction(s, channel="email", direction="sent", person="Imported Person", on=TODAY)
    before = dump(demo)
    with pytest.raises(UndoConflict, match="1 message added since"), demo_store.write() as s:
        undo_last(s)
    assert dump(demo) == before


def _lean_import(db: Path, sheet: Path, what: str) -> None:
    """What `tracker import csv` does on SQLite (`Store.write_import`'s sqlite3 variant, with the undo hook)."""
    from tracker.io.import_rows import Planner, prepare
    from tracker.store.engine.opening import open_current

    store = open_current(db)
    assert store is not None
    columns, rows, report = prepare(sheet, what, {}, dry_run=False)
    now = datetime(2026, 11, 22, 10, 0, tzinfo=KOLKATA)
    try:
        store.write_import(what, lambda snapshot: Planner(snapshot, columns, report, today=TODAY, now=now,
                                                          zone=KOLKATA).run(rows, str(sheet)),
                           path=sheet, dry_run=False, describe=lambda: f"import of {sheet.name}: {report.summary()}")
    finally:
        store.close()


SHEETS = {
    "log": "Professor,University,Date emailed,Status,Email\n"
           "Prof. New One,Some University,2026-11-01,contacted,new@uni.edu\n"
           "Tan Wei Ming,NTU Singapore,2026-11-02,replied,\n",
    "people": "Name,Organization,Email,Notes\nTan Wei Ming,NTU Singapore,changed@ntu.sg,updated\n"
              "Brand New,NTU Singapore,n@ntu.sg,\n",
    "opportunities": "Title,Organization,Stage,Applied on\nDAAD WISE,,applied,2026-09-01\n"
                     "Brand New Posting,Northbridge,shortlisted,\n",
}


@pytest.mark.parametrize("what", list(SHEETS))
def test_an_import_on_the_sqlite3_path_is_undone(demo: Path, tmp_path: Path, what: str) -> None:
    """The fast path's own recording (`undo_lean.record_lean_import`) writes an entry the full undo reverses,
    added rows, updated people and opportunities, backdated history and all."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEETS[what], encoding="utf-8")
    before = dump(demo)
    _lean_import(demo, sheet, what)
    assert dump(demo) != before
    cli = Cli(demo)
    undone = cli.ok("undo", "--yes").stdout
    assert "import of sheet.csv" in undone
    assert dump(demo) == before
    assert cli("undo", "--yes").exit_code == 2


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "full-cli"])
def test_cli_import_then_undo_restores_the_database(demo: Path, tmp_path: Path, fast: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEETS["log"], encoding="utf-8")
    before = dump(demo)
    cli = Cli(demo)
    if fast:  # what the console script runs first for `tracker import csv`
        from tracker.entry.csv_files import dispatch

        monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
        assert dispatch(["--db", str(demo), "import", "csv", str(sheet)]) == 0
    else:
        cli.ok("import", "csv", str(sheet))
    assert dump(demo) != before
    assert "import of sheet.csv" in cli.ok("undo", "--yes").stdout
    assert dump(demo) == before


