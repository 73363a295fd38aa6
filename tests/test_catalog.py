"""The program catalog's pure core: reading the TOML, merging the user's file, deadlines and cycles,
the GPA check across scales, matching opportunities, finding a program by what was typed."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.catalog import builtin_text, load_catalog
from tracker.domain.catalog import CatalogError, Deadline, Program, merge_catalogs, parse_deadline
from tracker.domain.catalog_check import (
    cycle_year,
    deadline_for_cycle,
    default_cycle,
    due_this_month,
    find_program,
    matches,
    next_deadline,
    standing,
    year_of_cycle,
)
from tracker.domain.gpa import parse_gpa
from tracker.domain.errors import Ambiguous, InvalidInput, NotFound

TODAY = date(2026, 11, 22)
USER = "/home/me/.config/tracker/programs.toml"


def program(deadline: str | None = None, **fields: object) -> Program:
    values: dict[str, object] = {"key": "p", "name": "P", "host": "H", "country": "C"}
    values.update(fields)
    return Program(deadline=parse_deadline(deadline) if deadline else None, **values)  # type: ignore[arg-type]


def by_key(programs: tuple[Program, ...]) -> dict[str, Program]:
    return {p.key: p for p in programs}


# --- the built-in catalog ------------------------------------------------------------------------


def test_the_built_in_catalog_holds_the_programs_students_ask_about() -> None:
    programs = by_key(load_catalog().programs)
    assert {"mitacs", "daad-wise", "surf-caltech", "ntu-india"} <= set(programs)
    assert 10 <= len(programs) <= 14
    for p in programs.values():
        assert p.name and p.host and p.country and p.url and p.url.startswith("https://"), p.key
        assert p.source == "built-in"
    daad = programs["daad-wise"]
    assert (daad.host, daad.country, str(daad.gpa), daad.deadline) == ("DAAD", "Germany", "8/10", Deadline(11, 1))
    assert programs["surf-caltech"].letters == 3 and str(programs["surf-caltech"].gpa) == "2.5/4"
    assert programs["kaust-vsrp"].deadline == Deadline(None)  # rolling


def test_the_built_in_file_warns_that_facts_change() -> None:
    header = builtin_text().split("[", 1)[0]
    assert "FACTS CHANGE EVERY YEAR" in header and "tracker programs edit" in header


# --- deadlines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("November 1", Deadline(11, 1)), ("1 November", Deadline(11, 1)), ("Nov 1", Deadline(11, 1)),
    ("sept 20", Deadline(9, 20)), ("December", Deadline(12)), ("Rolling", Deadline(None)),
])
def test_deadlines_are_read_as_people_write_them(text: str, expected: Deadline) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["Novembr 1", "November 1 2", "", "February 30", "13"])
def test_a_bad_deadline_says_what_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match="November 1|has no day"):
        parse_deadline(text)


@pytest.mark.parametrize(("deadline", "today", "expected"), [
    ("November 30", TODAY, date(2026, 11, 30)),      # later this month
    ("November 22", TODAY, date(2026, 11, 22)),      # today still counts
    ("November 1", TODAY, date(2027, 11, 1)),        # passed: next year's
    ("December", TODAY, date(2026, 12, 1)),          # a month alone: its 1st
    ("January 15", TODAY, date(2027, 1, 15)),        # over the new year
    ("January", date(2026, 12, 20), date(2027, 1, 1)),
    ("December 31", date(2026, 12, 31), date(2026, 12, 31)),
    ("February 29", date(2027, 1, 10), date(2027, 2, 28)),  # not a leap year
])
def test_the_next_deadline_is_the_next_occurrence_on_or_after_today(deadline: str, today: date, expected: date) -> None:
    assert next_deadline(program(deadline), today) == expected


def test_rolling_and_unknown_deadlines_have_no_date() -> None:
    assert next_deadline(program("rolling"), TODAY) is None
    assert next_deadline(program(None), TODAY) is None


def test_a_month_only_deadline_in_its_month_is_flagged() -> None:
    assert due_this_month(program("November"), TODAY)
    assert not due_this_month(program("November 30"), TODAY) and not due_this_month(program("December"), TODAY)


# --- cycles ------------------------------------------------------------------------------------------


def test_the_cycle_is_the_internship_the_next_deadline_is_for() -> None:
    daad = program("November 1", starts=5)
    surf = program("February 22", starts=6)
    assert default_cycle(daad, TODAY) == "Summer 2028"  # 1 Nov 2026 passed; 1 Nov 2027 is for summer 2028
    assert default_cycle(surf, TODAY) == "Summer 2027"
    assert default_cycle(program("November 30"), TODAY) == "Summer 2027"
    assert default_cycle(program("rolling"), TODAY) == "Summer 2027"
    assert default_cycle(program("rolling"), date(2027, 3, 1)) == "Summer 2027"
    winter = program("September", cycle="Winter", starts=12)
    assert default_cycle(winter, TODAY) == "Winter 2027" and cycle_year(winter, date(2027, 9, 1)) == 2027


def test_a_cycle_gets_the_deadline_that_comes_before_it() -> None:
    daad = program("November 1", starts=5)
    assert deadline_for_cycle(daad, 2027) == date(2026, 11, 1)
    assert deadline_for_cycle(daad, 2028) == date(2027, 11, 1)
    assert deadline_for_cycle(program("February 22", starts=6), 2027) == date(2027, 2, 22)
    assert deadline_for_cycle(program("rolling"), 2027) is None


def test_a_cycle_needs_a_year() -> None:
    assert year_of_cycle("Summer 2027") == 2027 and year_of_cycle("2028 winter") == 2028
    with pytest.raises(InvalidInput, match='"Summer 2027"'):
        year_of_cycle("next summer")


# --- the GPA check across scales ---------------------------------------------------------------------


@pytest.mark.parametrize(("mine", "cutoff", "status", "label"), [
    ("7.1/10", "8/10", "below", "✗ below (7.1/10)"),
    ("8.5/10", "8/10", "meets", "✓ meets"),
    ("8/10", "8/10", "meets", "✓ meets"),
    ("3.6/4", "8/10", "meets", "✓ meets"),            # 90% of the scale against 80%
    ("7.1/10", "2.5/4", "meets", "✓ meets"),
    ("7.1/10", "3.0/4", "below", "✗ below (2.84/4)"),  # yours on the cut-off's scale
    ("71%", "65%", "meets", "✓ meets"),
])
def test_your_gpa_is_checked_against_the_cut_off_on_its_scale(mine: str, cutoff: str, status: str, label: str) -> None:
    result = standing(program(gpa=parse_gpa(cutoff), name="DAAD WISE"), parse_gpa(mine))
    assert (result.status, result.label) == (status, label)
    if status == "below":
        assert result.warning is not None and "below the cut-off" in result.warning and "DAAD WISE" in result.warning
    else:
        assert result.warning is None


def test_no_gpa_or_no_cut_off_is_said_so() -> None:
    assert standing(program(gpa=parse_gpa("8/10")), None).label == "? no GPA"
    assert standing(program(), parse_gpa("7.1/10")).status == "no-cutoff"


# --- the user's file merged over the built-in one ----------------------------------------------------

BUILTIN = """
# a comment
[daad-wise]
name = "DAAD WISE"
host = "DAAD"
country = "Germany"
deadline = "November 1"
gpa = "8/10"

[charpak]
name = "Charpak Lab Scholarship"
host = "Embassy of France in India"
country = "France"
"""


def test_the_users_file_changes_fields_adds_programs_and_hides_others() -> None:
    user = """
[daad-wise]
deadline = "November 15"

[gist-summer]
name = "GIST Summer Internship"
host = "GIST"
country = "South Korea"
deadline = "March"
gpa = "3.0/4"

[charpak]
hidden = true
"""
    programs = by_key(merge_catalogs(BUILTIN, user, user_source=USER))
    assert set(programs) == {"daad-wise", "gist-summer"}
    daad = programs["daad-wise"]
    assert daad.deadline == Deadline(11, 15) and str(daad.gpa) == "8/10" and daad.host == "DAAD"
    assert daad.source == USER
    assert programs["gist-summer"].source == USER and programs["gist-summer"].deadline == Deadline(3)


def test_a_user_table_equal_to_the_built_in_one_keeps_it_built_in() -> None:
    programs = by_key(merge_catalogs(BUILTIN, '[daad-wise]\ngpa = "8/10"\n', user_source=USER))
    assert programs["daad-wise"].source == "built-in"


@pytest.mark.parametrize(("user", "expected"), [
    ('[daad-wise]\ngpa = "8 out of 10"\n', f'{USER}, line 2: [daad-wise] gpa: cannot read GPA'),
    ('\n[daad-wise]\nname = "DAAD"\ndedline = "May"\n', f'{USER}, line 4: [daad-wise] unknown field "dedline"'),
    ('[daad-wise]\nletters = "two"\n', f"{USER}, line 2: [daad-wise] letters must be a whole number"),
    ('[daad-wise]\ndeadline = "Novembr"\n', f'{USER}, line 2: [daad-wise] deadline: cannot read deadline "Novembr"'),
    ('[daad-wise]\nhidden = "yes"\n', f"{USER}, line 2: [daad-wise] hidden must be true or false"),
    ('[new-one]\nname = "New"\n', f"{USER}, line 1: [new-one] needs host, country"),
    ('["DAAD WISE"]\nname = "x"\n', f'{USER}, line 1: [DAAD WISE] is not a usable key'),
    ('gpa = "8/10"\n', f'{USER}: "gpa = ..." is outside any program'),
    ('[daad-wise\nname = "x"\n', f"{USER}: not valid TOML"),
    ('[daad-wise]\ncycle = "Monsoon"\n', f'{USER}, line 1: [daad-wise] cycle "Monsoon" is not a season'),
])
def test_a_mistake_in_the_users_file_names_the_file_the_line_and_the_program(user: str, expected: str) -> None:
    with pytest.raises(CatalogError) as caught:
        merge_catalogs(BUILTIN, user, user_source=USER)
    message = str(caught.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_toml_syntax_errors_carry_their_line() -> None:
    with pytest.raises(CatalogError, match=r"line 3"):
        merge_catalogs(BUILTIN, '[a]\nname = "A"\nhost = \n', user_source=USER)


# --- is an opportunity this program? -----------------------------------------------------------------


def test_opportunities_match_by_title_as_whole_words_or_by_the_programs_page() -> None:
    surf = program(name="SURF Caltech", aliases=("Caltech SURF",), url="https://sfp.caltech.edu/programs/surf")
    assert matches(surf, "SURF Caltech 2027", None)
    assert matches(surf, "surf-caltech", None)
    assert matches(surf, "Caltech SURF (summer)", None)
    assert not matches(surf, "SURF Caltechnology", None)
    assert not matches(surf, "My SURF Caltech plan", None)
    assert matches(surf, "Summer at Caltech", "http://www.sfp.caltech.edu/programs/surf/")
    ntu = program(name="NTU India Connect", url="https://www.ntu.edu.sg/")
    assert not matches(ntu, "Rapid Object Search Lab, NTU", "https://www.ntu.edu.sg/")  # a site root is not a program


# --- finding a program by what was typed ---------------------------------------------------------------


def test_a_program_is_found_by_key_prefix_or_name() -> None:
    programs = load_catalog().programs
    assert find_program(programs, "daad-wise").key == "daad-wise"
    assert find_program(programs, "DAAD").key == "daad-wise"
    assert find_program(programs, "Khorana Program").key == "khorana"
    assert find_program(programs, "caltech surf").key == "surf-caltech"
    with pytest.raises(Ambiguous, match="epfl-e3, eth-ssrf"):
        find_program(programs, "e")
    with pytest.raises(NotFound, match="the keys are charpak, daad-wise"):
        find_program(programs, "stanford")
