"""The statistics screen: the funnel per cycle, reply rates by channel and role, activity per week.

Opened from the command palette ("Statistics"); `escape` goes back. The bars are block characters
in Statics, the weekly activity Textual's `Sparkline`s. A cycle picked in the selector limits
everything to that cycle's opportunities and the messages about them. Data loads in a worker
(`DataScreen`), and again whenever the database changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Select, Sparkline, Static
from tracker.tui.widgets.app_footer import AppFooter

from tracker.domain.charts import bar, days_text, percent
from tracker.domain.stats import FUNNEL_NOTE, THREAD_NOTE, Funnel, ReplyRate, Stats
from tracker.store import Store
from tracker.tui.screens.base import DataScreen

ALL_CYCLES = "*"
"""The selector's value for every cycle together."""
BAR_WIDTH = 30
"""Cells of the longest bar (less on a narrow screen)."""
LABEL_WIDTH = 12


def _row(label: str, value: float, maximum: float, right: str, *, style: str, track: bool, width: int) -> Content:
    """One line of a chart: label, bar (with a dim track up to `width` when `track`), right-hand text."""
    filled = bar(value, maximum, width).rstrip()
    rest = width - len(filled)
    return Content.assemble(
        (label.ljust(LABEL_WIDTH)[:LABEL_WIDTH], "bold"), " ",
        (filled, style), ("░" * rest if track else " " * rest, "dim"), " ", right,
    )


def funnel_content(f: Funnel, title: str, width: int = BAR_WIDTH) -> Content:
    """A funnel as lines of bars: each step's count, and its share of the contacted ones."""
    plural = "opportunity" if f.opportunities == 1 else "opportunities"
    lines = [Content.assemble((f"Funnel · {title}", "bold"), (f"  {f.opportunities} {plural}", "dim"))]
    top = f.counts[0] if f.counts else 0
    for number, (step, count, share) in enumerate(f.steps()):
        right = f"{count:>3}" + (f"  {percent(share):>4}" if number else "")
        lines.append(_row(step, count, top, right, style="$accent", track=False, width=width))
    lines.append(Content.styled(FUNNEL_NOTE, "dim"))
    return Content("\n").join(lines)


def rates_content(title: str, rates: tuple[ReplyRate, ...], width: int = BAR_WIDTH) -> Content:
    """Reply rates as bars: replied of threads, the rate, the median days to a reply."""
    lines = [Content.styled(title, "bold")]
    for rate in rates:
        right = f"{rate.replied:>2} of {rate.threads:<2} {percent(rate.rate):>4}"
        if rate.median_days is not None:
            right += f"  median {days_text(rate.median_days)}"
        lines.append(_row(rate.key, rate.replied, rate.threads, right, style="$success", track=True, width=width))
    if not rates:
        lines.append(Content.styled("nothing sent yet", "dim"))
    return Content("\n").join(lines)


def summary_content(stats: Stats) -> Content:
    """One line: replies of threads, and the median days to a reply."""
    overall = stats.overall
    if not overall.threads:
        return Content("No email or LinkedIn message sent yet.")
    text = f"Replies: {overall.replied} of {overall.threads} threads ({percent(overall.rate)})"
    if overall.median_days is not None:
        text += f"; median {days_text(overall.median_days)} to a reply"
    return Content.assemble((text, "bold"), "\n", (THREAD_NOTE, "dim"))


class StatsScreen(DataScreen):
    """Charts of the whole hunt, or of one cycle."""

    TITLE = "Statistics"

    DEFAULT_CSS = """
    StatsScreen #stats-body {
        padding: 0 1;
    }
    StatsScreen #stats-cycle {
        width: 40;
        margin-bottom: 1;
    }
    StatsScreen .stats-chart {
        height: auto;
        margin-bottom: 1;
    }
    StatsScreen .spark-label {
        margin-top: 1;
        color: $text-muted;
    }
    StatsScreen Sparkline {
        height: 3;
        width: 52;
        max-width: 100%;
    }
    StatsScreen #stats-received > .sparkline--max-color {
        color: $success;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="stats.back"),
    ]

    def __init__(self, cycle: str | None = None) -> None:
        super().__init__()
        self.cycle = cycle
        """The cycle shown; None for all of them."""
        self.stats: Stats | None = None
        """What was loaded last."""
        self._options: tuple[str | None, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Select([("All cycles", ALL_CYCLES)], value=ALL_CYCLES, allow_blank=False, id="stats-cycle")
            yield Static("Loading…", id="stats-funnel", classes="stats-chart")
            yield Static("", id="stats-channels", classes="stats-chart")
            yield Static("", id="stats-roles", classes="stats-chart")
            yield Static("", id="stats-summary", classes="stats-chart")
            with Vertical(id="stats-weeks"):
                yield Label("", id="stats-sent-label", classes="spark-label")
                yield Sparkline([], id="stats-sent")
                yield Label("", id="stats-received-label", classes="spark-label")
                yield Sparkline([], id="stats-received")
        yield AppFooter()

    def fetch(self, store: Store) -> Stats | str:
        from tracker.domain.errors import TrackerError
        from tracker.store.views.stats_view import load_stats

        try:
            with store.read() as session:
                return load_stats(session, today=self.app.today(), cycle=self.cycle)  # type: ignore[attr-defined]
        except TrackerError as err:
            return str(err)

    def show(self, data: Stats | str) -> None:
        if isinstance(data, str):
            self.notify(data, severity="error", markup=False)
            if self.cycle is not None:  # an unknown cycle: show every cycle instead (once, no loop)
                self.cycle = None
                self.reload()
            return
        self.stats = data
        self._update_cycles(data.cycles)
        width = max(8, min(BAR_WIDTH, self.size.width - 40)) if self.size.width else BAR_WIDTH
        if data.total.opportunities:
            parts = [funnel_content(f, f.label, width) for f in data.funnels]
            if len(data.funnels) > 1:
                parts.append(funnel_content(data.total, "all cycles", width))
            funnels = Content("\n\n").join(parts)
        else:
            funnels = Content("No opportunities yet: add one (ctrl+p, New opportunity…) or load the demo data.")
        self.query_one("#stats-funnel", Static).update(funnels)
        self.query_one("#stats-channels", Static).update(rates_content("Reply rate by channel", data.by_channel, width))
        self.query_one("#stats-roles", Static).update(rates_content("Reply rate by role", data.by_role, width))
        self.query_one("#stats-summary", Static).update(summary_content(data))
        weeks = len(data.sent_per_week)
        self.query_one("#stats-sent-label", Label).update(
            f"Sent by email or LinkedIn, per week, last {weeks} weeks: {sum(data.sent_per_week)}")
        self.query_one("#stats-received-label", Label).update(
            f"Received by email or LinkedIn, per week: {sum(data.received_per_week)}")
        self.query_one("#stats-sent", Sparkline).data = list(data.sent_per_week)
        self.query_one("#stats-received", Sparkline).data = list(data.received_per_week)

    def _update_cycles(self, cycles: tuple[str | None, ...]) -> None:
        """Offer every named cycle in the selector (only when the list changed)."""
        if cycles == self._options:
            return
        self._options = cycles
        select = self.query_one("#stats-cycle", Select)
        options: list[tuple[str, Any]] = [("All cycles", ALL_CYCLES)]
        options += [(c, c) for c in cycles if c is not None]
        with select.prevent(Select.Changed):
            select.set_options(options)
            # (None among the cycles is the opportunities without one: not an option of its own)
            select.value = self.cycle if self.cycle is not None and self.cycle in cycles else ALL_CYCLES

    @on(Select.Changed, "#stats-cycle")
    def _cycle_changed(self, event: Select.Changed) -> None:
        chosen = None if event.value in (ALL_CYCLES, Select.BLANK) else str(event.value)
        if chosen != self.cycle:
            self.cycle = chosen
            self.reload()
