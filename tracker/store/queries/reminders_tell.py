"""Whom to tell after a decision (`tracker.domain.reminders.TellFacts`): one query, plain SQL that
SQLite and PostgreSQL both run, for the lean `sqlite3` path and the portable SQLAlchemy path alike.

- "decline": the main contact of each opportunity whose offer was declined (on the day of its last
  move to declined), when nothing was sent to them since;
- "thank" and "writer": after an offer was accepted (the day of the last move to accepted), each
  writer of a letter asked for and not yet thanked, when nothing was sent to them since; once,
  about the latest acceptance (a cohort's database holds many: one reminder per writer and
  acceptance would be thousands). "thank" when they wrote a letter (submitted or thanked), so
  thanks are due with the news; "writer" when they were only asked (the news alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tracker.domain import reminders as rules

TELLS = """
SELECT 'decline', p.id, p.name, d.id, d.title, d.day
FROM (SELECT o.id, o.title, o.contact_id,
             (SELECT MAX(s.changed_on) FROM stagechange s
              WHERE s.opportunity_id = o.id AND s.to_stage = 'declined') AS day
      FROM opportunity o
      WHERE o.stage = 'declined'
        AND EXISTS (SELECT 1 FROM offer f WHERE f.opportunity_id = o.id AND f.decision = 'declined')) d
JOIN person p ON p.id = d.contact_id
WHERE d.day IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM interaction i
                  WHERE i.person_id = p.id AND i.direction = 'sent' AND i."on" >= d.day)
UNION ALL
SELECT CASE WHEN EXISTS (SELECT 1 FROM letterrequest w
                         WHERE w.writer_id = p.id AND w.status IN ('submitted', 'thanked'))
            THEN 'thank' ELSE 'writer' END,
       p.id, p.name, a.id, a.title, a.day
FROM (SELECT o.id, o.title, MAX(s.changed_on) AS day
      FROM opportunity o JOIN stagechange s ON s.opportunity_id = o.id AND s.to_stage = 'accepted'
      WHERE o.stage = 'accepted' GROUP BY o.id, o.title
      ORDER BY day DESC, o.id DESC LIMIT 1) a
JOIN person p ON p.id IN (SELECT r.writer_id FROM letterrequest r
                          WHERE r.status IN ('alerted', 'agreed', 'requested', 'submitted'))
WHERE NOT EXISTS (SELECT 1 FROM interaction i
                  WHERE i.person_id = p.id AND i.direction = 'sent' AND i."on" >= a.day)
"""
"""(kind, person id, person, opportunity id, opportunity, since) of everyone to tell."""


def tell_facts(rows: Iterable[Sequence[Any]]) -> list[rules.TellFacts]:
    """The rows of TELLS as facts (days come back as text from SQLite, as dates elsewhere)."""
    return [
        rules.TellFacts(kind=r[0], person_id=r[1], person=r[2], opportunity_id=r[3], opportunity=r[4],
                        since=r[5] if isinstance(r[5], date) else date.fromisoformat(r[5]))
        for r in rows
    ]
