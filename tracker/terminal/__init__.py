"""Plain-text output for the command line, standard library only.

- `width`: how many terminal cells a text takes (CJK and emoji two, combining marks none),
  and word wrapping by cells;
- `table`: aligned columns written row by row, at a cost linear in the rows, for any script;
- `reminders`: what `tracker remind` prints (the table, the JSON), used by every path that
  prints reminders.

Nothing here imports Rich, Typer or SQLAlchemy: `tracker remind` is what people put in a
shell start-up file.
"""
