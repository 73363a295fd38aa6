"""`tracker profile`, `tracker demo`, `tracker locate`."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, done, print_json, print_table

Opt = typer.Option


def profile(
    ctx: typer.Context,
    name: Annotated[str | None, Opt("--name", metavar="NAME")] = None,
    gpa: Annotated[str | None, Opt("--gpa", metavar="GPA", help="With its scale: 7.1/10, 3.6/4, 85/100.")] = None,
    institution: Annotated[str | None, Opt("--institution", metavar="NAME", help="Your home institution.")] = None,
    timezone: Annotated[str | None, Opt("--timezone", "--tz", metavar="ZONE", help="e.g. Asia/Kolkata, Asia/Seoul, UTC.")] = None,
    follow_up_email: Annotated[str | None, Opt("--follow-up-email", metavar="DUR", help="Default 7d.")] = None,
    follow_up_linkedin: Annotated[str | None, Opt("--follow-up-linkedin", metavar="DUR", help="Default 5d.")] = None,
    recent_days: Annotated[int | None, Opt(
        "--recent-days", metavar="N",
        help="Warn when writing to someone (or their lab) written to within N days, 1 to 365. Default 30.",
    )] = None,
    calendar_file: Annotated[str | None, Opt(
        "--calendar-file", metavar="PATH",
        help='An .ics file written again after every change, for calendar programs that watch it; "" stops it.',
    )] = None,
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """Show your profile, or change it with the options."""
    from tracker.store.writes.profile import update_profile

    path = None
    if calendar_file is not None:
        from tracker.io.calendar_file import checked_path

        path = str(checked_path(calendar_file)) if calendar_file.strip() else ""
    given = (name, gpa, institution, timezone, follow_up_email, follow_up_linkedin, recent_days, calendar_file)
    changes = any(value is not None for value in given)
    st = state(ctx)
    with st.store.write() as session:
        shown = update_profile(session, name=name, gpa=gpa, institution=institution, timezone=timezone,
                               follow_up_email=follow_up_email, follow_up_linkedin=follow_up_linkedin,
                               recent_days=recent_days, calendar_file=path)
    if as_json:
        print_json(shown)
        return
    if changes:
        done("Profile updated")
    print_table("Profile", ("field", "value"), ((k.replace("_", " "), v) for k, v in shown.items()), empty="")


def demo(ctx: typer.Context) -> None:
    """Fill an EMPTY database with a realistic sample outreach season (dates relative to today)."""
    from tracker.demo.season import load_demo

    st = state(ctx)
    summary = load_demo(st.store, today=st.today(), zone=st.zone)
    done(f"Demo data loaded into {st.store.path}: {summary}")
    console.print("Next: `tracker remind` (what is due), `tracker list opportunities`,\n"
                  "`tracker show NAME` (an opportunity or a person).")


def locate(
    ctx: typer.Context,
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """Print the paths in use (the database is not opened)."""
    from tracker.system.paths import config_dir, data_dir

    path, source = state(ctx).db_path()
    if isinstance(path, str):  # a server: shown without a password, and not connected to
        from tracker.store.engine.server_url import parse

        params = parse(path)
        server = {"database": params.get("dbname", ""), "server": server_text(params),
                  "user": params.get("user") or "(libpq's default: your login name)"}
    else:
        server = {"database": str(path.resolve() if path.exists() else path), "database_exists": path.exists()}
    info = {
        **server,
        "database_source": source,
        "data_dir": str(data_dir()),
        "config_dir": str(config_dir()),
    }
    if as_json:
        print_json(info)
        return
    print_table(None, ("what", "path"), ((k.replace("_", " "), v) for k, v in info.items()), empty="")


def server_text(params: dict[str, str]) -> str:
    """Host and port of a server URL's parameters (or its service), for `tracker locate`."""
    if params.get("service"):
        return f"service {params['service']} (libpq's service file)"
    host = params.get("host") or "the local socket"
    return f"{host}:{params['port']}" if params.get("port") else host


def register(app: typer.Typer) -> None:
    """Add these commands to the root app."""
    app.command("profile")(profile)
    app.command("demo")(demo)
    app.command("locate")(locate)
