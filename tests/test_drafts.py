"""Draft templates: parsing, rendering, who they fit, the files, and every demo person's drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import TODAY
from sqlmodel import select

from tracker.domain.draft_values import (
    DraftFacts,
    address,
    areas_phrase,
    bare_subject,
    draft_values,
    where_phrase,
)
from tracker.domain.drafts import (
    LINKEDIN_LIMIT,
    MissingValue,
    PersonFacts,
    TemplateError,
    applies,
    draft_warnings,
    leftovers,
    mailto_url,
    parse_draft,
    parse_template,
    render,
)
from tracker.io.templates import (
    init_user_templates,
    load_templates,
    user_copy,
    user_dir,
)

BUILT_IN = {"cold-email", "linkedin-note", "follow-up", "thank-you", "decline-offer", "letter-writer", "thank-writer",
            "writer-news"}
NEWS = {"thank-writer", "writer-news"}
"""The templates that give the letter writers the news of an offer accepted (tests/test_writer_news.py)."""


def template(text: str, name: str = "t"):  # type: ignore[no-untyped-def]
    return parse_template(text, name=name, path=f"{name}.txt")


# --- parsing and filling ------------------------------------------------------------------------


def test_headers_body_and_placeholders_in_order() -> None:
    t = template("For: professor, offer\nSubject: Hello {name}\nChannel: email\n\nDear {professor},\n{paper} {name}\n")
    assert t.subject == "Hello {name}" and t.channel == "email" and t.audience == ("professor", "offer")
    assert t.body == "Dear {professor},\n{paper} {name}\n"
    assert t.placeholders() == ("name", "professor", "paper")


def test_a_file_without_headers_is_all_body() -> None:
    t = template("Dear {name},\nthanks\n")
    assert t.subject is None and t.audience == () and t.body == "Dear {name},\nthanks\n"


def test_doubled_braces_write_a_brace_and_values_are_never_expanded_again() -> None:
    t = template("Set {{x}} = {name} }}\n")
    draft = render(t, {"name": "{paper} {0} {name.__class__}"})
    assert draft.body == "Set {x} = {paper} {0} {name.__class__} }\n"


@pytest.mark.parametrize("text, wanted", [
    ("Hi {nmae}\n", "t.txt, line 1: unknown placeholder {nmae}"),
    ("Hi\n{name.__class__}\n", "t.txt, line 2: unknown placeholder {name.__class__}"),
    ("Hi {0}\n", "unknown placeholder {0}"),
    ("Hi {name\n", "t.txt, line 1: a lone {"),
    ("Subject: {bogus}\n\nbody\n", "unknown placeholder {bogus}"),
])
def test_template_mistakes_name_the_file_the_line_and_the_placeholder(text: str, wanted: str) -> None:
    with pytest.raises(TemplateError) as caught:
        template(text)
    assert wanted in str(caught.value)


def test_bad_headers_are_refused() -> None:
    with pytest.raises(TemplateError, match="For: dean is not a role"):
        template("For: dean\n\nbody\n")
    with pytest.raises(TemplateError, match="Channel: fax"):
        template("Channel: fax\n\nbody\n")
    with pytest.raises(TemplateError, match="line 2: put a blank line"):
        template("Subject: x\nDear {name}\n")


def test_strict_rendering_names_what_is_missing_and_lenient_keeps_it_visible() -> None:
    t = template("Subject: {paper}\n\n{name} read {paper} on {interview_date}\n", name="cold")
    with pytest.raises(MissingValue) as caught:
        render(t, {"name": "Kim", "paper": None})
    assert caught.value.names == ("paper", "interview_date")
    assert "{paper}, {interview_date}" in str(caught.value)
    draft = render(t, {"name": "Kim"}, strict=False)
    assert draft.body == "Kim read {paper} on {interview_date}\n" and draft.missing == ("paper", "interview_date")
    assert leftovers(draft.text()) == ["{paper}", "{paper}", "{interview_date}"]


def test_linkedin_drafts_have_no_subject_and_last_follows_the_last_channel() -> None:
    t = template("Channel: last\nSubject: Re: {name}\n\nHi\n")
    assert render(t, {"name": "A", "last_channel": "linkedin"}).subject is None
    assert render(t, {"name": "A", "last_channel": "email"}).subject == "Re: A"
    assert render(t, {"name": "A"}).channel == "email"


def test_edited_text_reads_back_as_subject_and_body() -> None:
    assert parse_draft("Subject: Hi there\n\nDear X,\nbody\n") == ("Hi there", "Dear X,\nbody\n")
    assert parse_draft("Dear X,\nno subject\n") == (None, "Dear X,\nno subject\n")


def test_a_long_linkedin_note_is_flagged() -> None:
    note = template("Channel: linkedin\n\n{name}\n")
    assert draft_warnings(note, "x" * LINKEDIN_LIMIT) == []
    assert draft_warnings(note, "x" * (LINKEDIN_LIMIT + 1)) == [
        f"the note is {LINKEDIN_LIMIT + 1} characters; LinkedIn connection notes take {LINKEDIN_LIMIT}"]
    assert draft_warnings(template("{name}\n"), "x" * 2000) == []


def test_mailto_link_round_trips_through_urllib() -> None:
    subject = "Re: offer & next steps? 100% yes"
    body = "Dear Prof. Kim,\n\nLine with # and & and = and +.\n서민준 says hi.\n"
    url = mailto_url("yh.kim@gist.example.ac.kr", subject, body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "yh.kim@gist.example.ac.kr"
    query = parse_qs(parts.query)
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url


# --- who a template fits, and the values ----------------------------------------------------------


@pytest.mark.parametrize("name, facts, fits", [
    ("cold-email", PersonFacts("professor"), True),
    ("cold-email", PersonFacts("phd-student", written_to=True), False),
    ("linkedin-note", PersonFacts("postdoc"), True),
    ("linkedin-note", PersonFacts("professor"), False),
    ("follow-up", PersonFacts("recruiter"), False),
    ("follow-up", PersonFacts("recruiter", written_to=True), True),
    ("thank-you", PersonFacts("professor", written_to=True), False),
    ("thank-you", PersonFacts("researcher", interviewed=True), True),
    ("decline-offer", PersonFacts("professor", offer=True), True),
    ("letter-writer", PersonFacts("writer"), False),
    ("letter-writer", PersonFacts("writer", letters=True), True),
    ("thank-writer", PersonFacts("writer", asked_letter=True, accepted=True), False),
    ("thank-writer", PersonFacts("professor", asked_letter=True, wrote_letter=True), False),
    ("thank-writer", PersonFacts("professor", asked_letter=True, wrote_letter=True, accepted=True), True),
    ("writer-news", PersonFacts("writer", accepted=True), False),
    ("writer-news", PersonFacts("writer", asked_letter=True), False),
    ("writer-news", PersonFacts("writer", asked_letter=True, accepted=True), True),
])
def test_which_built_in_template_fits_whom(name: str, facts: PersonFacts, fits: bool) -> None:
    assert applies(load_templates().get(name), facts) is fits


def test_names_are_addressed_whole_and_titles_are_not_doubled() -> None:
    assert address("Kim Young-hoon", "professor") == "Prof. Kim Young-hoon"
    assert address("서민준", "professor") == "Prof. 서민준"
    assert address("Prof. Tan Wei Ming", "professor") == "Prof. Tan Wei Ming"
    assert address("Dr. Aditi Rao", "professor") == "Dr. Aditi Rao"
    assert address("Aditi Rao", "postdoc") == "Aditi Rao"


def test_a_follow_up_subject_does_not_stack_reply_prefixes() -> None:
    assert bare_subject("Follow-up: research internship (with project video)") == "research internship (with project video)"
    assert bare_subject("Re: RE: Fwd: Summer internship") == "Summer internship"
    assert bare_subject("Refund of the application fee") == "Refund of the application fee"
    assert bare_subject("Re:") is None and bare_subject(None) is None


def test_phrases_for_areas_and_places() -> None:
    assert areas_phrase("test-time adaptation; open-vocabulary detection") == \
        "test-time adaptation and open-vocabulary detection"
    assert areas_phrase("a, b; c") == "a, b and c"
    assert areas_phrase(" ; ") is None
    assert where_phrase("Computer Vision Lab", "GIST") == "Computer Vision Lab, GIST"
    assert where_phrase("Vision Lab, GIST", "GIST") == "Vision Lab, GIST"
    assert where_phrase(None, "NUS") == "NUS" and where_phrase(None, None) == "your group"


def test_values_from_facts_with_zones_and_fallbacks() -> None:
    seoul_10am = datetime(2026, 10, 19, 1, 0, tzinfo=UTC)  # 10:00 in Seoul
    la_deadline = datetime(2026, 12, 3, 7, 59, tzinfo=UTC)  # 23:59 on Dec 2 in Los Angeles
    values = draft_values(DraftFacts(
        name="Kim Young-hoon", role="professor", today=date(2026, 11, 22), organization="GIST",
        interview_at=seoul_10am, interview_tz="Asia/Seoul", deadline=date(2026, 12, 2), deadline_at=la_deadline,
        deadline_tz="America/Los_Angeles", last_on=date(2026, 11, 14),
    ))
    assert values["interview_date"] == "Monday 19 October 2026"
    assert values["deadline"] == "Wednesday 2 December 2026, 23:59 (America/Los_Angeles)"
    assert values["days_since"] == "8" and values["last_date"] == "Saturday 14 November 2026"
    assert values["lab"] == "your group" and values["where"] == "GIST" and values["research_areas"] == "your research"
    assert values["paper"] is None and values["my_name"] is None and values["letters"] is None


# --- the files ----------------------------------------------------------------------------------


def test_the_built_in_templates_ship_with_the_package() -> None:
    loaded = load_templates()
    assert {t.name for t in loaded.templates} == BUILT_IN and loaded.problems == ()
    assert all(t.origin == "built-in" for t in loaded.templates)
    assert loaded.get("cold-email").subject and "{paper}" in loaded.get("cold-email").body
    assert loaded.get("linkedin-note").channel == "linkedin"


def test_user_templates_live_in_the_config_dir_and_win(isolated_dirs: Path) -> None:
    folder = user_dir()
    assert folder == isolated_dirs / "config" / "tracker" / "templates"
    folder.mkdir(parents=True)
    (folder / "cold-email.txt").write_text("For: professor\nSubject: Mine\n\nDear {professor}, {paper}\n")
    (folder / "coffee-chat.txt").write_text("Channel: linkedin\n\nHi {name}, coffee?\n")
    (folder / "notes.md").write_text("not a template {nope}")
    loaded = load_templates()
    assert loaded.get("cold-email").subject == "Mine" and loaded.get("cold-email").origin == "user"
    assert loaded.get("Coffee-Chat").channel == "linkedin"
    assert {t.name for t in loaded.templates} == BUILT_IN | {"coffee-chat"}


def test_a_broken_user_template_is_reported_not_replaced_by_the_default(isolated_dirs: Path) -> None:
    folder = user_dir()
    folder.mkdir(parents=True)
    (folder / "follow-up.txt").write_text("Dear {profesor},\n")
    loaded = load_templates()
    assert len(loaded.problems) == 1 and "follow-up.txt, line 1: unknown placeholder {profesor}" in loaded.problems[0]
    with pytest.raises(TemplateError, match="unknown placeholder"):
        loaded.get("follow-up")
    assert loaded.get("thank-you").origin == "built-in"


def test_init_copies_the_defaults_and_never_overwrites(isolated_dirs: Path) -> None:
    folder = user_dir()
    folder.mkdir(parents=True)
    mine = "For: professor\n\nMy own {name}\n"
    (folder / "cold-email.txt").write_text(mine)
    results = {path.name: written for path, written in init_user_templates()}
    assert results == {f"{n}.txt": n != "cold-email" for n in BUILT_IN}
    assert (folder / "cold-email.txt").read_text() == mine
    assert (folder / "thank-you.txt").read_text() == (Path(__file__).parents[1] / "tracker/templates/thank-you.txt").read_text()
    (folder / "thank-you.txt").write_text("For: interviewed\n\nEdited {name}\n")
    assert all(not written for _path, written in init_user_templates())
    assert (folder / "thank-you.txt").read_text() == "For: interviewed\n\nEdited {name}\n"
    assert user_copy("thank-you") == (folder / "thank-you.txt", False)
    _path, created = user_copy("new-one")
    assert created and load_templates().get("new-one").origin == "user"
    with pytest.raises(TemplateError):
        user_copy("../escape")


# --- the demo season: every template, every person it fits, filled ------------------------------


def test_every_demo_person_gets_every_fitting_draft_with_nothing_left_to_fill(demo_db: Path) -> None:
    from tracker.system import clock
    from tracker.store.models import Person
    from tracker.store import open_store
    from tracker.store.views.draft_context import drafts_for

    templates = load_templates().templates
    zone = ZoneInfo("Asia/Kolkata")
    store = open_store(demo_db)
    rendered: dict[str, list[str]] = {t.name: [] for t in templates}
    try:
        with store.read() as session:
            people = session.exec(select(Person)).all()
            for person in people:
                drafts = drafts_for(session, person, templates, today=TODAY, now=clock.now(zone))
                for option in drafts.options:
                    draft = render(option.template, option.values)  # strict: raises if anything is missing
                    assert leftovers(draft.text()) == [], (person.name, option.template.name, draft.text())
                    assert "{" not in draft.text() and "}" not in draft.text()
                    assert draft_warnings(option.template, draft.body) == [], (person.name, option.template.name)
                    rendered[option.template.name].append(person.name)
    finally:
        store.close()
    assert len(people) >= 14
    assert all(rendered[name] for name in BUILT_IN - NEWS), rendered  # the demo exercises every template
    assert not any(rendered[name] for name in NEWS)  # but the two for news of an offer accepted: none is
    assert {"Kim Young-hoon", "Tan Wei Ming", "Michael Carter"} <= set(rendered["decline-offer"])
    assert "Park Ji-won" not in rendered["thank-you"]  # the KAIST interview is tomorrow
    assert {"Meera Nair", "Suresh Balasubramanian"} <= set(rendered["letter-writer"])
    assert "서민준" in rendered["linkedin-note"]


def test_the_drafts_core_imports_no_textual_and_no_typer() -> None:
    import os
    import subprocess
    import sys

    code = ("import sys, tracker.domain.drafts, tracker.domain.draft_values, tracker.io.templates, "
            "tracker.store.views.draft_context\nprint(sorted(m for m in ('textual', 'typer') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ),
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
