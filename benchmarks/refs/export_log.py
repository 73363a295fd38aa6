"""Reference for `tracker export csv --what log`: csv.writer over a sqlite3 cursor, same columns and rows.

Usage: python export_log.py DB OUT.csv
"""
import csv
import sqlite3
import sys

QUERY = """
SELECT i."on", i.channel, i.direction, p.name, p.role, g.name, p.lab, o.title, o.stage,
       i.subject, i.notes, i.follow_up_on
FROM interaction i
JOIN person p ON p.id = i.person_id
LEFT JOIN organization g ON g.id = p.organization_id
LEFT JOIN opportunity o ON o.id = i.opportunity_id
ORDER BY i."on", i.id
"""
HEADER = ("date", "channel", "direction", "person", "role", "organization", "lab", "opportunity", "stage",
          "subject", "notes", "follow_up_due")

if __name__ == "__main__":
    db, out = sys.argv[1], sys.argv[2]
    conn = sqlite3.connect(db)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(conn.execute(QUERY))
