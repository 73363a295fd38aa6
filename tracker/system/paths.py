"""Where tracker keeps its files.

Nothing here touches the disk at import time: every function computes a path when
called, so `tracker --help` creates nothing in the user's home.
"""

from __future__ import annotations

import os
import re
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


URL_START = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
"""A URL's scheme and `://`: such a `--db` names a database on a server, not a file."""


def is_url(location: object) -> bool:
    """True when `location` names a database on a server (`postgresql://...`), not a file."""
    return isinstance(location, str) and URL_START.match(location) is not None


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> tuple[Path | str, str]:
    """The database in use and where that choice came from: a file's Path, or a server's URL (a str).

    Precedence: the `--db` option, then the `TRACKER_DB` environment variable,
    then the platform's user data directory.
    """
    if option:
        return (str(option) if is_url(option) else Path(option).expanduser()), "--db option"
    env = os.environ.get(DB_ENV)
    if env:
        return (env if is_url(env) else Path(env).expanduser()), f"{DB_ENV} environment variable"
    return default_db_path(), "default location"
