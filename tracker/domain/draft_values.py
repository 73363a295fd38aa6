"""What a draft's placeholders become, from plain facts about a person (pure, no I/O).

`tracker.store.views.draft_context` reads the facts from the records; `draft_values` turns
them into the text of every placeholder of `tracker.domain.drafts.PLACEHOLDERS`. A value
that can be worded without the record (a lab, an organization) falls back to a neutral
phrase ("your group"); one that cannot (the paper, the interview's day) is None, and a
template that uses it cannot be sent until it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

TITLES = ("prof", "prof.", "professor", "dr", "dr.")
"""Words that, starting a name, already address the person."""


@dataclass(frozen=True)
class DraftFacts:
    """Everything a draft may say, as plain values read from the records."""

    name: str
    role: str
    today: date
    email: str | None = None
    lab: str | None = None
    organization: str | None = None
    research_areas: str | None = None
    paper: str | None = None
    opportunity: str | None = None
    opportunity_lab: str | None = None
    cycle: str | None = None
    deadline: date | None = None
    deadline_at: datetime | None = None
    deadline_tz: str | None = None
    interview_at: datetime | None = None
    interview_tz: str | None = None
    interview_format: str | None = None
    offer_respond_by: date | None = None
    last_subject: str | None = None
    last_on: date | None = None
    last_channel: str | None = None
    letters: str | None = None
    """The owed letters as a numbered list (tracker.store.views.letters_desk.letters_block)."""
    accepted: str | None = None
    """The offer accepted last: its lab and organization (or title)."""
    accepted_cycle: str | None = None
    my_name: str | None = None
    my_institution: str | None = None
    my_gpa: str | None = None


def day_words(day: date) -> str:
    """ "Thursday 29 October 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def address(name: str, role: str) -> str:
    """How a greeting names them: "Prof. Kim Young-hoon" for a professor, else the name as recorded.

    The whole name is kept: family-name-first names ("Kim Young-hoon") and names in other
    scripts ("서민준") have no safe "surname" to pick out.
    """
    if role != "professor" or name.split(" ", 1)[0].casefold() in TITLES:
        return name
    return f"Prof. {name}"


def areas_phrase(areas: str | None) -> str | None:
    """ "test-time adaptation; open-vocabulary detection" → "test-time adaptation and open-vocabulary detection"."""
    if not areas:
        return None
    parts = [p.strip() for p in re.split(r"[;,\n]", areas) if p.strip()]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def where_phrase(lab: str | None, organization: str | None) -> str:
    """ "Computer Vision Lab, GIST"; the lab or the organization alone; else "your group"."""
    if lab and organization and organization.casefold() not in lab.casefold():
        return f"{lab}, {organization}"
    return lab or organization or "your group"


def deadline_phrase(day: date | None, at: datetime | None, tz: str | None) -> str | None:
    """ "Friday 2 December 2026, 23:59 (America/Los_Angeles)", or the day alone without a time."""
    if day is None:
        return None
    from tracker.domain.dates import arranged_in

    local = arranged_in(at, tz) if at is not None else None
    if local is None:  # no time, or a zone this machine does not know: the day is still right
        return day_words(day)
    return f"{day_words(local.date())}, {local:%H:%M} ({tz})"


def interview_day(at: datetime | None, tz: str | None) -> str | None:
    """The interview's day as the interviewer lived it (in the zone it was arranged in)."""
    if at is None:
        return None
    from tracker.domain.dates import arranged_in

    return day_words((arranged_in(at, tz) or at).date())



_REPLY_PREFIX = re.compile(r"^\s*(?:re|fwd?|aw|follow(?:ing)?[- ]up)\s*:\s*", re.IGNORECASE)


def bare_subject(subject: str | None) -> str | None:
    """A subject without its "Re:", "Fwd:" and "Follow-up:" prefixes, so a follow-up does not stack them."""
    if subject is None:
        return None
    while True:
        stripped = _REPLY_PREFIX.sub("", subject, count=1)
        if stripped == subject:
            return stripped.strip() or None
        subject = stripped


def draft_values(facts: DraftFacts) -> dict[str, str | None]:
    """The text of every placeholder; None where the records say nothing and no phrase fits."""
    lab = facts.lab or facts.opportunity_lab
    since = (facts.today - facts.last_on).days if facts.last_on else None
    return {
        "name": facts.name,
        "professor": address(facts.name, facts.role),
        "role": facts.role,
        "lab": lab or "your group",
        "organization": facts.organization or "your institution",
        "where": where_phrase(lab, facts.organization),
        "research_areas": areas_phrase(facts.research_areas) or "your research",
        "paper": facts.paper,
        "opportunity": facts.opportunity,
        "cycle": facts.cycle or "the coming cycle",
        "deadline": deadline_phrase(facts.deadline, facts.deadline_at, facts.deadline_tz),
        "interview_date": interview_day(facts.interview_at, facts.interview_tz),
        "interview_format": facts.interview_format or "interview",
        "offer_respond_by": day_words(facts.offer_respond_by) if facts.offer_respond_by else None,
        "last_subject": bare_subject(facts.last_subject) or "my last message",
        "last_date": day_words(facts.last_on) if facts.last_on else None,
        "days_since": str(since) if since is not None else None,
        "letters": facts.letters,
        "accepted": facts.accepted,
        "accepted_cycle": facts.accepted_cycle or "this coming cycle",
        "my_name": facts.my_name,
        "my_institution": facts.my_institution,
        "my_gpa": facts.my_gpa,
        "last_channel": facts.last_channel,
    }
