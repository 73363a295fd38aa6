"""CSV files no spreadsheet writes are refused early, in bounded memory, with the limit named.

A file of one 200 MB line took about 1 GB before it was refused, and one of 1,000,000 columns
minutes. The real console script imports them here (its lean `sqlite3` path for `import csv`,
Typer for `import faculty`: both read through `tracker.io.csv_file`), and its peak resident
memory is read from `getrusage(RUSAGE_CHILDREN)` in a small wrapper process, so that no other
child of the test run counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import table_counts
from script_helpers import TRACKER, one_line
from tracker.domain.errors import TrackerError
from tracker.io.csv_file import MAX_CELLS, MAX_LINE, read_csv_file
from tracker.store import open_store

MEMORY_LIMIT_MB = 150
_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({"status": done.returncode, "stderr": done.stderr.decode("utf-8", "replace"),
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _measured(*args: str | Path) -> dict[str, object]:
    """Run the console script; its exit status, standard error and peak resident memory in MB."""
    wrapper = subprocess.run([sys.executable, "-c", _MEASURE, str(TRACKER), *map(str, args)], capture_output=True,
                             text=True, timeout=300, check=True)
    return json.loads(wrapper.stdout)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    open_store(path).close()
    return path


def _write(path: Path, head: bytes, middle: bytes, times: int, tail: bytes) -> Path:
    with path.open("wb") as handle:  # streamed: the test itself never holds the file
        handle.write(head)
        for _ in range(times):
            handle.write(middle)
        handle.write(tail)
    return path


@pytest.mark.parametrize("command", [("import", "csv", "--what", "people"), ("import", "faculty")])
def test_a_line_of_200_mb_is_refused_at_once_in_little_memory(command: tuple[str, ...], db: Path,
                                                              tmp_path: Path) -> None:
    sheet = _write(tmp_path / "long.csv", b"name,affiliation,notes\r\nKim,GIST,", b"x" * (1 << 20), 200, b"\r\n")
    before = table_counts(db)
    seen = _measured("--db", db, command[0], command[1], sheet, *command[2:])
    assert seen["status"] == 2
    assert one_line(str(seen["stderr"]).encode()) == (
        f"error: {sheet}, line 2: longer than {MAX_LINE:,} characters; no spreadsheet writes such a line, "
        "is it a CSV file?")
    assert seen["peak_mb"] < MEMORY_LIMIT_MB
    assert table_counts(db) == before


def test_a_row_of_a_million_columns_is_refused_at_once_in_little_memory(db: Path, tmp_path: Path) -> None:
    named = _write(tmp_path / "named.csv", b"name", b"".join(b",c%d" % i for i in range(1000)), 1000, b"\r\nKim\r\n")
    seen = _measured("--db", db, "import", "csv", named, "--what", "people")
    assert seen["status"] == 2 and seen["peak_mb"] < MEMORY_LIMIT_MB
    assert f"line 1: longer than {MAX_LINE:,} characters" in str(seen["stderr"])
    empty = _write(tmp_path / "empty.csv", b"name,notes\r\nKim", b"," * 1000, 999, b"\r\n")  # 999,001 cells in 1 MB
    seen = _measured("--db", db, "import", "csv", empty, "--what", "people")
    assert seen["status"] == 2 and seen["peak_mb"] < MEMORY_LIMIT_MB
    assert one_line(str(seen["stderr"]).encode()) == (
        f"error: {empty}, line 2: more than {MAX_CELLS:,} cells (the most a spreadsheet has); is it a CSV file?")


def test_a_row_made_long_by_line_breaks_in_quotes_is_refused(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "quoted.csv", b'name,notes\r\nKim,"', b'a,\r\n' * 1000, 300, b'"\r\n')  # 1.2 MB cell
    header, records = read_csv_file(sheet)
    with pytest.raises(TrackerError) as raised:
        list(records)
    assert str(raised.value) == (f"{sheet}, line 2: a cell longer than 131,072 characters; "
                                 "no spreadsheet writes such a cell, is it a CSV file?")
    cells = _write(tmp_path / "cells.csv", b"name,notes\r\nKim", b',"' + b"y" * 100_000 + b'\r\n"', 11, b"\r\n")
    header, records = read_csv_file(cells)
    with pytest.raises(TrackerError) as raised:
        list(records)
    assert str(raised.value) == (f"{cells}, line 2: a row longer than {MAX_LINE:,} characters (with the line breaks "
                                 "inside its quoted cells); is it a CSV file?")


def test_files_within_the_limits_are_read_as_before(tmp_path: Path) -> None:
    note = "n" * 130_000
    sheet = tmp_path / "ok.csv"
    sheet.write_text("name,notes\r\n\r\n" + f'Kim,"{note}\r\nmore"\r\n' + "Lee," + "x" * 100 + "\r\n", encoding="utf-8")
    header, records = read_csv_file(sheet)
    assert header == ["name", "notes"]
    assert list(records) == [(3, ["Kim", note + "\r\nmore"]), (5, ["Lee", "x" * 100])]


def test_one_nul_byte_is_named_as_what_it_is_and_utf16_is_still_recognized(tmp_path: Path) -> None:
    sheet = tmp_path / "nul.csv"
    sheet.write_bytes(b"name,notes\r\nKim,a\x00b\r\n")
    with pytest.raises(TrackerError) as raised:
        list(read_csv_file(sheet)[1])
    assert str(raised.value) == f"{sheet}, line 2: a NUL byte; it is not a text CSV file, save it as 'CSV UTF-8'"
    sheet.write_bytes("name,notes\r\nKim,GIST\r\nLee,KAIST\r\n".encode("utf-16-le"))
    with pytest.raises(TrackerError, match="looks like UTF-16 without a byte-order mark"):
        read_csv_file(sheet)
    sheet.write_bytes("name,notes\r\nKim,서민준\r\n".encode("utf-16-be"))
    with pytest.raises(TrackerError, match="looks like UTF-16 without a byte-order mark"):
        read_csv_file(sheet)
    sheet.write_bytes(b"\xff\xfe" + "name\r\nMüller\r\n".encode("utf-16-le"))
    assert list(read_csv_file(sheet)[1]) == [(2, ["Müller"])]
