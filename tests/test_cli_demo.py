"""`tracker demo` then `tracker remind`: the issue's acceptance check, through the real CLI."""

from __future__ import annotations

from conftest import Cli, table_counts
from tracker.domain.vocab import REMINDER_KINDS


def test_demo_then_remind_shows_every_kind_of_reminder(new_file_cli: Cli) -> None:
    """As the README says to try it: `tracker --db demo.db demo` makes the file, then `tracker remind`."""
    cli = new_file_cli
    out = cli.ok("demo")
    assert "Demo data loaded" in out.stdout
    kinds = {r["kind"] for r in cli.json("remind")}
    assert kinds == set(REMINDER_KINDS)
    table = cli.ok("remind").stdout
    assert "overdue" in table and "Follow up with" in table


def test_demo_refuses_a_database_that_holds_anything(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    before = table_counts(cli.db)
    result = cli("demo")
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert table_counts(cli.db) == before
