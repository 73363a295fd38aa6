"""The TUI's settings file: the theme (chosen from the palette, remembered) and the user's keymap.

`<config dir>/tui.toml` (e.g. ~/.config/tracker/tui.toml), as posting does it:

    theme = "nord"

    [keymap]
    "agenda.dismiss" = "delete"      # any binding by its id (help, `?`, lists every id)
    "app.quit" = "ctrl+q"

A missing or unreadable file means the defaults; a broken one is reported once and ignored.
Choosing a theme rewrites only the `theme` line, keeping the rest of the file as the user wrote it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "tui.toml"
_THEME_LINE = re.compile(r"(?m)^theme\s*=.*$")


@dataclass
class TuiSettings:
    """What the file says."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    """Why the file could not be used (one sentence), or None."""


def settings_path() -> Path:
    """Where the file is (TRACKER_TUI_SETTINGS overrides it, for tests and for trying things)."""
    import os

    from tracker.system.paths import config_dir

    override = os.environ.get("TRACKER_TUI_SETTINGS")
    return Path(override) if override else config_dir() / FILE_NAME


def read_settings(path: Path | None = None) -> TuiSettings:
    """The settings in the file (the defaults when there is none)."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return TuiSettings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        return TuiSettings(problem=f"{path} was not used: {err}")
    theme = data.get("theme")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        return TuiSettings(theme=theme if isinstance(theme, str) else None,
                           problem=f'{path}: [keymap] must map binding ids to keys, e.g. "agenda.dismiss" = "delete"')
    return TuiSettings(theme=theme if isinstance(theme, str) else None, keymap=dict(keymap))


def remember_theme(theme: str, path: Path | None = None) -> None:
    """Write `theme = "..."` into the file, keeping everything else in it (created if missing)."""
    from tracker.system.private_files import private_dir, replace_atomically

    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f'theme = "{theme}"'
    text = _THEME_LINE.sub(line, text, count=1) if _THEME_LINE.search(text) else f"{line}\n{text}"
    private_dir(path.parent)
    with replace_atomically(path) as handle:
        handle.write(text)


def apply_settings(app: Any) -> None:
    """Give `app` the theme remembered and the user's keymap; a theme chosen later (the palette's
    "Theme") is remembered, and a problem with the file is said once."""
    settings = read_settings()
    if settings.theme in app.available_themes:
        app.theme = settings.theme
    if settings.keymap:
        app.update_keymap(settings.keymap)
    if settings.problem:
        app.notify(settings.problem, title="Settings", severity="warning", timeout=10, markup=False)

    def remember(theme: Any) -> None:
        from tracker.domain.errors import TrackerError

        try:
            remember_theme(theme.name)
        except (OSError, TrackerError) as err:
            app.notify(f"The theme was not remembered: {err}", severity="warning", markup=False)

    app.theme_changed_signal.subscribe(app, remember)
