"""`tracker add organization` (alias `add org`): an organization's country, city, website and notes from the CLI."""

from __future__ import annotations

import json

from conftest import Cli, db_rows, table_counts

COLUMNS = "SELECT name, country, city, website, notes FROM organization ORDER BY name"


def test_adds_an_organization_with_where_it_is(cli: Cli) -> None:
    result = cli.ok("add", "organization", "GIST", "--country", "South Korea", "--city", "Gwangju",
                    "--website", "https://www.gist.ac.kr", "--notes", "summer program in June")
    assert result.stdout.strip() == "✓ Added GIST: country South Korea, city Gwangju, website https://www.gist.ac.kr"
    assert db_rows(cli.db, COLUMNS) == [
        ("GIST", "South Korea", "Gwangju", "https://www.gist.ac.kr", "summer program in June")]


def test_sets_only_what_is_given_on_one_already_there_any_case(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    result = cli.ok("add", "org", "gist", "--country", "South Korea")
    assert result.stdout.strip() == "✓ Saved GIST: country South Korea"
    cli.ok("add", "org", "GIST", "--city", "Gwangju")
    cli.ok("add", "org", "GIST", "--country", "")  # "" clears a field
    assert db_rows(cli.db, COLUMNS) == [("GIST", None, "Gwangju", None, None)]


def test_the_country_set_here_filters_the_listings(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST")
    cli.ok("add", "person", "Tan Wei Ming", "--role", "phd-student", "--org", "NTU Singapore")
    cli.ok("add", "org", "GIST", "--country", "South Korea")
    cli.ok("add", "org", "NTU Singapore", "--country", "Singapore")
    people = json.loads(cli.ok("list", "people", "--country", "South Korea", "--json").stdout)
    assert [p["name"] for p in people] == ["Prof. Kim Minsoo"]


def test_bad_input_is_one_line_exit_2_and_nothing_written(cli: Cli) -> None:
    cli.ok("add", "org", "GIST", "--website", "https://www.gist.ac.kr")
    before = table_counts(cli.db)
    for args, said in ((("GIST", "--website", "www gist"), '"www gist" is not a web address (it has a space)'),
                       (("   ", "--country", "KR"), "an organization needs a name"),
                       (("NTU", "--website", "ntu edu.sg", "--city", "Singapore"), "is not a web address")):
        result = cli("add", "organization", *args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and said in result.stderr and "Traceback" not in result.output
        assert table_counts(cli.db) == before
    assert db_rows(cli.db, COLUMNS) == [("GIST", None, None, "https://www.gist.ac.kr", None)]
