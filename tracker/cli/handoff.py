"""Handing a draft to the rest of the desktop: $EDITOR, the clipboard (OSC 52), the mail client.

The clipboard is written the way Textual's `App.copy_to_clipboard` does it: the escape
sequence `ESC ] 52 ; c ; <base64 of the UTF-8 text> BEL`, which the terminal (not tracker)
puts on the system clipboard, over SSH too. It goes to the controlling terminal
(`/dev/tty`), so `tracker draft ... --copy > draft.txt` still copies. Most terminals honour
it (kitty, WezTerm, iTerm2, Windows Terminal, foot, Alacritty; tmux with
`set -g set-clipboard on`); macOS Terminal does not.
"""

from __future__ import annotations

import base64
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tracker.domain.errors import InvalidInput
from tracker.system.private_files import write_new_text


def osc52(text: str) -> str:
    """The escape sequence that asks the terminal to put `text` on the clipboard."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\a"


@contextmanager
def terminal() -> Iterator[TextIO]:
    """The controlling terminal for writing, else standard output if it is one."""
    try:
        handle = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError:
        if sys.stdout.isatty():
            yield sys.stdout
            return
        raise InvalidInput("no terminal to copy through (the clipboard is set by the terminal, with OSC 52); "
                           "run it in a terminal, or use --mailto") from None
    with handle:
        yield handle


def copy_to_clipboard(text: str) -> None:
    """Ask the terminal to put `text` on the clipboard."""
    with terminal() as out:
        out.write(osc52(text))
        out.flush()


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, split as a shell would ("code --wait" works)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not editor.strip():
        raise InvalidInput("no editor set: set EDITOR (for example: export EDITOR=nano), or leave out --edit")
    return shlex.split(editor)


def edit_text(text: str, *, name: str = "draft.txt") -> str:
    """`text` after the user edited it in their editor (in a temporary file that is removed after)."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="tracker-") as folder:
        path = Path(folder) / name  # the folder is private (0700); the draft is too
        write_new_text(path, text)
        run_editor(command, path)
        return path.read_text(encoding="utf-8")


def run_editor(command: list[str], path: Path) -> None:
    """Open `path` in the editor and wait; a failure to start or a non-zero exit is a user error."""
    try:
        status = subprocess.call([*command, str(path)])
    except OSError as err:
        raise InvalidInput(f"cannot start the editor {shlex.join(command)}: {err.strerror or err}") from None
    if status != 0:
        raise InvalidInput(f"the editor {shlex.join(command)} exited with status {status}; nothing was done")


def open_url(url: str) -> bool:
    """Open a mailto: (or web) link with the desktop's handler; False when none took it."""
    import webbrowser

    return webbrowser.open(url)
