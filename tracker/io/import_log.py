"""What a row of a log file does (`LogRows`, a part of `tracker.io.import_rows.Planner`).

A row is one message or meeting: its person is found by name and organization or added, its
opportunity found by title or added, the message planned with its follow-up date, and the
opportunity moved along as `tracker log` would move it (docs/csv-formats.md, "What a row does").
Pure, as the rest of the planner.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput
from tracker.domain.import_records import PROFILE_DEFAULTS, OppRec, OrgRec, PersonRec
from tracker.domain.vocab import ANSWER_STAGES, AUTO_CONTACTED_FROM, AUTO_REPLIED_FROM, FOLLOW_UP_CHANNELS

if TYPE_CHECKING:
    from tracker.io.import_rows import Planner

__all__ = ["LogRows"]


class LogRows:
    """The log rows of `Planner`, which holds the lookups, readers and plan these use."""

    def log(self: Planner, values: dict[str, str]) -> None:
        # The hot loop of a 100k-row log: memoized readers (a cell read once is a dict hit after), and
        # the calls that do the work (new people and opportunities, filling in, stage changes) made
        # only for the rows that need them.
        get = values.get
        name = values["person"].strip()
        if not name:
            raise InvalidInput(f'column "{self.columns.header_of("person")}" is empty; a row needs the person')
        day = self.read_date[get("date", "")]
        stage = self.read_stage[get("stage", "")]
        channel = self.read_channel[get("channel", "")] or "email"
        direction = self.read_direction[get("direction", "")] or "sent"
        role = self.read_role[get("role", "")]
        follow_up = self.read_follow_up[get("follow_up_due", "")]
        if day is None and stage not in (None, "shortlisted"):
            where = (f'column "{self.columns.header_of("date")}" is empty' if self.columns.has("date")
                     else "no column holds the date")
            raise InvalidInput(f'no date ({where}); a row at stage "{stage}" needs the date of the message')
        cell = get("organization", "")
        org = self.org_cells[cell] if cell in self.org_cells else self.org(cell)
        anywhere = org is None and not self.columns.exact
        # Found at a given organization, a name keeps meaning that person: a second one of that name
        # there is never added (only "anywhere" lookups can become ambiguous later).
        person = None if anywhere else self.people_at.get((name, org))
        if person is None:
            person = self.find_person(name, org, anywhere=anywhere)
            if person is None:
                person = self.new_person(name, role, org, {k: values[k] for k in self.log_details})
            else:
                self.fill_in(person, values)
            if not anywhere:
                self.people_at[(name, org)] = person
        else:
            for key in self.log_details:  # a person's empty fields are filled in from the row's cells
                if not getattr(person, key) and values[key].strip():
                    self.fill_in(person, values)
                    break
        cell = get("opportunity", "")
        opp = self.opportunity_cells.get(cell) if cell else None
        if opp is None and (cell or stage is not None or self.title_from_person):
            opp = self.log_opportunity(values, person, org, stage, day or self.today)
        if day is not None:
            if not self.has_follow_up and stage not in ANSWER_STAGES:  # a row that says they answered: none
                follow_up = self.default_follow_up(channel, direction, day)
            subject, notes = get("subject"), get("notes")
            subject = subject.strip() or None if subject else None
            notes = notes.strip() or None if notes else None
            if (self.stored and person.id is not None and (opp is None or opp.id is not None) and
                    (day, channel, direction, person.id, opp.id if opp else None, subject, notes) in self.stored):
                self.report.unchanged["interactions"] += 1
            else:
                paper = get("paper")
                self.plan.interactions.append((day, channel, direction, person, opp, subject,
                                               paper.strip() or None if paper else None, notes, follow_up))
        if opp is None:
            return
        if stage is not None:
            if stage != opp.stage:
                self.record_stage(opp, stage, on=day or self.today)
        elif day is not None and direction == "sent" and opp.stage in AUTO_CONTACTED_FROM:
            self.record_stage(opp, "contacted", on=day)
        elif day is not None and direction == "received" and opp.stage in AUTO_REPLIED_FROM:
            self.record_stage(opp, "replied", on=day)

    def fill_in(self: Planner, person: PersonRec, values: dict[str, str]) -> None:
        """Fill in the person's empty fields from a log row's cells."""
        if self.log_details and self.fill(person, {k: values[k] for k in self.log_details}, only_empty=True):
            self.report.updated["people"] += 1

    def log_opportunity(self: Planner, values: dict[str, str], person: PersonRec, org: OrgRec | None,
                        stage: str | None, on: date) -> OppRec | None:
        """The row's opportunity, found by title or created; None when the row names none and has no stage."""
        cell = values.get("opportunity", "")
        if cell and (known := self.opportunity_cells.get(cell)) is not None:
            return known  # a title found once is found again (opportunities are only ever added)
        title = written = " ".join(cell.split())
        if not title and (stage is not None or self.title_from_person):
            where = org or person.org
            title = f"{person.name}, {where.name}" if where else person.name
        if not title:
            return None
        opp = self.find_opportunity(title)
        if opp is None:
            opp = self.new_opportunity(title, kind="outreach", org=org, on=on, lab=values.get("lab"))
            opp.contact = person
        if written:
            self.opportunity_cells[cell] = opp
        return opp

    def default_follow_up(self: Planner, channel: str, direction: str, day: date) -> date | None:
        """When `tracker log` would ask for a follow-up: sent e-mails and LinkedIn messages only."""
        if direction != "sent" or channel not in FOLLOW_UP_CHANNELS:
            return None
        if self.profile is None:
            self.profile = (PROFILE_DEFAULTS["follow_up_email_days"], PROFILE_DEFAULTS["follow_up_linkedin_days"])
            self.plan.create_profile = True
        days = self.profile[0] if channel == "email" else self.profile[1]
        return day + timedelta(days=days)
