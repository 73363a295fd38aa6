"""The pure statistics: funnel per cycle, threads and replies, rates by channel and role, bars."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.domain.charts import bar, days_text, percent, spark
from tracker.domain.stats import (
    FUNNEL_STEPS,
    MessageFact,
    OpportunityFact,
    StageFact,
    compute_stats,
    funnel,
    pick_cycle,
    stats_json,
    threads,
    weekly_counts,
)
from tracker.domain.errors import InvalidInput

TODAY = date(2026, 11, 22)
D = date(2026, 8, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def opp(id: int, stage: str, cycle: str | None = "Summer 2027", created: int = 0) -> OpportunityFact:
    return OpportunityFact(id, cycle, stage, day(created))


def path(id: int, *stages: str) -> list[StageFact]:
    """A history that went through `stages`, a day apart."""
    return [StageFact(id, stage, day(n)) for n, stage in enumerate(("shortlisted", *stages))]


class Log:
    """Hand-made messages with increasing ids."""

    def __init__(self) -> None:
        self.messages: list[MessageFact] = []

    def add(self, on: int, direction: str, person: int, role: str, channel: str = "email",
            opportunity: int | None = 1, cycle: str | None = "Summer 2027") -> None:
        self.messages.append(MessageFact(len(self.messages) + 1, person, role, channel, direction, day(on),
                                         opportunity, cycle))


# --- funnel -----------------------------------------------------------------------------------------


def test_funnel_counts_how_far_each_opportunity_got() -> None:
    opportunities = [opp(1, "offered"), opp(2, "rejected"), opp(3, "contacted"), opp(4, "shortlisted"),
                     opp(5, "accepted"), opp(6, "no-response")]
    changes = [
        *path(1, "contacted", "replied", "applied", "interviewing", "offered"),
        *path(2, "applied", "rejected"),  # a program: straight to applied, then rejected
        *path(3, "contacted"),
        *path(5, "contacted", "replied", "offered", "accepted"),
        *path(6, "contacted", "no-response"),
    ]
    result = funnel(opportunities, changes, cycle="Summer 2027")
    assert result.opportunities == 6
    # An offer reached without an interview still counts at every step above "offered".
    assert dict(zip(FUNNEL_STEPS, result.counts)) == {
        "contacted": 5, "replied": 3, "applied": 3, "interviewed": 2, "offered": 2,
    }
    steps = result.steps()
    assert steps[0] == ("contacted", 5, 1.0)
    assert steps[1] == ("replied", 3, pytest.approx(0.6))


def test_funnel_is_monotonic_and_uses_the_current_stage_without_history() -> None:
    result = funnel([opp(1, "interviewing"), opp(2, "declined")], [], cycle=None)
    assert result.counts == (2, 2, 2, 2, 1)
    assert list(result.counts) == sorted(result.counts, reverse=True)


def test_empty_funnel_has_no_shares() -> None:
    result = funnel([opp(1, "shortlisted")], [], cycle=None)
    assert result.counts == (0, 0, 0, 0, 0)
    assert result.steps()[2] == ("applied", 0, None)


# --- threads and replies ----------------------------------------------------------------------------


def test_a_thread_is_replied_if_the_person_wrote_back_after_it() -> None:
    log = Log()
    log.add(0, "sent", person=1, role="professor")                      # replied on day 9
    log.add(7, "sent", person=1, role="professor")                      # a follow-up: same thread
    log.add(9, "received", person=1, role="professor", channel="linkedin")  # any channel counts
    log.add(1, "sent", person=2, role="phd-student", channel="linkedin")  # replied on day 3
    log.add(3, "received", person=2, role="phd-student", channel="linkedin")
    log.add(2, "received", person=3, role="postdoc", channel="linkedin")  # they wrote first ...
    log.add(5, "sent", person=3, role="postdoc", channel="linkedin")      # ... this got no answer
    log.add(4, "sent", person=4, role="professor")                      # never answered
    log.add(4, "sent", person=5, role="professor", channel="call")      # not an outreach channel
    found = {(t.person_id, t.channel): t for t in threads(log.messages)}
    assert set(found) == {(1, "email"), (2, "linkedin"), (3, "linkedin"), (4, "email")}
    assert found[(1, "email")].first_sent == day(0) and found[(1, "email")].days_to_reply == 9
    assert found[(2, "linkedin")].days_to_reply == 2
    assert found[(3, "linkedin")].replied_on is None
    assert found[(4, "email")].replied_on is None


def test_a_message_months_later_is_not_the_reply() -> None:
    """Eighty days of silence, then a note on LinkedIn: a new conversation, not the e-mail's reply;
    after a follow-up, an answer within the window counts, timed from the first message."""
    log = Log()
    log.add(0, "sent", person=1, role="professor")
    log.add(80, "received", person=1, role="professor", channel="linkedin")
    log.add(0, "sent", person=2, role="professor")
    log.add(25, "sent", person=2, role="professor")                      # a follow-up
    log.add(50, "received", person=2, role="professor")
    found = {t.person_id: t for t in threads(log.messages)}
    assert found[1].replied_on is None
    assert found[2].days_to_reply == 50


def test_a_reply_the_same_day_counts_only_when_logged_after() -> None:
    log = Log()
    log.add(0, "sent", person=1, role="professor")
    log.add(0, "received", person=1, role="professor")
    log.add(5, "received", person=2, role="professor")
    log.add(5, "sent", person=2, role="professor")
    found = {t.person_id: t for t in threads(log.messages)}
    assert found[1].days_to_reply == 0
    assert found[2].replied_on is None


def test_one_thread_per_person_channel_and_opportunity() -> None:
    log = Log()
    log.add(0, "sent", person=1, role="professor", opportunity=1)
    log.add(30, "sent", person=1, role="professor", opportunity=2, cycle="Winter 2027")  # a new round
    log.add(31, "received", person=1, role="professor", opportunity=2, cycle="Winter 2027")
    found = threads(log.messages)
    # the answer came a day after the new round's message, 31 days after the first round's: it
    # answers the new round only (more than REPLY_WITHIN_DAYS after the first round's last message)
    assert [(t.opportunity_id, t.days_to_reply) for t in found] == [(1, None), (2, 1)]


def make_stats(cycle: str | None = None):  # type: ignore[no-untyped-def]
    opportunities = [opp(1, "replied"), opp(2, "contacted"), opp(3, "applied", cycle="Winter 2028", created=60)]
    changes = [*path(1, "contacted", "replied"), *path(2, "contacted"), *path(3, "applied")]
    log = Log()
    log.add(0, "sent", person=1, role="professor", opportunity=1)
    log.add(10, "received", person=1, role="professor", opportunity=1)
    log.add(1, "sent", person=2, role="phd-student", channel="linkedin", opportunity=1)
    log.add(3, "received", person=2, role="phd-student", channel="linkedin", opportunity=1)
    log.add(2, "sent", person=3, role="professor", opportunity=2)
    log.add(2, "sent", person=4, role="postdoc", channel="linkedin", opportunity=None, cycle=None)
    log.add(6, "received", person=4, role="postdoc", channel="linkedin", opportunity=None, cycle=None)
    log.add(61, "sent", person=5, role="professor", opportunity=3, cycle="Winter 2028")
    return compute_stats(opportunities, changes, log.messages, today=TODAY, cycle=cycle)


def test_rates_by_channel_and_role_and_median_days() -> None:
    stats = make_stats()
    assert stats.cycles == ("Summer 2027", "Winter 2028")
    assert [f.cycle for f in stats.funnels] == ["Summer 2027", "Winter 2028"]
    assert stats.total.counts == (3, 2, 1, 0, 0)
    channels = {r.key: r for r in stats.by_channel}
    assert list(channels) == ["email", "linkedin"]
    assert (channels["email"].threads, channels["email"].replied, channels["email"].median_days) == (3, 1, 10.0)
    assert (channels["linkedin"].threads, channels["linkedin"].replied) == (2, 2)
    assert channels["linkedin"].median_days == 3.0  # 2 and 4 days
    assert channels["email"].rate == pytest.approx(1 / 3)
    roles = {r.key: (r.threads, r.replied) for r in stats.by_role}
    assert list(roles) == ["professor", "phd-student", "postdoc"]  # vocabulary order, empty roles left out
    assert roles == {"professor": (3, 1), "phd-student": (1, 1), "postdoc": (1, 1)}
    assert (stats.overall.threads, stats.overall.replied, stats.overall.median_days) == (5, 3, 4.0)


def test_one_cycle_counts_its_opportunities_and_the_messages_about_them() -> None:
    stats = make_stats("Summer 2027")
    assert [f.cycle for f in stats.funnels] == ["Summer 2027"]
    assert stats.total.opportunities == 2 and stats.total.counts == (2, 1, 0, 0, 0)
    # The postdoc thread (no opportunity) and the Winter thread are left out.
    assert (stats.overall.threads, stats.overall.replied) == (3, 2)
    assert {r.key for r in stats.by_role} == {"professor", "phd-student"}


def test_no_messages_gives_empty_rates_not_errors() -> None:
    stats = compute_stats([], [], [], today=TODAY)
    assert stats.funnels == () and stats.total.opportunities == 0
    assert [(r.key, r.threads, r.rate, r.median_days) for r in stats.by_channel] == [
        ("email", 0, None, None), ("linkedin", 0, None, None)]
    assert stats.by_role == ()
    assert stats_json(stats)["replies"] == {"threads": 0, "replied": 0, "rate": None, "median_days_to_reply": None}


def test_pick_cycle_reads_any_case_and_lists_the_cycles() -> None:
    assert pick_cycle("  summer   2027 ", ["Summer 2027", None]) == "Summer 2027"
    with pytest.raises(InvalidInput, match='no cycle "Winter"; the cycles are "Summer 2027", "Summer 2028"'):
        pick_cycle("Winter", ["Summer 2027", "Summer 2028", None])
    with pytest.raises(InvalidInput, match="no opportunity has a cycle"):
        pick_cycle("Winter", [None])


def test_cycles_come_oldest_first_with_no_cycle_last() -> None:
    stats = compute_stats([opp(1, "shortlisted", None, 0), opp(2, "shortlisted", "B", 5),
                           opp(3, "shortlisted", "A", 9)], [], [], today=TODAY)
    assert stats.cycles == ("B", "A", None)
    assert [f.label for f in stats.funnels] == ["B", "A", "no cycle"]


# --- weeks, bars, words -----------------------------------------------------------------------------


def test_weekly_counts_end_today() -> None:
    counts = weekly_counts([TODAY, TODAY - timedelta(days=6), TODAY - timedelta(days=7), TODAY + timedelta(days=1),
                            TODAY - timedelta(days=7 * 26)], today=TODAY, weeks=26)
    assert len(counts) == 26
    assert counts[-1] == 2 and counts[-2] == 1 and sum(counts) == 3


def test_json_has_every_number() -> None:
    data = stats_json(make_stats())
    assert data["funnel"][0] == {"cycle": "Summer 2027", "opportunities": 2, "contacted": 2, "replied": 1,
                                 "applied": 0, "interviewed": 0, "offered": 0}
    assert data["by_channel"]["linkedin"] == {"threads": 2, "replied": 2, "rate": 1.0, "median_days_to_reply": 3.0}
    assert data["weekly"]["to"] == TODAY.isoformat() and len(data["weekly"]["sent"]) == 26


def test_bars_and_sparks() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert bar(0, 10, 8) == " " * 8
    assert bar(5, 10, 8) == "████    "
    assert bar(1, 16, 2) == "▏ "  # 1/16 of two cells is one eighth of a cell
    assert bar(9, 16, 2) == "█▏"
    assert bar(1, 1000, 4) == "▏   "  # something is never nothing
    assert bar(3, 0, 4) == "    "
    assert len(bar(7, 9, 30)) == 30
    assert spark([0, 1, 8]) == " ▁█"
    assert spark([0, 0]) == "  "
    assert percent(2 / 3) == "67%" and percent(None) == "–"
    assert days_text(1) == "1 day" and days_text(2.0) == "2 days" and days_text(1.5) == "1.5 days"
