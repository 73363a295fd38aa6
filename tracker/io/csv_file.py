"""Reading a CSV file: its encoding, its records, and the limits no spreadsheet comes near.

Files are UTF-8 (with or without a BOM) or UTF-16 with a BOM; line numbers are the file's
physical lines. The file is read as a stream, a line at a time, so memory stays small
whatever the file holds: a line longer than `MAX_LINE` characters (or a row that long with
the line breaks inside its quoted cells), a row of more than `MAX_CELLS` cells, a cell longer
than `MAX_CELL` characters and a NUL byte are refused as soon as they are read, with the line
and the limit named. Every import reads through `read_csv_file`, on the command line's lean
path and through the store alike (`tracker.io.import_plan.prepare`, `tracker.io.faculty`).

Standard library only (the lean path imports it).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.domain.errors import TrackerError

MAX_LINE = 1_000_000
"""Characters in a line, or in a row whose quoted cells hold line breaks."""
MAX_CELLS = 16_384
"""Cells in a row: the widest sheet Excel or LibreOffice makes (column XFD)."""
MAX_CELL = 131_072
"""Characters in a cell: the csv module's own limit (`csv.field_size_limit()`), named in the error."""
SNIFF = 4096
"""Bytes looked at to recognize UTF-16 without a byte-order mark."""
_CHUNK = 1 << 20
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HINT = "is it a CSV file?"


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise TrackerError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise TrackerError(f"{path} is a directory, not a CSV file") from None
    except OSError as err:
        raise TrackerError(f"cannot read {path}: {err.strerror}") from None


def looks_like_utf16(head: bytes) -> bool:
    """True when `head` reads like UTF-16 text without a byte-order mark: NUL in many bytes of one parity.

    Text in UTF-16 has a NUL in every code unit of ASCII (digits, commas, line ends, Latin
    names), always in the same half; one stray NUL in a UTF-8 file does not look like that.
    """
    even, odd = head[0::2].count(0), head[1::2].count(0)
    most, least = max(even, odd), min(even, odd)
    return most >= max(2, len(head) // 20) and least * 4 <= most


def _not_utf8(path: Path) -> TrackerError:
    """The error for a file that is not UTF-8: where its first bad byte is, and whether it reads as Windows-1252."""
    line, where, cp1252 = 1, "", True
    with _open(path) as raw:
        carry = b""
        while True:
            chunk = raw.read(_CHUNK)
            data = carry + chunk
            try:
                _text, used = codecs.utf_8_decode(data, "strict", not chunk)
            except UnicodeDecodeError as err:
                line += data.count(b"\n", 0, err.start)
                where = f"the first bad byte, 0x{data[err.start]:02X}, is on line {line}"
                break
            line += data.count(b"\n", 0, used)
            carry = data[used:]
            if not chunk:
                break
        raw.seek(0)
        while cp1252 and (chunk := raw.read(_CHUNK)):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError:
                cp1252 = False
            cp1252 = cp1252 and _CONTROL.search(chunk) is None
    if cp1252:
        # Refused, not guessed: an 8-bit file could be any of several code pages, and a name read
        # in the wrong one is worse than a clear request to save the file again.
        return TrackerError(f"{path} looks like Windows-1252 (ANSI) text, as Excel's 'CSV (Comma delimited)' "
                            f"saves it ({where}); save it as 'CSV UTF-8' and import that")
    return TrackerError(f"{path} is not UTF-8 text; save it as 'CSV UTF-8' ({where})")


class _Lines:
    """The file's lines for `csv.reader`, each checked as it is read; `row` counts the characters of the row so far."""

    def __init__(self, path: Path, raw: BinaryIO, encoding: str) -> None:
        self.path, self.encoding = path, encoding
        self.text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        self.line = 0
        self.row = 0
        self.start = 1
        """The line the current row started on."""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = self.text.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            if self.encoding == "utf-16":
                raise TrackerError(f"{self.path} starts like UTF-16 text but is not; save it as 'CSV UTF-8'") from None
            raise _not_utf8(self.path) from None
        if not line:
            raise StopIteration
        self.line += 1
        if not self.row:
            self.start = self.line
        self.row += len(line)
        if self.row > MAX_LINE:
            if len(line) > MAX_LINE:
                raise self.error(f"longer than {MAX_LINE:,} characters; no spreadsheet writes such a line, {_HINT}")
            raise self.error(f"a row longer than {MAX_LINE:,} characters (with the line breaks inside its quoted "
                             f"cells); {_HINT}", self.start)
        if "\x00" in line:
            raise self.error("a NUL byte; it is not a text CSV file, save it as 'CSV UTF-8'")
        return line

    def error(self, what: str, line: int | None = None) -> TrackerError:
        return TrackerError(f"{self.path}, line {self.line if line is None else line}: {what}")


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number where each record starts, its cells), the header first; the file is closed at the end."""
    raw = _open(path)
    try:
        head = raw.read(SNIFF)
        raw.seek(0)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if not utf16 and looks_like_utf16(head):
            raise TrackerError(f"{path} is not UTF-8 text (it looks like UTF-16 without a byte-order mark); "
                               "save it as 'CSV UTF-8'")
        lines = _Lines(path, raw, "utf-16" if utf16 else "utf-8-sig")
        blanks = 0
        for first in lines:  # blank lines before the header are skipped, and counted
            if first.strip("\r\n"):
                break
            blanks, lines.row = blanks + 1, 0
        else:
            return
        delimiter = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
        reader = csv.reader(itertools.chain(itertools.repeat("\n", blanks), [first], lines), delimiter=delimiter)
        start = reader.line_num
        try:
            for cells in reader:
                lines.row = 0
                if len(cells) > MAX_CELLS:
                    raise lines.error(f"more than {MAX_CELLS:,} cells (the most a spreadsheet has); {_HINT}", start + 1)
                if cells and (cells[0].strip() or any(cell.strip() for cell in cells)):
                    yield start + 1, cells
                start = reader.line_num
        except csv.Error as err:
            if "field larger than field limit" in str(err):
                raise lines.error(f"a cell longer than {MAX_CELL:,} characters; no spreadsheet writes such a cell, "
                                  f"{_HINT}", start + 1) from None
            raise lines.error(str(err), start + 1) from None
    finally:
        raw.close()


def read_csv_file(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the records (line number where each starts, cells) of a CSV file.

    UTF-8 with or without a BOM, or UTF-16 with a BOM. Blank lines are skipped; the header is
    line 1 (after any blank lines). A header without commas but with semicolons or tabs sets the
    delimiter, as some spreadsheets write. The records are read as they are taken; a file
    beyond the limits raises TrackerError when its bad line is reached.
    """
    path = Path(path)
    rows = _records(path)
    first = next(rows, None)
    if first is None:
        raise TrackerError(f"{path} is empty; a CSV file needs a header row")
    return [h.strip() for h in first[1]], rows
