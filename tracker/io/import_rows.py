"""What each CSV row means, worked out in memory against a snapshot of the store.

Pure: no SQL and no ORM, so that the SQLAlchemy store and the command line's sqlite3 fast path
import exactly the same way (see `tracker.io.import_plan`). The rules are described in
`tracker.io.csv_import`. Lookups are dicts built once, cell readers are memoized
(`tracker.io.cells.Memo`: a 100k-row log repeats the same few channels, stages and dates), and
nothing is written until every row is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone, tzinfo
from functools import partial
from typing import Any

from tracker.domain.vocab import PRE_APPLICATION_STAGES
from tracker.domain.errors import Ambiguous, InvalidInput, TrackerError
from tracker.domain.folding import fold as search_fold
from tracker.domain.name_match import name_key, named, person_key
from tracker.io.cells import Memo, read_channel, read_count, read_direction, read_kind, read_role, read_stage, zone_name
from tracker.io.date_cells import read_day, read_when
from tracker.io.headers import ColumnPlan
from tracker.domain.import_records import (OPPORTUNITY_DETAILS, PERSON_DETAILS, OppRec, OrgRec,
                                           PersonRec, Plan, Snapshot, StageRec)
from tracker.io.import_log import LogRows
from tracker.io.import_plan import ImportFailed, ImportReport, prepare

__all__ = ["Planner", "fold", "clean", "prepare"]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """What the names of records an import may mean share: any case, any spacing, any accent
    ("Cagla Yilmaz" in a spreadsheet is "Çağla Yılmaz" in the store). Which of them a name is, is
    `tracker.domain.name_match.named`: the rule `tracker log --to` and the forms follow."""
    return search_fold(text)


def _named(records: list[Any], names: list[str], text: str) -> list[Any]:
    """The records of `records` (all of one `fold`, named `names`) that `text` names."""
    return records if len(records) == 1 else [records[i] for i in named(names, text)]


def _from_store_or_as_written(records: list[Any] | None, attr: str, text: str) -> list[Any] | None:
    """`records` (all of one `fold`) that a row of a list of people or opportunities may be: any stored one,
    but one an earlier row added only if written as `text` is (any case and spacing). Each row of such a
    list is a record: its "O" and "Ò" are two people (tracker's own export of two people). Against the
    store, an unaccented name still means the record with accents; in a log, whose rows name people,
    "Cagla Yilmaz" and "Çağla Yılmaz" are still one person."""
    if not records or all(r.id is not None for r in records):
        return records
    key = name_key(text)
    return [r for r in records if r.id is not None or name_key(getattr(r, attr)) == key]


def clean(text: str | None) -> str | None:
    """A cell as stored: stripped, None when blank."""
    return text.strip() or None if text else None


def _role(text: str, *, fallback: str) -> str | None:
    """A role from a job title, else `fallback` (a LinkedIn connection's "Product Manager")."""
    try:
        return read_role(text)
    except InvalidInput:
        return fallback


class Planner(LogRows):
    """Reads rows against a snapshot and collects the `Plan`; `report` counts as it goes. What a
    people or opportunities row does is here; what a log row does, in `LogRows`."""

    def __init__(self, snapshot: Snapshot, columns: ColumnPlan, report: ImportReport, *,
                 today: date, now: datetime, zone: tzinfo) -> None:
        self.columns, self.report, self.plan = columns, report, Plan()
        self.today, self.now, self.zone = today, now, zone
        self.profile = snapshot.profile
        self.stored = snapshot.interactions
        self.orgs_by_id = {oid: OrgRec(oid, name) for oid, name in snapshot.orgs}
        self.orgs_by_fold: dict[str, list[OrgRec]] = {}
        for org in self.orgs_by_id.values():
            self.orgs_by_fold.setdefault(fold(org.name), []).append(org)
        self.orgs: dict[str, OrgRec | None] = {}
        self.org_cells: dict[str, OrgRec | None] = {}
        """`org` by the cell as written (a log repeats the same few hundred organizations)."""
        self.people_by_id: dict[int, PersonRec] = {}
        self.people: dict[str, list[PersonRec]] = {}
        orgs = self.orgs_by_id
        for pid, name, role, org_id, *details, aliases in snapshot.people:
            person = PersonRec(pid, name, role, orgs.get(org_id), aliases,
                               **dict(zip(PERSON_DETAILS, details, strict=True)))
            self.people_by_id[pid] = person
            self.people.setdefault(person_key(name), []).append(person)
        self.opportunities: dict[str, list[OppRec]] = {}
        for (oid, title, kind, org_id, lab, contact_id, cycle, stage, deadline, deadline_at, deadline_tz, applied_on,
             letters, min_gpa, location_rule, stipend, url, notes, created_on) in snapshot.opportunities:
            self.opportunities.setdefault(fold(title), []).append(OppRec(
                id=oid, title=title, kind=kind, org=orgs.get(org_id), lab=lab,
                contact=self.people_by_id.get(contact_id), cycle=cycle, stage=stage, deadline=deadline,
                deadline_at=deadline_at, deadline_tz=deadline_tz, applied_on=applied_on, letters_required=letters,
                min_gpa=min_gpa, location_rule=location_rule, stipend=stipend, url=url, notes=notes,
                created_on=created_on))
        self.fold = Memo(fold)
        self.person_key = Memo(person_key)
        head, orders = columns.header_of, columns.orders
        self.read_day = {name: Memo(partial(read_day, order=orders.get(name), today=today, now=now, zone=zone),
                                    head(name)) for name in ("date", "follow_up_due", "applied_on", "added_on",
                                                             "moved_on")}
        self.read_date, self.read_follow_up = self.read_day["date"], self.read_day["follow_up_due"]
        self.read_deadline = Memo(partial(read_when, order=orders.get("deadline"), now=now, zone=zone),
                                  head("deadline"))
        fallback = columns.known.format.fallback_role if columns.known is not None else None
        self.read_stage = Memo(read_stage, head("stage"))
        self.read_role = Memo(partial(_role, fallback=fallback) if fallback else read_role, head("role"))
        self.read_channel = Memo(read_channel, head("channel"))
        self.read_direction = Memo(read_direction, head("direction"))
        self.read_kind = Memo(read_kind, head("kind"))
        self.default_kind = (columns.known.format.kind if columns.known is not None else None) or "outreach"
        self.read_letters = Memo(lambda text: read_count(text, "letters"), head("letters_required"))
        self.log_details = tuple(k for k in PERSON_DETAILS[:-2] if columns.has(k))
        """The person fields a log file has columns for (it fills them in where empty)."""
        self.has_follow_up = columns.has("follow_up_due")
        self.title_from_person = columns.has("stage") and not columns.has("opportunity")
        self.people_at: dict[tuple[str, OrgRec | None], PersonRec] = {}
        self.opportunity_cells: dict[str, OppRec] = {}

    def run(self, records: Iterable[tuple[int, list[str]]], source: str) -> Plan:
        """Read every row; raises ImportFailed listing every bad one."""
        from tracker.domain.dates import DateParseError

        problems: list[tuple[int | None, str]] = []
        # No bound method is kept on self: the planner and all it holds are freed as soon as it is done.
        handle = {"log": self.log, "opportunities": self.opportunity, "people": self.person}[self.columns.what]
        values, report = self.columns.values, self.report
        for line, cells in records:
            report.rows += 1
            try:
                handle(values(cells))
            except (TrackerError, DateParseError) as err:
                problems.append((line, str(err)))
        if problems:
            raise ImportFailed(source, problems, self.columns.ignored)
        report.created["interactions"] += len(self.plan.interactions)
        return self.plan

    # --- shared lookups ---

    def org(self, name: str) -> OrgRec | None:
        """The organization named `name` (any case, spacing and accent: `fold`), created if new; None when blank."""
        key = name_key(name)
        if key in self.orgs:
            self.org_cells[name] = self.orgs[key]
            return self.orgs[key]
        found: OrgRec | None = None
        if name.strip():
            same = self.orgs_by_fold.setdefault(self.fold[name], [])
            picked = _named(same, [o.name for o in same], name)
            wanted = name.strip().lower()  # SQL lower() folds ASCII only: prefer that match, as lookup does
            found = next((o for o in picked if o.name.translate(_ASCII_LOWER) == wanted), picked[0] if picked else None)
            if found is None:
                found = OrgRec(None, " ".join(name.split()))
                self.plan.new_orgs.append(found)
                same.append(found)
        self.orgs[key] = self.org_cells[name] = found
        return found

    def find_opportunity(self, title: str, *, listed: bool = False) -> OppRec | None:
        """The opportunity of that title (the first, where several share it), or None. `listed`: the row
        is an opportunity of a list of them (`_from_store_or_as_written`)."""
        found = self.opportunities.get(self.fold[title])
        if listed:
            found = _from_store_or_as_written(found, "title", title)
        if not found:
            return None
        found = _named(found, [o.title for o in found], title)
        return found[0] if found else None

    def find_person(self, name: str, org: OrgRec | None, *, anywhere: bool, column: str = "person",
                    listed: bool = False) -> PersonRec | None:
        """The person of that name at `org`; with `anywhere`, else the only one of that name. `listed`: the
        row is a person of a list of people (`_from_store_or_as_written`)."""
        found = self.people.get(self.person_key[name])
        if listed:
            found = _from_store_or_as_written(found, "name", name)
        if not found:
            return None
        found = _named(found, [p.name for p in found], name)
        if len(found) == 1:
            return found[0] if anywhere or found[0].org is org else None
        same = [p for p in found if p.org is org] or (found if anywhere else [])
        if len(same) > 1:
            same = [p for p in same if p.name == " ".join(name.split())] or same
        if len(same) > 1:
            raise Ambiguous(f'column "{self.columns.header_of(column)}": {len(same)} people are named "{name}"; '
                            "give their organization to tell them apart")
        return same[0] if same else None

    def new_person(self, name: str, role: str | None, org: OrgRec | None, details: dict[str, str]) -> PersonRec:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("a person's name cannot be empty")
        person = PersonRec(None, name, role or "professor", org, **{k: clean(v) for k, v in details.items()})
        person.added_on = self.today
        self.plan.new_people.append(person)
        self.people.setdefault(self.person_key[name], []).append(person)
        self.report.created["people"] += 1
        return person

    def details(self, values: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
        return {k: values[k] for k in names if k in values}

    def fill(self, record: PersonRec | OppRec, details: dict[str, str], *, only_empty: bool) -> bool:
        """Copy non-empty cells onto `record` (only into empty fields with `only_empty`)."""
        changed = False
        for name, text in details.items():
            value = clean(text)
            if value is not None and getattr(record, name) != value and not (only_empty and getattr(record, name)):
                setattr(record, name, value)
                changed = True
        if changed:
            self.touch(record)
        return changed

    def touch(self, record: PersonRec | OppRec) -> None:
        """Remember that a stored record must be written back."""
        if record.id is not None and not record.dirty:
            record.dirty = True
            changed: dict[int, Any] = (self.plan.changed_people if isinstance(record, PersonRec)
                                       else self.plan.changed_opps)
            changed[record.id] = record

    # --- opportunities and their history (as tracker.store.writes.records does it) ---

    def new_opportunity(self, title: str, *, kind: str, org: OrgRec | None, on: date, **details: Any) -> OppRec:
        if not title:
            raise InvalidInput("an opportunity's title cannot be empty")
        opp = OppRec(title=title, kind=kind, org=org, stage="shortlisted", letters_required=0, created_on=on,
                     **{k: clean(v) for k, v in details.items()})
        opp.first = StageRec(opp, None, "shortlisted", on, datetime.now(timezone.utc))
        self.plan.new_opps.append(opp)
        self.plan.stages.append(opp.first)
        self.opportunities.setdefault(self.fold[title], []).append(opp)
        self.report.created["opportunities"] += 1
        return opp

    def record_stage(self, opp: OppRec, stage: str, *, on: date) -> None:
        """Move `opp` to `stage` on day `on`, keeping the change in its history."""
        if opp.stage == stage:
            return
        if on < opp.created_on:  # an event before the opportunity was added: it existed since then
            opp.created_on = on
            if opp.first is not None:
                opp.first.changed_on = min(opp.first.changed_on, on)
            else:
                backdates = self.plan.backdates
                backdates[opp.id] = min(backdates.get(opp.id, on), on)
        self.plan.stages.append(StageRec(opp, opp.stage, stage, on, datetime.now(timezone.utc)))
        opp.stage = stage
        if stage == "applied" and opp.applied_on is None:
            opp.applied_on = on
        self.touch(opp)

    # --- people ---

    def person(self, values: dict[str, str]) -> None:
        name = values["name"].strip()
        if not name:
            raise InvalidInput(f'column "{self.columns.header_of("name")}" is empty; a row needs the name')
        role = self.read_role[values.get("role", "")]
        org = self.org(values.get("organization", ""))
        details = self.details(values, PERSON_DETAILS)
        found = self.find_person(name, org, anywhere=False, column="name", listed=True)
        if found is None:
            self.new_person(name, role, org, details)
            return
        if role and role != found.role:
            found.role = role
            self.touch(found)
        self.fill(found, details, only_empty=False)
        self.report.updated["people"] += 1

    # --- opportunities ---

    def opportunity(self, values: dict[str, str]) -> None:
        title = " ".join(values["title"].split())
        if not title:
            raise InvalidInput(f'column "{self.columns.header_of("title")}" is empty; a row needs the title')
        kind = self.read_kind[values.get("kind", "")]
        stage = self.read_stage[values.get("stage", "")]
        applied_on = self.read_day["applied_on"][values.get("applied_on", "")]
        letters = self.read_letters[values.get("letters_required", "")]
        deadline = self.read_deadline[values.get("deadline", "")]
        org = self.org(values.get("organization", ""))
        details = self.details(values, OPPORTUNITY_DETAILS)
        opp = self.find_opportunity(title, listed=True)
        added_on = self.read_day["added_on"][values.get("added_on", "")]
        moved_on = self.read_day["moved_on"][values.get("moved_on", "")]
        if opp is None:
            start = min(d for d in (self.today, applied_on, added_on, moved_on) if d is not None)
            opp = self.new_opportunity(title, kind=kind or self.default_kind, org=org, on=start, **details)
            opp.letters_required = letters or 0
            target = stage or "shortlisted"
            if applied_on and target not in PRE_APPLICATION_STAGES:
                self.record_stage(opp, "applied", on=applied_on)
            self.record_stage(opp, target, on=moved_on or max(self.today, applied_on or self.today))
            if self.columns.has("applied_on"):
                opp.applied_on = applied_on
        else:
            self.fill(opp, details, only_empty=False)
            opp.kind = kind or opp.kind
            opp.org = org or opp.org
            opp.letters_required = opp.letters_required if letters is None else letters
            opp.applied_on = applied_on or opp.applied_on
            if stage and stage != opp.stage:
                self.record_stage(opp, stage, on=moved_on or self.today)
            self.report.updated["opportunities"] += 1
        if deadline is not None:
            if isinstance(deadline, datetime):
                opp.deadline, opp.deadline_at, opp.deadline_tz = deadline.date(), deadline, zone_name(deadline)
            else:
                opp.deadline, opp.deadline_at, opp.deadline_tz = deadline, None, None
        contact = values.get("contact", "").strip()
        if contact:
            opp.contact = (self.find_person(contact, org, anywhere=True, column="contact")
                           or self.new_person(contact, None, org, {}))
        self.touch(opp)
