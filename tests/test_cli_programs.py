"""`tracker programs`: the catalog through the real CLI, on the demo season (GPA 7.1/10) and on an empty database."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli, db_dicts, table_counts


@pytest.fixture
def demo(demo_cli: Cli) -> Cli:
    """The CLI on a database holding the demo season (its student's GPA is 7.1/10)."""
    return demo_cli


def user_catalog() -> Path:
    """The user's catalog file in the test's config directory (XDG_CONFIG_HOME is a temporary one)."""
    return Path(os.environ["XDG_CONFIG_HOME"]) / "tracker" / "programs.toml"


def opportunity(db: Path, title: str) -> dict[str, object]:
    rows = db_dicts(db, "SELECT o.*, org.name AS org, org.country AS org_country FROM opportunity o "
                        "LEFT JOIN organization org ON org.id = o.organization_id WHERE o.title = ?", title)
    assert rows, f"no opportunity {title!r}"
    return rows[0]


def test_the_catalog_shows_the_demo_students_standing_and_what_is_tracked(demo: Cli) -> None:
    rows = {r["key"]: r for r in demo.json("programs")}  # type: ignore[union-attr]
    daad = rows["daad-wise"]
    assert (daad["gpa_cutoff"], daad["standing"]) == ("8/10", "below")
    assert "7.1/10 is below the cut-off of 8/10" in daad["warning"]
    assert rows["surf-caltech"]["standing"] == "meets" and rows["mitacs"]["standing"] == "no-cutoff"
    # The demo's three programs are recognised by their titles.
    tracked = {key: [(t["title"], t["cycle"], t["stage"]) for t in r["tracked"]] for key, r in rows.items() if r["tracked"]}
    assert tracked == {
        "daad-wise": [("DAAD WISE", "Summer 2027", "shortlisted")],
        "mitacs": [("Mitacs Globalink Research Internship", "Summer 2027", "rejected")],
        "ntu-india": [("NTU India Connect Research Internship", "Summer 2027", "withdrawn")],
    }
    assert daad["next_deadline"] == "2027-11-01" and daad["cycle"] == "Summer 2028"
    deadlines = [r["next_deadline"] for r in rows.values() if r["next_deadline"]]
    assert deadlines == sorted(deadlines)  # soonest first


def test_the_table_marks_below_and_meets_on_each_programs_line(demo: Cli) -> None:
    out = demo.ok("programs").stdout
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "8/10" in lines["daad-wise"] and "✗ below (7.1/10)" in lines["daad-wise"]
    assert "Summer 2027" in lines["daad-wise"]  # tracked
    assert "✓ meets" in lines["surf-caltech"] and "2027-02-22" in lines["surf-caltech"]
    assert "rolling" in lines["kaust-vsrp"]
    assert "check the official page" in out


def test_filters_by_country_and_by_eligibility(demo: Cli) -> None:
    assert [r["key"] for r in demo.json("programs", "--country", "germany")] == ["daad-wise"]  # type: ignore[union-attr]
    us = {r["key"] for r in demo.json("programs", "--country", "USA")}  # type: ignore[union-attr]
    assert us == {"surf-caltech", "khorana", "viterbi"}
    for spelling in ("US", "United States of America", "united"):  # the country filter's one rule
        assert {r["key"] for r in demo.json("programs", "--country", spelling)} == us  # type: ignore[union-attr]
    swiss = [r["key"] for r in demo.json("programs", "--country", "CH")]  # type: ignore[union-attr]
    assert len(swiss) == 2 and swiss == [r["key"] for r in demo.json("programs", "--country", "switzerland")]  # type: ignore[union-attr]
    eligible = {r["key"] for r in demo.json("programs", "--eligible")}  # type: ignore[union-attr]
    assert "daad-wise" not in eligible and "khorana" not in eligible and {"surf-caltech", "mitacs"} <= eligible
    out = demo.ok("programs", "--country", "Narnia").stdout
    assert "No program matches" in out and "Germany" in out


def test_without_a_gpa_the_catalog_says_how_to_set_it(cli: Cli) -> None:
    out = cli.ok("programs").stdout
    assert "? no GPA" in out and "tracker profile --gpa" in out
    result = cli("programs", "--eligible")
    assert result.exit_code == 2 and "tracker profile --gpa" in result.stderr


def test_show_gives_the_facts_the_standing_and_your_opportunities(demo: Cli) -> None:
    result = demo.ok("programs", "show", "daad")
    assert "DAAD WISE" in result.stdout and "November 1" in result.stdout and "2027-11-01" in result.stdout
    assert '"DAAD WISE" (Summer 2027 · shortlisted)' in result.stdout
    assert "below the cut-off of 8/10" in result.stderr


def test_unknown_or_ambiguous_keys_are_one_clear_line(demo: Cli) -> None:
    result = demo("programs", "show", "stanford")
    assert result.exit_code == 2 and "the keys are charpak, daad-wise" in result.stderr
    result = demo("programs", "add", "e")
    assert result.exit_code == 2 and "epfl-e3, eth-ssrf" in result.stderr


def test_add_tracks_a_program_with_its_cycle_deadline_and_cut_off(demo: Cli) -> None:
    result = demo.ok("programs", "add", "surf")
    assert 'Added program "SURF Caltech 2027"' in result.stdout and "2027-02-22" in result.stdout
    assert result.stderr == ""  # 7.1/10 meets 2.5/4
    row = opportunity(demo.db, "SURF Caltech 2027")
    assert (row["kind"], row["cycle"], row["deadline"], row["min_gpa"]) == ("program", "Summer 2027", "2027-02-22", "2.5/4")
    assert (row["stage"], row["letters_required"], row["org"], row["org_country"]) == ("shortlisted", 3, "Caltech", "United States")
    assert row["url"] == "https://sfp.caltech.edu/undergraduate-research/programs/surf"
    assert "surf-caltech" in str(row["notes"]) and "check the official page" in str(row["notes"])
    rows = {r["key"]: r for r in demo.json("programs")}  # type: ignore[union-attr]
    assert [t["title"] for t in rows["surf-caltech"]["tracked"]] == ["SURF Caltech 2027"]


def test_add_warns_when_your_gpa_is_below_the_cut_off_and_reuses_the_host(demo: Cli) -> None:
    before = table_counts(demo.db)
    result = demo.ok("programs", "add", "daad-wise")
    assert "below the cut-off of 8/10 for DAAD WISE" in result.stderr and "you can still apply" in result.stderr
    row = opportunity(demo.db, "DAAD WISE 2028")
    assert (row["cycle"], row["deadline"], row["min_gpa"], row["org"]) == ("Summer 2028", "2027-11-01", "8/10", "DAAD")
    after = table_counts(demo.db)
    assert after["opportunity"] == before["opportunity"] + 1 and after["organization"] == before["organization"]


def test_a_program_already_tracked_for_that_cycle_is_refused_and_nothing_is_written(demo: Cli) -> None:
    before = table_counts(demo.db)
    result = demo("programs", "add", "ntu")
    assert result.exit_code == 2
    assert 'already tracked for Summer 2027: "NTU India Connect Research Internship" (withdrawn)' in result.stderr
    result = demo("programs", "add", "daad", "--cycle", "summer  2027")
    assert result.exit_code == 2 and "already tracked for Summer 2027" in result.stderr
    assert table_counts(demo.db) == before


def test_another_cycle_gets_that_cycles_deadline(demo: Cli) -> None:
    result = demo.ok("programs", "add", "ntu", "--cycle", "Summer 2028")
    row = opportunity(demo.db, "NTU India Connect Research Internship 2028")
    assert (row["cycle"], row["deadline"], row["letters_required"]) == ("Summer 2028", "2027-12-31", 2)
    assert result.stderr == ""
    result = demo.ok("programs", "add", "daad", "--cycle", "Winter 2027")
    row = opportunity(demo.db, "DAAD WISE Winter 2027")
    assert row["deadline"] == "2026-11-01" and "has passed" in result.stderr
    assert demo("programs", "add", "eth", "--cycle", "next year").exit_code == 2


def test_a_month_only_deadline_is_planned_early_and_said_so(demo: Cli) -> None:
    result = demo.ok("programs", "add", "eth-ssrf")
    row = opportunity(demo.db, "ETH Zurich Student Summer Research Fellowship 2027")
    assert row["deadline"] == "2026-12-01"
    assert "day is not known" in result.stderr


def test_the_users_file_overrides_adds_and_hides_programs(demo: Cli) -> None:
    path = user_catalog()
    path.parent.mkdir(parents=True)
    path.write_text(
        '[daad-wise]\ngpa = "7/10"\n\n[charpak]\nhidden = true\n\n'
        '[gist-summer]\nname = "GIST Summer Internship"\nhost = "GIST"\ncountry = "South Korea"\n'
        'deadline = "March 15"\ngpa = "3.0/4"\n',
        encoding="utf-8",
    )
    rows = {r["key"]: r for r in demo.json("programs")}  # type: ignore[union-attr]
    assert "charpak" not in rows
    assert rows["daad-wise"]["standing"] == "meets" and rows["daad-wise"]["source"] == str(path)
    gist = rows["gist-summer"]
    assert (gist["next_deadline"], gist["cycle"], gist["standing"]) == ("2027-03-15", "Summer 2027", "below")
    demo.ok("programs", "add", "gist")
    assert opportunity(demo.db, "GIST Summer Internship 2027")["org"] == "GIST"  # the demo's organization


def test_a_bad_user_file_is_one_line_naming_the_file_and_line(demo: Cli) -> None:
    path = user_catalog()
    path.parent.mkdir(parents=True)
    path.write_text('[daad-wise]\nname = "DAAD WISE"\ngpa = "eight"\n', encoding="utf-8")
    result = demo("programs")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}, line 3: [daad-wise] gpa: cannot read GPA")
    assert result.stdout == ""


def test_edit_copies_the_built_in_catalog_once_and_says_where_it_is(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = cli.ok("programs", "edit")
    path = user_catalog()
    assert str(path) in result.stdout.replace("\n", "") and "Created" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "[daad-wise]" in text and "override the built-in ones" in text
    path.write_text('[daad-wise]\ndeadline = "November 15"\n', encoding="utf-8")
    again = cli.ok("programs", "edit")
    assert "Created" not in again.stdout
    assert path.read_text(encoding="utf-8") == '[daad-wise]\ndeadline = "November 15"\n'  # never overwritten


def test_edit_opens_the_editor_then_checks_the_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf \'\\n[my-program]\\nname = "Mine"\\n\' >> "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    result = cli("programs", "edit")
    assert result.exit_code == 2
    assert "[my-program] needs host, country" in result.stderr and "tracker programs edit" in result.stderr
    assert "[my-program]" in user_catalog().read_text(encoding="utf-8")


def test_the_catalog_follows_the_pinned_today(tmp_path: Path) -> None:
    late = Cli(tmp_path / "late.db", today=date(2027, 3, 1))
    rows = {r["key"]: r for r in late.json("programs")}  # type: ignore[union-attr]
    assert rows["surf-caltech"]["next_deadline"] == "2028-02-22" and rows["surf-caltech"]["cycle"] == "Summer 2028"
    assert rows["ntu-india"]["next_deadline"] == "2027-12-31"


def test_on_an_80_column_terminal_the_catalog_fits_and_cuts_no_word(demo_db: Path) -> None:
    """Country and cycle are left out below 110 columns; the rest fits in 80, the program's name
    wrapping between words and what you track kept whole ("Summer 2027" was cut to "Summer 20")."""
    import io
    import re

    from tracker.catalog import load_catalog
    from tracker.cli import programs_cmd
    from tracker.store import open_store
    from tracker.store.views.catalog_view import program_rows
    from tracker.terminal.width import cell_width
    from conftest import TODAY

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    store = open_store(demo_db)
    with store.read() as session:
        rows, _has_gpa = program_rows(session, load_catalog().programs, today=TODAY)
    store.close()
    out = Terminal()
    programs_cmd._print_table(rows, out=out, environ={"COLUMNS": "80"})
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()
    assert lines[0].split() == ["key", "program", "deadline", "cut-off", "you", "tracked"]
    assert max(cell_width(line) for line in lines) <= 80
    daad = next(line for line in lines if line.startswith("daad-wise"))
    assert "✗ below (7.1/10)" in daad and daad.endswith("Summer 2027")
    assert "\x1b[31m✗ below" in out.getvalue()  # your standing in colour on a terminal
