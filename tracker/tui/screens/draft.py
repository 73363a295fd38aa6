"""DraftScreen: write an e-mail or LinkedIn message to someone from a template, then send it.

Opened with `m` on the People screen and on a person's page, or from the command palette
("Draft email to…", which asks who first). The template picker offers only the templates
that fit the person (`tracker.domain.drafts.applies`, the rule `tracker draft` uses);
the draft, filled from the records, is edited in place. `ctrl+t` copies the body to the
clipboard (OSC 52, through the terminal), `ctrl+o` opens it in the mail program (a
mailto: link), `ctrl+s` logs it as sent today through `TrackerApp.write`, which starts
the follow-up clock, and closes. `escape` closes without logging.

The records and the template files are read in a thread worker; rendering is pure and
runs on the UI thread, again whenever the template or the paper changes (the paper
re-renders by itself only while the body is as rendered; `enter` in it re-renders anyway).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.drafts import (
    LINKEDIN_LIMIT,
    Draft,
    draft_warnings,
    leftovers,
    mailto_url,
    render,
)
from tracker.domain.sanitize import visible
from tracker.store.views.draft_context import DraftOption, PersonDrafts
from tracker.tui.widgets.name_input import NameInput

HOW_TO_FILL: dict[str, str] = {
    "paper": "type the paper's title under Paper",
    "interview_date": "no interview with them has taken place yet",
    "offer_respond_by": "the offer has no answer-by date",
    "letters": "they owe you no letter",
    "my_name": "set your name in the profile (tracker profile --name)",
    "my_institution": "set your institution in the profile (tracker profile --institution)",
    "my_gpa": "set your GPA in the profile (tracker profile --gpa)",
}
"""What the status line says about a placeholder nothing filled."""
NO_TEMPLATE = ""
"""The picker's value while no template is chosen (before loading, or when none fits)."""


class DraftScreen(ModalScreen[bool]):
    """Pick a template, edit the draft, copy it, open it in the mail program, log it as sent."""

    DEFAULT_CSS = """
    DraftScreen {
        align: center middle;
        & > #draft-box {
            width: 100%;
            max-width: 100;
            height: 100%;
            max-height: 40;
            border: round $primary;
            border-title-color: $text-accent;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & .draft-row { height: auto; margin-bottom: 1; }
        & .draft-label { width: 9; color: $text-muted; padding-top: 0; }
        & #draft-person { width: 1fr; }
        & #draft-template { width: 36; margin-left: 1; }
        & #draft-about { color: $text-muted; height: auto; margin-bottom: 1; }
        & #draft-body { height: 1fr; min-height: 6; }
        & #draft-status { height: auto; max-height: 5; color: $text-warning; }
        & #draft-buttons { height: auto; align-horizontal: right; margin-top: 1; }
        & #draft-buttons Button { margin-left: 2; }
        & .-hidden { display: none; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "log_sent", "Log as sent", priority=True, id="draft.log"),
        Binding("ctrl+t", "copy", "Copy", priority=True, id="draft.copy"),
        Binding("ctrl+o", "mail", "Mail app", priority=True, id="draft.mail"),
        Binding("escape", "close", "Close", id="draft.close"),
    ]

    class Loaded(Message):
        """The person's templates and values (or why not), read by the worker."""

        def __init__(self, data: PersonDrafts | str, problems: tuple[str, ...]) -> None:
            super().__init__()
            self.data = data
            self.problems = problems

    class LogFinished(Message):
        """The log write ran: `error` is None on success."""

        def __init__(self, error: str | None) -> None:
            super().__init__()
            self.error = error

    def __init__(self, person: str | None = None, person_id: int | None = None, template: str | None = None) -> None:
        super().__init__()
        self.person = person
        """The name to start with (typed, or the person's the screen was opened on)."""
        self.person_id = person_id
        """The person's id when known (a name may be shared)."""
        self.template_name = template
        """The template to select first, if it fits."""
        self.drafts: PersonDrafts | None = None
        """What was loaded for the person."""
        self.draft: Draft | None = None
        """The draft as last rendered (before the user's edits)."""
        self.logging = False

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-box") as box:
            box.border_title = "Draft"
            with Horizontal(classes="draft-row"):
                yield Label("To", classes="draft-label")
                yield NameInput(self.person or "", kind="person", placeholder="who it is for (enter)", id="draft-person")
                yield Select([("template…", NO_TEMPLATE)], allow_blank=False, id="draft-template", compact=True)
            yield Static("", id="draft-about")
            with Horizontal(classes="draft-row -hidden", id="draft-paper-row"):
                yield Label("Paper", classes="draft-label")
                yield Input(placeholder="the title of their paper you read", id="draft-paper", compact=True)
            with Horizontal(classes="draft-row", id="draft-subject-row"):
                yield Label("Subject", classes="draft-label")
                yield Input(id="draft-subject", compact=True)
            yield TextArea("", id="draft-body", soft_wrap=True)
            yield Static("", id="draft-status")
            with Horizontal(id="draft-buttons"):
                yield Button("Copy", id="draft-copy", compact=True)
                yield Button("Mail app", id="draft-mail", compact=True)
                yield Button("Log as sent", id="draft-log", variant="primary", compact=True)
                yield Button("Close", id="draft-close", compact=True)
        yield AppFooter()

    def on_mount(self) -> None:
        if self.person_id is not None or self.person:
            self.query_one("#draft-body", TextArea).focus()
            self._request(self.person_id if self.person_id is not None else self.person or "")
        else:
            self.query_one("#draft-person", NameInput).focus()
            self._set_status(Text("Who is it for? Type a name and press enter.", style="dim"))

    # --- loading -----------------------------------------------------------------------------

    def _request(self, who: int | str) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self._set_status(Text("The database is not open yet.", style="red"))
            return
        app: Any = self.app
        self._set_status(Text("Loading…", style="dim"))
        self._load(store, who, app.today(), app.now())

    @work(thread=True, exclusive=True, group="draft-load")
    def _load(self, store: Any, who: int | str, today: Any, now: Any) -> None:
        from tracker.domain.errors import TrackerError
        from tracker.io.templates import load_templates
        from tracker.store.models import Person
        from tracker.store.views.draft_context import drafts_for
        from tracker.store.queries.lookup import find_person

        try:
            loaded = load_templates()
            with store.read() as session:
                person = session.get(Person, who) if isinstance(who, int) else find_person(session, who)
                if person is None:
                    raise TrackerError("that person is no longer in the database")
                data = drafts_for(session, person, loaded.templates, today=today, now=now)
        except TrackerError as err:
            self.post_message(self.Loaded(str(err), ()))
            return
        self.post_message(self.Loaded(data, loaded.problems))

    def on_draft_screen_loaded(self, message: Loaded) -> None:
        for problem in message.problems:
            self.notify(problem, title="Template left out", severity="warning", timeout=10, markup=False)
        name_input = self.query_one("#draft-person", NameInput)
        if isinstance(message.data, str):
            name_input.show_error(message.data)
            self._set_status(Text(message.data, style="red"))
            return
        data = self.drafts = message.data
        self.person_id = data.person_id
        name_input.value = data.name
        select = self.query_one("#draft-template", Select)
        names = [option.template.name for option in data.options]
        with select.prevent(Select.Changed):
            select.set_options([(name, name) for name in names] or [("no template fits", NO_TEMPLATE)])
            if names:
                select.value = self.template_name if self.template_name in names else names[0]
        paper = next((o.values.get("paper") for o in data.options if o.values.get("paper")), None)
        self.query_one("#draft-paper", Input).value = paper or ""
        if not names:
            self.draft = None
            self.query_one("#draft-body", TextArea).load_text("")
            self._set_status(Text(f"No template fits {visible(data.name)} ({data.facts.role}, "
                                  "nothing written to them yet). Add your own with tracker draft edit-template NAME.",
                                  style="yellow"))
            return
        self.render_draft()
        if self.query_one("#draft-person", NameInput).input.has_focus:
            self.query_one("#draft-body", TextArea).focus()

    # --- rendering ---------------------------------------------------------------------------

    def option(self) -> DraftOption | None:
        """The chosen template with its values, None before loading."""
        if self.drafts is None:
            return None
        chosen = self.query_one("#draft-template", Select).value
        return next((o for o in self.drafts.options if o.template.name == chosen), None)

    def render_draft(self) -> None:
        """Fill the chosen template again (the body's edits are replaced)."""
        option = self.option()
        if option is None:
            return
        values = dict(option.values)
        paper = self.query_one("#draft-paper", Input).value.strip()
        if paper:
            values["paper"] = paper
        draft = self.draft = render(option.template, values, strict=False)
        self.query_one("#draft-paper-row").set_class("paper" not in option.template.placeholders(), "-hidden")
        self.query_one("#draft-subject-row").set_class(draft.subject is None, "-hidden")
        with self.query_one("#draft-subject", Input).prevent(Input.Changed):
            self.query_one("#draft-subject", Input).value = draft.subject or ""
        self.query_one("#draft-body", TextArea).load_text(draft.body)
        email = self.drafts.email if self.drafts else None
        if draft.channel == "email":
            about = Text(f"e-mail to {visible(email)}" if email else "e-mail (no address on record: copy it)")
        else:
            about = Text("a LinkedIn message" if draft.channel == "linkedin" else f"a {draft.channel} message")
        if option.opportunity:
            about.append(f" · about {visible(option.opportunity)}")
        if option.template.origin != "built-in":
            about.append(f" · your template ({visible(option.template.path)})")
        self.query_one("#draft-about", Static).update(about)
        self._refresh_status()

    def _refresh_status(self) -> None:
        option, draft = self.option(), self.draft
        if option is None or draft is None:
            return
        body = self.query_one("#draft-body", TextArea).text
        text = Text()
        missing = sorted({n[1:-1] for n in leftovers(self._subject() + "\n" + body)})
        for name in missing:
            text.append(f"{{{name}}} is still in the draft: {HOW_TO_FILL.get(name, 'nothing on record fills it')}\n",
                        style="red")
        for warning in (*(self.drafts.warnings if self.drafts else ()), *draft_warnings(option.template, body)):
            text.append(visible(warning) + "\n")
        if option.template.channel == "linkedin":
            text.append(f"{len(body.strip())} of {LINKEDIN_LIMIT} characters\n", style="dim")
        self._set_status(text)

    def _set_status(self, text: Text) -> None:
        text.rstrip()
        self.query_one("#draft-status", Static).update(text)

    def _subject(self) -> str:
        row = self.query_one("#draft-subject-row")
        return "" if row.has_class("-hidden") else self.query_one("#draft-subject", Input).value

    @on(Input.Submitted, "#draft-person Input")
    def _person_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.person_id = None
            self._request(event.value.strip())

    @on(Select.Changed, "#draft-template")
    def _template_changed(self) -> None:
        self.render_draft()

    @on(Input.Changed, "#draft-paper")
    def _paper_changed(self) -> None:
        if self.draft is not None and self.query_one("#draft-body", TextArea).text == self.draft.body:
            self.render_draft()

    @on(Input.Submitted, "#draft-paper")
    def _paper_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.render_draft()

    @on(TextArea.Changed, "#draft-body")
    @on(Input.Changed, "#draft-subject")
    def _text_changed(self) -> None:
        self._refresh_status()

    # --- sending -----------------------------------------------------------------------------

    def _ready(self, what: str) -> tuple[DraftOption, str | None, str] | None:
        """The option, subject and body when nothing is left to fill; else say what is and None."""
        option = self.option()
        if option is None or self.draft is None:
            self.notify("Pick who it is for and a template first.", severity="warning")
            return None
        subject, body = self._subject().strip() or None, self.query_one("#draft-body", TextArea).text
        if not body.strip():
            self.notify(f"The draft is empty; nothing to {what}.", severity="warning")
            return None
        left = leftovers((subject or "") + "\n" + body)
        if left:
            self.notify(f"Fill {', '.join(dict.fromkeys(left))} first.", title=f"Not {what}", severity="error",
                        markup=False)
            return None
        return option, subject, body

    @on(Button.Pressed, "#draft-copy")
    def action_copy(self) -> None:
        """Copy the body to the clipboard (the subject goes in its own field)."""
        body = self.query_one("#draft-body", TextArea).text
        if not body.strip():
            self.notify("The draft is empty; nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(body)
        note = " ({} still to fill)".format(", ".join(dict.fromkeys(leftovers(body)))) if leftovers(body) else ""
        self.notify(f"Copied the body ({len(body)} characters) to the clipboard{note}", markup=False)

    @on(Button.Pressed, "#draft-mail")
    def action_mail(self) -> None:
        """Open the draft in the mail program, addressed to them (a mailto: link)."""
        ready = self._ready("opened")
        if ready is None or self.drafts is None or self.draft is None:
            return
        _option, subject, body = ready
        if self.draft.channel != "email":
            self.notify(f"This draft goes by {self.draft.channel}: copy it (ctrl+t) and paste it there.",
                        severity="warning")
            return
        if not self.drafts.email:
            self.notify(f"{self.drafts.name} has no e-mail address on record: add it on their page (e), "
                        "or copy the draft (ctrl+t).", severity="warning", markup=False)
            return
        self.app.open_url(mailto_url(self.drafts.email, subject, body))
        self.notify(f"Opened an e-mail to {self.drafts.email} in your mail program", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "log_sent" or getattr(self.app, "writable", True)

    @on(Button.Pressed, "#draft-log")
    def action_log_sent(self) -> None:
        """Log the draft as sent today (channel from the template), then close."""
        ready = self._ready("logged")
        if self.logging or ready is None or self.draft is None or self.person_id is None:
            return
        option, subject, _body = ready
        person_id, opp_id, channel = self.person_id, option.opportunity_id, self.draft.channel
        paper = None
        if "paper" in option.template.placeholders():
            paper = self.query_one("#draft-paper", Input).value.strip() or option.values.get("paper")
        day = self.app.today()  # type: ignore[attr-defined]
        screen = self

        def change(session: Any) -> str:
            from tracker.store.views.draft_context import log_draft

            try:
                _interaction, text = log_draft(session, person_id=person_id, opportunity_id=opp_id, channel=channel,
                                               subject=subject, paper=paper, on=day)
            except Exception as err:
                screen.post_message(screen.LogFinished(str(err) or type(err).__name__))
                raise
            screen.post_message(screen.LogFinished(None))
            return text

        self.logging = True
        self.app.write(change)  # type: ignore[attr-defined]

    def on_draft_screen_log_finished(self, message: LogFinished) -> None:
        self.logging = False
        if message.error is None:
            self.dismiss(True)
        else:
            self._set_status(Text(f"Not logged: {message.error}", style="red"))

    @on(Button.Pressed, "#draft-close")
    def action_close(self) -> None:
        if not self.logging:
            self.dismiss(False)
