"""Text from the database made safe to show on a terminal.

Names, notes and subjects come from people and from other people's spreadsheets. They may
hold control characters or whole escape sequences: shown raw, a terminal *executes*
"\\x1b[2J" (clear the screen), "\\x1b]52;...\\x07" (write the clipboard) or "\\x1b]0;...\\x07"
(set the window title), and "\\u202e" turns the rest of the line around. These pure
functions make such characters visible instead, as Python writes them (`\\x1b`, `\\u202e`),
and cut text that is too long to show in full.

- `visible(text)`: every control character except newline and tab, DEL, the C1 controls
  and the bidirectional overrides, written as an escape; "\\r\\n" becomes "\\n". A byte that
  was not UTF-8 (a command-line argument or a file name, kept by Python as a surrogate
  escape) is written as that byte (`\\xe9`).
- `undecodable(text)`: whether `text` holds such bytes.
- `clip(text, limit)`: at most `limit` characters, then "… (+N characters)".
- `shown(value, limit)`: both, for a table cell.
- `UNSAFE`: the characters `visible` escapes; the TUI's last line of defence drops them
  (they are all zero cells wide, so dropping them keeps every layout exact).
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters a terminal may act on, or that rearrange or break the line they are in; and lone
surrogates, which no terminal or file can take (Python's stand-ins for bytes that are not UTF-8)."""
_UNDECODABLE = re.compile("[\udc80-\udcff]")

CELL_LIMIT = 500
"""Characters of one value shown in a table cell; the rest is cut (`--json` prints everything)."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (a command-line argument, a file name): that byte
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def undecodable(text: str) -> bool:
    """True when `text` holds bytes that were not UTF-8, as Python keeps them from argv (surrogate escapes)."""
    return _UNDECODABLE.search(text) is not None


def visible(text: str) -> str:
    """`text` with every unsafe character written as an escape: "\\x1b[31mEvil" stays as typed, inert."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return UNSAFE.sub(_escape, text)


def strip_unsafe(text: str) -> str:
    """`text` without the unsafe characters (for output whose layout is already measured)."""
    return UNSAFE.sub("", text)


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    """At most `limit` characters of `text`; a longer text ends with "… (+N characters)"."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (+{len(text) - limit:,} characters)"


def shown(value: object, limit: int = CELL_LIMIT) -> str:
    """A value as a table shows it: as a string, cut to `limit` characters, unsafe characters escaped."""
    return visible(clip(str(value), limit))
