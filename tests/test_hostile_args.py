"""Arguments whose bytes are not UTF-8: refused by name when they are text, taken when they name a file.

On Linux a command line is bytes; Python keeps a byte that is not UTF-8 as a lone surrogate
("Org\\x9b31m" arrives as "Org\\udc9b31m"), which no database, file or terminal can take. The
real console script runs with argv as bytes, as a shell passes `$'Org\\x9b31m'`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, table_counts
from script_helpers import one_line, run_tracker
from tracker.store import open_store

NOT_UTF8 = "is not UTF-8 text; type it again, or set your terminal to UTF-8"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from tracker.store.writes.records import add_opportunity, add_person

    path = tmp_path / "t.db"
    store = open_store(path)
    with store.write() as session:
        add_person(session, name="Kim", role="professor", added_on=TODAY)
        add_opportunity(session, title="Vision Lab", kind="outreach", organization=None, on=TODAY)
    store.close()
    return path


CASES = [
    ([b"add", b"person", b"Org\x9b31m", b"--role", b"professor"], 'NAME "Org\\x9b31m"'),
    ([b"add", b"person", b"Lee", b"--role", b"professor", b"--org", b"\xffGIST"], '--org "\\xffGIST"'),
    ([b"add", b"person", b"Lee", b"--role", b"prof\xe9ssor"], '--role "prof\\xe9ssor"'),
    ([b"log", b"email", b"--to", b"Kim", b"--subject", b"Hello\xc0"], '--subject "Hello\\xc0"'),
    ([b"add", b"interview", b"Vision Lab", b"--at", b"tomorrow 10:00\xa0KST"], '--at "tomorrow 10:00\\xa0KST"'),
    ([b"draft", b"cold-email", b"K\xe9m"], 'PERSON "K\\xe9m"'),
    ([b"remind", b"--within", b"7\xffd"], '--within "7\\xffd"'),
    ([b"export", b"csv", b"--what", b"peopl\xe9"], '--what "peopl\\xe9"'),
]


@pytest.mark.parametrize(("args", "named"), CASES, ids=[c[1].split()[0] + "-" + c[0][0].decode() for c in CASES])
def test_text_that_is_not_utf8_is_refused_naming_the_argument(args: list[bytes], named: str, db: Path) -> None:
    before = table_counts(db)
    result = run_tracker("--db", db, *args)
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr) == f"error: {named} {NOT_UTF8}"
    assert result.stdout == b""
    assert table_counts(db) == before


def test_a_map_that_is_not_utf8_is_refused_before_the_lean_import(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Prof,Org\nPark,KAIST\n", encoding="utf-8")
    before = table_counts(db)
    result = run_tracker("--db", db, "import", "csv", sheet, "--what", "people", "--map", b"Pr\xf6f=name")
    assert result.returncode == 2
    assert one_line(result.stderr) == f'error: --map "Pr\\xf6f=name" {NOT_UTF8}'
    assert table_counts(db) == before


def test_a_file_name_that_is_not_utf8_is_a_file_name(db: Path, tmp_path: Path) -> None:
    folder = bytes(tmp_path)
    target = folder + b"/caf\xe9.csv"
    result = run_tracker("--db", db, "export", "csv", "--what", "people", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == f"✓ Exported 1 people rows to {tmp_path}/caf\\xe9.csv\n"
    with open(target, "rb") as handle:
        assert handle.read().startswith(b"name,role,organization")
    imported = run_tracker("--db", tmp_path / "t.db", "import", "csv", target, "--what", "people", "--dry-run")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.decode("utf-8").startswith("Dry run, nothing written: 1 row")
