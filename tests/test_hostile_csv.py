"""Bad input, CSV: any bytes, and spreadsheet-like files in any encoding with any header and cells,
are imported correctly or refused with a clear error, never a traceback and never a partial write."""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import sqlite3
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from hostile_helpers import ANY_TEXT, HOSTILE, NOW, USER_ERRORS, fold
from tracker.domain.errors import TrackerError
from tracker.io.csv_import import import_csv
from tracker.io.headers import recognize
from tracker.store import open_store
from undo_helpers import dump


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small, migrated database to copy for each example."""
    from form_helpers import seed

    path = tmp_path_factory.mktemp("template") / "t.db"
    seed(path)
    return path


def _fresh(template: Path, tmp: Path) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    for stale in tmp.glob("e.db*"):
        stale.unlink(missing_ok=True)
    target = tmp / "e.db"
    shutil.copyfile(template, target)
    return target


def _import(db: Path, sheet: Path, what: str) -> Any:
    """Import; returns the report, or the user error. Anything else fails the test."""
    store = open_store(db)
    try:
        return import_csv(store, sheet, what=what, today=TODAY, now=NOW, zone=timezone.utc)
    except USER_ERRORS as err:
        assert str(err).strip(), "an error must say something"
        return err
    finally:
        store.close()


def _healthy(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), what=st.sampled_from(["log", "people", "opportunities"]))
@example(data=b"\xff\xfe" + "name\r\nMüller\r\n".encode("utf-16-le"), what="people")
@example(data=b"\xef\xbb\xbfname\n\x00\x00\n", what="people")
@example(data=b'name\n"unterminated\n', what="people")
def test_any_bytes_are_imported_or_refused_without_a_partial_write(template: Path, tmp_path_factory: Any,
                                                                  data: bytes, what: str) -> None:
    tmp = tmp_path_factory.getbasetemp() / "bytes"
    db = _fresh(template, tmp)
    sheet = tmp / "sheet.csv"
    sheet.write_bytes(data)
    before = dump(db)
    outcome = _import(db, sheet, what)
    if isinstance(outcome, BaseException):
        assert dump(db) == before
    _healthy(db)


HEADERS = {
    "log": ["Professor", "University", "Date emailed", "Status", "Email", "Notes", "Channel", "Subject", "Opportunity"],
    "people": ["Name", "Organization", "Role", "Email", "Lab", "Research Areas", "Keep in touch", "Notes"],
    "opportunities": ["Title", "Organization", "Stage", "Deadline", "Kind", "Letters required", "GPA cut-off",
                      "Contact", "Applied on", "Cycle"],
}
CELL = st.one_of(HOSTILE, st.sampled_from(["2026-11-01", "Nov 3", "contacted", "replied", "applied", "email",
                                           "linkedin", "professor", "posting", "2", "8/10", "Summer 2027"]))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]


VALID = {
    "Date emailed": ["2026-11-01", "Nov 3", "yesterday"], "Status": ["contacted", "replied", "applied", ""],
    "Channel": ["email", "linkedin", ""], "Role": ["professor", "postdoc", "PhD student", ""],
    "Stage": ["shortlisted", "applied", "interviewing", ""], "Deadline": ["2026-12-15", "Jan 10 23:59 EST", ""],
    "Kind": ["outreach", "posting", "program", ""], "Letters required": ["2", "0", ""],
    "GPA cut-off": ["8/10", "3.0/4", ""], "Applied on": ["2026-10-01", ""], "Keep in touch": ["30d", ""],
    "Email": ["kim@gist.ac.kr", ""],
}
"""Cells that make sense in their column, for the sheets that are not hostile all over."""


@st.composite
def spreadsheets(draw: st.DrawFn) -> tuple[str, str, str, list[list[str]]]:
    """A sheet as a spreadsheet saves it: known and unknown headers, then rows; either hostile in every
    cell, or with sensible cells in the typed columns and any text in the others (names, notes...)."""
    what = draw(st.sampled_from(list(HEADERS)))
    known = draw(st.lists(st.sampled_from(HEADERS[what]), min_size=1, max_size=6, unique=True))
    header = draw(st.permutations(known + draw(st.lists(ANY_TEXT, max_size=2))))
    hostile = draw(st.booleans())
    columns = [CELL if hostile or h not in VALID else st.sampled_from(VALID[h]) for h in header]
    rows = draw(st.lists(st.tuples(*columns).map(list), max_size=6))
    return what, draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from([",", ";", "\t"])), [list(header), *rows]


def _written(table: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    return out.getvalue()


def _imported_names(db: Path, table: str) -> set[str]:
    column = {"person": "name", "opportunity": "title"}[table]
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute(f"SELECT {column} FROM {table}")}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet=spreadsheets())
@example(sheet=("log", "utf-8", ",", [["University", "PI"]]))  # the name column under another of its headers
def test_spreadsheets_in_any_encoding_import_correctly_or_are_refused(template: Path, tmp_path_factory: Any,
                                                                      sheet: tuple[str, str, str, list[list[str]]]) -> None:
    what, encoding, delimiter, table = sheet
    text = _written(table, delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    tmp = tmp_path_factory.getbasetemp() / "sheets"
    db = _fresh(template, tmp)
    path = tmp / "sheet.csv"
    path.write_bytes(data)
    before = dump(db)
    outcome = _import(db, path, what)
    _healthy(db)
    if isinstance(outcome, BaseException):
        event("refused")
        assert dump(db) == before
        return
    # A correct import: every row's name (or title) is now a record, as written, spaces collapsed.
    wanted = {"log": ("Professor", "person"), "people": ("Name", "person"), "opportunities": ("Title", "opportunity")}
    column, kind = wanted[what]
    header = table[0]
    first = text.lstrip("\r\n").split("\n", 1)[0]
    sniffed = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
    field = recognize(column, what)
    if sniffed != delimiter or [recognize(h, what) for h in header].count(field) != 1:
        event("imported (columns not checked)")
        return
    event("imported and checked")
    index = [recognize(h, what) for h in header].index(field)  # "PI" is the Professor column too
    stored = {fold(n) for n in _imported_names(db, kind)}
    for row in table[1:]:
        cell = row[index]
        if not cell.strip() or re.match(r"^'[=+\-@\t\r]", cell) or not any(c.strip() for c in row):
            continue
        assert fold(cell) in stored, (cell, encoding)


def test_cp1252_is_imported_or_refused_by_name(template: Path, tmp_path: Path) -> None:
    """Excel's "CSV (Comma delimited)" on Windows writes CP1252: "Müller" must come in as "Müller",
    or the file be refused with a message that names that encoding."""
    db = _fresh(template, tmp_path / "cp")
    sheet = tmp_path / "cp" / "excel.csv"
    sheet.write_bytes("Name,Organization\r\nMüller,TU München\r\n".encode("cp1252"))
    before = dump(db)
    outcome = _import(db, sheet, "people")
    if isinstance(outcome, BaseException):
        assert dump(db) == before
        said = str(outcome).replace(str(sheet), "FILE")  # the path holds this test's name
        assert re.search(r"1252|windows|ansi", said, re.I), said
    else:
        assert "Müller" in _imported_names(db, "person")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_utf8_with_or_without_bom_and_utf16_import_correctly(template: Path, tmp_path: Path, encoding: str) -> None:
    db = _fresh(template, tmp_path / encoding)
    sheet = tmp_path / encoding / "s.csv"
    sheet.write_bytes("Name,Organization\r\nMüller 서민준,TU München\r\n".encode(encoding))
    outcome = _import(db, sheet, "people")
    assert not isinstance(outcome, BaseException), outcome
    assert "Müller 서민준" in _imported_names(db, "person")
    assert not codecs.BOM_UTF8.decode("utf-8") in "".join(_imported_names(db, "person"))


def test_utf16_without_a_bom_is_refused_by_name(template: Path, tmp_path: Path) -> None:
    db = _fresh(template, tmp_path / "le")
    sheet = tmp_path / "le" / "s.csv"
    sheet.write_bytes("Name,Organization\r\nMüller,TU München\r\n".encode("utf-16-le"))
    before = dump(db)
    outcome = _import(db, sheet, "people")
    assert isinstance(outcome, TrackerError) and "UTF-16" in str(outcome)
    assert dump(db) == before
