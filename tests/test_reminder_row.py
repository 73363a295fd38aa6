"""The agenda's row: due and kind in their columns, the message wrapped under itself, any script."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tracker.tui.widgets.reminder_row import ReminderRow


def _render(row: ReminderRow, width: int) -> list[str]:
    options = RenderOptions(lambda style: Style.parse(style) if isinstance(style, str) else style, {})
    strips = row.render_strips(width, None, Style(), options)
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


def test_the_message_wraps_under_itself_and_the_height_says_how_many_lines() -> None:
    row = ReminderRow(Content("3 days overdue"), Content("follow-up"),
                      Content("Follow up with 김민수 about 컴퓨터 비전 연구실, KAIST (email sent 2026-11-14, no reply)"))
    lines = _render(row, 60)
    assert row.get_height({}, 60) == len(lines) > 1
    assert lines[0].startswith("3 days overdue   follow-up     Follow up with 김민수")
    assert all(line.startswith(" " * 31) and line[31] != " " for line in lines[1:])
    assert " ".join(line[31:].strip() for line in lines) == row.message.plain


def test_a_long_due_or_kind_is_cut_to_its_column() -> None:
    row = ReminderRow(Content("in 12 weeks and some days"), Content("keep-in-touch-longer"), Content("Write"))
    (line,) = _render(row, 50)
    assert line.startswith("in 12 weeks and… keep-in-touc… Write")


def test_a_narrow_width_still_shows_every_character() -> None:
    row = ReminderRow(Content("today"), Content("manual"), Content("🧑‍💻 Submit the form"))
    lines = _render(row, 36)
    assert "".join(line[31:] for line in lines).replace(" ", "") == "🧑‍💻Submittheform"
    assert row.plain == "today manual 🧑‍💻 Submit the form"


def test_a_row_narrower_than_its_first_columns_is_cut_to_the_width() -> None:
    row = ReminderRow(Content("10 weeks overdue"), Content("no-response"), Content("No answer from Anand"))
    options = RenderOptions(lambda style: Style.parse(style) if isinstance(style, str) else style, {})
    strips = row.render_strips(20, None, Style(), options)
    assert [strip.cell_length for strip in strips] == [20] * len(strips)
    assert strips[0].text == "10 weeks overdue no-"
