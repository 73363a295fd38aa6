"""The words tracker uses everywhere: CLI arguments, JSON values, CSV cells and the database.

One list per concept, in workflow order. Keep these the single source of truth.
"""

from __future__ import annotations

STAGES: tuple[str, ...] = (
    "shortlisted",
    "contacted",
    "replied",
    "applied",
    "interviewing",
    "offered",
    "accepted",
    "declined",
    "rejected",
    "no-response",
    "withdrawn",
)
"""Stages of an opportunity, in pipeline order."""

OPEN_STAGES: tuple[str, ...] = STAGES[:6]
"""Stages in which an opportunity is still being pursued."""

CLOSED_STAGES: tuple[str, ...] = STAGES[6:]
"""Final stages: the opportunity is over, one way or another."""

PRE_APPLICATION_STAGES: tuple[str, ...] = ("shortlisted", "contacted", "replied")
"""Stages before an application was submitted."""

ANSWER_STAGES: tuple[str, ...] = ("replied", "interviewing", "offered", "rejected")
"""Stages the other side moves an opportunity to by answering: a move to one of them on a day
answers the messages about the opportunity sent by that day, as a received message would (a
status sheet's "Responded", or `tracker move X replied` without logging the reply). Applying,
accepting, declining and withdrawing are the student's own steps, not answers."""

AUTO_CONTACTED_FROM: tuple[str, ...] = ("shortlisted", "no-response")
"""Stages a message sent moves to "contacted": the first message, or a new one on a thread that was
closed for want of an answer (it reopens; the history keeps both moves, and the follow-up falls due)."""

REOPENED_BY_INTERVIEW: tuple[str, ...] = ("rejected", "no-response", "withdrawn")
"""Closed stages an interview added moves back to "interviewing" (the history keeps both moves): the lab
asked after all, and its interview reminder must fall due. An accepted or declined offer stays so."""

AUTO_REPLIED_FROM: tuple[str, ...] = ("shortlisted", "contacted", "no-response")
"""Stages a message received moves to "replied"."""

KINDS: tuple[str, ...] = ("outreach", "program", "posting")
"""What an opportunity is: cold outreach to a lab, a structured program, or a posting."""

ROLES: tuple[str, ...] = ("professor", "phd-student", "postdoc", "researcher", "recruiter", "writer")
"""What a person is to the student. `writer` is one of the student's own letter writers."""

CHANNELS: tuple[str, ...] = ("email", "linkedin", "call", "meeting", "portal", "note")
"""How an interaction happened."""

def channel_said(channel: str) -> str:
    """A channel as a sentence says it: "Logged LinkedIn message to...", "Logged email to..."."""
    return "LinkedIn message" if channel == "linkedin" else channel


FOLLOW_UP_CHANNELS: tuple[str, ...] = ("email", "linkedin")
"""Channels whose unanswered messages call for a follow-up."""

DIRECTIONS: tuple[str, ...] = ("sent", "received")
"""Direction of an interaction, from the student's point of view."""

LETTER_STATUSES: tuple[str, ...] = ("not-asked", "alerted", "agreed", "requested", "submitted", "thanked")
"""Status of a reference-letter request, in order. `requested` means the portal asked the writer."""

LETTER_ROUTES: tuple[str, ...] = ("portal", "email")
"""How a letter reaches the opportunity: uploaded on the program's portal, or e-mailed."""

OFFER_DECISIONS: tuple[str, ...] = ("pending", "accepted", "declined")
"""What the student decided about an offer."""

REMINDER_KINDS: tuple[str, ...] = (
    "follow-up",
    "no-response",
    "deadline",
    "letter",
    "interview",
    "offer",
    "keep-in-touch",
    "eligibility",
    "manual",
)
"""Kinds of reminders `tracker remind` shows."""
