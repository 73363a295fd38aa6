"""The welcome shown by the Agenda while the database is empty: what tracker does, how to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

KEY = "bold $accent"

GUIDE = Content.assemble(
    ("Welcome to tracker", "bold $accent"),
    "\n\n",
    "tracker keeps your research-internship hunt in one place: the people you write to, the labs, "
    "programs and postings you pursue, every e-mail and LinkedIn message, letters, interviews and "
    "offers. This Agenda then tells you what to do each day.\n\n",
    ("Start in three steps", "bold"), " (", ("ctrl+p", KEY), " opens the command palette):\n",
    "  1. ", ("New person…", "italic"), "       a professor, PhD student or postdoc\n",
    "  2. ", ("New opportunity…", "italic"), "  a lab, a program or a posting\n",
    "  3. ", ("Log email to…", "italic"), "     the message you sent; its follow-up lands here\n",
    "Already keep a spreadsheet? ", ("Import CSV…", "italic"), " reads it.\n\n",
    ("1", KEY), "-", ("6", KEY), " switch screens, ", ("?", KEY), " lists every key. ",
    "Or look around first: press ", ("d", KEY), " to load a demo season.",
)
"""The guide's text (no user data in it)."""


class Welcome(VerticalScroll):
    """A short guide and a button that loads the demo data (the screen handles the press)."""

    DEFAULT_CSS = """
    Welcome {
        height: 1fr;
        padding: 0 1;
    }
    Welcome > #welcome-guide {
        width: 100%;
        max-width: 96;
        padding: 0 1;
        border: round $primary;
    }
    Welcome Center {
        height: auto;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(GUIDE, id="welcome-guide")
        with Center():
            yield Button("Load demo data (d)", id="load-demo", variant="primary")
