"""The follow-up / no-response rule, on threads built from hand-written message histories."""

from __future__ import annotations

from datetime import date

from tracker.domain.reminders import (
    Message,
    OpportunityFacts,
    Reminder,
    Settings,
    follow_up_reminders,
    threads_from_messages,
)

LAB = OpportunityFacts(7, "Computer Vision Lab, GIST", "outreach", "contacted", deadline=None)
CLOSED = OpportunityFacts(8, "Video Analytics Lab, IISc", "outreach", "no-response", deadline=None)
BY_ID = {LAB.id: LAB, CLOSED.id: CLOSED}


def msg(
    id: int,
    on: date,
    *,
    direction: str = "sent",
    channel: str = "email",
    opp: OpportunityFacts | None = LAB,
    follow_up_on: date | None = None,
    person_id: int = 1,
    person: str = "Dr. Kim",
) -> Message:
    return Message(
        id=id,
        person_id=person_id,
        person=person,
        opportunity_id=opp.id if opp else None,
        opportunity=opp.title if opp else None,
        channel=channel,
        direction=direction,
        on=on,
        follow_up_on=follow_up_on,
    )


def run(*messages: Message, settings: Settings = Settings()) -> list[Reminder]:
    return follow_up_reminders(threads_from_messages(messages), BY_ID, settings=settings)


def test_email_follow_up_due_a_week_after_sending() -> None:
    [reminder] = run(msg(1, date(2026, 10, 1)))
    assert reminder.kind == "follow-up"
    assert reminder.due == date(2026, 10, 8)
    assert reminder.key == "follow-up:msg:1"
    assert reminder.message == (
        "Follow up with Dr. Kim about Computer Vision Lab, GIST "
        "(email sent 2026-10-01, no reply; follow-up 1 of 2)"
    )
    assert (reminder.person, reminder.person_id) == ("Dr. Kim", 1)
    assert (reminder.opportunity, reminder.opportunity_id) == ("Computer Vision Lab, GIST", 7)


def test_linkedin_follow_up_due_five_days_after_sending() -> None:
    [reminder] = run(msg(1, date(2026, 10, 1), channel="linkedin"))
    assert reminder.due == date(2026, 10, 6)
    assert "LinkedIn message sent 2026-10-01" in reminder.message


def test_intervals_come_from_settings() -> None:
    settings = Settings(follow_up_email_days=10, follow_up_linkedin_days=3)
    assert run(msg(1, date(2026, 10, 1)), settings=settings)[0].due == date(2026, 10, 11)
    assert run(msg(1, date(2026, 10, 1), channel="linkedin"), settings=settings)[0].due == date(2026, 10, 4)


def test_explicit_follow_up_date_wins() -> None:
    [reminder] = run(msg(1, date(2026, 10, 1), follow_up_on=date(2026, 10, 20)))
    assert reminder.due == date(2026, 10, 20)
    [reminder] = run(msg(1, date(2026, 10, 1), channel="linkedin", follow_up_on=date(2026, 10, 2)))
    assert reminder.due == date(2026, 10, 2)


def test_other_channels_only_with_an_explicit_follow_up_date() -> None:
    assert run(msg(1, date(2026, 10, 1), channel="call")) == []
    assert run(msg(1, date(2026, 10, 1), channel="portal")) == []
    [reminder] = run(msg(1, date(2026, 10, 1), channel="meeting", follow_up_on=date(2026, 10, 15)))
    assert reminder.due == date(2026, 10, 15)
    assert "meeting on 2026-10-01" in reminder.message


def test_a_reply_clears_it() -> None:
    assert run(msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 3), direction="received")) == []


def test_a_reply_on_any_channel_clears_it() -> None:
    history = (msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 2), channel="linkedin", direction="received"))
    assert run(*history) == []


def test_a_second_message_restarts_the_clock() -> None:
    [reminder] = run(msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 8), channel="linkedin"))
    assert reminder.kind == "follow-up"
    assert reminder.key == "follow-up:msg:2"
    assert reminder.due == date(2026, 10, 13)
    assert "follow-up 2 of 2" in reminder.message


def test_only_messages_after_the_last_reply_count() -> None:
    history = (
        msg(1, date(2026, 8, 1)),
        msg(2, date(2026, 8, 8)),
        msg(3, date(2026, 8, 15)),
        msg(4, date(2026, 8, 20), direction="received"),
        msg(5, date(2026, 9, 1)),
    )
    [reminder] = run(*history)
    assert reminder.kind == "follow-up"
    assert reminder.key == "follow-up:msg:5"
    assert "follow-up 1 of 2" in reminder.message


def test_after_two_unanswered_follow_ups_it_becomes_no_response() -> None:
    history = (msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 8)), msg(3, date(2026, 10, 15)))
    [reminder] = run(*history)
    assert reminder.kind == "no-response"
    assert reminder.key == "no-response:msg:3"
    assert reminder.due == date(2026, 10, 22)
    assert reminder.message == (
        "No answer from Dr. Kim after 2 follow-ups: mark 'Computer Vision Lab, GIST' as no-response?"
    )


def test_a_thread_reopened_counts_its_follow_ups_afresh() -> None:
    """Cold after two follow-ups, marked no-response, then a new e-mail in January reopened it."""
    reopened = OpportunityFacts(7, LAB.title, "outreach", "contacted", deadline=None, reopened_on=date(2027, 1, 5))
    history = (msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 8)), msg(3, date(2026, 10, 15)),
               msg(4, date(2027, 1, 5)))
    [reminder] = follow_up_reminders(threads_from_messages(history), {7: reopened})
    assert (reminder.kind, reminder.due) == ("follow-up", date(2027, 1, 12))
    assert "follow-up 1 of 2" in reminder.message


def test_no_response_without_an_opportunity_suggests_the_thread_is_cold() -> None:
    history = [msg(i, date(2026, 10, i), opp=None) for i in (1, 2, 3)]
    [reminder] = run(*history)
    assert reminder.kind == "no-response"
    assert reminder.message == "No answer from Dr. Kim after 2 follow-ups: consider the thread cold"
    assert reminder.opportunity is None


def test_max_follow_ups_comes_from_settings() -> None:
    history = (msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 8)))
    [reminder] = run(*history, settings=Settings(max_follow_ups=1))
    assert reminder.kind == "no-response"
    assert "after 1 follow-up:" in reminder.message


def test_closed_opportunity_gives_nothing() -> None:
    assert run(msg(1, date(2026, 10, 1), opp=CLOSED)) == []
    history = [msg(i, date(2026, 10, i), opp=CLOSED) for i in (1, 2, 3)]
    assert run(*history) == []


def test_a_previous_closed_round_does_not_count_as_follow_ups() -> None:
    history = (
        msg(1, date(2026, 8, 1), opp=CLOSED),
        msg(2, date(2026, 8, 8), opp=CLOSED),
        msg(3, date(2026, 8, 15), opp=CLOSED),
        msg(4, date(2026, 11, 1), opp=LAB),
    )
    [reminder] = run(*history)
    assert reminder.kind == "follow-up"
    assert "follow-up 1 of 2" in reminder.message
    assert reminder.opportunity == LAB.title


def test_follow_up_without_an_opportunity_keeps_the_earlier_one() -> None:
    [reminder] = run(msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 8), opp=None))
    assert reminder.opportunity_id == LAB.id
    assert reminder.opportunity == LAB.title


def test_opportunity_title_falls_back_to_the_opportunity_facts() -> None:
    message = Message(1, 1, "Dr. Kim", LAB.id, None, "email", "sent", date(2026, 10, 1))
    [reminder] = follow_up_reminders(threads_from_messages([message]), BY_ID)
    assert reminder.opportunity == LAB.title


def test_one_reminder_per_person() -> None:
    history = (
        msg(1, date(2026, 10, 1)),
        msg(2, date(2026, 10, 2), person_id=2, person="Priya (PhD student)", channel="linkedin", opp=None),
        msg(3, date(2026, 10, 3), person_id=3, person="Dr. Tan", direction="received"),
    )
    reminders = run(*history)
    assert sorted((r.person, r.due) for r in reminders) == [
        ("Dr. Kim", date(2026, 10, 8)),
        ("Priya (PhD student)", date(2026, 10, 7)),
    ]
    assert "Follow up with Priya (PhD student) (LinkedIn" in reminders[1].message


def test_a_move_to_an_answer_stage_answers_what_was_sent_by_that_day() -> None:
    """A status sheet's "Responded" (or `tracker move X replied`) records an answer without its message."""
    from dataclasses import replace

    answered = replace(LAB, stage="replied", answered_on=date(2026, 10, 1))
    by_id = {LAB.id: answered}
    assert follow_up_reminders(threads_from_messages([msg(1, date(2026, 10, 1))]), by_id) == []
    # What is sent after the answer waits for a new one, counted from scratch.
    [later] = follow_up_reminders(threads_from_messages([msg(1, date(2026, 10, 1)), msg(2, date(2026, 10, 5))]),
                                  by_id)
    assert (later.key, later.due) == ("follow-up:msg:2", date(2026, 10, 12))
    assert "follow-up 1 of 2" in later.message
    # Applying is the student's step, not an answer: no answered_on, the follow-up stays.
    [applied] = follow_up_reminders(threads_from_messages([msg(1, date(2026, 10, 1))]),
                                    {LAB.id: replace(LAB, stage="applied")})
    assert applied.key == "follow-up:msg:1"
