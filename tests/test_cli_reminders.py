"""`tracker remind`, `snooze`, `dismiss`, `add reminder` through the real CLI."""

from __future__ import annotations

from conftest import Cli


def setup_follow_up(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "opportunity", "GIST CV Lab", "--kind", "outreach", "--org", "GIST", "--contact", "kim")
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-12")  # follow-up due 2026-11-19


def test_remind_json_has_the_contract_fields(cli: Cli) -> None:
    setup_follow_up(cli)
    (item,) = cli.json("remind")
    assert item["kind"] == "follow-up" and item["due"] == "2026-11-19" and item["status"] == "overdue"
    assert item["person"] == "Prof. Kim Minsoo" and item["opportunity"] == "GIST CV Lab"
    assert "Follow up with Prof. Kim Minsoo" in item["message"] and len(item["id"]) >= 4


def test_remind_table_shows_overdue_first(cli: Cli) -> None:
    setup_follow_up(cli)
    cli.ok("add", "reminder", "Update CV with the workshop paper", "--on", "+2d")
    out = cli.ok("remind").stdout
    assert out.index("3 days overdue") < out.index("in 2 days")
    assert "Update CV with the workshop paper" in out


def test_reply_clears_the_follow_up(cli: Cli) -> None:
    setup_follow_up(cli)
    cli.ok("log", "email", "--from", "kim", "--on", "2026-11-20")
    assert cli.json("remind") == []


def test_within_widens_the_window(cli: Cli) -> None:
    cli.ok("add", "reminder", "Ask about the January cycle", "--on", "+10d")
    assert cli.json("remind") == []
    assert [r["kind"] for r in cli.json("remind", "--within", "2w")] == ["manual"]


def test_snooze_hides_until_the_new_date(cli: Cli) -> None:
    setup_follow_up(cli)
    (item,) = cli.json("remind")
    cli.ok("snooze", item["id"], "--until", "+3d")
    assert cli.json("remind", "--within", "0d") == []
    later = Cli(cli.db, today=cli.today.replace(day=25))
    (back,) = later.json("remind", "--within", "0d")
    assert back["id"] == item["id"] and back["due"] == "2026-11-25"


def test_dismiss_hides_for_good(cli: Cli) -> None:
    setup_follow_up(cli)
    (item,) = cli.json("remind")
    cli.ok("dismiss", item["id"][:4])
    assert cli.json("remind", "--within", "365d") == []
    assert Cli(cli.db, today=cli.today.replace(month=12)).json("remind") == []


def test_a_new_follow_up_after_dismissal_is_a_new_reminder(cli: Cli) -> None:
    setup_follow_up(cli)
    (item,) = cli.json("remind")
    cli.ok("dismiss", item["id"])
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-14")
    (again,) = cli.json("remind")
    assert again["id"] != item["id"] and again["due"] == "2026-11-21"


def test_snooze_and_dismiss_unknown_id_exit_2(cli: Cli) -> None:
    setup_follow_up(cli)
    assert cli("snooze", "zzzzzz", "--until", "+3d").exit_code == 2
    result = cli("dismiss", "zzzzzz")
    assert result.exit_code == 2 and "tracker remind" in result.stderr


def test_snooze_into_the_past_is_refused(cli: Cli) -> None:
    setup_follow_up(cli)
    (item,) = cli.json("remind")
    result = cli("snooze", item["id"], "--until", "yesterday")
    assert result.exit_code == 2 and len(cli.json("remind")) == 1


def test_no_subcommand_prints_the_agenda(cli: Cli) -> None:
    setup_follow_up(cli)
    result = cli.ok()
    assert "Follow up with Prof. Kim Minsoo" in result.stdout
