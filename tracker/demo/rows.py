"""The row types of the demo's story (`tracker.demo.data`): each is one kind of event, dated
in days relative to "today", that `tracker.demo.season` replays through the store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Org:
    """An organization, with the details `records` does not take."""

    name: str
    country: str
    city: str
    website: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Who:
    """A person, added `added` days from today."""

    name: str
    role: str
    organization: str
    added: int
    lab: str | None = None
    email: str | None = None
    research_areas: str | None = None
    how_met: str | None = None
    keep_in_touch_days: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Opp:
    """An opportunity shortlisted on `day`. `deadline` is a day offset, or (offset, "HH:MM", zone)."""

    day: int
    title: str
    kind: str
    organization: str
    lab: str | None = None
    contact: str | None = None
    deadline: int | tuple[int, str, str] | None = None
    letters_required: int = 0
    min_gpa: str | None = None
    cycle: str | None = "Summer {year}"
    url: str | None = None
    location_rule: str | None = None
    stipend: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Msg:
    """One message or meeting on `day`."""

    day: int
    channel: str
    direction: str
    person: str
    opportunity: str | None
    subject: str | None = None
    paper: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Stage:
    """A change of stage made by hand (applying, rejections...) on `day`."""

    day: int
    opportunity: str
    stage: str


@dataclass(frozen=True)
class Letter:
    """A letter request's status on `day` (None: listed, not asked yet)."""

    day: int
    opportunity: str
    writer: str
    status: str | None
    notes: str | None = None
    via: str | None = None
    submit_to: str | None = None
    attachments: str | None = None


@dataclass(frozen=True)
class Talk:
    """An interview at `time` in `zone`, `day` days from today; arranged on `arranged`."""

    arranged: int
    day: int
    time: str
    zone: str
    opportunity: str
    format: str
    with_person: str
    notes: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Deal:
    """An offer received on `day`; start and end are (month, day) of next summer."""

    day: int
    opportunity: str
    respond_in: int
    stipend: float
    currency: str
    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True)
class Note:
    """A reminder set by hand on `day`, due `due` days from today."""

    day: int
    text: str
    due: int
    person: str | None = None
    opportunity: str | None = None


Event = Opp | Msg | Stage | Letter | Talk | Deal | Note
