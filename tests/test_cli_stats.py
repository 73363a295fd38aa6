"""`tracker stats`: charts and JSON on the demo season, one cycle, errors, an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Cli


@pytest.fixture
def demo_cli(demo_db: Path) -> Cli:
    return Cli(demo_db)


def test_stats_json_on_the_demo_is_non_trivial(demo_cli: Cli) -> None:
    data = demo_cli.json("stats")
    assert isinstance(data, dict)
    cycle = data["cycles"][0]
    assert cycle.startswith("Summer ")
    assert data["funnel"] == [{"cycle": cycle, "opportunities": 11, "contacted": 10, "replied": 7,
                               "applied": 6, "interviewed": 4, "offered": 3}]
    email, linkedin = data["by_channel"]["email"], data["by_channel"]["linkedin"]
    assert (email["threads"], email["replied"], email["median_days_to_reply"]) == (7, 5, 8.0)
    assert (linkedin["threads"], linkedin["replied"], linkedin["median_days_to_reply"]) == (6, 5, 2.0)
    roles = data["by_role"]
    assert (roles["professor"]["threads"], roles["professor"]["replied"]) == (8, 5)
    assert (roles["phd-student"]["threads"], roles["phd-student"]["replied"]) == (2, 2)
    assert (roles["postdoc"]["threads"], roles["postdoc"]["replied"]) == (1, 1)
    assert data["replies"] == {"threads": 13, "replied": 10, "rate": 10 / 13, "median_days_to_reply": 2.0}
    assert sum(data["weekly"]["sent"]) > 0 and sum(data["weekly"]["received"]) > 0


def test_stats_draws_bars(demo_cli: Cli) -> None:
    out = demo_cli.ok("stats").stdout
    lines = out.splitlines()
    assert any(line.startswith("Funnel · Summer ") and "11 opportunities" in line for line in lines)
    contacted = next(line for line in lines if line.startswith("contacted"))
    offered = next(line for line in lines if line.startswith("offered"))
    assert contacted.count("█") == 32 and contacted.rstrip().endswith("10")
    assert 9 <= offered.count("█") <= 10 and "30%" in offered  # 3 of 10 of 32 cells
    email = next(line for line in lines if line.startswith("email"))
    assert "5 of 7" in email and "71%" in email and "median 8 days" in email and "░" in email
    assert any(line.startswith("phd-student") and "2 of 2" in line and "100%" in line for line in lines)
    assert "Replies: 10 of 13 threads (77%); median 2 days to a reply" in out
    sent = next(line for line in lines if line.startswith("sent"))
    assert any(c in sent for c in "▁▂▃▄▅▆▇█")


def test_stats_fits_a_narrow_terminal(demo_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    from tracker.cli import output

    monkeypatch.setattr(output.console, "_width", 60)
    out = demo_cli.ok("stats").stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "5 of 7" in out and "…" not in out


def test_stats_for_one_cycle_in_any_case(demo_cli: Cli) -> None:
    cycle = demo_cli.json("stats")["cycles"][0]  # type: ignore[index]
    data = demo_cli.json("stats", "--cycle", cycle.upper())
    assert data["cycle"] == cycle  # type: ignore[index]
    # Whitfield's LinkedIn thread is about no opportunity: left out of one cycle's numbers.
    assert data["replies"]["threads"] == 12  # type: ignore[index]


def test_unknown_cycle_is_one_line_and_exit_2(demo_cli: Cli) -> None:
    result = demo_cli("stats", "--cycle", "Winter 1999")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith('error: no cycle "Winter 1999"; the cycles are "Summer ')
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_stats_on_an_empty_database(cli: Cli) -> None:
    out = cli.ok("stats").stdout
    assert "No opportunities yet" in out
    assert "No email or LinkedIn message sent yet" in out
    data = cli.json("stats")
    assert data["funnel"] == [] and data["replies"]["threads"] == 0  # type: ignore[index]
