"""InteractionForm: log one message or meeting (an e-mail sent, a LinkedIn reply, a call...).

Saved with `records.log_interaction`, which also moves the opportunity along (a first
message sent: contacted; anything received: replied) and sets the follow-up date of a
sent e-mail or LinkedIn message (the profile's default unless one is typed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session
from textual.widgets import Input, Select

from tracker.domain.vocab import CHANNELS, DIRECTIONS, FOLLOW_UP_CHANNELS, channel_said
from tracker.tui.forms.base import Change, Field, FormScreen, on_field
from tracker.tui.forms.duplicate_guard import RecentContactNote
from tracker.tui.widgets.date_input import DateInput
from tracker.tui.widgets.notes_area import NotesArea
from tracker.tui.widgets.name_input import NameInput


class InteractionForm(RecentContactNote, FormScreen):
    """One message or meeting: when, how, with whom, about what.

    For an e-mail or LinkedIn message sent, what was sent recently to the person or their
    lab is shown under the person (`RecentContactNote`); it never stops the save.
    """

    heading = "Log a message or meeting"

    def __init__(
        self,
        person: str | None = None,
        opportunity: str | None = None,
        channel: str = "email",
        direction: str = "sent",
        person_id: int | None = None,
    ) -> None:
        super().__init__()
        self.person = person
        """The person to prefill."""
        self.person_id = person_id
        """The prefilled person's id, when known: saved by it while the name is left as it was."""
        self.opportunity = opportunity
        """The opportunity to prefill."""
        self.channel = channel if channel in CHANNELS else "email"
        """The channel to preselect."""
        self.direction = direction if direction in DIRECTIONS else "sent"
        """The direction to preselect."""
        self.follow_up_defaults: dict[str, int | None] = {"email": None, "linkedin": None}
        """The profile's follow-up interval in days, per channel (loaded)."""

    def fields(self) -> Iterable[Field]:
        yield Field("channel", "Channel", Select.from_values(CHANNELS, value=self.channel, allow_blank=False,
                                                             compact=True))
        yield Field("direction", "Direction", Select(
            [("sent (to them)", "sent"), ("received (from them)", "received")],
            value=self.direction, allow_blank=False, compact=True,
        ))
        yield Field("person", "Person", NameInput(self.person or "", kind="person", placeholder="name or e-mail",
                                                       known_id=self.person_id),
                    required=True)
        yield Field("opportunity", "Opportunity", NameInput(self.opportunity or "", kind="opportunity",
                                                            placeholder="optional: the person's only open one"))
        yield Field("on", "Date", DateInput("today", mode="date"), required=True)
        yield Field("subject", "Subject", Input(compact=True))
        yield Field("paper", "Paper mentioned", Input(placeholder="title of their paper you named", compact=True))
        yield Field("notes", "Notes", NotesArea(placeholder="several lines; enter starts a new one"))
        yield Field("follow_up", "Follow up in", DateInput(mode="duration", placeholder="default from your profile"))

    def needs_load(self) -> bool:
        return True

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import profile_defaults

        return profile_defaults(session)["follow_up_days"]

    def loaded(self, data: Any) -> None:
        self.follow_up_defaults = data
        self.describe_follow_up()

    def on_mount(self) -> None:  # FormScreen.on_mount runs too (Textual calls each class's handler)
        self.describe_follow_up()

    def first_field(self) -> Field | None:
        if self.person:
            return self.field("on")  # who is known: start at the date (channel and direction are set)
        return super().first_field()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.describe_follow_up()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.widget("on").input:
            self.describe_follow_up()

    def describe_follow_up(self) -> None:
        """Say under an empty follow-up field what will happen: the profile's default, or none."""
        control: DateInput = self.widget("follow_up")
        channel, direction = self.choice("channel"), self.choice("direction")
        days = self.follow_up_defaults.get(channel or "") if channel in FOLLOW_UP_CHANNELS else None
        if direction != "sent":
            control.empty_hint = "no follow-up for a message received"
        elif days:
            day = self.widget("on").parsed
            when = f", on {day + timedelta(days=days):%a %Y-%m-%d}" if isinstance(day, date) else ""
            control.empty_hint = f"default for {channel}: {days} days{when}"
        else:
            control.empty_hint = f"no follow-up for a {channel}"
        control.input.placeholder = f"{days}d (default)" if days and direction == "sent" else ""
        control.refresh_preview()

    def build(self) -> Change | None:
        channel = self.choice("channel") or "email"
        direction = self.choice("direction") or "sent"
        person = self.text("person", required=True)
        opportunity = self.text("opportunity")
        on = self.when("on", required=True)
        texts = {key: self.text(key) for key in ("subject", "paper", "notes")}
        follow_up = self.when("follow_up")
        if follow_up is not None and direction != "sent":
            self.fail("follow_up", "a follow-up applies to messages you sent; leave it empty")
        if follow_up is not None and follow_up.days < 1:
            self.fail("follow_up", "follow up at least one day later")
        if self.errors or person is None or on is None:
            return None
        person = self.widget("person").reference(person)
        values: dict[str, Any] = {
            "channel": channel, "direction": direction, "person": person, "opportunity": opportunity, "on": on,
            "follow_up_in": follow_up, **texts,
        }
        return _log(values)


def _log(values: dict[str, Any]) -> Change:
    def change(session: Session) -> str:
        from tracker.store.queries.lookup import find_opportunity, find_person
        from tracker.store.writes.records import log_interaction

        with on_field("person"):
            who = find_person(session, values["person"])
        if values["opportunity"]:
            with on_field("opportunity"):
                find_opportunity(session, values["opportunity"])
        with on_field("follow_up"):
            interaction = log_interaction(session, **values)
        way = "to" if values["direction"] == "sent" else "from"
        text = f"Logged {channel_said(values['channel'])} {way} {who.name} on {interaction.on:%a %Y-%m-%d}"
        if interaction.follow_up_on:
            text += f"; follow up {interaction.follow_up_on:%a %Y-%m-%d}"
        return text

    return change
