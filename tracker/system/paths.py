"""Where tracker keeps its files.

Nothing here touches the disk at import time: every function computes a path when
called, so `tracker --help` creates nothing in the user's home.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tracker"
DB_ENV = "TRACKER_DB"
DB_FILENAME = "tracker.db"


def data_dir() -> Path:
    """The per-user data directory (platformdirs), e.g. ~/.local/share/tracker."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The per-user config directory (platformdirs), e.g. ~/.config/tracker."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database used when neither `--db` nor `TRACKER_DB` says otherwise."""
    return data_dir() / DB_FILENAME


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The database path in use and where that choice came from.

    Precedence: the `--db` option, then the `TRACKER_DB` environment variable,
    then the platform's user data directory.
    """
    if option:
        return Path(option).expanduser(), "--db option"
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser(), f"{DB_ENV} environment variable"
    return default_db_path(), "default location"
