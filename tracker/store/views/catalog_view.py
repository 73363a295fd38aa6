"""The program catalog against the database: which programs you track already, and adding one.

Shared by `tracker programs` and the TUI's Program catalog screen. `program_rows` reads; `add_program`
writes inside the caller's transaction through `tracker.store.writes.records.add_opportunity`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from tracker.domain.catalog import SEASON_STARTS, Program
from tracker.domain.catalog_check import (
    NO_GPA_HINT,
    Standing,
    deadline_for_cycle,
    deadline_text,
    default_cycle,
    matches,
    next_deadline,
    profile_gpa,
    same_cycle,
    standing,
    year_of_cycle,
)
from tracker.domain.errors import InvalidInput
from tracker.store.models import Opportunity, Organization
from tracker.store.queries.lookup import find_organization
from tracker.store.writes.records import add_opportunity, read_profile


@dataclass(frozen=True)
class Tracked:
    """An opportunity of yours that is a catalog program."""

    id: int
    title: str
    cycle: str | None
    stage: str

    def __str__(self) -> str:
        return f"{self.cycle or 'no cycle'} · {self.stage}"


@dataclass(frozen=True)
class ProgramRow:
    """A catalog program as `tracker programs` and the TUI show it."""

    program: Program
    next_deadline: date | None
    cycle: str
    """The cycle you can still apply for, e.g. "Summer 2027"."""
    standing: Standing
    tracked: tuple[Tracked, ...]


def tracked_programs(session: Session, programs: Sequence[Program]) -> dict[str, tuple[Tracked, ...]]:
    """Your opportunities that are catalog programs, by program key (matched by title or link)."""
    rows = session.execute(
        select(Opportunity.id, Opportunity.title, Opportunity.cycle, Opportunity.stage, Opportunity.url)
        .order_by(Opportunity.created_on, Opportunity.id)  # type: ignore[arg-type]
    ).all()
    found: dict[str, list[Tracked]] = {}
    for opp_id, title, cycle, stage, url in rows:
        for program in programs:
            if matches(program, title, url):
                found.setdefault(program.key, []).append(Tracked(opp_id, title, cycle, stage))
    return {key: tuple(items) for key, items in found.items()}


def program_rows(session: Session, programs: Sequence[Program], *, today: date) -> tuple[tuple[ProgramRow, ...], bool]:
    """Every program with its next deadline, cycle, your standing and your opportunities for it,
    soonest deadline first (rolling and unknown ones last); and whether your GPA is set."""
    mine = profile_gpa(read_profile(session).gpa)
    tracked = tracked_programs(session, programs)
    rows = [
        ProgramRow(p, next_deadline(p, today), default_cycle(p, today), standing(p, mine), tracked.get(p.key, ()))
        for p in programs
    ]
    rows.sort(key=lambda r: (r.next_deadline is None, r.next_deadline or date.max, r.program.name.casefold()))
    return tuple(rows), mine is not None


@dataclass(frozen=True)
class Added:
    """What `add_program` wrote, and what the student should hear about it."""

    opportunity: Opportunity
    warnings: tuple[str, ...]


def add_program(session: Session, program: Program, *, cycle: str | None, today: date) -> Added:
    """Add `program` as an opportunity (kind "program") for `cycle` (default: the next one you can apply for).

    Refuses (InvalidInput) when an opportunity of yours is already that program in that cycle. The
    deadline is the program's typical one for the cycle. Warnings: your GPA below the cut-off, a
    typical deadline already past, a deadline whose day is not known.
    """
    words = (cycle or default_cycle(program, today)).split()
    cycle = " ".join(w.capitalize() if w.lower() in SEASON_STARTS else w for w in words)  # "summer 2028" too
    year = year_of_cycle(cycle)
    for item in tracked_programs(session, [program]).get(program.key, ()):
        if same_cycle(item.cycle, cycle):
            raise InvalidInput(
                f'{program.name} is already tracked for {item.cycle}: "{item.title}" ({item.stage}); '
                f'for another cycle: tracker programs add {program.key} --cycle "{program.cycle} {year + 1}"'
            )
    deadline = deadline_for_cycle(program, year)
    if find_organization(session, program.host) is None:
        session.add(Organization(name=program.host, country=program.country))
        session.flush()
    opportunity = add_opportunity(
        session,
        title=_title(program, cycle, year),
        kind="program",
        organization=program.host,
        cycle=cycle,
        deadline=deadline,
        letters_required=program.letters or 0,
        min_gpa=str(program.gpa) if program.gpa else None,
        url=program.url,
        stipend=program.stipend,
        notes=_notes(program),
        on=today,
    )
    warnings = []
    mine = profile_gpa(read_profile(session).gpa)
    check = standing(program, mine)
    if check.warning:
        warnings.append(check.warning)
    elif check.status == "no-gpa":
        warnings.append(f"{program.name} has a GPA cut-off of {program.gpa}; {NO_GPA_HINT} to check it")
    if deadline is not None and deadline < today:
        warnings.append(f"the typical deadline for {cycle} ({deadline:%Y-%m-%d}) has passed; check the official page")
    elif program.deadline is not None and program.deadline.day is None and deadline is not None:
        warnings.append(
            f"the deadline's day is not known: planned as {deadline:%Y-%m-%d}; correct it (e on the opportunity "
                "in the TUI) once the call is out"
        )
    return Added(opportunity, tuple(warnings))


def _title(program: Program, cycle: str, year: int) -> str:
    """ "DAAD WISE 2028" for the program's own season, else "DAAD WISE Winter 2028"."""
    return f"{program.name} {year}" if same_cycle(cycle, f"{program.cycle} {year}") else f"{program.name} {cycle}"


def _notes(program: Program) -> str:
    """The opportunity's notes: the catalog's facts, and where they came from."""
    parts = [f"From the program catalog ({program.key}): typical deadline {deadline_text(program)}."]
    if program.eligibility:
        parts.append(f"Eligibility: {program.eligibility}.")
    if program.notes:
        parts.append(program.notes)
    parts.append("Facts change every year: check the official page.")
    return " ".join(parts)
