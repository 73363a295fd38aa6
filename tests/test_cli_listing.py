"""`tracker list`, `show` and `locate`."""

from __future__ import annotations

from conftest import Cli


def seed(cli: Cli) -> None:
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST", "--lab", "Computer Vision Lab",
           "--areas", "video retrieval")
    cli.ok("add", "person", "Wei Ling Tan", "--role", "phd-student", "--org", "NTU Singapore", "--lab", "ROSE Lab")
    cli.ok("add", "opportunity", "GIST CV Lab", "--kind", "outreach", "--org", "GIST", "--contact", "kim",
           "--cycle", "Summer 2027")
    cli.ok("add", "opportunity", "NTU India Connect", "--kind", "program", "--org", "NTU Singapore",
           "--deadline", "2026-12-15")
    cli.ok("log", "email", "--to", "kim", "--on", "2026-11-01", "--subject", "Video retrieval internship")
    cli.ok("log", "linkedin", "--to", "wei", "--opportunity", "ntu", "--on", "2026-11-02")
    cli.ok("log", "linkedin", "--from", "wei", "--opportunity", "ntu", "--on", "2026-11-03")


def test_list_people_search_any_field(cli: Cli) -> None:
    seed(cli)
    assert [p["name"] for p in cli.json("list", "people", "--search", "retrieval")] == ["Prof. Kim Minsoo"]
    assert [p["name"] for p in cli.json("list", "people", "--search", "rose")] == ["Wei Ling Tan"]
    assert [p["name"] for p in cli.json("list", "people", "--search", "ntu singapore")] == ["Wei Ling Tan"]
    assert len(cli.json("list", "people")) == 2


def test_list_people_by_stage(cli: Cli) -> None:
    seed(cli)
    assert [p["name"] for p in cli.json("list", "people", "--stage", "replied")] == ["Wei Ling Tan"]


def test_list_opportunities_columns_and_filters(cli: Cli) -> None:
    seed(cli)
    opps = cli.json("list", "opportunities")
    assert list(opps[0]) == ["title", "kind", "organization", "lab", "contact", "cycle", "stage", "deadline",
                             "applied_on", "letters_required", "letters_submitted", "last_activity",
                             "next_follow_up", "url", "notes"]
    gist = opps[0]
    assert (gist["stage"], gist["last_activity"], gist["next_follow_up"]) == ("contacted", "2026-11-01", "2026-11-08")
    assert [o["title"] for o in cli.json("list", "opportunities", "--stage", "replied")] == ["NTU India Connect"]
    assert cli.json("list", "opportunities", "--search", "nothing-like-this") == []


def test_list_log_rows(cli: Cli) -> None:
    seed(cli)
    log = cli.json("list", "log", "--search", "wei")
    assert [(r["date"], r["channel"], r["direction"]) for r in log] == [
        ("2026-11-02", "linkedin", "sent"), ("2026-11-03", "linkedin", "received")]
    assert log[0]["role"] == "phd-student" and log[0]["stage"] == "replied"


def test_log_search_finds_a_subject_written_with_accents_typed_with_or_without_them(cli: Cli) -> None:
    seed(cli)
    cli.ok("log", "email", "--to", "wei", "--subject", "Résumé for the café seminar", "--on", "2026-11-04")
    cli.ok("log", "email", "--to", "wei", "--subject", "resume, second try", "--on", "2026-11-05")
    subjects = lambda text: [r["subject"] for r in cli.json("list", "log", "--search", text)]  # noqa: E731
    assert subjects("Résumé café") == ["Résumé for the café seminar"]
    assert subjects("RÉSUMÉ") == ["Résumé for the café seminar", "resume, second try"]  # as typed, or plain
    assert subjects("resume") == ["resume, second try"]  # a subject is not folded: accents as written
    assert "No message matches." in cli.ok("list", "log", "--search", "Müller").stdout


def test_list_table_output_and_bad_stage(cli: Cli) -> None:
    seed(cli)
    assert "GIST CV Lab" in cli.ok("list", "opportunities").stdout
    assert cli("list", "opportunities", "--stage", "limbo").exit_code == 2


def test_show_has_history_and_log(cli: Cli) -> None:
    seed(cli)
    detail = cli.json("show", "gist")
    assert [h["to"] for h in detail["history"]] == ["shortlisted", "contacted"]
    assert detail["log"][0]["subject"] == "Video retrieval internship"


def test_show_a_person_with_their_threads_and_messages(cli: Cli) -> None:
    """`tracker show wei` (no opportunity is called that) shows the person; `--person` where one is."""
    seed(cli)
    out = cli.ok("show", "wei").stdout
    lines = out.splitlines()
    assert lines[0] == "Wei Ling Tan"
    assert any(line.split()[:2] == ["organization", "NTU"] for line in lines)
    assert any(line.startswith("NTU India Connect") and "messages" in line for line in lines)  # the thread
    assert "Threads" in lines and "Log" in lines
    detail = cli.json("show", "wei")
    assert (detail["role"], detail["last_heard"]) == ("phd-student", "2026-11-03")
    assert [(m["direction"], m["opportunity"]) for m in detail["log"]] == [
        ("sent", "NTU India Connect"), ("received", "NTU India Connect")]
    assert cli.json("show", "gist")["title"] == "GIST CV Lab"  # an opportunity first
    cli.ok("add", "opportunity", "Wei's lab visit", "--kind", "outreach")
    assert cli.json("show", "wei")["title"] == "Wei's lab visit"
    assert cli.json("show", "--person", "wei")["name"] == "Wei Ling Tan"
    kim = cli.json("show", "kim")
    assert kim["name"] == "Prof. Kim Minsoo" and kim["threads"][0]["opportunity"] == "GIST CV Lab"
    result = cli("show", "nobody")
    assert result.exit_code == 2 and result.stderr.strip() == 'error: no opportunity or person named "nobody"'


def test_show_prints_times_in_their_zone_and_yours_not_utc(cli: Cli) -> None:
    seed(cli)
    cli.ok("profile", "--timezone", "Asia/Kolkata")
    cli.ok("add", "interview", "gist", "--at", "2026-12-01 14:00 SGT", "--outcome", "second round next week")
    out = cli.ok("show", "gist").stdout
    assert "Tue 2026-12-01 11:30 IST" in out and "(14:00 SGT)" in out and "+00:00" not in out
    assert "second round next week" in out
    assert cli.json("show", "gist")["interviews"][0]["at"].endswith("+00:00")  # JSON keeps ISO 8601, UTC


def test_locate_prints_the_path_without_creating_it(new_file_cli: Cli) -> None:
    cli = new_file_cli
    info = cli.json("locate")
    assert info["database"] == str(cli.db) and info["database_source"] == "--db option"
    assert not cli.db.exists()
