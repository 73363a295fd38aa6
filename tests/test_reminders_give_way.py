"""The TUI's agenda reads its reminders giving way now and then (to stop once its user went elsewhere):
the reminders are the same as without, however many threads."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.reminders import GIVE_WAY_EVERY, Inputs, Message, OpportunityFacts, Thread, compute_reminders

TODAY = date(2026, 11, 22)


def _threads(count: int) -> list[Thread]:
    threads = []
    for person_id in range(1, count + 1):
        sent = [Message(person_id * 10 + k, person_id, f"Person {person_id}", person_id % 7 or None, None,
                        "email" if k % 2 else "linkedin", "sent", TODAY - timedelta(days=3 + 11 * k + person_id % 13))
                for k in range(person_id % 4)]
        threads.append(Thread(person_id, f"Person {person_id}", None, tuple(sorted(sent, key=lambda m: (m.on, m.id)))))
    return threads


def test_the_reminders_are_the_same_when_read_giving_way() -> None:
    opportunities = [OpportunityFacts(i, f"Lab {i}", "outreach", "withdrawn" if i == 3 else "contacted", None)
                     for i in range(1, 7)]
    inputs = Inputs(threads=_threads(2 * GIVE_WAY_EVERY + 17), opportunities=opportunities)
    calls: list[int] = []
    given = compute_reminders(inputs, today=TODAY, within_days=30, give_way=lambda: calls.append(1))
    assert given == compute_reminders(inputs, today=TODAY, within_days=30)
    assert len(given) > GIVE_WAY_EVERY
    assert len(calls) >= 4  # three slices of threads, then the other rules
