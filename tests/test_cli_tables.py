"""The CLI's listings (`list`, `show`, `letters`...) as a person reads them: on a terminal of 80 columns
every line fits and no word is cut in two; in a pipe one row is one line (`tracker.cli.output.print_table`).

Rich's table folded eight columns into 80 cells mid-word ("organizati/on", "rejecte/d") and each row
took seven lines; the listings are now written as `tracker remind` writes its table.

`tracker.cli.output` is imported inside the tests, not when they are collected: its Rich console takes
the COLUMNS of the moment it is made, and the other tests expect the one their fixture sets.
"""

from __future__ import annotations

import io
import re


from tracker.terminal.width import cell_width

SGR = re.compile(r"\x1b\[[0-9;]*m")
COLUMNS = ("title", "kind", "organization", "stage", "deadline", "contact", "last_activity", "next_follow_up")
ROWS = [
    ("Mitacs Globalink Research Internship", "program", "Mitacs", "rejected", "2026-08-18", None, None, None),
    ("Visual Reasoning Lab, KAIST", "outreach", "KAIST", "interviewing", None, "Park Ji-won", "2026-11-27", None),
    ("Robot Learning Lab, 서울대학교", "outreach", "서울대학교", "contacted", None, "김민수 교수", "2026-11-20",
     "2026-11-27"),
    ("Bilgisayarlı Görü Laboratuvarı", "outreach", "Orta Doğu Teknik Üniversitesi", "replied", None,
     "Prof. Çiçek Ercüment", "2026-11-28", "2026-12-05"),
    ("Research Intern – Failure Explanation in ML", "posting", "Northbridge AI Research", "applied", "2026-12-16",
     "Suresh Balasubramanian", "2026-11-22", None),
]


def _print_to_terminal(rows: list[tuple[object, ...]], width: int = 80) -> list[str]:
    """print_table's lines on a terminal `width` columns wide (a stream that says it is one)."""
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from tracker.cli import output

    stream = Terminal()
    output.print_table(None, COLUMNS, rows, empty="No opportunities match.", out=stream,
                       environ={"COLUMNS": str(width), "NO_COLOR": "1"})
    return SGR.sub("", stream.getvalue()).splitlines()


def test_on_80_columns_every_line_fits_and_no_word_is_cut() -> None:
    lines = _print_to_terminal(ROWS)
    assert max(cell_width(line) for line in lines) <= 80, lines
    words = {word for line in lines for word in line.split()}
    for row in ROWS:
        for value in row[:6]:  # the columns that fit
            for word in str(value or "").split():
                assert word in words, (word, lines)
    assert lines[0].split() == ["title", "kind", "organization", "stage", "deadline", "contact"]


def test_columns_that_do_not_fit_are_named_instead_of_squeezed() -> None:
    lines = _print_to_terminal(ROWS)
    note = " ".join(lines[-2:])
    assert note.startswith("Not shown at 80 columns: last activity, next follow up")
    assert "--json" in note
    assert not any("2026-11-27" in line for line in lines)  # left out, not folded


def test_at_105_columns_the_date_headers_wrap_so_every_column_is_shown() -> None:
    """"last activity" and "next follow up" are wider than their dates: on two lines each they leave
    room for the follow-up date, which was left out below 110 columns (now below 103)."""
    lines = _print_to_terminal(ROWS, width=105)
    assert max(cell_width(line) for line in lines) <= 105, lines
    assert not any(line.startswith("Not shown") for line in lines)
    assert lines[0].split()[-2:] == ["last", "next"] and lines[1].split() == ["activity", "follow", "up"]
    assert any("2026-11-28" in line and line.rstrip().endswith("2026-12-05") for line in lines)


def test_in_a_pipe_one_row_is_one_line_with_every_column() -> None:
    from tracker.cli import output

    stream = io.StringIO()
    output.print_table(None, COLUMNS, ROWS, empty="none", out=stream, environ={})
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 + len(ROWS) and "\x1b[" not in stream.getvalue()
    assert lines[0].split() == ["title", "kind", "organization", "stage", "deadline", "contact", "last", "activity",
                                "next", "follow", "up"]
    korean = next(line for line in lines if "서울대학교" in line)
    assert "김민수 교수" in korean and korean.rstrip().endswith("2026-11-27")
    long_title = next(line for line in lines if line.startswith("Research Intern"))
    assert long_title.startswith("Research Intern – Failure Explanation i…  posting")  # 40 cells at most but the last
    # the columns line up in cells whatever the script: each row's stage starts where the header's does
    start = cell_width(lines[0][:lines[0].index("stage")])
    for line, row in zip(lines[2:], ROWS):
        assert cell_width(line[:line.index(row[3])]) == start, line


def test_nothing_to_list_prints_the_empty_line() -> None:
    from tracker.cli import output

    stream = io.StringIO()
    assert output.print_table(None, COLUMNS, [], empty="No opportunities match.", out=stream, environ={}) == 0
    assert stream.getvalue() == "No opportunities match.\n"


def test_a_time_reads_to_the_minute_in_its_zone() -> None:
    """A posting's deadline with a time was printed as ISO 8601 ("2026-12-16T23:59:00-08:00", 25 cells)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tracker.cli import output

    stream = io.StringIO()
    rows = [("Research Intern", datetime(2026, 12, 16, 23, 59, tzinfo=ZoneInfo("America/Los_Angeles"))),
            ("Summer School", datetime(2027, 1, 5, 9, 30))]
    output.print_table(None, ("title", "deadline"), rows, empty="none", out=stream, environ={})
    lines = stream.getvalue().splitlines()
    assert lines[2].split("  ")[-1].strip() == "2026-12-16 23:59 PST"
    assert lines[3].endswith("2027-01-05 09:30")
