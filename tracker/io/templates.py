"""Draft templates as plain files: the built-in ones, and the user's in the config directory.

The defaults ship inside the package (`tracker/templates/*.txt`). The user's live in
`<config dir>/templates/` (`tracker locate` shows the config dir; ~/.config/tracker on
Linux): a file named like a built-in one replaces it, any other `NAME.txt` is a new
template. `init_user_templates` copies the defaults there to be edited, never replacing
a file that exists. Nothing is read or created at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tracker.domain.drafts import Template, TemplateError, parse_template
from tracker.domain.errors import NotFound
from tracker.system.private_files import private_dir, write_new_text

SUFFIX = ".txt"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
"""What a template's name (its file name without .txt) may be."""
MAX_BYTES = 64_000
"""A template file larger than this is refused (it is a letter, not a data file)."""


@dataclass(frozen=True)
class TemplateSet:
    """The templates in use, and the user files that could not be read."""

    templates: tuple[Template, ...]
    problems: tuple[str, ...] = ()
    broken: tuple[tuple[str, str], ...] = ()
    """(name, problem) of each user file left out."""

    def get(self, name: str) -> Template:
        """The template called `name` (any case); NotFound lists the others."""
        wanted = name.strip().lower().removesuffix(SUFFIX)
        for template in self.templates:
            if template.name.lower() == wanted:
                return template
        for broken, problem in self.broken:
            if broken.lower() == wanted:
                raise TemplateError(problem)
        names = ", ".join(t.name for t in self.templates)
        raise NotFound(f'no draft template "{name}"; the templates are {names} (tracker draft templates)')


def user_dir() -> Path:
    """Where the user's templates live: <config dir>/templates."""
    from tracker.system.paths import config_dir

    return config_dir() / "templates"


def _builtin_files() -> list[tuple[str, str]]:
    folder = resources.files("tracker").joinpath("templates")
    found = [(entry.name[: -len(SUFFIX)], entry.read_text(encoding="utf-8"))
             for entry in folder.iterdir() if entry.name.endswith(SUFFIX)]
    return sorted(found)


def builtin_templates() -> list[Template]:
    """The templates that ship with tracker."""
    return [parse_template(text, name=name, origin="built-in", path=f"built-in {name}{SUFFIX}")
            for name, text in _builtin_files()]


def _read_user(path: Path) -> Template:
    if path.stat().st_size > MAX_BYTES:
        raise TemplateError(f"{path}: larger than {MAX_BYTES // 1000} kB; a template is one message")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    return parse_template(text, name=path.name[: -len(SUFFIX)], origin="user", path=str(path))


def load_templates(folder: Path | None = None) -> TemplateSet:
    """The built-in templates with the user's on top (same name: the user's wins).

    A user file that cannot be used is left out and described in `problems`.
    """
    by_name = {t.name: t for t in builtin_templates()}
    problems: list[str] = []
    broken: list[tuple[str, str]] = []
    folder = folder or user_dir()
    if folder.is_dir():
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            if not path.is_file() or not NAME.fullmatch(path.name[: -len(SUFFIX)]):
                continue
            try:
                template = _read_user(path)
            except TemplateError as err:
                problems.append(str(err))
                broken.append((path.name[: -len(SUFFIX)], str(err)))
                by_name.pop(path.name[: -len(SUFFIX)], None)  # a broken override is not silently replaced
                continue
            except OSError as err:
                problems.append(f"{path}: {err.strerror or err}")
                continue
            by_name[template.name] = template
    return TemplateSet(tuple(by_name.values()), tuple(problems), tuple(broken))


def init_user_templates(folder: Path | None = None) -> list[tuple[Path, bool]]:
    """Copy the built-in templates into the user's folder; (path, written) for each.

    A file already there is never replaced (written is False for it).
    """
    folder = folder or user_dir()
    private_dir(folder)
    results = []
    for name, text in _builtin_files():
        path = folder / f"{name}{SUFFIX}"
        try:
            write_new_text(path, text)  # private; fails if it exists, no race
        except FileExistsError:
            results.append((path, False))
        else:
            results.append((path, True))
    return results


def user_copy(name: str, folder: Path | None = None) -> tuple[Path, bool]:
    """The user's file for template `name`, copied from the built-in one first if missing.

    Returns (path, created). A name that is neither built in nor the user's makes an empty
    new template file.
    """
    if not NAME.fullmatch(name):
        raise TemplateError(f'"{name}" cannot name a template; use letters, digits, "-" and "_"')
    folder = folder or user_dir()
    path = folder / f"{name}{SUFFIX}"
    if path.exists():
        return path, False
    builtin = dict(_builtin_files()).get(name)
    private_dir(folder)
    text = builtin if builtin is not None else "For: professor\nSubject: \n\nDear {professor},\n\n\nBest regards,\n{my_name}\n"
    try:
        write_new_text(path, text)
    except FileExistsError:
        return path, False
    return path, True
