"""`one_step.all_rows`: a query's rows read in one step of SQLite (one JSON array) are the rows
`fetchall` gives, in the same order, with the same values: names in Korean and Turkish, NULLs,
integers and reals, columns of the same name. The TUI's SQLite reads (the agenda's reminders, the
Board, the screens' rendered first reads) go through it so that a thread busy in Python beside
them does not make them wait for the interpreter lock at every row (tests/test_lean_paths.py,
test_board_variants.py and test_rendered_queries.py prove those reads equal to the portable ones).
"""

from __future__ import annotations

import sqlite3

from tracker.store.queries.one_step import all_rows


def _conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript("""
        CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, gpa REAL, org INTEGER);
        CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO org VALUES (1, '연세대학교'), (2, 'Boğaziçi Üniversitesi');
        INSERT INTO person VALUES (1, '김민지', 3.85, 1), (2, 'İlkay Şahin', NULL, 2), (3, 'ılgaz "Öz" \\ türk', 4.0, NULL),
                                  (4, 'Zoë', 9.5, 1), (5, NULL, -1.25, 2);
    """)
    return conn


def test_the_rows_are_fetchalls() -> None:
    conn = _conn()
    queries = [
        ("SELECT p.id, p.name, o.name, p.gpa FROM person p LEFT JOIN org o ON o.id = p.org ORDER BY p.name DESC", ()),
        ("SELECT p.name, o.name FROM person p JOIN org o ON o.id = p.org WHERE o.id = :org ORDER BY p.id",
         {"org": 1}),
        ("SELECT count(*), max(gpa), group_concat(name, '|') FROM person", ()),
        ('SELECT id AS "on", name FROM person WHERE id > ? ORDER BY id LIMIT ? OFFSET ?', (1, 2, 1)),
        ("SELECT id FROM person WHERE id > 99", ()),
    ]
    for sql, params in queries:
        assert all_rows(conn, sql, params) == conn.execute(sql, params).fetchall(), sql


def test_an_empty_result_is_an_empty_list() -> None:
    assert all_rows(_conn(), "SELECT id, name FROM person WHERE name = 'nobody'") == []
