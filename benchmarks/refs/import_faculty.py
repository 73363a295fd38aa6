"""Reference for `tracker import faculty`: the csv module and sqlite3.executemany.

Reads a CSRankings file (name,affiliation,homepage,scholarid) into an empty tracker database:
one organization per affiliation, one professor per row, in one transaction.
Usage: python import_faculty.py DB faculty.csv
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
    people = []
    with open(source, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            org = row["affiliation"]
            if org not in orgs:
                orgs[org] = len(orgs) + 1
            scholar = row["scholarid"]
            external = f"scholar:{scholar}" if scholar and scholar != "NOSCHOLARPAGE" else None
            people.append((row["name"], "professor", orgs[org], row["homepage"] or None, external, today))
    with conn:
        conn.executemany("INSERT INTO organization (id, name) VALUES (?, ?)", [(i, n) for n, i in orgs.items()])
        conn.executemany("INSERT INTO person (name, role, organization_id, homepage, external_id, added_on) "
                         "VALUES (?, ?, ?, ?, ?, ?)", people)
