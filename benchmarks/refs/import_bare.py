"""Reference for the import rows: the csv module and sqlite3.executemany into a bare table.

Reads a CSV file (tracker's interaction log, or a CSRankings faculty list) into a new
SQLite database: one table with the file's columns (no types, keys, indexes or checks),
every row inserted in one transaction. The floor any importer starts from.
Usage: python import_bare.py DB FILE.csv
"""
import csv
import sqlite3
import sys

if __name__ == "__main__":
    db, source = sys.argv[1], sys.argv[2]
    conn = sqlite3.connect(db)
    with open(source, newline="", encoding="utf-8") as handle, conn:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ", ".join('"' + name.replace('"', '""') + '"' for name in header)
        conn.execute(f"CREATE TABLE rows ({columns})")
        conn.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * len(header))})", reader)
    conn.close()
