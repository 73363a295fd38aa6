"""The command line's tables: aligned by terminal cells in any script, wrapped on a terminal only."""

from __future__ import annotations

import io
import os
import re
from datetime import date

import pytest

from tracker.domain.reminders import Reminder
from tracker.terminal.reminders import print_reminders
from tracker.terminal.table import Column, output_mode, write_table
from tracker.terminal.width import cell_width, wrap

SGR = re.compile(r"\x1b\[[0-9;]*m")
TODAY = date(2026, 11, 22)
NAMES = ["김민수 교수", "Prof. Çiçek Ercüment", "王小明", "Aapo Hyvärinen", "山田 太郎", "Ayşe Gül Şahin", "👩‍🔬 Lab"]


@pytest.mark.parametrize(("text", "cells"), [
    ("Kim", 3), ("김민수", 6), ("王小明", 6), ("Çiçek", 5), ("e\u0301", 1), ("山田 太郎", 9), ("👍", 2),
    ("ｆｕｌｌ", 8),
])
def test_cell_width_counts_terminal_cells(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def offsets_of(line: str, cells: list[str]) -> list[int]:
    """The cell offset where each of `cells` starts in `line`."""
    found, start = [], 0
    for text in cells:
        index = line.index(text, start)
        found.append(cell_width(line[:index]))
        start = index + len(text)
    return found


def test_columns_line_up_in_cells_whatever_the_script() -> None:
    rows = [((name, ""), (f"org {n}", ""), ("a message about " + name, "")) for n, name in enumerate(NAMES)]
    out = io.StringIO()
    write_table(out, (Column("name"), Column("org"), Column("what", wraps=True)), rows, width=None, color=False)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["name", "org", "what"]
    body = lines[2:]
    assert len(body) == len(NAMES), "in a pipe one row is one line"
    starts = {tuple(offsets_of(line, [name, f"org {n}", "a message"])) for n, (line, name) in
              enumerate(zip(body, NAMES))}
    assert len(starts) == 1, starts
    assert all(line == line.rstrip() for line in lines)


def test_on_a_terminal_the_last_column_wraps_within_the_width() -> None:
    message = ("Follow up with 김민수 교수 about the KAIST 전산학부 internship (email sent 2026-11-01, "
               "no reply; follow-up 1 of 2) " * 2).strip()
    rows = [(("8252a9", "dim"), ("2 weeks overdue", "bold red"), (message, ""))]
    out = io.StringIO()
    write_table(out, (Column("id"), Column("due"), Column("what", wraps=True)), rows, width=60, color=True)
    lines = [SGR.sub("", line) for line in out.getvalue().splitlines()]
    assert all(cell_width(line) <= 60 for line in lines), [cell_width(line) for line in lines]
    body = lines[2:]
    assert len(body) > 2
    indent = cell_width(body[0][: body[0].index("Follow")])
    assert all(line[:indent].strip() == "" and cell_width(line[: len(line) - len(line.lstrip())]) == indent
               for line in body[1:])
    assert " ".join(line.strip() for line in [body[0][body[0].index("Follow"):], *body[1:]]) == message
    assert "\x1b[1;31m2 weeks overdue\x1b[0m" in out.getvalue()


COHORT = (Column("student", wraps=True, least=12), Column("threads open"), Column("overdue follow-ups"),
          Column("letters outstanding"), Column("offers to answer"), Column("last activity"))
"""An advisor's cohort: numbers under long headers (`tracker cohort`)."""


def cohort_rows() -> list[tuple[tuple[str, str], ...]]:
    return [((name, "bold"), (str(n * 3), ""), (str(n), "red"), (str(n % 3), ""), ("1", ""), ("2026-11-20", ""))
            for n, name in enumerate(NAMES)]


def test_headers_wider_than_their_numbers_wrap_when_the_table_would_not_fit() -> None:
    out = io.StringIO()
    left_out = write_table(out, COHORT, cohort_rows(), width=80, color=True, fit=True)
    lines = [SGR.sub("", line) for line in out.getvalue().splitlines()]
    assert left_out == []  # every column shown (the one-line headers need 101 cells)
    assert all(cell_width(line) <= 80 for line in lines), [cell_width(line) for line in lines]
    assert lines[0].split() == ["student", "threads", "open", "overdue", "letters", "offers", "last", "activity"]
    assert lines[1].split() == ["follow-ups", "outstanding", "to"]  # the widest headers wrap, until it fits
    assert lines[2].split() == ["answer"]
    assert set(lines[3]) == {"─", " "}
    assert offsets_of(lines[4], ["김민수 교수", "0", "0", "0", "1", "2026-11-20"]) == \
        offsets_of(lines[0], ["student", "threads", "overdue", "letters", "offers", "last"])


def test_headers_stay_on_one_line_where_the_table_fits_and_in_a_pipe() -> None:
    for width in (120, None):
        out = io.StringIO()
        write_table(out, COHORT, cohort_rows(), width=width, color=False, fit=True)
        lines = out.getvalue().splitlines()
        assert "  threads open  overdue follow-ups  letters outstanding  offers to answer  last activity" in lines[0]
        assert set(lines[1]) == {"─", " "}, width


def test_a_word_longer_than_the_width_is_broken_not_lost() -> None:
    assert wrap("https://example.org/" + "x" * 50, 20) == ["https://example.org/", "x" * 20, "x" * 20, "x" * 10]
    assert wrap("가나다라마바사", 5) == ["가나", "다라", "마바", "사"]


def reminder(n: int, name: str) -> Reminder:
    return Reminder(f"k{n}", f"{n:06x}", "follow-up", TODAY, f"Follow up with {name} (email sent 2026-11-01)",
                    name, None, n, None)


def test_reminders_print_as_plain_lines_in_a_pipe_and_in_colour_on_a_terminal() -> None:
    reminders = [reminder(n, name) for n, name in enumerate(NAMES)]
    piped = io.StringIO()
    print_reminders(piped, reminders, TODAY, 7, as_json=False, environ={})
    assert "\x1b[" not in piped.getvalue()
    assert piped.getvalue().splitlines()[0] == "Reminders for Sun 2026-11-22"
    assert len(piped.getvalue().splitlines()) == 3 + len(NAMES) + 1

    leader, follower = os.openpty()
    try:
        with os.fdopen(leader, "w", closefd=False) as terminal:
            assert output_mode(terminal, {"COLUMNS": "72"}) == (True, 72)
            assert output_mode(terminal, {"COLUMNS": "72", "NO_COLOR": "1"}) == (False, 72)
        assert output_mode(io.StringIO(), {"FORCE_COLOR": "1"}) == (True, None)
    finally:
        os.close(leader)
        os.close(follower)


def test_many_rows_are_written_in_chunks_one_line_each() -> None:
    class Counting(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counting.writes += 1
            return super().write(text)

    reminders = [reminder(n, NAMES[n % len(NAMES)]) for n in range(12_000)]
    out = Counting()
    print_reminders(out, reminders, TODAY, 7, as_json=False, environ={})
    assert len(out.getvalue().splitlines()) == 3 + 12_000 + 1
    assert Counting.writes < 20, "rows go out in chunks, not one write per row"


def test_json_is_what_the_json_module_writes_for_any_text() -> None:
    """`--json` builds each reminder's line itself (faster than the encoder's dict): the same bytes as
    `json.dumps` (without ensure_ascii) of the object, then the unsafe characters escaped, for quotes,
    backslashes, control characters, wide and joined emoji, lone surrogates and missing values;
    across the chunks the lines are written in."""
    import json

    from tracker.domain.sanitize import UNSAFE
    from tracker.terminal.table import CHUNK

    hostile = ['say "hi" \\ back', "tab\there\nnew line", "\x1b[31mEvil\x07", "\u202eevil", "\udce9 byte",
               "🧑‍💻 🇰🇷 김민수", "\u2028sep", "王小明", "e\u0301", "\x7f\x9f"]
    reminders = [
        Reminder(f"manual:{n}", f"{n:06x}", ("manual", "follow-up", "deadline")[n % 3], date(2026, 11, 20 + n % 5),
                 f"{hostile[n % len(hostile)]} #{n}", hostile[(n + 3) % len(hostile)] if n % 4 else None,
                 hostile[(n + 5) % len(hostile)] if n % 3 else None)
        for n in range(CHUNK + 7)
    ]
    out = io.StringIO()
    print_reminders(out, reminders, TODAY, 7, as_json=True, environ={})
    objects = [{"id": r.id, "kind": r.kind, "due": r.due.isoformat(), "status": r.status(TODAY), "message": r.message,
                "person": r.person, "opportunity": r.opportunity, "key": r.key} for r in reminders]
    expected = "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n]\n"
    assert out.getvalue() == UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", expected)
    assert UNSAFE.search(out.getvalue()) is None
    assert [o["message"] for o in json.loads(out.getvalue())] == [r.message for r in reminders]
    empty = io.StringIO()
    print_reminders(empty, [], TODAY, 7, as_json=True, environ={})
    assert empty.getvalue() == "[]\n"
