"""Which record a reminder's stable key names, so snoozes and dismissals follow their record.

The keys are made by `tracker.domain.reminder_rules` ("follow-up:msg:12", "offer:3:2026-12-01",
"manual:7"...). A delete removes the states of the reminders of the records it deletes (a
new record that reuses the id must not inherit them), and an undo that brings a record back
under a new id rewrites the keys of its states.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_KEYS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^((?:follow-up|no-response):msg:)(\d+)(.*)$", re.S), "interaction"),
    (re.compile(r"^((?:deadline|letter-writers|eligibility|decline):opp:)(\d+)(.*)$", re.S), "opportunity"),
    (re.compile(r"^((?:letter-alert|letter-submit):)(\d+)(.*)$", re.S), "letterrequest"),
    (re.compile(r"^(interview:)(\d+)(.*)$", re.S), "interview"),
    (re.compile(r"^(offer:)(\d+)(.*)$", re.S), "offer"),
    (re.compile(r"^((?:keep-in-touch|tell-writer|thank-writer):person:)(\d+)(.*)$", re.S), "person"),
    (re.compile(r"^(manual:)(\d+)(.*)$", re.S), "reminder"),
)
"""(key pattern: prefix, id, rest; the table the id is from)."""


def key_record(key: str) -> tuple[str, int] | None:
    """(table, id) of the record a reminder key names, or None for a key of another form."""
    for pattern, table in _KEYS:
        found = pattern.match(key)
        if found:
            return table, int(found.group(2))
    return None


def remap_key(key: str, mapping: Mapping[str, Mapping[Any, Any]]) -> str:
    """`key` with its record's id replaced by mapping[table][id], when there is one."""
    for pattern, table in _KEYS:
        found = pattern.match(key)
        if found:
            new = mapping.get(table, {}).get(int(found.group(2)))
            return key if new is None else f"{found.group(1)}{new}{found.group(3)}"
    return key
