"""CSV import: our own exports (exact round trips) and the spreadsheets students keep.

One import is one transaction. Every row is read; if any row is bad, nothing is written and
`ImportFailed` lists every bad row with its line number and why. `dry_run` does all the work,
then rolls back. Columns are matched by `tracker.io.headers` (unknown ones are ignored and
reported); cells are read by `tracker.io.cells`.

What a row means:

- people: one person. Same name (any case) at the same organization already stored: its
  non-empty cells update that person. Role reads job titles too ("Associate Professor").
- opportunities: one opportunity, matched by title (any case) and updated if it exists. The
  contact is found by name (preferring the row's organization), else created as a professor
  there. The stage is reached through the stage history: a row with `applied_on` passes through
  "applied" on that day. `letters_submitted`, `last_activity` and `next_follow_up` are derived
  from other records, so they are read but not imported.
- log: one interaction, written as the file says (an exported log imports back exactly). The
  person is found by name and organization, else created with the row's role, organization
  and lab. The opportunity is found by title, else created (outreach, the row's
  organization, the person as contact); a file with a stage column but no opportunity column
  files each row under "<person>, <organization>". A stage cell moves the opportunity after
  the row is logged, so the last row wins; a blank stage cell moves a shortlisted opportunity
  to "contacted" (sent) or "replied" (received), as `tracker log` does. Without a
  `follow_up_due` column, sent e-mails and LinkedIn messages get the profile's follow-up
  interval; with one, the cell is taken as it is (blank = none). A row without a date is
  allowed only with a blank or shortlisted stage: it just records the person (and opportunity).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, select

from tracker.domain.dates import DateParseError
from tracker.domain.times import parse_when
from tracker.domain.vocab import FOLLOW_UP_CHANNELS, PRE_APPLICATION_STAGES
from tracker.errors import Ambiguous, InvalidInput, TrackerError
from tracker.io.cells import (read_channel, read_count, read_date, read_direction, read_kind, read_role,
                               read_stage, zone_name)
from tracker.io.csv_export import read_what
from tracker.io.headers import ColumnPlan, describe_ignored, plan_columns, read_csv_file
from tracker.models import Interaction, Opportunity, Organization, Person
from tracker.store.engine import Store
from tracker.store.lookup import get_or_create_organization
from tracker.store.records import (AUTO_CONTACTED_FROM, AUTO_REPLIED_FROM, add_opportunity, add_person,
                                   follow_up_days, get_profile, record_stage, set_deadline)

__all__ = ["ImportFailed", "ImportReport", "import_csv", "read_csv_file"]

_NOUNS = {"people": ("person", "people"), "opportunities": ("opportunity", "opportunities"),
          "interactions": ("interaction", "interactions")}
_INTERACTION_KEY = (Interaction.on, Interaction.channel, Interaction.direction, Interaction.person_id,
                    Interaction.opportunity_id, Interaction.subject, Interaction.notes)
PERSON_DETAILS = ("lab", "email", "linkedin", "homepage", "research_areas", "how_met", "notes")
OPPORTUNITY_DETAILS = ("lab", "cycle", "url", "notes", "min_gpa", "location_rule", "stipend")


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    rows: int
    created: dict[str, int]
    """Records added, by kind: "people", "opportunities", "interactions"."""
    updated: dict[str, int]
    """Existing records a row matched and updated, by kind."""
    dry_run: bool
    ignored: list[str] = field(default_factory=list)
    """Headers of columns that name no field, so were not imported."""
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_NOUNS, 0))
    """Rows already in the store, skipped: a log row whose interaction was stored before this import."""
    _warnings: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """One line for people: "12 rows: 4 people, 12 interactions added; 1 person updated"."""
        def counts(numbers: dict[str, int]) -> str:
            return ", ".join(f"{n} {_NOUNS[k][n != 1]}" for k, n in numbers.items() if n)

        added, updated = counts(self.created), counts(self.updated)
        verb = "would be " if self.dry_run else ""
        parts = [f"{added} {verb}added" if added else f"nothing {verb}added"]
        if updated:
            parts.append(f"{updated} {verb}updated")
        if same := counts(self.unchanged):
            parts.append(f"{same} already there")
        return f"{self.rows} row{'' if self.rows == 1 else 's'}: " + "; ".join(parts)

    def warnings(self) -> list[str]:
        """One line per column that was not imported, saying why and how to import it."""
        return list(self._warnings)


class ImportFailed(TrackerError):
    """Some rows could not be imported, so nothing was; `problems` holds (line number, why)."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = problems
        n = len(problems)
        head = f"{n} bad row{'' if n == 1 else 's'} in {source}; nothing was imported"
        super().__init__("\n".join([head, *(f"  line {line}: {why}" for line, why in problems)]))


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that it rolls back."""


def import_csv(
    store: Store,
    path: Path,
    *,
    what: str = "log",
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    today: date,
    now: datetime,
    zone: tzinfo,
) -> ImportReport:
    """Import a CSV file of `what` in one transaction: every row, or (if any row is bad) nothing."""
    what = read_what(what)
    header, records = read_csv_file(path)
    plan = plan_columns(header, what, mapping or {}, source=str(path))
    report = ImportReport(
        rows=0, created=dict.fromkeys(_NOUNS, 0), updated=dict.fromkeys(_NOUNS, 0),
        dry_run=dry_run, ignored=list(plan.ignored), _warnings=describe_ignored(plan),
    )
    problems: list[tuple[int, str]] = []
    try:
        with store.write() as session:
            rows = _Rows(session, plan, report, today=today, now=now, zone=zone)
            handle = {"log": rows.log, "opportunities": rows.opportunity, "people": rows.person}[what]
            for line, cells in records:
                report.rows += 1
                try:
                    handle(plan.values(cells))
                except (TrackerError, DateParseError) as err:
                    problems.append((line, str(err)))
            if problems:
                raise ImportFailed(str(path), problems)
            rows.flush()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


class _Rows:
    """Row handlers, with the people, opportunities and organizations met so far indexed by name."""

    def __init__(self, session: Session, plan: ColumnPlan, report: ImportReport, *,
                 today: date, now: datetime, zone: tzinfo) -> None:
        self.session, self.plan, self.report = session, plan, report
        self.today, self.now, self.zone = today, now, zone
        self.people: dict[str, list[Person]] = {}
        for person in session.exec(select(Person).order_by(Person.id)):
            self.people.setdefault(_fold(person.name), []).append(person)
        self.opportunities: dict[str, Opportunity] = {}
        for opp in session.exec(select(Opportunity).order_by(Opportunity.id)):
            self.opportunities.setdefault(_fold(opp.title), opp)
        self.orgs: dict[str, Organization | None] = {}
        self.follow_up: dict[str, int | None] = {}
        self.interactions: list[dict[str, object]] = []
        """Interactions to insert, in file order (one bulk insert is much faster than ORM objects)."""
        self.stored: set[tuple[object, ...]] = set()
        """Interactions stored before this import, so that importing a file again adds only new rows."""
        if plan.what == "log":
            self.stored = {tuple(r) for r in session.exec(select(*_INTERACTION_KEY))}  # type: ignore[call-overload]

    def flush(self) -> None:
        """Write what is still pending."""
        if self.interactions:
            self.session.execute(insert(Interaction), self.interactions)
            self.interactions = []
        self.session.flush()

    # --- shared lookups ---

    def org(self, name: str) -> Organization | None:
        key = _fold(name)
        if key not in self.orgs:
            self.orgs[key] = get_or_create_organization(self.session, name)
        return self.orgs[key]

    def find_person(self, name: str, org: Organization | None, *, anywhere: bool) -> Person | None:
        """The person of that name at `org`; with `anywhere`, else the only one of that name."""
        found = self.people.get(_fold(name), [])
        org_id = org.id if org else None
        same = [p for p in found if p.organization_id == org_id] or (found if anywhere else [])
        if len(same) > 1:
            same = [p for p in same if p.name == " ".join(name.split())] or same
        if len(same) > 1:
            raise Ambiguous(f'{len(same)} people are named "{name}"; give their organization to tell them apart')
        return same[0] if same else None

    def new_person(self, name: str, role: str | None, org: Organization | None, details: dict[str, str]) -> Person:
        person = add_person(
            self.session, name=name, role=role or "professor", organization=org.name if org else None,
            added_on=self.today, **{k: _clean(v) for k, v in details.items()},  # type: ignore[arg-type]
        )
        self.people.setdefault(_fold(person.name), []).append(person)
        self.report.created["people"] += 1
        return person

    def details(self, values: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
        return {k: values[k] for k in names if k in values}

    def fill(self, record: Person | Opportunity, details: dict[str, str], *, only_empty: bool) -> bool:
        """Copy non-empty cells onto `record` (only into empty fields with `only_empty`)."""
        changed = False
        for name, text in details.items():
            value = _clean(text)
            if value is not None and getattr(record, name) != value and not (only_empty and getattr(record, name)):
                setattr(record, name, value)
                changed = True
        self.session.add(record)
        return changed

    def date(self, values: dict[str, str], name: str) -> date | None:
        return read_date(values.get(name, ""), today=self.today)

    # --- people ---

    def person(self, values: dict[str, str]) -> None:
        name = values["name"].strip()
        if not name:
            raise InvalidInput("the name is empty")
        role = read_role(values.get("role", ""))
        org = self.org(values.get("organization", ""))
        details = self.details(values, PERSON_DETAILS)
        found = self.find_person(name, org, anywhere=False)
        if found is None:
            self.new_person(name, role, org, details)
            return
        if role:
            found.role = role
        self.fill(found, details, only_empty=False)
        self.report.updated["people"] += 1

    # --- opportunities ---

    def opportunity(self, values: dict[str, str]) -> None:
        title = " ".join(values["title"].split())
        if not title:
            raise InvalidInput("the title is empty")
        kind = read_kind(values.get("kind", ""))
        stage = read_stage(values.get("stage", ""))
        applied_on = self.date(values, "applied_on")
        letters = read_count(values.get("letters_required", ""), "letters")
        deadline_text = values.get("deadline", "").strip()
        deadline = parse_when(deadline_text, now=self.now, default_tz=self.zone) if deadline_text else None
        org = self.org(values.get("organization", ""))
        details = self.details(values, OPPORTUNITY_DETAILS)
        opp = self.opportunities.get(_fold(title))
        if opp is None:
            start = min(self.today, applied_on) if applied_on else self.today
            cleaned = {k: _clean(v) for k, v in details.items()}
            opp = add_opportunity(
                self.session, title=title, kind=kind or "outreach", organization=org.name if org else None,
                letters_required=letters or 0, on=start, **cleaned,  # type: ignore[arg-type]
            )
            self.opportunities[_fold(title)] = opp
            self.report.created["opportunities"] += 1
            target = stage or "shortlisted"
            if applied_on and target not in PRE_APPLICATION_STAGES:
                record_stage(self.session, opp, "applied", on=applied_on)
            record_stage(self.session, opp, target, on=max(self.today, applied_on or self.today))
            if self.plan.has("applied_on"):
                opp.applied_on = applied_on
        else:
            self.fill(opp, details, only_empty=False)
            opp.kind = kind or opp.kind
            opp.organization_id = org.id if org else opp.organization_id
            opp.letters_required = opp.letters_required if letters is None else letters
            opp.applied_on = applied_on or opp.applied_on
            if stage and stage != opp.stage:
                record_stage(self.session, opp, stage, on=self.today)
            self.report.updated["opportunities"] += 1
        if deadline is not None:
            set_deadline(opp, deadline, zone_name(deadline) if isinstance(deadline, datetime) else None)
        contact = values.get("contact", "").strip()
        if contact:
            person = self.find_person(contact, org, anywhere=True) or self.new_person(contact, None, org, {})
            opp.contact_id = person.id
        self.session.add(opp)

    # --- log ---

    def log(self, values: dict[str, str]) -> None:
        name = values["person"].strip()
        if not name:
            raise InvalidInput("the person is empty")
        day = self.date(values, "date")
        stage = read_stage(values.get("stage", ""))
        channel = read_channel(values.get("channel", "")) or "email"
        direction = read_direction(values.get("direction", "")) or "sent"
        role = read_role(values.get("role", ""))
        follow_up = self.date(values, "follow_up_due")
        if day is None and stage not in (None, "shortlisted"):
            raise InvalidInput(f'no date; a row at stage "{stage}" needs the date of the message')
        org = self.org(values.get("organization", ""))
        details = self.details(values, PERSON_DETAILS[:-2])
        person = self.find_person(name, org, anywhere=org is None and not self.plan.exact)
        if person is None:
            person = self.new_person(name, role, org, details)
        elif self.fill(person, details, only_empty=True):
            self.report.updated["people"] += 1
        opp = self.log_opportunity(values, person, org, stage, day or self.today)
        if day is not None:
            if not self.plan.has("follow_up_due"):
                follow_up = self.default_follow_up(channel, direction, day)
            row = dict(on=day, channel=channel, direction=direction, person_id=person.id,
                       opportunity_id=opp.id if opp else None, subject=_clean(values.get("subject")),
                       notes=_clean(values.get("notes")))
            if tuple(row.values()) in self.stored:
                self.report.unchanged["interactions"] += 1
            else:
                self.interactions.append(row | {"paper": _clean(values.get("paper")), "follow_up_on": follow_up})
                self.report.created["interactions"] += 1
        if opp is None:
            return
        if stage is not None:
            record_stage(self.session, opp, stage, on=day or self.today)
        elif day is not None and direction == "sent" and opp.stage in AUTO_CONTACTED_FROM:
            record_stage(self.session, opp, "contacted", on=day)
        elif day is not None and direction == "received" and opp.stage in AUTO_REPLIED_FROM:
            record_stage(self.session, opp, "replied", on=day)

    def log_opportunity(self, values: dict[str, str], person: Person, org: Organization | None,
                        stage: str | None, on: date) -> Opportunity | None:
        """The row's opportunity, found by title or created; None when the row names none and has no stage."""
        title = " ".join(values.get("opportunity", "").split())
        if not title and (stage is not None or (self.plan.has("stage") and not self.plan.has("opportunity"))):
            where = org or (self.session.get(Organization, person.organization_id) if person.organization_id else None)
            title = f"{person.name}, {where.name}" if where else person.name
        if not title:
            return None
        opp = self.opportunities.get(_fold(title))
        if opp is None:
            opp = add_opportunity(self.session, title=title, kind="outreach", organization=org.name if org else None,
                                  lab=values.get("lab"), on=on)
            opp.contact_id = person.id
            self.session.add(opp)
            self.opportunities[_fold(title)] = opp
            self.report.created["opportunities"] += 1
        return opp

    def default_follow_up(self, channel: str, direction: str, day: date) -> date | None:
        """When `tracker log` would ask for a follow-up: sent e-mails and LinkedIn messages only."""
        if direction != "sent" or channel not in FOLLOW_UP_CHANNELS:
            return None
        if channel not in self.follow_up:
            self.follow_up[channel] = follow_up_days(get_profile(self.session), channel)
        days = self.follow_up[channel]
        return day + timedelta(days=days) if days is not None else None
