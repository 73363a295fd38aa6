"""DateInput: a text input for dates, durations or times, with the parsed value shown live under it.

Typing "next fri" shows "Fri 2026-11-27 · in 5 days"; "2026-12-01 14:00 KST" shows the
instant in its zone and in the user's zone; text that does not parse shows the parser's
one-line message in the error style. Parsing goes through `tracker.domain.dates` with
the app's today/now/zone (a `TrackerApp`), or the clock when the app has none.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Static

from tracker.domain.dates import DateParseError, describe_due, parse_date, parse_duration

Mode = Literal["date", "duration", "datetime", "when"]
"""date: a day; duration: an interval; datetime: a day and time (zone optional); when: either."""

HINTS: dict[str, str] = {
    "date": "e.g. today, friday, next fri, +3d, Dec 5, 2026-12-05",
    "duration": "e.g. 7d, 2w, 10 days, 1mo",
    "datetime": "e.g. 2026-12-01 14:00 KST, friday 2pm IST, tomorrow 10:00",
    "when": "e.g. 2026-12-15, +3w, or with a time: Jan 10 23:59 EST",
}
"""What to show under an empty input, by mode."""


def relative_day(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 5 days", "yesterday", "3 days ago", "2 weeks ago"."""
    days = (day - today).days
    if days >= -1:
        return describe_due(day, today=today)
    n = -days
    return f"{n // 7} weeks ago" if n >= 14 else f"{n} days ago"


def describe_value(value: date | datetime | timedelta, *, today: date, zone: tzinfo) -> str:
    """The preview line for a parsed value (pure, for tests and the widget)."""
    from tracker.domain.dates import zone_label

    if isinstance(value, timedelta):
        days = value.days
        return "1 day" if days == 1 else f"{days} days"
    if isinstance(value, datetime):
        text = f"{value:%a %Y-%m-%d %H:%M} {zone_label(value)}"
        local = value.astimezone(zone)
        if local.utcoffset() != value.utcoffset():
            text += f" · {local:%a %H:%M} {zone_label(local)} your time"
        return f"{text} · {relative_day(local.date(), today)}"
    return f"{value:%a %Y-%m-%d} · {relative_day(value, today)}"


class DateInput(Widget):
    """An input whose text is parsed as a date, duration or datetime as the user types."""

    DEFAULT_CSS = """
    DateInput {
        height: auto;
        width: 1fr;
    }
    DateInput > Input {
        width: 1fr;
    }
    DateInput > .date-preview {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    DateInput > .date-preview.-parsed {
        color: $text-success;
    }
    DateInput > .date-preview.-error {
        color: $text-error;
    }
    DateInput.-invalid > Input {
        background: $error 20%;
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        mode: Mode = "date",
        ahead: bool = False,
        placeholder: str = "",
        empty_hint: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.mode: Mode = mode
        """What the text is parsed as."""
        self.ahead = ahead
        """A field that looks forward (a deadline, an interview): "Jan 15" without a year is the next one."""
        self.empty_hint = HINTS[mode] if empty_hint is None else empty_hint
        """The line shown while the input is empty."""
        self._input = Input(value, placeholder=placeholder, compact=True, select_on_focus=bool(value))
        """Selected on focus while it holds the default given ("today"): typing replaces it; once
        edited, the text is the user's and is never selected (a key would wipe it)."""
        self._preview = Static("", classes="date-preview")
        self._parsed: Any = None
        self._error: str | None = None
        self._shown_error: str | None = None

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._preview

    def on_mount(self) -> None:
        self.refresh_preview()

    # --- the value ----------------------------------------------------------

    @property
    def input(self) -> Input:
        """The text input inside."""
        return self._input

    @property
    def value(self) -> str:
        """The text as typed."""
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text
        self.refresh_preview()

    @property
    def parsed(self) -> Any:
        """The parsed value (date, timedelta or aware datetime); None when empty or invalid."""
        self._parse()
        return self._parsed

    @property
    def error(self) -> str | None:
        """The parser's message when the text does not parse, else None."""
        self._parse()
        return self._error

    def _parse_context(self) -> tuple[date, datetime, tzinfo]:
        from tracker.system import clock

        app = self.app
        zone: tzinfo = getattr(app, "zone", None) or timezone.utc
        today = app.today() if callable(getattr(app, "today", None)) else clock.today(zone)  # type: ignore[attr-defined]
        now = app.now() if callable(getattr(app, "now", None)) else clock.now(zone)  # type: ignore[attr-defined]
        return today, now, zone

    def _parse(self) -> None:
        from tracker.domain.dates import parse_datetime, parse_when

        text = self._input.value
        self._parsed, self._error = None, None
        if not text.strip():
            return
        today, now, zone = self._parse_context()
        try:
            if self.mode == "date":
                self._parsed = parse_date(text, today=today, ahead=self.ahead)
            elif self.mode == "duration":
                self._parsed = parse_duration(text)
            elif self.mode == "datetime":
                self._parsed = parse_datetime(text, now=now, default_tz=zone, ahead=self.ahead)
            else:
                self._parsed = parse_when(text, now=now, default_tz=zone, ahead=self.ahead)
        except DateParseError as err:
            self._error = str(err)

    # --- the preview line -------------------------------------------------------

    def show_error(self, message: str | None) -> None:
        """Show `message` (e.g. "required") in the preview line until the text changes; None clears."""
        self._shown_error = message
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Parse again and redraw the line under the input."""
        self._parse()
        error = self._error or self._shown_error
        preview = self._preview
        preview.set_class(error is not None, "-error")
        preview.set_class(error is None and self._parsed is not None, "-parsed")
        self.set_class(error is not None, "-invalid")
        if error is not None:
            preview.update(Text(error))
        elif self._parsed is not None:
            today, _now, zone = self._parse_context()
            preview.update(Text(describe_value(self._parsed, today=today, zone=zone)))
        else:
            preview.update(Text(self.empty_hint))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._shown_error = None
        if self._input.has_focus:  # typed by the user: no longer a default to replace
            self._input.select_on_focus = False
        self.refresh_preview()

    def focus(self, scroll_visible: bool = True) -> DateInput:
        self._input.focus(scroll_visible)
        return self
