"""Reference for `tracker import csv --what log`: the csv module and sqlite3.executemany.

Reads a log exported by tracker into an empty tracker database: organizations, people and
opportunities found by name (added when new), one interaction per row, in one transaction.
Usage: python import_log.py DB LOG.csv
"""
import csv
import sqlite3
import sys
from datetime import date

if __name__ == "__main__":
    db, source = sys.argv[1], sys.argv[2]
    today = date.today().isoformat()
    conn = sqlite3.connect(db)
    orgs: dict[str, int] = {}
    people: dict[tuple[str, str], int] = {}
    opportunities: dict[str, int] = {}
    org_rows, person_rows, opportunity_rows, interactions = [], [], [], []
    with open(source, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            org = row["organization"]
            if org and org not in orgs:
                orgs[org] = len(orgs) + 1
                org_rows.append((orgs[org], org))
            key = (row["person"], org)
            if key not in people:
                people[key] = len(people) + 1
                person_rows.append((people[key], row["person"], row["role"] or "professor", orgs.get(org),
                                    row["lab"] or None, today))
            person = people[key]
            title = row["opportunity"]
            if title and title not in opportunities:
                opportunities[title] = len(opportunities) + 1
                opportunity_rows.append((opportunities[title], title, "outreach", orgs.get(org), person,
                                         row["stage"] or "contacted", 0, today))
            interactions.append((row["date"], row["channel"], row["direction"], person, opportunities.get(title),
                                 row["subject"] or None, row["notes"] or None, row["follow_up_due"] or None))
    with conn:
        conn.executemany("INSERT INTO organization (id, name) VALUES (?, ?)", org_rows)
        conn.executemany("INSERT INTO person (id, name, role, organization_id, lab, added_on) VALUES (?, ?, ?, ?, ?, ?)",
                         person_rows)
        conn.executemany("INSERT INTO opportunity (id, title, kind, organization_id, contact_id, stage, "
                         "letters_required, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", opportunity_rows)
        conn.executemany('INSERT INTO interaction ("on", channel, direction, person_id, opportunity_id, subject, '
                         "notes, follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", interactions)
