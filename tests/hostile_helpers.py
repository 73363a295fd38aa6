"""Strategies and helpers shared by the hostile-input tests."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import strategies as st

from tracker.domain.dates import DateParseError
from tracker.domain.gpa import GpaError
from tracker.domain.errors import TrackerError

USER_ERRORS = (TrackerError, DateParseError, GpaError)
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
HOSTILE = st.one_of(
    ANY_TEXT,
    st.sampled_from([
        "", " ", "\x00", "\x1b[31m", "'=SUM(A1)", "=cmd|' /C calc'!A0", "@import", "+49 30", "-1", "0", "1e309",
        "nan", "inf", "-0", "１２", "٣", "1_000", "9" * 5000, "x" * 10_000, "2026-02-30", "Dec 5", "next fri",
        "+3d", "tomorrow 9am IST", "2026-12-01 14:00 KST", "8/10", "3.6/4", "10/0", "Müller", "서민준", "Ωmega",
        "\u202eevil", "a\r\nb", "\"quoted, comma\"", "%", "_", "\\", "prof. kim", "kim", "K", "GIST",
    ]),
)


def fold(text: str) -> str:
    """A name as the lookup compares it: casefolded, spaces collapsed."""
    return " ".join(text.casefold().split())
