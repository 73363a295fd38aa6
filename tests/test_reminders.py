"""Reminder identity, threads, and compute_reminders: snooze, dismiss, horizon and order."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.gpa import Gpa
from tracker.domain.reminders import (
    Inputs,
    InterviewFacts,
    ManualFacts,
    Message,
    OpportunityFacts,
    Reminder,
    ReminderState,
    compute_reminders,
    reminder_id,
    threads_from_messages,
)
from tracker.domain.vocab import CHANNELS, DIRECTIONS, KINDS, REMINDER_KINDS, STAGES

TODAY = date(2026, 11, 22)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def sent(
    id: int, on: date, *, person_id: int = 1, direction: str = "sent", channel: str = "email"
) -> Message:
    return Message(id, person_id, f"Person {person_id}", None, None, channel, direction, on)


def manual(id: int, due: date, text: str = "Check the portal") -> ManualFacts:
    return ManualFacts(id=id, text=text, due=due)


# identity and status


def test_reminder_id_is_the_first_six_hex_chars_of_sha1() -> None:
    assert reminder_id("follow-up:msg:12") == hashlib.sha1(b"follow-up:msg:12").hexdigest()[:6]
    assert len(reminder_id("x")) == 6
    [reminder] = compute_reminders(Inputs(manual=[manual(1, TODAY)]), today=TODAY)
    assert reminder.id == reminder_id("manual:1")


def test_status() -> None:
    reminder = Reminder("manual:1", reminder_id("manual:1"), "manual", TODAY, "x", None, None)
    assert reminder.status(days(1)) == "overdue"
    assert reminder.status(TODAY) == "today"
    assert reminder.status(days(-1)) == "upcoming"


# threads


def test_threads_group_by_person_and_split_at_the_last_reply() -> None:
    messages = [
        sent(4, date(2026, 10, 9)),
        sent(1, date(2026, 10, 1)),
        sent(2, date(2026, 10, 5), direction="received"),
        sent(3, date(2026, 10, 3)),
        sent(5, date(2026, 10, 2), person_id=2),
    ]
    first, second = threads_from_messages(messages)
    assert first.person_id == 1 and first.last_received_on == date(2026, 10, 5)
    assert [m.id for m in first.unanswered] == [4]
    assert second.person_id == 2 and second.last_received_on is None
    assert [m.id for m in second.unanswered] == [5]


def test_threads_same_day_is_ordered_by_id() -> None:
    same_day = date(2026, 10, 1)
    messages = [sent(3, same_day), sent(2, same_day, direction="received"), sent(1, same_day)]
    [thread] = threads_from_messages(messages)
    assert [m.id for m in thread.unanswered] == [3]
    later = [sent(5, same_day), sent(4, same_day), sent(1, same_day, direction="received")]
    assert [m.id for m in threads_from_messages(later)[0].unanswered] == [4, 5]


def test_threads_with_only_replies_have_nothing_unanswered() -> None:
    [thread] = threads_from_messages([sent(1, TODAY, direction="received")])
    assert thread.unanswered == () and thread.last_received_on == TODAY
    assert threads_from_messages([]) == []


messages_strategy = st.lists(
    st.builds(
        lambda person_id, on, direction, channel: (person_id, on, direction, channel),
        st.integers(1, 3),
        st.dates(date(2026, 9, 1), date(2026, 9, 10)),
        st.sampled_from(DIRECTIONS),
        st.sampled_from(CHANNELS),
    ),
    max_size=25,
).map(
    lambda rows: [
        Message(i, p, f"Person {p}", None, None, channel, direction, on)
        for i, (p, on, direction, channel) in enumerate(rows, start=1)
    ]
)


@given(messages_strategy)
def test_unanswered_is_exactly_the_sent_after_the_last_received(messages: list[Message]) -> None:
    threads = {t.person_id: t for t in threads_from_messages(messages)}
    assert set(threads) == {m.person_id for m in messages}
    for person_id, thread in threads.items():
        mine = [m for m in messages if m.person_id == person_id]
        received = [m for m in mine if m.direction == "received"]
        expected = [
            m
            for m in mine
            if m.direction == "sent" and all((r.on, r.id) < (m.on, m.id) for r in received)
        ]
        assert list(thread.unanswered) == sorted(expected, key=lambda m: (m.on, m.id))
        assert thread.last_received_on == (max(r.on for r in received) if received else None)


# compute: snooze and dismiss


def follow_up_inputs(*states: ReminderState) -> Inputs:
    return Inputs(threads=threads_from_messages([sent(1, date(2026, 11, 13))]), states=states)  # due 11-20


def test_follow_up_shows_through_compute() -> None:
    [reminder] = compute_reminders(follow_up_inputs(), today=TODAY)
    assert reminder.key == "follow-up:msg:1" and reminder.due == date(2026, 11, 20)
    assert reminder.status(TODAY) == "overdue"


def test_snooze_hides_then_returns_with_the_new_due() -> None:
    inputs = follow_up_inputs(ReminderState("follow-up:msg:1", snoozed_until=days(3)))
    assert compute_reminders(inputs, today=TODAY) == []
    assert compute_reminders(inputs, today=days(2)) == []
    [back] = compute_reminders(inputs, today=days(3))
    assert back.due == days(3) and back.status(days(3)) == "today"
    [later] = compute_reminders(inputs, today=days(5))
    assert later.due == days(3) and later.status(days(5)) == "overdue"


def test_snooze_ending_before_the_due_date_keeps_the_due_date() -> None:
    inputs = Inputs(manual=[manual(1, days(4))], states=[ReminderState("manual:1", snoozed_until=days(-1))])
    [reminder] = compute_reminders(inputs, today=TODAY)
    assert reminder.due == days(4)


def test_dismiss_hides_forever_but_a_new_follow_up_is_a_new_reminder() -> None:
    state = ReminderState("follow-up:msg:1", dismissed=True)
    for today in (TODAY, days(30), days(400)):
        assert compute_reminders(follow_up_inputs(state), today=today, within_days=1000) == []
    again = threads_from_messages([sent(1, date(2026, 11, 13)), sent(2, date(2026, 11, 15))])
    [reminder] = compute_reminders(Inputs(threads=again, states=[state]), today=TODAY)
    assert reminder.key == "follow-up:msg:2"


def test_a_changed_deadline_is_a_new_reminder() -> None:
    old = ReminderState(f"deadline:opp:1:{days(5).isoformat()}", dismissed=True)
    moved = OpportunityFacts(1, "MITACS Globalink", "program", "shortlisted", days(10))
    [reminder] = compute_reminders(Inputs(opportunities=[moved], states=[old]), today=TODAY)
    assert reminder.kind == "deadline" and reminder.due == days(10)


# compute: horizon


def test_within_limits_manual_and_follow_up_and_widens() -> None:
    inputs = Inputs(manual=[manual(1, days(7)), manual(2, days(8)), manual(3, days(30))])
    assert [r.key for r in compute_reminders(inputs, today=TODAY)] == ["manual:1"]
    assert [r.key for r in compute_reminders(inputs, today=TODAY, within_days=8)] == ["manual:1", "manual:2"]
    assert len(compute_reminders(inputs, today=TODAY, within_days=30)) == 3
    assert [r.key for r in compute_reminders(inputs, today=TODAY, within_days=0)] == []


def test_rule_windows_apply_even_when_within_is_shorter() -> None:
    deadline = OpportunityFacts(1, "SURF-Caltech", "program", "shortlisted", days(14))
    [reminder] = compute_reminders(Inputs(opportunities=[deadline]), today=TODAY, within_days=1)
    assert reminder.kind == "deadline"


def test_within_widens_the_rule_windows() -> None:
    far = OpportunityFacts(1, "SURF-Caltech", "program", "shortlisted", days(25))
    talk = InterviewFacts(1, 2, "GIST", days(5), "Fri 2026-11-27 10:00 KST")
    inputs = Inputs(opportunities=[far], interviews=[talk])
    assert [r.kind for r in compute_reminders(inputs, today=TODAY, within_days=1)] == []
    wide = compute_reminders(inputs, today=TODAY, within_days=30)
    assert [r.kind for r in wide] == ["interview", "deadline"]


def test_eligibility_is_always_shown_while_it_applies() -> None:
    program = OpportunityFacts(1, "DAAD WISE", "program", "shortlisted", days(120), min_gpa=Gpa(8, 10))
    inputs = Inputs(opportunities=[program], profile_gpa=Gpa(7.1, 10))
    [reminder] = compute_reminders(inputs, today=TODAY)
    assert reminder.kind == "eligibility" and reminder.due == days(120)


# compute: order and duplicates


def test_sorted_overdue_first_then_due_then_kind_then_message() -> None:
    opportunity = OpportunityFacts(1, "NTU India Connect", "program", "contacted", days(2))
    inputs = Inputs(
        opportunities=[opportunity],
        manual=[manual(1, days(2), "b"), manual(2, days(2), "a"), manual(3, days(-3)), manual(4, TODAY)],
        threads=threads_from_messages([sent(9, days(-10))]),  # follow-up due 3 days ago
    )
    reminders = compute_reminders(inputs, today=TODAY)
    assert [(r.kind, r.due, r.message[:1]) for r in reminders] == [
        ("follow-up", days(-3), "F"),
        ("manual", days(-3), "C"),
        ("manual", TODAY, "C"),
        ("deadline", days(2), "D"),
        ("manual", days(2), "a"),
        ("manual", days(2), "b"),
    ]
    assert [r.status(TODAY) for r in reminders][:3] == ["overdue", "overdue", "today"]


def test_no_duplicate_keys() -> None:
    inputs = Inputs(manual=[manual(1, TODAY, "one"), manual(1, TODAY, "same id again")])
    assert [r.message for r in compute_reminders(inputs, today=TODAY)] == ["one"]


# compute: property


opportunities_strategy = st.lists(
    st.builds(
        OpportunityFacts,
        id=st.integers(1, 3),
        title=st.sampled_from(["MITACS", "DAAD WISE", "GIST CV Lab"]),
        kind=st.sampled_from(KINDS),
        stage=st.sampled_from(STAGES),
        deadline=st.none() | st.dates(date(2026, 11, 1), date(2027, 1, 31)),
        letters_required=st.integers(0, 2),
        min_gpa=st.none() | st.sampled_from([Gpa(8, 10), Gpa(3.0, 4)]),
    ),
    max_size=3,
    unique_by=lambda o: o.id,
)


@given(
    messages=messages_strategy,
    opportunities=opportunities_strategy,
    manual_dues=st.lists(st.dates(date(2026, 11, 1), date(2027, 1, 31)), max_size=4),
    today=st.dates(date(2026, 9, 1), date(2027, 1, 31)),
    within=st.integers(0, 120),
    data=st.data(),
)
def test_compute_never_returns_a_dismissed_key(
    messages: list[Message],
    opportunities: list[OpportunityFacts],
    manual_dues: list[date],
    today: date,
    within: int,
    data: st.DataObject,
) -> None:
    base = Inputs(
        threads=threads_from_messages(messages),
        opportunities=opportunities,
        manual=[manual(i, due) for i, due in enumerate(manual_dues)],
        profile_gpa=Gpa(7.1, 10),
    )
    everything = compute_reminders(base, today=today, within_days=1000)
    keys = [r.key for r in everything]
    assert len(keys) == len(set(keys))
    dismissed = data.draw(st.sets(st.sampled_from(keys)) if keys else st.just(set()))
    states = [ReminderState(key, dismissed=True) for key in dismissed]
    shown = compute_reminders(replace(base, states=states), today=today, within_days=within)
    assert not {r.key for r in shown} & dismissed
    assert all(r.kind in REMINDER_KINDS for r in shown)
    order = [(r.due, REMINDER_KINDS.index(r.kind), r.message) for r in shown]
    assert order == sorted(order)
