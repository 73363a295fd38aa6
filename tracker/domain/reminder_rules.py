"""One pure function per reminder rule. Each returns every reminder its rule finds (within the
rule's own window, if it has one); `reminders.compute_reminders` applies snoozes and the horizon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from tracker.domain.gpa import Gpa, eligibility_warning
from tracker.domain.reminders import (
    InterviewFacts,
    LetterFacts,
    ManualFacts,
    Message,
    OfferFacts,
    OpportunityFacts,
    PersonFacts,
    TellFacts,
    Reminder,
    Settings,
    Thread,
    reminder_id,
)
from tracker.domain.vocab import CLOSED_STAGES, FOLLOW_UP_CHANNELS, PRE_APPLICATION_STAGES

_WAITING_FOR_SUBMISSION = ("alerted", "agreed", "requested")


def _reminder(
    key: str,
    kind: str,
    due: date,
    message: str,
    *,
    person: str | None = None,
    opportunity: str | None = None,
    person_id: int | None = None,
    opportunity_id: int | None = None,
) -> Reminder:
    return Reminder(key, reminder_id(key), kind, due, message, person, opportunity, person_id, opportunity_id)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 3 days" or "2 days ago"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return f"in {_days(delta)}" if delta > 0 else f"{_days(-delta)} ago"


def _closed(opportunity_id: int | None, opportunities_by_id: Mapping[int, OpportunityFacts]) -> bool:
    opportunity = opportunities_by_id.get(opportunity_id) if opportunity_id is not None else None
    return opportunity is not None and opportunity.stage in CLOSED_STAGES


def _answered(message: Message, opportunities_by_id: Mapping[int, OpportunityFacts]) -> bool:
    """True when the message's opportunity moved to an answer stage on or after the day it was sent."""
    opportunity = opportunities_by_id.get(message.opportunity_id) if message.opportunity_id is not None else None
    return opportunity is not None and opportunity.answered_on is not None and opportunity.answered_on >= message.on


def _before_reopening(message: Message, opportunities_by_id: Mapping[int, OpportunityFacts]) -> bool:
    """True when the message's opportunity went cold and was reopened after the message was sent."""
    opportunity = opportunities_by_id.get(message.opportunity_id) if message.opportunity_id is not None else None
    return opportunity is not None and opportunity.reopened_on is not None and message.on < opportunity.reopened_on


def _sent_how(message: Message) -> str:
    if message.channel == "email":
        return f"email sent {message.on}"
    if message.channel == "linkedin":
        return f"LinkedIn message sent {message.on}"
    return f"{message.channel} on {message.on}"


def follow_up_reminders(
    threads: Iterable[Thread],
    opportunities_by_id: Mapping[int, OpportunityFacts],
    *,
    settings: Settings = Settings(),
) -> list[Reminder]:
    """A follow-up for each thread whose newest unanswered email/LinkedIn message (or any message
    with an explicit follow-up date) has no reply; "no-response" once `max_follow_ups` went unanswered.

    Due on the newest message's follow_up_on, else its date plus the channel's interval. Nothing when
    that message's opportunity is closed. Earlier messages about a closed opportunity (a previous
    round), or about one reopened since (`OpportunityFacts.reopened_on`), do not count towards
    the follow-ups already sent. A move of an opportunity to an answer
    stage (`vocab.ANSWER_STAGES`) answers, like a received message, everything sent up to the
    newest message about it sent by that day.
    """
    found: list[Reminder] = []
    for thread in threads:
        candidates = [
            m for m in thread.unanswered if m.channel in FOLLOW_UP_CHANNELS or m.follow_up_on is not None
        ]
        answered = [m for m in candidates if _answered(m, opportunities_by_id)]
        if answered:
            newest = max(answered, key=lambda m: (m.on, m.id))
            candidates = [m for m in candidates if (m.on, m.id) > (newest.on, newest.id)]
        if not candidates:
            continue
        last = max(candidates, key=lambda m: (m.on, m.id))
        if _closed(last.opportunity_id, opportunities_by_id):
            continue
        counted = [m for m in candidates if not _closed(m.opportunity_id, opportunities_by_id)
                   and not _before_reopening(m, opportunities_by_id)]
        about = next((m for m in reversed(counted) if m.opportunity_id is not None), None)
        opportunity_id = about.opportunity_id if about else None
        opportunity = about.opportunity if about else None
        if opportunity is None and opportunity_id is not None and opportunity_id in opportunities_by_id:
            opportunity = opportunities_by_id[opportunity_id].title
        interval = (
            settings.follow_up_linkedin_days if last.channel == "linkedin" else settings.follow_up_email_days
        )
        due = last.follow_up_on or last.on + timedelta(days=interval)
        follow_ups_sent = len(counted) - 1
        if follow_ups_sent >= settings.max_follow_ups:
            kind, key = "no-response", f"no-response:msg:{last.id}"
            plural = "follow-up" if follow_ups_sent == 1 else "follow-ups"
            advice = f"mark '{opportunity}' as no-response?" if opportunity else "consider the thread cold"
            text = f"No answer from {thread.person} after {follow_ups_sent} {plural}: {advice}"
        else:
            kind, key = "follow-up", f"follow-up:msg:{last.id}"
            topic = f" about {opportunity}" if opportunity else ""
            text = (
                f"Follow up with {thread.person}{topic} ({_sent_how(last)}, no reply; "
                f"follow-up {follow_ups_sent + 1} of {settings.max_follow_ups})"
            )
        found.append(
            _reminder(
                key,
                kind,
                due,
                text,
                person=thread.person,
                opportunity=opportunity,
                person_id=thread.person_id,
                opportunity_id=opportunity_id,
            )
        )
    return found


def deadline_reminders(
    opportunities: Iterable[OpportunityFacts], *, today: date, settings: Settings = Settings()
) -> list[Reminder]:
    """Not applied yet (pre-application stage) and the deadline is within `deadline_days` or passed."""
    found: list[Reminder] = []
    for opp in opportunities:
        if opp.deadline is None or opp.stage not in PRE_APPLICATION_STAGES:
            continue
        if opp.deadline > today + timedelta(days=settings.deadline_days):
            continue
        when = ("passed " if opp.deadline < today else "") + _when(opp.deadline, today)
        text = f"Deadline for {opp.title}: {opp.deadline} ({when}), not applied yet"
        found.append(
            _reminder(
                f"deadline:opp:{opp.id}:{opp.deadline.isoformat()}",
                "deadline",
                opp.deadline,
                text,
                person=opp.contact,
                opportunity=opp.title,
                opportunity_id=opp.id,
            )
        )
    return found


def _letter(
    key: str, text: str, opp: OpportunityFacts, deadline: date, letter: LetterFacts | None = None
) -> Reminder:
    return _reminder(
        key,
        "letter",
        deadline,
        text,
        person=letter.writer if letter else None,
        opportunity=opp.title,
        person_id=letter.writer_id if letter else None,
        opportunity_id=opp.id,
    )


def letter_reminders(
    opportunities: Iterable[OpportunityFacts],
    letters: Iterable[LetterFacts],
    *,
    today: date,
    settings: Settings = Settings(),
) -> list[Reminder]:
    """Reference letters for open opportunities whose deadline is within `letters_alert_days`:
    alert writers not asked yet, list enough writers, and (within `letters_submit_days`) chase
    letters not submitted yet. All are due on the deadline.
    """
    by_opportunity: dict[int, list[LetterFacts]] = {}
    for letter in letters:
        by_opportunity.setdefault(letter.opportunity_id, []).append(letter)
    found: list[Reminder] = []
    for opp in opportunities:
        if opp.letters_required <= 0 or opp.stage in CLOSED_STAGES or opp.deadline is None:
            continue
        if opp.deadline > today + timedelta(days=settings.letters_alert_days):
            continue
        deadline = opp.deadline
        where = f"deadline {deadline}, {_when(deadline, today)}"
        mine = sorted(by_opportunity.get(opp.id, []), key=lambda letter: (letter.writer, letter.id))
        writers = len({letter.writer_id for letter in mine})
        if writers < opp.letters_required:
            text = (
                f"{opp.title} needs {opp.letters_required} letters, only {writers} "
                f"{'writer' if writers == 1 else 'writers'} listed ({where})"
            )
            found.append(_letter(f"letter-writers:opp:{opp.id}:{opp.letters_required}", text, opp, deadline))
        chase = deadline <= today + timedelta(days=settings.letters_submit_days)
        for letter in mine:
            if letter.status == "not-asked":
                text = f"Alert {letter.writer} about the letter for {opp.title} ({where})"
                found.append(_letter(f"letter-alert:{letter.id}", text, opp, deadline, letter))
            elif chase and letter.status in _WAITING_FOR_SUBMISSION:
                text = f"Letter from {letter.writer} for {opp.title} not submitted yet "
                text += f"({letter.status}; {where})"
                found.append(_letter(f"letter-submit:{letter.id}", text, opp, deadline, letter))
    return found


def interview_reminders(
    interviews: Iterable[InterviewFacts],
    opportunities_by_id: Mapping[int, OpportunityFacts] | None = None,
    *,
    today: date,
    settings: Settings = Settings(),
) -> list[Reminder]:
    """Interviews from today to `interview_days` ahead, unless their opportunity is closed."""
    by_id = opportunities_by_id or {}
    found: list[Reminder] = []
    for interview in interviews:
        if not today <= interview.on <= today + timedelta(days=settings.interview_days):
            continue
        if _closed(interview.opportunity_id, by_id):
            continue
        text = f"Interview {_when(interview.on, today)} for {interview.opportunity}: {interview.when_text}"
        if interview.with_person:
            text += f", with {interview.with_person}"
        if interview.format:
            text += f"; format: {interview.format}"
        found.append(
            _reminder(
                f"interview:{interview.id}",
                "interview",
                interview.on,
                text,
                person=interview.with_person,
                opportunity=interview.opportunity,
                opportunity_id=interview.opportunity_id,
            )
        )
    return found


def offer_reminders(
    offers: Iterable[OfferFacts],
    opportunities_by_id: Mapping[int, OpportunityFacts] | None = None,
    *,
    today: date,
    settings: Settings = Settings(),
) -> list[Reminder]:
    """Pending offers whose respond-by date is within `offer_days` or passed, unless the
    opportunity is already closed (e.g. accepted or declined).
    """
    by_id = opportunities_by_id or {}
    found: list[Reminder] = []
    for offer in offers:
        if offer.decision != "pending" or offer.respond_by is None:
            continue
        if offer.respond_by > today + timedelta(days=settings.offer_days):
            continue
        if _closed(offer.opportunity_id, by_id):
            continue
        if offer.respond_by < today:
            text = (
                f"Reply to the offer from {offer.opportunity}: it was due {offer.respond_by} "
                f"({_when(offer.respond_by, today)}); accept or decline"
            )
        else:
            text = (
                f"Reply to the offer from {offer.opportunity} by {offer.respond_by} "
                f"({_when(offer.respond_by, today)}); accept or decline"
            )
        found.append(
            _reminder(
                f"offer:{offer.id}:{offer.respond_by.isoformat()}",
                "offer",
                offer.respond_by,
                text,
                opportunity=offer.opportunity,
                opportunity_id=offer.opportunity_id,
            )
        )
    return found


def tell_reminders(tells: Iterable[TellFacts]) -> list[Reminder]:
    """After a decision, whom to tell (due the day of the decision, until a message is sent to them):
    the contact of each opportunity whose offer was declined ("offer": send the polite decline,
    `m` drafts it), and each letter writer once an offer was accepted ("letter": thank a writer who
    wrote a letter and tell them where you are going; tell one only asked for a letter the news)."""
    found: list[Reminder] = []
    for tell in tells:
        if tell.kind == "decline":
            found.append(_reminder(
                f"decline:opp:{tell.opportunity_id}:{tell.since.isoformat()}", "offer", tell.since,
                f"Send {tell.person} the polite decline for {tell.opportunity} (declined {tell.since})",
                person=tell.person, opportunity=tell.opportunity, person_id=tell.person_id,
                opportunity_id=tell.opportunity_id,
            ))
        else:
            thank = tell.kind == "thank"
            text = (f"Thank {tell.person} for the letters and tell them you accepted {tell.opportunity}" if thank
                    else f"Tell {tell.person} you accepted {tell.opportunity} (asked for a letter, none written)")
            found.append(_reminder(
                f"{'thank' if thank else 'tell'}-writer:person:{tell.person_id}:{tell.opportunity_id}:"
                f"{tell.since.isoformat()}", "letter", tell.since, text,
                person=tell.person, opportunity=tell.opportunity, person_id=tell.person_id,
                opportunity_id=tell.opportunity_id,
            ))
    return found


def keep_in_touch_reminders(people: Iterable[PersonFacts], *, today: date) -> list[Reminder]:
    """Due `keep_in_touch_days` after the last interaction (or after the person was added)."""
    found: list[Reminder] = []
    for person in people:
        if person.keep_in_touch_days <= 0:
            continue
        since = person.last_interaction_on or person.added_on
        what = "last contact" if person.last_interaction_on else "no contact logged since added on"
        text = f"Keep in touch with {person.name}: {what} {since} ({_when(since, today)})"
        found.append(
            _reminder(
                f"keep-in-touch:person:{person.id}:{since.isoformat()}",
                "keep-in-touch",
                since + timedelta(days=person.keep_in_touch_days),
                text,
                person=person.name,
                person_id=person.id,
            )
        )
    return found


def eligibility_reminders(
    opportunities: Iterable[OpportunityFacts], profile_gpa: Gpa | None, *, today: date
) -> list[Reminder]:
    """A warning (never a block) for programs not applied to yet whose GPA cut-off is above yours."""
    found: list[Reminder] = []
    for opp in opportunities:
        if opp.kind != "program" or opp.min_gpa is None or opp.stage not in PRE_APPLICATION_STAGES:
            continue
        warning = eligibility_warning(profile_gpa, opp.min_gpa, what=opp.title)
        if warning is None:
            continue
        found.append(
            _reminder(
                f"eligibility:opp:{opp.id}",
                "eligibility",
                opp.deadline or today,
                warning,
                person=opp.contact,
                opportunity=opp.title,
                opportunity_id=opp.id,
            )
        )
    return found


def manual_reminders(manual: Iterable[ManualFacts]) -> list[Reminder]:
    """Reminders set by hand, due when the student said."""
    return [
        _reminder(
            f"manual:{item.id}",
            "manual",
            item.due,
            item.text,
            person=item.person,
            opportunity=item.opportunity,
        )
        for item in manual
    ]
