"""The exported calendar in real calendar programs: khal and calcurse import every event, warn
about nothing, skip nothing, and place each event at its time.

Both are Debian packages (`apt-get install khal calcurse`; .ci/run installs them). Without them
these tests are skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli

TODAY = date(2026, 11, 22)


def calendar(tmp_path: Path) -> tuple[Path, int]:
    """The demo season's calendar, plus deadlines in a fixed offset, in UTC and in a zone with daylight
    saving, and an all-day deadline; and how many events it holds."""
    cli = Cli(tmp_path / "cal.db", today=TODAY)
    cli.ok("demo")
    cli.ok("add", "opportunity", "Offset deadline", "--kind", "posting", "--org", "Example Labs",
           "--deadline", "2026-12-01 23:59 +05:30")
    cli.ok("add", "opportunity", "UTC deadline", "--kind", "posting", "--org", "Example Labs",
           "--deadline", "2026-12-02 12:00 UTC")
    cli.ok("add", "opportunity", "Pacific deadline", "--kind", "program", "--org", "Example University",
           "--deadline", "2027-03-14 03:30 America/Los_Angeles")  # the night the clocks go forward
    cli.ok("add", "opportunity", "Day deadline", "--kind", "program", "--org", "Example University",
           "--deadline", "2027-01-15")
    path = tmp_path / "season.ics"
    cli.ok("export", "ics", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    return path, text.count("BEGIN:VEVENT")


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env={**os.environ, **env}, timeout=120, check=False)


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed (apt-get install khal)")
def test_khal_imports_every_event_without_a_warning(tmp_path: Path) -> None:
    path, events = calendar(tmp_path)
    config = tmp_path / "khal.conf"
    store = tmp_path / "calendars" / "tracker"
    store.mkdir(parents=True)
    config.write_text(
        "[calendars]\n[[tracker]]\n"
        f"path = {store}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = UTC\ndefault_timezone = UTC\n",
        encoding="utf-8",
    )
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"), "TZ": "UTC"}
    imported = _run(["khal", "-c", str(config), "import", "--batch", "-a", "tracker", str(path)], env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == "" and "warning" not in imported.stdout.lower()
    assert len(list(store.glob("*.ics"))) == events
    listed = _run(["khal", "-c", str(config), "list", "--format", "{start} {end} {title}", "2026-10-01", "200d"], env)
    assert listed.returncode == 0 and "warning" not in listed.stderr.lower(), listed.stderr
    lines = listed.stdout.splitlines()
    # A deadline is its moment: it starts at the deadline and lasts a minute (not an hour).
    assert "2026-12-01 18:29 2026-12-01 18:30 Deadline: Offset deadline" in lines
    assert "2026-12-02 12:00 2026-12-02 12:01 Deadline: UTC deadline" in lines
    assert "2027-03-14 10:30 2027-03-14 10:31 Deadline: Pacific deadline" in lines  # 03:30 PDT, just after the clocks went forward
    assert "2027-01-15 2027-01-15 Deadline: Day deadline" in lines
    assert "2026-11-23 05:00 2026-11-23 06:00 Interview: Visual Reasoning Lab, KAIST with Park Ji-won" in lines


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed (apt-get install calcurse)")
def test_calcurse_imports_every_event_and_skips_nothing(tmp_path: Path) -> None:
    path, events = calendar(tmp_path)
    data = tmp_path / "calcurse"
    data.mkdir()
    env = {"TZ": "UTC", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    imported = _run(["calcurse", "-D", str(data), "-i", str(path)], env)
    report = re.search(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped", imported.stdout)
    assert report is not None, imported.stdout + imported.stderr
    apps, day_events, todos, skipped = map(int, report.groups())
    assert (skipped, todos, apps + day_events) == (0, 0, events), imported.stdout
    assert imported.returncode == 0 and "could not be imported" not in imported.stdout
    appointments = (data / "apts").read_text(encoding="utf-8").splitlines()  # "when -> when>note !summary"

    def at(when: str, what: str) -> bool:
        return any(line.startswith(when) and line.endswith(what) for line in appointments)

    assert at("12/01/2026 @ 18:29 -> 12/01/2026 @ 18:30", "Deadline: Offset deadline")
    assert at("03/14/2027 @ 10:30 -> 03/14/2027 @ 10:31", "Deadline: Pacific deadline")
    assert at("11/23/2026 @ 05:00 -> 11/23/2026 @ 06:00", "Interview: Visual Reasoning Lab, KAIST with Park Ji-won")
