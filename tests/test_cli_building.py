"""The command line builds only the command it runs, and still knows every command.

Typer builds a command by reading its function's signature (0.5 ms a command); building all of them
before running one took 60 ms of every command (`tracker.cli.registry`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from conftest import Cli


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the commands Typer builds from here on (none built before, in this process)."""
    from tracker.cli import _built

    _built.cache_clear()
    names: list[str] = []
    build = typer.main.get_command_from_info

    def recording(command_info: typer.models.CommandInfo, **kwargs: object) -> object:
        names.append(command_info.name or command_info.callback.__name__)
        return build(command_info, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(typer.main, "get_command_from_info", recording)
    return names


def test_a_command_builds_only_itself_and_its_group_once(fresh_db: Path, built: list[str]) -> None:
    Cli(fresh_db).ok("add", "person", "Kim Minsoo", "--role", "professor")
    Cli(fresh_db).ok("add", "person", "Ayşe Yılmaz", "--role", "postdoc")
    listed = Cli(fresh_db).ok("list", "people").stdout
    assert "Kim Minsoo" in listed and "Ayşe Yılmaz" in listed
    assert sorted(built) == sorted(["person", "org", "organization", "opportunity", "interview", "offer",
                                    "reminder", "people", "opportunities", "log"])


def test_help_and_suggestions_know_every_command(fresh_db: Path) -> None:
    from tracker.cli import registry

    listed = Cli(fresh_db).ok("--help").stdout
    names = [info.name for info in registry.registered_commands] + [g.name for g in registry.registered_groups]
    assert len(names) > 20 and all(f"  {name} " in listed or f"  {name}\n" in listed for name in names), listed
    assert [name for name in names if name] == sorted(names, key=lambda n: listed.index(f"  {n}"))
    wrong = Cli(fresh_db)("remnd")
    assert wrong.exit_code == 2 and "Did you mean 'remind'?" in wrong.stderr
