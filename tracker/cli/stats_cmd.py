"""`tracker stats`: the funnel per cycle, reply rates by channel and role, days to a reply, as terminal charts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import state
from tracker.cli.output import console, print_json

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from tracker.domain.stats import Funnel, ReplyRate, Stats

BAR_WIDTH = 32
"""Cells of the longest bar (less on a narrow terminal)."""
LABEL_STYLE = "bold"


def _width() -> int:
    return max(8, min(BAR_WIDTH, console.width - 44))



def _grid() -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, min_width=13)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    return grid


def _heading(text: str, note: str | None = None) -> Text:
    from rich.text import Text

    heading = Text(text, style="bold underline")
    if note:
        heading.append(f"  {note}", style="dim")
    return heading


def _funnel(f: Funnel, title: str) -> list[object]:
    from rich.text import Text

    from tracker.domain.charts import bar, percent

    width = _width()
    top = f.counts[0] if f.counts else 0
    grid = _grid()
    for number, (step, count, share) in enumerate(f.steps()):
        grid.add_row(
            Text(step, style=LABEL_STYLE), Text(bar(count, top, width), style="cyan"), str(count),
            Text(percent(share) if number else "", style="dim"), "",
        )
    plural = "opportunity" if f.opportunities == 1 else "opportunities"
    from tracker.domain.stats import FUNNEL_NOTE

    return [_heading(f"Funnel · {title}", f"{f.opportunities} {plural}; {FUNNEL_NOTE}"), grid]


def _rate_bar(rate: ReplyRate, width: int) -> Text:
    from rich.text import Text

    from tracker.domain.charts import bar

    filled = bar(rate.replied, rate.threads, width).rstrip() if rate.threads else ""
    return Text(filled, style="green") + Text("░" * (width - len(filled)), style="dim")


def _rates(title: str, rates: tuple[ReplyRate, ...], note: str | None = None) -> list[object]:
    from rich.text import Text

    from tracker.domain.charts import days_text, percent

    width = _width()
    grid = _grid()
    for rate in rates:
        median = f"median {days_text(rate.median_days)}" if rate.median_days is not None else ""
        grid.add_row(
            Text(rate.key, style=LABEL_STYLE), _rate_bar(rate, width), f"{rate.replied} of {rate.threads}",
            Text(percent(rate.rate)), Text(median, style="dim"),
        )
    return [_heading(title, note), grid]


def _weekly(stats: Stats) -> list[object]:
    from rich.text import Text

    from tracker.domain.charts import spark

    weeks = len(stats.sent_per_week)
    grid = _grid()
    grid.add_row(Text("sent", style=LABEL_STYLE), Text(spark(stats.sent_per_week), style="cyan"),
                 str(sum(stats.sent_per_week)), "", "")
    grid.add_row(Text("received", style=LABEL_STYLE), Text(spark(stats.received_per_week), style="green"),
                 str(sum(stats.received_per_week)), "", "")
    return [_heading("Email and LinkedIn per week", f"last {weeks} weeks, to {stats.today:%a %Y-%m-%d}"), grid]


def show_stats(stats: Stats) -> None:
    """Print the statistics as Rich charts."""
    from rich.console import Group
    from rich.text import Text

    from tracker.domain.charts import days_text, percent

    parts: list[object] = []
    if not stats.total.opportunities:
        parts.append(Text("No opportunities yet: add some with `tracker add opportunity`, or try `tracker demo`."))
    for f in stats.funnels:
        parts += [*_funnel(f, f.label), Text("")]
    if len(stats.funnels) > 1:
        parts += [*_funnel(stats.total, "all cycles"), Text("")]
    overall = stats.overall
    if overall.threads:
        parts += [*_rates("Reply rate by channel", stats.by_channel, "median: days to a reply"), Text("")]
        from tracker.domain.stats import THREAD_NOTE

        parts += [*_rates("Reply rate by role", stats.by_role), Text(THREAD_NOTE, style="dim"), Text("")]
        summary = Text(f"Replies: {overall.replied} of {overall.threads} threads ({percent(overall.rate)})", style="bold")
        if overall.median_days is not None:
            summary.append(f"; median {days_text(overall.median_days)} to a reply", style="bold")
        parts += [summary, Text("")]
    else:
        parts += [Text("No email or LinkedIn message sent yet: log one with `tracker log email --to NAME`."), Text("")]
    parts += _weekly(stats)
    console.print(Group(*parts))  # type: ignore[arg-type]


def stats(
    ctx: typer.Context,
    cycle: Annotated[str | None, typer.Option("--cycle", "-c", metavar="CYCLE", help='Only this cycle, e.g. "Summer 2027".')] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of charts.")] = False,
) -> None:
    """The funnel per cycle, reply rates by channel and by role, and days to a reply, as charts."""
    from tracker.domain.stats import stats_json
    from tracker.store.views.stats_view import load_stats

    st = state(ctx)
    with st.store.read() as session:
        result = load_stats(session, today=st.today(), cycle=cycle)
    if as_json:
        print_json(stats_json(result))
    else:
        show_stats(result)


def register(app: typer.Typer) -> None:
    """Add `tracker stats` to the root app."""
    app.command("stats")(stats)
