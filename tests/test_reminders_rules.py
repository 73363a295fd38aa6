"""The date-driven rules: deadline, letters, interview, offer, keep in touch, eligibility, manual."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.domain.gpa import parse_gpa
from tracker.domain.reminders import (
    InterviewFacts,
    LetterFacts,
    ManualFacts,
    OfferFacts,
    OpportunityFacts,
    PersonFacts,
    Settings,
    deadline_reminders,
    eligibility_reminders,
    interview_reminders,
    keep_in_touch_reminders,
    letter_reminders,
    manual_reminders,
    offer_reminders,
)

TODAY = date(2026, 11, 22)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def opp(
    id: int = 1,
    *,
    stage: str = "shortlisted",
    deadline: date | None = None,
    kind: str = "program",
    letters: int = 0,
    min_gpa: str | None = None,
    title: str = "DAAD WISE",
) -> OpportunityFacts:
    return OpportunityFacts(
        id=id,
        title=title,
        kind=kind,
        stage=stage,
        deadline=deadline,
        letters_required=letters,
        min_gpa=parse_gpa(min_gpa) if min_gpa else None,
        contact="Dr. Weber",
    )


# deadline


def test_deadline_fourteen_days_in_is_shown_fifteen_is_not() -> None:
    [reminder] = deadline_reminders([opp(deadline=days(14))], today=TODAY)
    assert reminder.kind == "deadline"
    assert reminder.due == days(14)
    assert reminder.key == "deadline:opp:1:2026-12-06"
    assert reminder.message == "Deadline for DAAD WISE: 2026-12-06 (in 14 days), not applied yet"
    assert reminder.status(TODAY) == "upcoming"
    assert deadline_reminders([opp(deadline=days(15))], today=TODAY) == []


def test_deadline_passed_is_overdue() -> None:
    [reminder] = deadline_reminders([opp(deadline=days(-2))], today=TODAY)
    assert reminder.status(TODAY) == "overdue"
    assert "passed 2 days ago" in reminder.message


def test_deadline_today() -> None:
    [reminder] = deadline_reminders([opp(deadline=TODAY)], today=TODAY)
    assert "(today)" in reminder.message and reminder.status(TODAY) == "today"


@pytest.mark.parametrize("stage", ["applied", "interviewing", "offered", "rejected", "withdrawn"])
def test_deadline_not_shown_once_applied_or_closed(stage: str) -> None:
    assert deadline_reminders([opp(stage=stage, deadline=days(3))], today=TODAY) == []


def test_no_deadline_no_reminder_and_window_from_settings() -> None:
    assert deadline_reminders([opp(deadline=None)], today=TODAY) == []
    assert deadline_reminders([opp(deadline=days(20))], today=TODAY, settings=Settings(deadline_days=30))


# letters


def letter(id: int, writer_id: int, writer: str, status: str, opportunity_id: int = 1) -> LetterFacts:
    return LetterFacts(id, opportunity_id, writer_id, writer, status)


def test_letters_alert_writers_at_twenty_one_days_not_twenty_two() -> None:
    posting = opp(kind="posting", stage="applied", letters=2, deadline=days(21), title="Research Intern, ML")
    letters = [letter(1, 10, "Prof. Rao", "not-asked"), letter(2, 11, "Dr. Sen", "agreed")]
    [reminder] = letter_reminders([posting], letters, today=TODAY)
    assert reminder.kind == "letter"
    assert reminder.key == "letter-alert:1"
    assert reminder.due == days(21)
    assert reminder.message.startswith(
        "Alert Prof. Rao about the letter for Research Intern, ML (deadline 2026-12-13"
    )
    assert (reminder.person, reminder.person_id) == ("Prof. Rao", 10)
    later = opp(kind="posting", stage="applied", letters=2, deadline=days(22))
    assert letter_reminders([later], letters, today=TODAY) == []


def test_letters_too_few_writers_listed() -> None:
    posting = opp(letters=2, deadline=days(10), title="Research Intern, ML")
    [reminder] = letter_reminders([posting], [letter(1, 10, "Prof. Rao", "agreed")], today=TODAY)
    assert reminder.key == "letter-writers:opp:1:2"
    assert "Research Intern, ML needs 2 letters, only 1 writer listed" in reminder.message
    [none_listed] = letter_reminders([posting], [], today=TODAY)
    assert "only 0 writers listed" in none_listed.message


def test_letters_chase_submission_at_seven_days_not_eight() -> None:
    letters = [
        letter(1, 10, "Prof. Rao", "alerted"),
        letter(2, 11, "Dr. Sen", "requested"),
        letter(3, 12, "Dr. Iyer", "submitted"),
        letter(4, 13, "Dr. Das", "thanked"),
        letter(5, 14, "Dr. Roy", "agreed"),
    ]
    posting = opp(stage="applied", letters=2, deadline=days(7))
    reminders = letter_reminders([posting], letters, today=TODAY)
    assert sorted(r.key for r in reminders) == ["letter-submit:1", "letter-submit:2", "letter-submit:5"]
    assert all(r.due == days(7) for r in reminders)
    by_key = {r.key: r.message for r in reminders}
    assert by_key["letter-submit:2"].startswith(
        "Letter from Dr. Sen for DAAD WISE not submitted yet (requested"
    )
    assert letter_reminders([opp(stage="applied", letters=2, deadline=days(8))], letters, today=TODAY) == []


def test_letters_ignore_closed_no_deadline_no_letters_and_other_opportunities() -> None:
    mine = [letter(1, 10, "Prof. Rao", "not-asked")]
    assert letter_reminders([opp(stage="withdrawn", letters=1, deadline=days(3))], mine, today=TODAY) == []
    assert letter_reminders([opp(letters=1, deadline=None)], mine, today=TODAY) == []
    assert letter_reminders([opp(letters=0, deadline=days(3))], mine, today=TODAY) == []
    other = [letter(1, 10, "Prof. Rao", "not-asked", opportunity_id=2)]
    [reminder] = letter_reminders([opp(letters=1, deadline=days(3))], other, today=TODAY)
    assert reminder.key == "letter-writers:opp:1:1"


# interview


def interview(on: date, id: int = 3) -> InterviewFacts:
    return InterviewFacts(
        id=id,
        opportunity_id=1,
        opportunity="Rapid Object Search Lab, NTU",
        on=on,
        when_text=f"{on:%a %Y-%m-%d} 10:30 IST (13:00 SGT)",
        with_person="Dr. Tan",
        format="present one of the professor's papers",
    )


def test_interview_today_and_in_two_days_not_in_three_or_yesterday() -> None:
    [today] = interview_reminders([interview(TODAY)], today=TODAY)
    assert today.kind == "interview" and today.key == "interview:3" and today.due == TODAY
    assert today.message == (
        "Interview today for Rapid Object Search Lab, NTU: Sun 2026-11-22 10:30 IST (13:00 SGT), "
        "with Dr. Tan; format: present one of the professor's papers"
    )
    [soon] = interview_reminders([interview(days(2))], today=TODAY)
    assert "in 2 days" in soon.message
    assert interview_reminders([interview(days(3)), interview(days(-1))], today=TODAY) == []


def test_interview_of_a_withdrawn_opportunity_is_not_shown() -> None:
    by_id = {1: opp(stage="withdrawn")}
    assert interview_reminders([interview(TODAY)], by_id, today=TODAY) == []


# offer


def offer(respond_by: date | None, decision: str = "pending", id: int = 4) -> OfferFacts:
    return OfferFacts(id, 1, "NTU Singapore", respond_by=respond_by, decision=decision)


def test_offer_pending_within_seven_days() -> None:
    [reminder] = offer_reminders([offer(days(7))], today=TODAY)
    assert reminder.kind == "offer"
    assert reminder.key == "offer:4:2026-11-29"
    assert reminder.due == days(7)
    assert "offer from NTU Singapore by 2026-11-29" in reminder.message
    assert offer_reminders([offer(days(8))], today=TODAY) == []


def test_offer_passed_is_overdue() -> None:
    [reminder] = offer_reminders([offer(days(-1))], today=TODAY)
    assert reminder.status(TODAY) == "overdue" and "1 day ago" in reminder.message


@pytest.mark.parametrize("decision", ["accepted", "declined"])
def test_offer_decided_is_not_shown(decision: str) -> None:
    assert offer_reminders([offer(days(1), decision)], today=TODAY) == []


def test_offer_without_respond_by_or_on_a_closed_opportunity() -> None:
    assert offer_reminders([offer(None)], today=TODAY) == []
    assert offer_reminders([offer(days(1))], {1: opp(stage="accepted")}, today=TODAY) == []


# keep in touch


def test_keep_in_touch_from_last_interaction() -> None:
    person = PersonFacts(5, "Prof. Lee", 90, last_interaction_on=date(2026, 8, 3), added_on=date(2026, 6, 1))
    [reminder] = keep_in_touch_reminders([person], today=TODAY)
    assert reminder.kind == "keep-in-touch"
    assert reminder.due == date(2026, 11, 1)
    assert reminder.key == "keep-in-touch:person:5:2026-08-03"
    assert reminder.message == "Keep in touch with Prof. Lee: last contact 2026-08-03 (111 days ago)"
    assert (reminder.person, reminder.person_id) == ("Prof. Lee", 5)


def test_keep_in_touch_from_added_on_when_never_contacted() -> None:
    person = PersonFacts(5, "Prof. Lee", 30, last_interaction_on=None, added_on=date(2026, 11, 1))
    [reminder] = keep_in_touch_reminders([person], today=TODAY)
    assert reminder.due == date(2026, 12, 1)
    assert reminder.key == "keep-in-touch:person:5:2026-11-01"
    assert "no contact logged since added on 2026-11-01" in reminder.message


# eligibility


@pytest.mark.parametrize(("profile", "cutoff"), [("7.1/10", "8/10"), ("3.0/4", "8/10"), ("72%", "3.2/4")])
def test_eligibility_warns_below_the_cutoff_across_scales(profile: str, cutoff: str) -> None:
    program = opp(min_gpa=cutoff, deadline=days(40))
    [reminder] = eligibility_reminders([program], parse_gpa(profile), today=TODAY)
    assert reminder.kind == "eligibility"
    assert reminder.key == "eligibility:opp:1"
    assert reminder.due == days(40)
    assert reminder.message.startswith(f"Your GPA {parse_gpa(profile)} is below the cut-off")
    assert "for DAAD WISE" in reminder.message and "you can still apply" in reminder.message


def test_eligibility_due_today_without_deadline() -> None:
    [reminder] = eligibility_reminders([opp(min_gpa="8/10")], parse_gpa("7/10"), today=TODAY)
    assert reminder.due == TODAY


@pytest.mark.parametrize(
    "facts",
    [
        opp(min_gpa="8/10", kind="posting"),
        opp(min_gpa="8/10", stage="applied"),
        opp(min_gpa=None),
        opp(min_gpa="3.2/4"),  # 3.6/4 meets 3.2/4
        opp(min_gpa="8/10"),  # 3.6/4 = 9/10 meets 8/10
    ],
)
def test_eligibility_silent_when_it_does_not_apply(facts: OpportunityFacts) -> None:
    assert eligibility_reminders([facts], parse_gpa("3.6/4"), today=TODAY) == []


def test_eligibility_silent_without_a_profile_gpa() -> None:
    assert eligibility_reminders([opp(min_gpa="8/10")], None, today=TODAY) == []


# manual


def test_manual() -> None:
    item = ManualFacts(id=9, text="Send the paper draft to Dr. Kim", due=days(3), person="Dr. Kim")
    [reminder] = manual_reminders([item])
    assert (reminder.kind, reminder.key, reminder.due) == ("manual", "manual:9", days(3))
    assert reminder.message == "Send the paper draft to Dr. Kim"
    assert reminder.person == "Dr. Kim" and reminder.opportunity is None
