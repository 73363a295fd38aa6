"""`tracker delete person|opportunity` and `tracker undo`: the question, --yes, no terminal, exit statuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Cli, table_counts
from undo_helpers import demo, dump  # noqa: F401 (fixtures)


def test_cli_delete_without_a_terminal_and_without_yes_refuses(demo: Path) -> None:
    counts = table_counts(demo)
    result = Cli(demo)("delete", "person", "Tan Wei")
    assert result.exit_code == 2
    assert "Deletes person \"Tan Wei Ming\"" in result.stdout and "add --yes" in result.stderr
    assert table_counts(demo) == counts


def test_cli_delete_asks_at_a_terminal(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.cli import undo_cmd

    monkeypatch.setattr(undo_cmd, "at_terminal", lambda: True)
    counts = table_counts(demo)
    no = Cli(demo)("delete", "opportunity", "Research Intern", input="n\n")
    assert no.exit_code == 1 and "Delete? [y/N]" in no.stdout and "nothing was deleted" in no.stdout
    assert table_counts(demo) == counts
    yes = Cli(demo)("delete", "opportunity", "Research Intern", input="y\n")
    assert yes.exit_code == 0 and "Deleted opportunity" in yes.stdout
    assert table_counts(demo)["opportunity"] == counts["opportunity"] - 1


def test_cli_delete_yes_then_undo(demo: Path) -> None:
    before = dump(demo)
    cli = Cli(demo)
    deleted = cli.ok("delete", "person", "Kim Young", "--yes")
    assert "Deletes person \"Kim Young-hoon\" (GIST) with" in deleted.stdout and "tracker undo" in deleted.stdout
    assert cli("list", "people", "--search", "Young-hoon").stdout.count("Kim") == 0
    refused = cli("undo")
    assert refused.exit_code == 2 and "Kim Young-hoon" in refused.stdout and "add --yes" in refused.stderr
    undone = cli.ok("undo", "--yes")
    assert "Undone: deleted person \"Kim Young-hoon\"" in undone.stdout
    assert dump(demo) == before
    assert "Kim Young-hoon" in cli.ok("list", "people", "--search", "Young-hoon").stdout
    again = cli("undo", "--yes")
    assert again.exit_code == 2 and "already undone" in again.stderr


def test_cli_delete_unknown_or_ambiguous_names_write_nothing(demo: Path) -> None:
    Cli(demo).ok("add", "person", "Ambi One", "--role", "professor")
    Cli(demo).ok("add", "person", "Ambi Two", "--role", "professor")
    counts = table_counts(demo)
    assert Cli(demo)("delete", "person", "Nobody At All", "--yes").exit_code == 2
    ambiguous = Cli(demo)("delete", "person", "Ambi", "--yes")
    assert ambiguous.exit_code == 2 and "matches several" in ambiguous.stderr
    assert table_counts(demo) == counts


