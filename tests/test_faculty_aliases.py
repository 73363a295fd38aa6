"""The faculty directory as it really is: several spellings of one name, DBLP numbers, two
affiliations, shared department pages; and CSRankings' country-info.csv.

The rows are written by hand in CSRankings' shape; the people and their ids are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import TODAY, Cli
from tracker.io.faculty import import_faculty
from tracker.store.models import Organization, Person
from tracker.store import Store
from tracker.store.queries.duplicate_pairs import duplicate_pairs
from tracker.store.writes.records import add_opportunity, add_person
from tracker.store.queries.search import person_ids_matching

FACULTY = """name,affiliation,homepage,scholarid
L. Hedlund,Uppsala University,https://www.it.uu.se/,hEdLuNdAAAAJ
Lars Oskar Hedlund,Uppsala University,https://www.it.uu.se/,hEdLuNdAAAAJ
Lars Hedlund 0001,Uppsala University,https://www.it.uu.se/,hEdLuNdAAAAJ
S. Karamanlıoğlu,Boğaziçi University,https://www.cmpe.boun.edu.tr/,kArAmAnAAAAJ
S. Karamanlioglu,Boğaziçi University,https://www.cmpe.boun.edu.tr/,kArAmAnAAAAJ
Selin Karamanlıoğlu,Boğaziçi University,https://www.cmpe.boun.edu.tr/,kArAmAnAAAAJ
Selin Karamanlıoğlu,KAIST,https://www.cmpe.boun.edu.tr/,kArAmAnAAAAJ
Aino Väätäinen,Aalto University,https://www.aalto.fi/,NOSCHOLARPAGE
Mert Çiçekçi 0002,Bilkent University,https://cs.bilkent.edu.tr/,NOSCHOLARPAGE
Mert Çiçekçi 0003,Bilkent University,https://cs.bilkent.edu.tr/,NOSCHOLARPAGE
Mert Çiçekçi,KAIST,https://cs.kaist.ac.kr/,NOSCHOLARPAGE
Jun Park,KAIST,https://cs.kaist.ac.kr/,NOSCHOLARPAGE
Jae Park,KAIST,https://cs.kaist.ac.kr/,NOSCHOLARPAGE
Dana Whitfield,Carnegie Mellon University,https://www.cs.cmu.edu/,wHiTfIeLdAAJ
"""

COUNTRIES = """institution,region,countryabbrv
Aalto University,europe,fi
Bilkent University,europe,tr
Boğaziçi University,europe,tr
KAIST,asia,kr
Uppsala University,europe,se
University of Pisa, europe,it
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def people(store: Store) -> list[tuple[str, str | None, str | None, str | None]]:
    """(name, organization, Scholar id, aliases) of everyone, by id."""
    with store.read() as session:
        return [tuple(r) for r in session.execute(
            select(Person.name, Organization.name, Person.external_id, Person.aliases)
            .outerjoin(Organization, Organization.id == Person.organization_id).order_by(Person.id))]


def test_rows_of_one_scholar_id_are_one_person_whose_spellings_search_finds(store: Store, tmp_path: Path) -> None:
    report = import_faculty(store, write(tmp_path, "csrankings.csv", FACULTY), today=TODAY)
    assert (report.rows, report.added, report.merged) == (14, 8, 6)
    found = {name: (org, scholar, aliases) for name, org, scholar, aliases in people(store)}
    # The fullest spelling is the name; DBLP's number is shown nowhere; the others are aliases.
    assert found["Lars Oskar Hedlund"] == ("Uppsala University", "scholar:hEdLuNdAAAAJ", "L. Hedlund\nLars Hedlund")
    assert found["Selin Karamanlıoğlu"] == ("Boğaziçi University", "scholar:kArAmAnAAAAJ",
                                            "S. Karamanlıoğlu")  # its first affiliation; "Karamanlioglu" is the same
    with store.read() as session:
        hedlund = person_ids_matching(session, "lars oskar")
        assert person_ids_matching(session, "Lars Hedlund") == person_ids_matching(session, "hedlund l") == hedlund
        assert len(hedlund) == 1
        assert len(person_ids_matching(session, "karamanlioglu selin")) == 1
        assert person_ids_matching(session, "0001") == set()
        from tracker.store.views.person_view import person_view

        assert person_view(session, next(iter(hedlund))).aliases == ("L. Hedlund", "Lars Hedlund")  # its page shows them


def test_without_a_scholar_id_one_name_at_one_affiliation_is_one_person(store: Store, tmp_path: Path) -> None:
    import_faculty(store, write(tmp_path, "csrankings.csv", FACULTY), today=TODAY)
    cicekci = [(name, org) for name, org, _id, _aliases in people(store) if name.startswith("Mert")]
    assert cicekci == [("Mert Çiçekçi", "Bilkent University"), ("Mert Çiçekçi", "KAIST")]
    with store.read() as session:
        assert len(person_ids_matching(session, "cicekci")) == 2
        assert len(person_ids_matching(session, "park kaist")) == 2  # Jun and Jae: two people, one homepage


def test_a_shared_homepage_is_never_identity_nor_a_duplicate(store: Store, tmp_path: Path) -> None:
    import random

    pick = random.Random(14)

    def word() -> str:
        return "".join(pick.choice("bcdfghjklmnprstvz") + pick.choice("aeiou") for _ in range(4)).capitalize()

    department = "".join(f"{word()} {word()},Example Institute of Technology,https://cs.example.edu/,NOSCHOLARPAGE\n"
                         for _ in range(300))
    report = import_faculty(store, write(tmp_path, "dept.csv", "name,affiliation,homepage,scholarid\n" + department),
                            today=TODAY)
    assert report.added == 300
    with store.read() as session:
        assert duplicate_pairs(session).people == []


def test_importing_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "csrankings.csv", FACULTY)
    import_faculty(store, path, today=TODAY)
    before = people(store)
    report = import_faculty(store, path, today=TODAY)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 8)
    assert people(store) == before


def test_someone_added_by_hand_under_a_common_spelling_is_matched(store: Store, tmp_path: Path) -> None:
    with store.write() as session:
        add_person(session, name="Lars Hedlund", role="writer", organization="Uppsala University",
                   notes="wrote my letter", added_on=TODAY)
        add_person(session, name="Aino Vaatainen", role="professor", organization="Aalto University", added_on=TODAY)
    report = import_faculty(store, write(tmp_path, "csrankings.csv", FACULTY), today=TODAY)
    assert (report.added, report.updated) == (6, 2)
    found = {name: (scholar, aliases) for name, _org, scholar, aliases in people(store)}
    # Matched under one of the spellings: the name typed stays, the others become aliases.
    assert found["Lars Hedlund"] == ("scholar:hEdLuNdAAAAJ", "L. Hedlund\nLars Oskar Hedlund")
    assert found["Aino Vaatainen"] == (None, None)  # "Väätäinen" is the same name, as search compares it
    with store.read() as session:
        assert len(person_ids_matching(session, "väätäinen")) == 1
        assert len(person_ids_matching(session, "lars oskar")) == 1
    again = import_faculty(store, write(tmp_path, "csrankings.csv", FACULTY), today=TODAY)
    assert (again.added, again.updated) == (0, 0)


def test_country_info_fills_organizations_and_the_country_filters(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "t.db")
    result = cli.ok("import", "faculty", str(write(tmp_path, "csrankings.csv", FACULTY)),
                    "--countries", str(write(tmp_path, "country-info.csv", COUNTRIES)))
    assert "6 organizations given a country" in result.stdout
    with open_orgs(cli.db) as orgs:
        assert orgs["KAIST"] == ("KR", "asia") and orgs["Boğaziçi University"] == ("TR", "europe")
        assert orgs["Carnegie Mellon University"] == ("US", "northamerica")  # CSRankings lists only the rest
    names = [p["name"] for p in cli.json("list", "people", "--country", "KR")]  # type: ignore[index]
    assert names == ["Jae Park", "Jun Park", "Mert Çiçekçi"]
    assert [p["name"] for p in cli.json("list", "people", "--country", "south korea")] == names  # type: ignore[index]
    store_path = cli.db
    from tracker.store import open_store

    store = open_store(store_path)
    try:
        with store.write() as session:
            add_opportunity(session, title="KAIST vision lab", kind="outreach", organization="KAIST", on=TODAY)
            add_opportunity(session, title="Aalto summer", kind="program", organization="Aalto University", on=TODAY)
    finally:
        store.close()
    assert [o["title"] for o in cli.json("list", "opportunities", "--country", "kr")] == ["KAIST vision lab"]  # type: ignore[index]
    assert cli.json("list", "opportunities", "--country", "Narnia") == []


def test_a_bad_country_file_writes_nothing(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "t.db")
    bad = write(tmp_path, "country-info.csv", "institution,region,countryabbrv\nKAIST,asia,korea\n")
    result = cli("import", "faculty", str(write(tmp_path, "csrankings.csv", FACULTY)), "--countries", str(bad))
    assert result.exit_code == 2 and 'line 2: "korea" is not a two-letter country' in result.stderr
    assert cli.json("list", "people") == []


class open_orgs:
    """{organization name: (country, region)} of a database file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> dict[str, tuple[str | None, str | None]]:
        import sqlite3

        with sqlite3.connect(self.path) as conn:
            return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT name, country, region FROM organization")}

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.mark.parametrize("query", ["karamanlioglu", "KARAMANLIOĞLU", "selin bogazici", "bogazici selin"])
def test_search_in_the_cli_finds_accents_either_way(tmp_path: Path, query: str) -> None:
    cli = Cli(tmp_path / "t.db")
    cli.ok("import", "faculty", str(write(tmp_path, "csrankings.csv", FACULTY)))
    assert [p["name"] for p in cli.json("list", "people", "--search", query)] == ["Selin Karamanlıoğlu"]  # type: ignore[index]
