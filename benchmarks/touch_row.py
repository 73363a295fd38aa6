"""Change one row of a tracker database as another program would (the `sqlite3` module): the change a
user makes between two runs of `tracker remind`, before each of the benchmark's runs after a write.

Usage: python touch_row.py DB
"""
import sqlite3
import sys

if __name__ == "__main__":
    conn = sqlite3.connect(sys.argv[1])
    with conn:
        conn.execute("UPDATE person SET notes = notes WHERE id = (SELECT min(id) FROM person)")
    conn.close()
