"""Checking the file an export dialog is about to write (shared by the CSV and calendar exports)."""

from __future__ import annotations

from pathlib import Path


def check_export_path(text: str, *, example: str, confirmed: Path | None) -> tuple[Path | None, str | None]:
    """The path to write and no message, or no path and the message to show under the input.

    An existing file is written only when it was already `confirmed` (the second press).
    """
    if not text.strip():
        return None, "Type the path of the file to write."
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        return None, f"{path} is a folder; add a file name, e.g. {path / example}"
    if not path.parent.is_dir():
        return None, f"The folder {path.parent} does not exist."
    if path.exists() and confirmed != path:
        return path, f"{path} exists: press Export again to replace it."
    return path, None
