"""What a catalog program means for you today: its next deadline and cycle, your GPA against its
cut-off, whether you already track it, and finding it by a typed key.

Pure functions of `Program`s (`tracker.domain.catalog`), plain values and an explicit `today`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.catalog import Program
from tracker.domain.gpa import Gpa, eligibility_warning, format_number, gpa_or_none
from tracker.domain.errors import Ambiguous, InvalidInput, NotFound

NO_GPA_HINT = "set your GPA with tracker profile --gpa (e.g. 7.1/10)"

# --- deadlines and cycles --------------------------------------------------------------------------


def next_deadline(program: Program, today: date) -> date | None:
    """The next typical deadline on or after `today`; None when rolling or not known.

    A deadline given as a month alone is planned as that month's 1st, the earliest it can be.
    """
    deadline = program.deadline
    if deadline is None or deadline.rolling:
        return None
    this_year = deadline.on(today.year)
    return this_year if this_year >= today else deadline.on(today.year + 1)


def cycle_year(program: Program, deadline: date) -> int:
    """The year of the internship an application due on `deadline` is for (the next start after it)."""
    return deadline.year if deadline < date(deadline.year, program.starts, 1) else deadline.year + 1


def default_cycle(program: Program, today: date) -> str:
    """The cycle you can still apply for: "Summer 2028" when the next deadline is in November 2027."""
    deadline = next_deadline(program, today)
    return f"{program.cycle} {cycle_year(program, deadline or today)}"


def deadline_for_cycle(program: Program, year: int) -> date | None:
    """The typical deadline of the cycle starting in `year`: the last occurrence before it starts."""
    deadline = program.deadline
    if deadline is None or deadline.rolling:
        return None
    same_year = deadline.on(year)
    return same_year if same_year < date(year, program.starts, 1) else deadline.on(year - 1)


def year_of_cycle(cycle: str) -> int:
    """The year in a cycle's name: "Summer 2027" -> 2027; InvalidInput when there is none."""
    years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", cycle)
    if len(years) != 1:
        raise InvalidInput(f'cannot tell the year of cycle "{cycle}"; give one like "Summer 2027"')
    return int(years[0])


def deadline_text(program: Program) -> str:
    """The typical deadline for people: "November 1", "December (day not known)", "rolling", "not known"."""
    deadline = program.deadline
    if deadline is None:
        return "not known (see the official page)"
    if deadline.rolling:
        return "rolling (applications all year)"
    return str(deadline) if deadline.day else f"{deadline} (day not known; planned as the 1st)"


def due_this_month(program: Program, today: date) -> bool:
    """A month-only deadline whose month is now: its 1st has passed but the real day may not have."""
    deadline = program.deadline
    return deadline is not None and deadline.month == today.month and deadline.day is None


# --- your GPA against the cut-off -----------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Your GPA against a program's cut-off."""

    status: str
    """"meets", "below", "no-gpa" (yours is not set or not readable) or "no-cutoff"."""
    label: str
    """For a table cell: "✓ meets", "✗ below (7.1/10)" (yours on the cut-off's
    scale), "? no GPA", "no cut-off"."""
    warning: str | None = None
    """The one-line warning of `eligibility_warning` when below."""


profile_gpa = gpa_or_none
"""The profile's GPA, None when not set or not readable (it was checked when it was set)."""


def standing(program: Program, mine: Gpa | None) -> Standing:
    """Your standing for `program`; compared as fractions of their scales (see `tracker.domain.gpa`)."""
    cutoff = program.gpa
    if cutoff is None:
        return Standing("no-cutoff", "no cut-off")
    if mine is None:
        return Standing("no-gpa", "? no GPA")
    warning = eligibility_warning(mine, cutoff, what=program.name)
    if warning is None:
        return Standing("meets", "✓ meets")
    converted = mine.on_scale(cutoff.scale)
    return Standing("below", f"✗ below ({format_number(converted)}/{format_number(cutoff.scale)})", warning)


# --- is it tracked already? ------------------------------------------------------------------------


def fold(text: str) -> str:
    """A name for comparing: lower case, punctuation as spaces ("SURF-Caltech" == "surf caltech")."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _link(url: str | None) -> str | None:
    """A link for comparing (no scheme, no www., no trailing slash); None for a bare site root."""
    if not url or not url.strip():
        return None
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    rest = re.split(r"[?#]", rest, maxsplit=1)[0]
    host, _slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    path = path.rstrip("/")
    return f"{host}/{path}" if host and path else None


def matches(program: Program, title: str, url: str | None) -> bool:
    """Whether an opportunity is this program: its title starts with the program's name (or an
    alias) as whole words, or it links to the program's page (a page, not just the site)."""
    folded = fold(title)
    for name in (program.name, *program.aliases):
        wanted = fold(name)
        if wanted and (folded == wanted or folded.startswith(wanted + " ")):
            return True
    link = _link(program.url)
    return link is not None and link == _link(url)


def same_cycle(a: str | None, b: str | None) -> bool:
    """Whether two cycle names are the same, ignoring case and spacing."""
    return a is not None and b is not None and fold(a) == fold(b)


# --- finding a program by what was typed ------------------------------------------------------------


def find_program(programs: Sequence[Program], text: str) -> Program:
    """The program `text` names: its key, a unique prefix of a key, or a unique prefix of a name or alias.

    Raises NotFound listing the keys, or Ambiguous listing the candidates.
    """
    wanted = text.strip().casefold()
    if not wanted:
        raise InvalidInput("give a program's key, e.g. daad-wise (see tracker programs)")
    exact = [p for p in programs if p.key == wanted]
    if exact:
        return exact[0]
    name = fold(text)
    for candidates in (
        [p for p in programs if p.key.startswith(wanted)],
        [p for p in programs if name and any(fold(n).startswith(name) for n in (p.name, *p.aliases))],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise Ambiguous(f'"{text}" could be {_keys(candidates)}; type more of the key')
    raise NotFound(f'no program "{text}" in the catalog; the keys are {_keys(programs)}')


def _keys(programs: Iterable[Program]) -> str:
    return ", ".join(sorted(p.key for p in programs))
