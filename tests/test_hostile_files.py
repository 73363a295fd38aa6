"""Hostile files: a full disk, a file size limit, and the mode of every file tracker makes for the user.

Everything runs in real processes: the console script (`tracker.entry.remind:main`, whose
`export csv` is the lean `sqlite3` path) and the Typer app without the fast path.

How each failure is made, and what it covers:
- a file size limit (RLIMIT_FSIZE, set in the child): the kernel fails the write with EFBIG
  partway through the temporary file, on the real write-then-rename path of every export;
- Linux's /dev/full: every write fails with ENOSPC, the error of a full disk. Reached through
  a symbolic link (an export follows links; a device is written in place, never replaced),
  and as standard output;
- a umask of 0, the most permissive: every private mode must be set by tracker itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from script_helpers import fill_with_notes, one_line, run_tracker, run_typer

FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists() or not stat.S_ISCHR(FULL.stat().st_mode),
                                    reason="needs Linux's /dev/full")
LIMIT = 128 * 1024
"""The file size limit: the exports of `big_db` are about 300 KB."""
TOO_LARGE = "file too large (over the system's limit on the size of a file)"

Export = Callable[..., CompletedProcess[bytes]]
EXPORTS: dict[str, Export] = {
    "csv (console script)": lambda db, out, **kw: run_tracker("--db", db, "export", "csv", "-w", "people", "-o", out,
                                                              **kw),
    "csv (Typer)": lambda db, out, **kw: run_typer("--db", str(db), "export", "csv", "-w", "people", "-o", str(out),
                                                   **kw),
    "ics (console script)": lambda db, out, **kw: run_tracker("--db", db, "export", "ics", "-o", out, **kw),
}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    db = tmp_path / "big.db"
    fill_with_notes(db, people=100, note_chars=3000)
    return db


@pytest.mark.parametrize("how", EXPORTS)
def test_an_export_the_system_cannot_hold_says_so_and_leaves_the_old_file(how: str, big_db: Path,
                                                                          tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.file"
    target.write_bytes(b"the previous export\n")
    result = EXPORTS[how](big_db, target, file_size_limit=LIMIT)
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr) == f"error: {TOO_LARGE}: nothing was written to {target}"
    assert target.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in folder.iterdir()) == ["export.file"]  # no temporary file left


@needs_dev_full
@pytest.mark.parametrize("what", ["csv", "ics"])
def test_an_export_to_a_full_disk_says_disk_full(what: str, big_db: Path, tmp_path: Path) -> None:
    link = tmp_path / f"export.{what}"
    link.symlink_to(FULL)
    result = run_tracker("--db", big_db, "export", what, *(["-w", "people"] if what == "csv" else []), "-o", link)
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr) == f"error: disk full: nothing was written to {link}"
    assert link.is_symlink() and os.readlink(link) == str(FULL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.db", f"export.{what}"]


@needs_dev_full
@pytest.mark.parametrize("args", [("export", "csv"), ("export", "ics"), ("list", "people"), ("remind",)])
def test_printing_onto_a_full_disk_is_one_line(args: tuple[str, ...], big_db: Path) -> None:
    with FULL.open("wb") as full:
        result = run_tracker("--db", big_db, *args, stdout=full)
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr) == "error: disk full while writing standard output; the output is incomplete"


def test_files_made_for_the_user_are_private_whatever_the_umask(demo_db: Path, tmp_path: Path, isolated_dirs: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    seen = tmp_path / "seen-by-editor"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\nstat -c %a "$1" "$(dirname "$1")" >> {seen}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    runs: list[CompletedProcess[bytes]] = [
        run_tracker("--db", demo_db, "export", "csv", "-o", out / "log.csv", umask=0),
        run_typer("--db", str(demo_db), "export", "csv", "-w", "people", "-o", str(out / "people.csv"), umask=0),
        run_tracker("--db", demo_db, "export", "ics", "-o", out / "season.ics", umask=0),
        run_tracker("--db", demo_db, "draft", "templates", "--init", umask=0),
        run_tracker("--db", demo_db, "draft", "edit-template", "my-note", umask=0),
        run_tracker("--db", demo_db, "draft", "cold-email", "Tan", "--edit", umask=0),
        run_tracker("--db", demo_db, "programs", "edit", umask=0),
    ]
    assert [r.returncode for r in runs] == [0] * len(runs), [r.stderr for r in runs]
    made = {p.name: _mode(p) for p in out.iterdir()}
    assert made == {"log.csv": 0o600, "people.csv": 0o600, "season.ics": 0o600}
    config = isolated_dirs / "config" / "tracker"
    folders = {p.relative_to(isolated_dirs).as_posix(): _mode(p) for p in (config.parent, config, config / "templates")}
    assert folders == {"config": 0o700, "config/tracker": 0o700, "config/tracker/templates": 0o700}
    files = {p.name: _mode(p) for p in config.rglob("*") if p.is_file()}
    assert len(files) == 10 and set(files.values()) == {0o600}, files  # 8 templates, my-note, programs.toml
    # The draft given to the editor (--edit), and the template: private files in private folders.
    assert seen.read_text().split() == ["600", "700", "600", "700", "600", "700"]
