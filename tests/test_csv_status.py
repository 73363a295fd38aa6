"""A status sheet's Status column is evidence: rows that say they answered owe no follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import Cli
from tracker.store.engine.opening import open_current

TODAY = date(2026, 11, 1)
SHEET = (
    "Professor Name,University,Email,Date Emailed,Follow-up Date,Status,Notes\r\n"
    "Dr. Anna Schmidt,TU Berlin,anna@example.org,10/01/2026,10/08/2026,Responded,asked for my CV\r\n"
    "Dr. Ravi Kumar,IISc,ravi@example.org,10/02/2026,10/20/2026,Emailed,\r\n"
    "Dr. Li Wei,NTU,li@example.org,10/03/2026,,Interview scheduled,\r\n"
    "Dr. Sara Costa,EPFL,sara@example.org,10/13/2026,,Offer received,\r\n"
    "Dr. Omar Haddad,KAUST,omar@example.org,10/05/2026,,Ghosted,\r\n"
    "Dr. Mei Tanaka,Kyoto,mei@example.org,10/06/2026,,Emailed,\r\n"
)


@pytest.fixture
def imported(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "t.db", today=TODAY)
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    cli.ok("import", "csv", str(path))
    return cli


def test_only_rows_still_waiting_get_a_follow_up(imported: Cli) -> None:
    due = {(r["person"], r["due"]) for r in imported.json("remind", "--within", "60d")  # type: ignore[union-attr]
           if r["kind"] in ("follow-up", "no-response")}
    # Kumar: the sheet's Follow-up Date; Tanaka: the profile's 7 days. Schmidt (Responded), Wei
    # (Interview scheduled), Costa (Offer received) and Haddad (Ghosted: closed) owe nothing.
    assert due == {("Dr. Ravi Kumar", "2026-10-20"), ("Dr. Mei Tanaka", "2026-10-13")}


def test_the_lean_path_agrees(imported: Cli) -> None:
    store = open_current(imported.db)
    assert store is not None
    try:
        found = store.current_reminders(today=TODAY, within_days=60, zone=store.user_zone())
    finally:
        store.close()
    assert {r.person for r in found if r.kind == "follow-up"} == {"Dr. Ravi Kumar", "Dr. Mei Tanaka"}


def test_the_statuses_are_the_stages_on_the_day_of_the_row(imported: Cli) -> None:
    stages = {r["title"]: r["stage"] for r in imported.json("list", "opportunities")}  # type: ignore[union-attr]
    assert stages["Dr. Anna Schmidt, TU Berlin"] == "replied"
    assert stages["Dr. Li Wei, NTU"] == "interviewing"
    assert stages["Dr. Sara Costa, EPFL"] == "offered"
    assert stages["Dr. Omar Haddad, KAUST"] == "no-response"
    log = {r["person"]: r["follow_up_due"] for r in imported.json("list", "log")}  # type: ignore[union-attr]
    assert log["Dr. Anna Schmidt"] == "2026-10-08"  # the sheet's cell, as written
    assert log["Dr. Sara Costa"] is None  # no column value and an answer: no follow-up date
