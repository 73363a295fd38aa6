"""OpportunityDetailScreen: one opportunity in full, and the keys to move it along.

Fields, stage history, a timeline of messages and interviews, letters and offers.
`l` logs a message, `m` moves the stage, `e` edits, `L` adds a letter request,
`i` an interview, `I` edits one (its outcome, after it), `o` an offer, `c` opens the main contact, `D` deletes it (after
asking); `escape` goes back.
The forms are imported when a key asks for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tracker.domain.vocab import PRE_APPLICATION_STAGES
from tracker.store.views.opportunity_view import OpportunityView, opportunity_view
from tracker.tui.screens.detail import DetailScreen, open_form
from tracker.tui.widgets.field_list import FieldList
from tracker.domain.dates import describe_due
from tracker.tui.widgets.labels import day_text, due_style, due_text, instant_text, letter_text, money, stage_text
from tracker.tui.widgets.timeline import Timeline, TimelineEvent


class OpportunityDetailScreen(DetailScreen):
    """Everything about one opportunity."""

    TITLE = "Opportunity"

    PREFIX = "detail"

    WRITES = frozenset({"log", "move", "edit", "letter", "interview", "edit_interview", "offer", "organization", "delete"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log", id="opportunity.log"),
        Binding("m", "move", "Move stage", id="opportunity.move"),
        Binding("e", "edit", "Edit", id="opportunity.edit"),
        Binding("L", "letter", "Letter", key_display="L", id="opportunity.letter"),
        Binding("i", "interview", "Interview", id="opportunity.interview"),
        Binding("I", "edit_interview", "Edit interview", key_display="I", id="opportunity.edit_interview",
                tooltip="Record how an interview went, or change its time or notes"),
        Binding("o", "offer", "Offer", id="opportunity.offer"),
        Binding("c", "contact", "Contact", id="opportunity.contact"),
        Binding("O", "organization", "Organization", key_display="O", id="opportunity.organization",
                tooltip="Its organization: country, city, website"),
        Binding("D", "delete", "Delete…", key_display="D", id="opportunity.delete"),
    ]

    def __init__(self, opportunity_id: int) -> None:
        super().__init__(opportunity_id)
        self.opportunity_id = opportunity_id
        """The opportunity shown."""
        self.view: OpportunityView | None = None

    def left(self) -> Iterable[Widget]:
        yield FieldList(id="detail-fields")
        yield Static("Stage history", classes="section-title")
        yield Static("", id="detail-history", classes="section")
        yield Static("Letters", classes="section-title", id="detail-letters-title")
        yield Static("", id="detail-letters", classes="section")
        yield Static("Offer", classes="section-title")
        yield Static("", id="detail-offers", classes="section")

    def right(self) -> Iterable[Widget]:
        yield Static("Timeline", classes="section-title", id="detail-timeline-title")
        yield Timeline(empty="No message logged yet.", hint="press l to log one.", id="detail-timeline")

    def on_mount(self) -> None:
        self.query_one("#detail", VerticalScroll).focus()

    def read(self, session: Any) -> OpportunityView:
        return opportunity_view(session, self.opportunity_id)

    def show_view(self, view: OpportunityView, today: Any) -> None:
        heading = Text(view.title, style="bold")
        heading.append("  ")
        heading.append_text(stage_text(view.stage))
        heading.append(f"  {view.kind}", style="dim")
        self.set_title(heading, view.title)
        self.query_one("#detail-fields", FieldList).set_fields(self._fields(view, today))
        self.query_one("#detail-history", Static).update(self._history(view))
        self.query_one("#detail-letters-title", Static).update(self._letters_title(view))
        self.query_one("#detail-letters", Static).update(self._letters(view, writable=self.app.writable))
        self.query_one("#detail-offers", Static).update(self._offers(view, today))
        self.query_one("#detail-timeline", Timeline).set_events(self._events(view), today=today)
        self.refresh_bindings()  # `I` shows once there is an interview to edit

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`I` (edit an interview) is offered, in the footer too, only when there is one."""
        if action == "edit_interview":
            return bool(self.view and self.view.interviews)
        return True

    # --- sections -------------------------------------------------------------------------------

    def _fields(self, view: OpportunityView, today: Any) -> list[tuple[str, Any]]:
        zone = self.app.zone  # type: ignore[attr-defined]
        if view.deadline_at is not None:
            local_day = view.deadline_at.astimezone(zone).date()
            # the deadline counts down until you apply; after that it is history, not "overdue"
            style = due_style(local_day, today) if view.stage in PRE_APPLICATION_STAGES else ""
            deadline: Any = Text(instant_text(view.deadline_at, view.deadline_tz, zone), style=style)
            if view.stage in PRE_APPLICATION_STAGES:
                deadline.append(f"\n{describe_due(local_day, today=today)}", style=style)
        else:
            deadline = due_text(view.deadline, today, relative=view.stage in PRE_APPLICATION_STAGES) \
                if view.deadline else None
        return [
            ("Organization", view.organization),
            ("Lab", view.lab),
            ("Contact", view.contact),
            ("Cycle", view.cycle),
            ("Deadline", deadline),
            ("Applied on", view.applied_on.isoformat() if view.applied_on else None),
            ("GPA cut-off", view.min_gpa),
            ("Location rule", view.location_rule),
            ("Stipend", view.stipend),
            ("Link", view.url),
            ("Notes", view.notes),
            ("Added on", view.created_on.isoformat()),
        ]

    @staticmethod
    def _history(view: OpportunityView) -> Text:
        text = Text()
        for index, step in enumerate(view.history):
            if index:
                text.append("\n")
            text.append(step.on.isoformat(), style="dim")
            text.append("  ")
            text.append_text(stage_text(step.to_stage))
        return text if view.history else Text("—", style="dim")

    @staticmethod
    def _letters_title(view: OpportunityView) -> Text:
        if not view.letters_required and not view.letters:
            return Text("Letters")
        needed = max(view.letters_required, len(view.letters))
        return Text(f"Letters {view.letters_submitted}/{needed} submitted")

    @staticmethod
    def _letters(view: OpportunityView, *, writable: bool) -> Text:
        if not view.letters:
            hint = f"{view.letters_required} required, none asked" if view.letters_required else "None"
            hint += ": press L." if view.letters_required and writable else "."
            return Text(hint, style="dim")
        text = Text()
        for index, letter in enumerate(view.letters):
            if index:
                text.append("\n")
            text.append(letter.writer)
            text.append("  ")
            text.append_text(letter_text(letter.status))
            if letter.status_on:
                text.append(f" {letter.status_on.isoformat()}", style="dim")
            if letter.notes:
                text.append(f"\n  {letter.notes}", style="dim italic")
        return text

    @staticmethod
    def _offers(view: OpportunityView, today: Any) -> Text:
        if not view.offers:
            return Text("None yet.", style="dim")
        text = Text()
        for index, offer in enumerate(view.offers):
            if index:
                text.append("\n")
            text.append(money(offer.stipend, offer.currency), style="bold")
            text.append(f"  {offer.decision}", style="green" if offer.decision == "accepted" else "")
            text.append(f"\nreceived {offer.received_on.isoformat()}", style="dim")
            if offer.start or offer.end:
                start = offer.start.isoformat() if offer.start else "?"
                end = offer.end.isoformat() if offer.end else "?"
                text.append(f"\n{start} → {end}")
            if offer.respond_by:
                text.append("\nrespond by ")
                if offer.decision == "pending":
                    text.append_text(due_text(offer.respond_by, today))
                else:
                    text.append_text(day_text(offer.respond_by))
            if offer.reasons:
                text.append(f"\n{offer.reasons}", style="italic")
        return text

    def _events(self, view: OpportunityView) -> list[TimelineEvent]:
        zone = self.app.zone  # type: ignore[attr-defined]
        events = []
        for entry in view.timeline:
            arrow = "to" if entry.direction == "sent" else "from"
            lines = [line for line in (entry.subject, entry.paper and f"paper: {entry.paper}", entry.notes) if line]
            if entry.follow_up_on and entry.direction == "sent":
                lines.append(f"follow up by {entry.follow_up_on.isoformat()}")
            events.append(TimelineEvent(entry.on, entry.direction, f"{entry.channel} {arrow} {entry.person or '?'}",
                                        tuple(lines)))
        for interview in view.interviews:
            headline = f"interview{' with ' + interview.with_person if interview.with_person else ''}"
            lines = [line for line in (interview.format, interview.notes,
                                       interview.outcome and f"outcome: {interview.outcome}") if line]
            when = instant_text(interview.at, interview.zone, zone)
            events.append(TimelineEvent(interview.at.astimezone(zone).date(), "interview", headline, tuple(lines),
                                        when=when))
        return events

    # --- actions ---------------------------------------------------------------------------------

    def action_log(self) -> None:
        """Log a message about this opportunity (to its main contact, by default)."""
        if self.view:
            open_form(self, "tracker.tui.forms.interaction_form:InteractionForm",
                      person=self.view.contact, person_id=self.view.contact_id, opportunity=self.view.title)

    def action_move(self) -> None:
        """Move to another stage."""
        if self.view:
            open_form(self, "tracker.tui.forms.stage_form:StageForm", opportunity=self.view.title)

    def action_edit(self) -> None:
        """Edit the fields."""
        if self.view:
            open_form(self, "tracker.tui.forms.opportunity_form:OpportunityForm", opportunity_id=self.view.id)

    def action_organization(self) -> None:
        """Edit the organization's country, city and website."""
        if self.view:
            open_form(self, "tracker.tui.forms.organization_form:OrganizationForm", name=self.view.organization)

    def action_letter(self) -> None:
        """Add a letter request."""
        if self.view:
            open_form(self, "tracker.tui.forms.letter_form:LetterForm", opportunity=self.view.title)

    def action_interview(self) -> None:
        """Add an interview."""
        if self.view:
            open_form(self, "tracker.tui.forms.interview_form:InterviewForm", opportunity=self.view.title)

    def action_edit_interview(self) -> None:
        """Edit an interview (its outcome, notes, time): the only one at once, else pick which."""
        view = self.view
        if view is None or not view.interviews:
            return
        if len(view.interviews) == 1:
            self._open_interview(view.interviews[0].id)
            return
        from tracker.tui.forms.interview_picker import InterviewPicker

        zone = self.app.zone  # type: ignore[attr-defined]
        labels = [instant_text(iv.at, iv.zone, zone) for iv in view.interviews]
        picker = InterviewPicker(view.interviews, labels, self.app.now())  # type: ignore[attr-defined]
        self.app.push_screen(picker, lambda chosen: self._open_interview(chosen) if chosen else None)

    def _open_interview(self, interview_id: int) -> None:
        if self.view:
            open_form(self, "tracker.tui.forms.interview_form:InterviewForm", opportunity=self.view.title,
                      interview_id=interview_id)

    def action_offer(self) -> None:
        """Add an offer."""
        if self.view:
            open_form(self, "tracker.tui.forms.offer_form:OfferForm", opportunity=self.view.title)

    def action_contact(self) -> None:
        """Open the main contact."""
        if self.view and self.view.contact_id is not None:
            from tracker.tui.screens.person_detail import PersonDetailScreen

            self.app.push_screen(PersonDetailScreen(self.view.contact_id))
        elif self.view:
            self.notify("No main contact: press e to set one." if self.app.writable else "No main contact.")

    def action_delete(self) -> None:
        """Delete this opportunity (with its history and messages), after asking; ctrl+z undoes it."""
        if self.view:
            from tracker.tui.forms.confirm_delete import ask_delete

            ask_delete(self, "opportunity", self.view.id)
