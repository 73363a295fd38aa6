"""The program catalog's files: the built-in `programs.toml` shipped in this package, and the user's
own `programs.toml` in the config directory (e.g. ~/.config/tracker/programs.toml).

The format and the merge are `tracker.domain.catalog`'s; this module only reads and writes the files.
Nothing is read or created at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tracker.domain.catalog import CatalogError, Program, merge_catalogs

FILENAME = "programs.toml"
USER_HEADER = """\
# Your copy of tracker's program catalog. Programs here override the built-in ones field by
# field (a table that gives only `deadline` changes only the deadline), new keys add programs,
# and `hidden = true` hides one. Delete a table to go back to the built-in facts.
# `tracker programs` checks this file; a mistake is reported with its line.

"""


@dataclass(frozen=True)
class Catalog:
    """The programs in use, and where the user's file is (whether or not it exists)."""

    programs: tuple[Program, ...]
    user_file: Path
    user_file_exists: bool


def builtin_text() -> str:
    """The built-in catalog, as shipped in the package."""
    return resources.files(__package__).joinpath(FILENAME).read_text(encoding="utf-8")


def user_file() -> Path:
    """Where the user's catalog lives: `programs.toml` in tracker's config directory."""
    from tracker.system.paths import config_dir

    return config_dir() / FILENAME


def _read_user(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise CatalogError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except OSError as err:
        raise CatalogError(f"cannot read {path}: {err.strerror or err}") from None


def load_catalog(path: Path | None = None) -> Catalog:
    """The built-in programs with the user's file (default `user_file()`) merged over them.

    Raises CatalogError (one line naming the file and line) when the user's file is wrong.
    """
    path = path or user_file()
    text = _read_user(path)
    programs = merge_catalogs(builtin_text(), text, user_source=str(path))
    return Catalog(programs, path, text is not None)


def ensure_user_file(path: Path | None = None) -> tuple[Path, bool]:
    """The user's catalog, created as a copy of the built-in one if it is missing (never overwritten).

    Returns the path and whether it was created now.
    """
    path = path or user_file()
    if path.exists():
        return path, False
    try:
        from tracker.system.private_files import private_dir, write_new_text

        private_dir(path.parent)  # the config folder also holds the user's templates
        write_new_text(path, USER_HEADER + builtin_text())
    except FileExistsError:
        return path, False
    except OSError as err:
        raise CatalogError(f"cannot create {path}: {err.strerror or err}") from None
    return path, True
