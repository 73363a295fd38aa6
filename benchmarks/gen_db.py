"""The made-up database of the benchmarks: people, opportunities in every stage, their messages.

`build(path, scale=1.0)` writes, through the real schema (`open_store` runs the migrations)
and SQLAlchemy Core bulk inserts, a seeded, reproducible data set relative to a pinned
today: at full size 30,000 people, 10,000 opportunities and 100,000 interactions, with the
stage history, interviews, offers, letter requests, keep-in-touch intervals, manual
reminders and snoozes that go with them. Two shapes of the same size:

- "open-threads" (generate.py's and run.py's default): most threads are left as they are, unanswered and not closed
  (an advisor's cohort, or a student who never tidies up), so `tracker remind` lists about
  12,000 reminders; about a quarter of the names are written in Korean, Chinese, Japanese,
  Turkish or Hindi script, and some notes and reminders carry emoji;
- "tidy": threads that went cold are mostly marked "no-response", as the app suggests, so the
  agenda stays a few hundred lines long (the data set of the figures before issue 11).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pools

STAGES = ("shortlisted", "contacted", "replied", "applied", "interviewing", "offered",
          "accepted", "declined", "rejected", "no-response", "withdrawn")
AFTER_REPLY = ("replied", "applied", "interviewing", "offered", "accepted", "declined", "withdrawn")
YOUNG = {"shortlisted": 30, "contacted": 22, "replied": 12, "applied": 15, "interviewing": 7,
         "offered": 3, "rejected": 2, "no-response": 1}
MIDDLE = {"shortlisted": 4, "contacted": 1, "replied": 6, "applied": 15, "interviewing": 8, "offered": 4,
          "accepted": 3, "declined": 6, "rejected": 20, "no-response": 22, "withdrawn": 6}
OLD = {"accepted": 4, "declined": 10, "rejected": 30, "no-response": 45, "withdrawn": 11}
ROLES = {"professor": 70, "phd-student": 12, "postdoc": 8, "researcher": 7, "recruiter": 3}
# open-threads: cold threads stay "contacted", rejections are seldom recorded
OPEN_YOUNG = {"shortlisted": 20, "contacted": 50, "replied": 12, "applied": 12, "interviewing": 4, "offered": 2}
OPEN_MIDDLE = {"shortlisted": 4, "contacted": 60, "replied": 8, "applied": 14, "interviewing": 3, "offered": 2,
               "accepted": 2, "declined": 2, "rejected": 5}
OPEN_OLD = {"contacted": 64, "replied": 6, "applied": 10, "accepted": 4, "declined": 6, "rejected": 10}
SHAPES = ("open-threads", "tidy")
OPEN_NETWORK_REPLY = 0.65
"""open-threads: the share of networking messages that get an answer (tidy: nearly all)."""
OPEN_MANUAL = ("Update CV with the workshop paper 📄", "Ask about the January cycle", "Send transcript 📎",
               "Prepare slides on the last paper 🧑‍💻", "서류 다시 확인", "准备面试")
FORMATS = ("present your previous work", "present one of the professor's papers and suggest improvements",
           "basic ML questions", "coding round", "chat with the team")


@dataclass
class Data:
    """Rows per table, as dicts for SQLAlchemy Core."""

    organization: list[dict] = field(default_factory=list)
    person: list[dict] = field(default_factory=list)
    opportunity: list[dict] = field(default_factory=list)
    stagechange: list[dict] = field(default_factory=list)
    interaction: list[dict] = field(default_factory=list)
    interview: list[dict] = field(default_factory=list)
    offer: list[dict] = field(default_factory=list)
    letterrequest: list[dict] = field(default_factory=list)
    reminder: list[dict] = field(default_factory=list)
    reminderstate: list[dict] = field(default_factory=list)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Builder:
    """Makes the rows; ids are list positions + 1."""

    def __init__(self, scale: float, today: date, seed: int, shape: str = "tidy") -> None:
        if shape not in SHAPES:
            raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")
        self.rng = random.Random(seed)
        self.open = shape == "open-threads"
        self.today = today
        self.n_people = max(60, round(30_000 * scale))
        self.n_opportunities = max(20, round(10_000 * scale))
        self.n_interactions = max(100, round(100_000 * scale))
        self.scale = scale
        self.data = Data()
        self.universities: list[int] = []
        self.companies: list[int] = []
        self.by_role: dict[str, list[int]] = {}

    # --- organizations and people ---------------------------------------------------------------

    def organizations(self) -> None:
        rows = self.data.organization
        for name, country, city in pools.INSTITUTIONS:
            rows.append({"name": name, "country": country, "city": city})
        for place in pools.PLACES:
            for form in pools.PLACE_FORMS:
                rows.append({"name": form.format(place), "country": "USA", "city": place})
        self.universities = list(range(1, len(rows) + 1))
        for name, country, city in pools.COMPANIES:
            rows.append({"name": name, "country": country, "city": city})
        self.companies = list(range(len(self.universities) + 1, len(rows) + 1))
        for index, row in enumerate(rows, start=1):
            row["id"] = index
            row["website"] = "https://www." + "".join(c for c in row["name"].lower() if c.isalnum())[:20] + ".org"

    def people(self) -> None:
        rng, rows, seen = self.rng, self.data.person, set()
        writers = max(6, round(60 * self.scale))
        home = self.universities[9]  # IIT Madras: the students' home institution
        for index in range(1, self.n_people + 1):
            role = "writer" if index <= writers else _pick(rng, ROLES)
            while True:
                native = pools.native_name(rng) if self.open else None
                first, last = rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES)
                name = f"{first} {chr(65 + rng.randrange(26))}. {last}" if rng.random() < 0.7 else f"{first} {last}"
                name = native or name
                org = home if role == "writer" else rng.choice(self.companies if role == "recruiter" else self.universities)
                if (name, org) not in seen:
                    break
            seen.add((name, org))
            title = f"Prof. {name}" if role in ("professor", "writer") else name
            topics = rng.sample(pools.TOPICS, rng.randint(1, 3))
            slug = "p" if native else f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            rows.append({
                "id": index, "name": title, "role": role, "organization_id": org,
                "lab": f"{topics[0]} Lab" if role == "professor" else None,
                "email": f"{slug}{index}@example.edu",
                "linkedin": f"https://www.linkedin.com/in/{slug}-{index}" if rng.random() < 0.4 else None,
                "homepage": f"https://example.edu/~{slug}{index}" if role == "professor" else None,
                "research_areas": ", ".join(topics),
                "how_met": rng.choice((None, None, None, "LinkedIn", "conference", "advisor's suggestion")),
                "added_on": self.today - timedelta(days=rng.randint(0, 900)),
            })
            self.by_role.setdefault(role, []).append(index)

    # --- opportunities and their threads ----------------------------------------------------------

    def opportunities(self) -> None:
        rng, today = self.rng, self.today
        titles: set[str] = set()
        for index in range(1, self.n_opportunities + 1):
            kind = rng.choices(("outreach", "program", "posting"), weights=(75, 10, 15))[0]
            age = rng.randint(0, 730)
            created = today - timedelta(days=age)
            weights = (OPEN_YOUNG, OPEN_MIDDLE, OPEN_OLD) if self.open else (YOUNG, MIDDLE, OLD)
            stage = _pick(rng, weights[0] if age <= 45 else weights[1] if age <= 120 else weights[2])
            cycle = f"Summer {created.year + (1 if created.month >= 7 else 0)}"
            contact: int | None
            if kind == "outreach":
                contact = rng.choice(self.by_role["professor"])
                person = self.data.person[contact - 1]
                org, lab = person["organization_id"], person["lab"]
                short = self.data.organization[org - 1]["name"]
                title = f"{lab}, {short}"
            elif kind == "posting":
                contact = rng.choice(self.by_role["recruiter"])
                org, lab = self.data.person[contact - 1]["organization_id"], None
                title = f"Research Intern – {rng.choice(pools.TOPICS)} ({self.data.organization[org - 1]['name']})"
            else:
                contact = rng.choice(self.by_role["professor"]) if rng.random() < 0.3 else None
                org, lab = rng.choice(self.universities), None
                title = f"{rng.choice(pools.PROGRAMS)} {cycle.split()[1]}"
            if title in titles:
                title = f"{title} ({cycle})"
            if title in titles:
                title = f"{title} #{index}"
            titles.add(title)
            deadline = created + timedelta(days=rng.randint(15, 100)) if kind != "outreach" or rng.random() < 0.1 else None
            letters = (rng.choice((2, 2, 3)) if kind == "posting" else rng.choice((0, 1, 2)) if kind == "program" else 0)
            self.data.opportunity.append({
                "id": index, "title": title, "kind": kind, "organization_id": org, "lab": lab,
                "contact_id": contact, "cycle": cycle, "stage": stage, "deadline": deadline,
                "letters_required": letters,
                "min_gpa": rng.choice(("8/10", "8.5/10", "3.5/4", "7.5/10", None)) if kind == "program" else None,
                "url": f"https://jobs.example.com/{index}" if kind == "posting" else None,
                "created_on": created,
            })
            last = self.thread(index, contact, stage, created) if contact else created
            self.history(index, stage, created, last)
            self.after(index, stage, contact, last, letters)

    def _message(self, on: date, channel: str, direction: str, person: int, opp: int | None, subject: str) -> None:
        follow = None
        if direction == "sent" and channel in ("email", "linkedin"):
            follow = on + timedelta(days=7 if channel == "email" else 5)
        self.data.interaction.append({
            "on": on, "channel": channel, "direction": direction, "person_id": person,
            "opportunity_id": opp, "subject": subject, "follow_up_on": follow,
            "paper": " ".join(self.rng.sample(pools.PAPER_WORDS, 3)) if subject.startswith("Summer") else None,
            "notes": self.rng.choice(pools.NOTES) if self.open and self.rng.random() < 0.06 else None,
        })

    def thread(self, opp: int, person: int, stage: str, start: date) -> date:
        """The messages about one opportunity; returns the date of the last one."""
        rng, today = self.rng, self.today
        channel = "linkedin" if rng.random() < 0.22 else "email"
        on = min(today, start + timedelta(days=rng.randint(0, 5)))
        if stage == "shortlisted":
            return start
        subject = f"Summer internship: {rng.choice(pools.TOPICS).lower()}"
        self._message(on, channel, "sent", person, opp, subject)
        follow_ups = 2 if stage == "no-response" else rng.choice((0, 0, 1)) if stage in AFTER_REPLY else 2
        for _ in range(follow_ups):
            nxt = on + timedelta(days=rng.randint(7, 12))
            if nxt > today:
                return on
            on = nxt
            self._message(on, channel, "sent", person, opp, f"Following up: {subject}")
        if stage in ("contacted", "no-response") or (stage == "rejected" and rng.random() < 0.5):
            return on
        on += timedelta(days=rng.randint(2, 14))
        if on > today:
            return today
        self._message(on, channel, "received", person, opp, f"Re: {subject}")
        exchanges = {"replied": 1, "applied": 2, "interviewing": 3, "offered": 4}.get(stage, rng.randint(1, 4))
        for step in range(exchanges):
            sent_on = on + timedelta(days=rng.randint(1, 6))
            if sent_on > today:
                break
            on = sent_on
            self._message(on, "portal" if step == 0 and stage != "replied" else channel, "sent", person, opp, f"Re: {subject}")
            reply_on = on + timedelta(days=rng.randint(1, 9))
            if reply_on > today or (stage in ("replied", "applied") and (today - on).days < 14 and rng.random() < 0.5):
                break  # still waiting for an answer
            on = reply_on
            self._message(on, channel, "received", person, opp, f"Re: {subject}")
        return on

    def history(self, opp: int, stage: str, created: date, last: date) -> None:
        index = STAGES.index(stage)
        path = list(STAGES[: min(index, 6) + 1]) if index < 6 else ["shortlisted", "contacted", stage]
        if stage in ("accepted", "declined"):
            path = list(STAGES[:6]) + [stage]
        span = max(0, (last - created).days)
        previous = None
        for step, to_stage in enumerate(path):
            day = created + timedelta(days=span * step // max(1, len(path) - 1))
            self.data.stagechange.append({
                "opportunity_id": opp, "from_stage": previous, "to_stage": to_stage, "changed_on": day,
                "recorded_at": datetime.combine(day, time(12), tzinfo=timezone.utc),
            })
            previous = to_stage

    def after(self, opp: int, stage: str, contact: int | None, last: date, letters: int) -> None:
        """Interviews, offers and letter requests that go with the stage."""
        rng, today = self.rng, self.today
        if stage in ("interviewing", "offered", "accepted", "declined"):
            for _ in range(rng.randint(1, 2)):
                day = today + timedelta(days=rng.randint(-2, 9)) if stage == "interviewing" else last - timedelta(days=rng.randint(5, 30))
                zone = ZoneInfo(rng.choice(pools.TIME_ZONES))
                at = datetime.combine(day, time(rng.randint(9, 18), rng.choice((0, 30))), tzinfo=zone)
                self.data.interview.append({
                    "opportunity_id": opp, "at": at.astimezone(timezone.utc), "tz": zone.key,
                    "format": rng.choice(FORMATS), "with_person_id": contact,
                })
        if stage in ("offered", "accepted", "declined"):
            pending = stage == "offered"
            self.data.offer.append({
                "opportunity_id": opp, "received_on": min(today, last),
                "respond_by": today + timedelta(days=rng.randint(-2, 20)) if pending else last + timedelta(days=10),
                "stipend": float(rng.choice((1500, 2000, 2500, 1_500_000, 60_000))),
                "currency": rng.choice(("USD", "EUR", "SGD", "KRW", "INR")),
                "decision": "pending" if pending else stage,
            })
        if letters:
            writers = rng.sample(self.by_role["writer"], min(len(self.by_role["writer"]), letters + rng.randint(-1, 0)))
            done = stage not in ("shortlisted", "contacted", "replied")
            for writer in writers:
                self.data.letterrequest.append({
                    "opportunity_id": opp, "writer_id": writer,
                    "status": rng.choice(("submitted", "thanked")) if done else rng.choice(("not-asked", "alerted", "agreed")),
                })

    def networking(self) -> None:
        """Conversations with PhD students, postdocs and researchers, about no opportunity."""
        rng, today = self.rng, self.today
        people = self.by_role["phd-student"] + self.by_role["postdoc"] + self.by_role["researcher"]
        while len(self.data.interaction) < self.n_interactions:
            person = rng.choice(people)
            on = today - timedelta(days=rng.randint(0, 720))
            for step in range(rng.randint(1, 4)):
                if len(self.data.interaction) >= self.n_interactions or on > today:
                    break
                channel = rng.choice(("linkedin", "linkedin", "call", "meeting"))
                self._message(on, channel, "sent", person, None, "Hello from a fellow researcher")
                reply = on + timedelta(days=rng.randint(1, 5))
                if reply <= today and self._answered(on):
                    self._message(reply, "linkedin", "received", person, None, "Re: Hello")
                on = reply + timedelta(days=rng.randint(10, 60))
        del self.data.interaction[self.n_interactions:]

    def _answered(self, on: date) -> bool:
        if self.open:
            return self.rng.random() < OPEN_NETWORK_REPLY
        return self.rng.random() < 0.96 or (self.today - on).days > 20

    def extras(self) -> None:
        rng, today = self.rng, self.today
        talked = sorted({row["person_id"] for row in self.data.interaction})
        last: dict[int, date] = {}
        for row in self.data.interaction:
            last[row["person_id"]] = max(row["on"], last.get(row["person_id"], row["on"]))
        recent = [p for p in talked if (today - last[p]).days <= 120]  # people one keeps up with
        for person in rng.sample(recent, min(len(recent), max(5, round(len(talked) * 0.02)))):
            self.data.person[person - 1]["keep_in_touch_days"] = rng.choice((90, 120, 180, 365))
        for index in range(max(10, round(100 * self.scale))):
            self.data.reminder.append({
                "text": rng.choice(OPEN_MANUAL if self.open else ("Update CV with the workshop paper",
                                   "Ask about the January cycle", "Send transcript",
                                   "Prepare slides on the last paper")) + f" ({index + 1})",
                "due": today + timedelta(days=rng.randint(-5, 60)),
                "person_id": rng.choice(talked) if rng.random() < 0.5 else None,
                "created_at": datetime.combine(today, time(9), tzinfo=timezone.utc),
            })
        sent = [i for i, row in enumerate(self.data.interaction, start=1) if row["direction"] == "sent"]
        for index, message in enumerate(rng.sample(sent, min(len(sent), max(10, round(100 * self.scale))))):
            state: dict = {"key": f"follow-up:msg:{message}", "snoozed_until": None, "dismissed_at": None}
            if index % 2:
                state["snoozed_until"] = today + timedelta(days=rng.randint(1, 10))
            else:
                state["dismissed_at"] = datetime.combine(today, time(8), tzinfo=timezone.utc)
            self.data.reminderstate.append(state)


def _search_keys(data: Any) -> None:
    """The folded search keys of each person, opportunity and organization, as tracker writes them with
    every row (its ORM's events, its imports, migration 0005 for rows already there): a row without them
    is one another program wrote, which the search reads through a slower fallback (the lower-case name,
    worked out at every search, and without accents folded)."""
    from tracker.domain.folding import opportunity_key, organization_key, person_keys

    for row in data.organization:
        row["search_text"] = organization_key(row["name"])
    for row in data.person:
        row["search_name"], row["search_text"] = person_keys(
            row["name"], row.get("aliases"), row.get("lab"), row.get("research_areas"), row.get("email"))
    for row in data.opportunity:
        row["search_text"] = opportunity_key(row["title"], row.get("lab"), row.get("cycle"), row.get("notes"))


def build(path: Path, *, scale: float = 1.0, today: date, seed: int = 2026, shape: str = "tidy") -> dict[str, int]:
    """Write the data set (`shape`: one of SHAPES) to a new database at `path`; returns each table's row count.

    The default shape stays "tidy" for callers that build a small set of their own (tests);
    generate.py and run.py default to "open-threads".
    """
    from sqlalchemy import insert

    from tracker.store import models
    from tracker.store import open_store

    builder = Builder(scale, today, seed, shape)
    builder.organizations()
    builder.people()
    builder.opportunities()
    builder.networking()
    builder.extras()
    tables = {
        "organization": models.Organization, "person": models.Person, "opportunity": models.Opportunity,
        "stagechange": models.StageChange, "interaction": models.Interaction, "interview": models.Interview,
        "offer": models.Offer, "letterrequest": models.LetterRequest, "reminder": models.Reminder,
        "reminderstate": models.ReminderState,
    }
    _search_keys(builder.data)
    path.unlink(missing_ok=True)
    store = open_store(path)
    counts = {}
    try:
        with store.engine.begin() as conn:
            for name, model in tables.items():
                rows = getattr(builder.data, name)
                if name == "person":
                    for row in rows:
                        row.setdefault("keep_in_touch_days", None)
                if rows:
                    conn.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
                counts[name] = len(rows)
            conn.execute(insert(models.Profile.__table__), [{  # type: ignore[attr-defined]
                "id": 1, "name": "Aarav Sharma", "gpa": "7.1/10", "home_institution": "IIT Madras",
                "timezone": "Asia/Kolkata", "follow_up_email_days": 7, "follow_up_linkedin_days": 5,
            }])
    finally:
        store.close()
    return counts
