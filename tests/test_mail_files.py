"""The mbox reader (`tracker.io.mail.files.read_mbox`) splits a file as Python's `mailbox.mbox` does.

It searches the mapped file instead of reading it line by line; here both read the same files, made
of every kind of line an mbox holds (CRLF and LF, "From " in a body, ">From ", no blank line between
messages, no header, no body, no final newline), and must give the same header blocks and dates.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.mail import files


def by_mailbox(path: Path) -> Iterator[tuple[bytes, datetime | None]]:
    """What the stdlib's mbox gives: each message's header lines (up to the first empty one) and From-line date."""
    box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            with box.get_file(key, from_=True) as f:
                line = f.readline().decode("ascii", "replace")
                heads = []
                for each in f:
                    if each in (b"\n", b"\r\n"):
                        break
                    heads.append(each)
                yield b"".join(heads) + b"\n", files._from_line_date(line)
    finally:
        box.close()


def by_tracker(path: Path) -> list[tuple[bytes, datetime | None]]:
    return [(head, when() if callable(when) else when) for head, when in files.read_mbox(path)]


FROM = b"From someone@example.edu Thu Dec  3 13:15:05 2026\n"
CASES = {
    "lf": FROM + b"From: a@x.edu\nSubject: Hi\n\nbody\n\n" + FROM + b"From: b@x.edu\n\nbody two\n",
    "crlf": FROM.replace(b"\n", b"\r\n") + b"From: a@x.edu\r\nSubject: Hi\r\n\r\nbody\r\n\r\n"
            + FROM.replace(b"\n", b"\r\n") + b"From: b@x.edu\r\n\r\nx\r\n",
    "no blank line between": FROM + b"From: a@x.edu\n\nbody\n" + FROM + b"From: b@x.edu\n\nbody\n",
    "headers only": FROM + b"From: a@x.edu\nDate: Mon, 7 Dec 2026 10:00:00 +0900\n" + FROM + b"Subject: s\n",
    "no header": FROM + b"\nbody only\n\n" + FROM + FROM,
    "from in a body": FROM + b"From: a@x.edu\n\nHello\nFrom the lab: a result\n>From quoted\n",
    "no final newline": FROM + b"From: a@x.edu\nSubject: cut",
    "from line alone": FROM.rstrip(b"\n"),
    "blank lines at the end": FROM + b"From: a@x.edu\n\nbody\n\n\n\n",
    "odd from line": b"From nobody\nFrom: a@x.edu\n\n" + b"From x@y Tue Feb 30 99:99:99 2026\nSubject: s\n\n",
    "utf-8 and tabs": FROM + "Subject: =?utf-8?b?w4fEn2xh?=\n\tfolded\nFrom: Çağla <c@x.edu>\n\n".encode(),
    "empty": b"",
    "blank lines first": b"\n\r\n" + FROM + b"From: a@x.edu\n\nbody\n",  # as some list archives begin
    "blank lines only": b"\n\n\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_mbox_is_split_as_the_mailbox_module_splits_it(name: str, tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    path.write_bytes(CASES[name])
    assert by_tracker(path) == list(by_mailbox(path))


def test_a_message_without_a_date_takes_the_from_line_date(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    path.write_bytes(CASES["lf"])
    assert [when for _head, when in by_tracker(path)] == [datetime(2026, 12, 3, 13, 15, 5, tzinfo=timezone.utc)] * 2


LINES = st.sampled_from([
    b"\n", b"\r\n", FROM, FROM.replace(b"\n", b"\r\n"), b"From: a@x.edu\n", b"Subject: s\r\n", b">From me\n",
    b"From the lab\n", b"body\n", b"  folded\n", b"x", b"From ", b"\t\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=14))
def test_any_mix_of_lines_is_split_as_the_mailbox_module_splits_it(lines: list[bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "box.mbox"
        path.write_bytes(FROM + b"".join(lines))  # an mbox starts with a "From " line (check_mbox)
        assert by_tracker(path) == list(by_mailbox(path))


@pytest.mark.parametrize("text", [b"Subject: not an mbox\n\n", b"\n\nDate: today\n", b"\n" * 5000 + FROM])
def test_a_file_whose_first_line_is_not_a_from_line_is_refused(text: bytes, tmp_path: Path) -> None:
    from tracker.domain.errors import InvalidInput

    path = tmp_path / "box.mbox"
    path.write_bytes(text)
    with pytest.raises(InvalidInput, match='does not start with a "From " line'):
        list(files.read_mbox(path))
