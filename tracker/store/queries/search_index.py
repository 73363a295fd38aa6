"""The SQLite full-text index behind `tracker.store.queries.search`: FTS5 tables, triggers, backfill.

Two FTS5 tables with the trigram tokenizer (substring search) hold a copy of the searchable
text, already folded (`tracker.domain.folding`: no case, no accents), one row per record, with
the record's id as rowid. Each column is one of the keys `tracker.store.queries.search` also compares
with LIKE (`KEYS`), so the index and the plain search read the same text:

- `fts_person`: name (the person's name and aliases), details (lab, research areas, e-mail),
  organization (the organization's name)
- `fts_opportunity`: text (title, lab, cycle, notes), organization, contact (the contact's
  name and aliases)

A key the program did not write (a row added by another tool) falls back to the lower-case
name or title, in both places. Triggers keep the tables in step with every insert, update and
delete of `person`, `opportunity` and `organization`, so no Python code has to remember to.
Migration 0005 created them (0002's first index is `tracker.store.migrations.fts_0002`). PostgreSQL
gets none of this: the LIKE search on the same keys is the whole search there.

A later migration that rebuilds `person`, `opportunity` or `organization` (Alembic's batch
mode copies the table, drops the old one and renames the copy, which drops its triggers and
trips over triggers that name it) must call `drop_triggers` before and `create_triggers`
after the batch operation, then `rebuild`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line's import (over sqlite3 alone) reads this module's SQL
    from sqlalchemy import Connection

TABLES: dict[str, tuple[str, ...]] = {
    "fts_person": ("name", "details", "organization"),
    "fts_opportunity": ("text", "organization", "contact"),
}
"""Each FTS5 table and its columns."""

KEYS: dict[str, str] = {
    "person_name": "coalesce({p}.search_name, lower({p}.name))",
    "person_details": "{p}.search_text",
    "organization": "coalesce({o}.search_text, lower({o}.name))",
    "opportunity": "coalesce({x}.search_text, lower({x}.title))",
}
"""The SQL of each key, for table aliases p (person), o (organization) and x (opportunity)."""

PREFIX = "fts_"
"""Every table and trigger of the index (FTS5's shadow tables too) starts with this."""


def _key(name: str, **aliases: str) -> str:
    return KEYS[name].format(p=aliases.get("p", "p"), o=aliases.get("o", "o"), x=aliases.get("x", "x"))


def _org_of(column: str) -> str:
    return f"(SELECT {_key('organization', o='o')} FROM organization AS o WHERE o.id = {column})"


_PERSON_INSERT = "INSERT INTO fts_person(rowid, name, details, organization)"
_OPPORTUNITY_INSERT = "INSERT INTO fts_opportunity(rowid, text, organization, contact)"
_PERSON_ROW = f"""
    SELECT p.id, {_key('person_name')}, {_key('person_details')}, {_key('organization')}
    FROM person AS p LEFT JOIN organization AS o ON o.id = p.organization_id"""
_OPPORTUNITY_ROW = f"""
    SELECT x.id, {_key('opportunity')}, {_key('organization')}, {_key('person_name', p='c')}
    FROM opportunity AS x
    LEFT JOIN organization AS o ON o.id = x.organization_id
    LEFT JOIN person AS c ON c.id = x.contact_id"""
_PERSON_NEW = f"""{_PERSON_INSERT} VALUES (new.id, {_key('person_name', p='new')}, {_key('person_details', p='new')},
        {_org_of('new.organization_id')});"""
_OPPORTUNITY_NEW = f"""{_OPPORTUNITY_INSERT} VALUES (new.id, {_key('opportunity', x='new')},
        {_org_of('new.organization_id')},
        (SELECT {_key('person_name', p='c')} FROM person AS c WHERE c.id = new.contact_id));"""

TRIGGERS: dict[str, str] = {
    "fts_person_insert": f"AFTER INSERT ON person BEGIN {_PERSON_NEW} END",
    "fts_person_update": f"""AFTER UPDATE OF id, name, search_name, search_text, organization_id ON person BEGIN
        DELETE FROM fts_person WHERE rowid = old.id; {_PERSON_NEW} END""",
    "fts_person_delete": """AFTER DELETE ON person BEGIN
        DELETE FROM fts_person WHERE rowid = old.id;
        UPDATE fts_opportunity SET contact = NULL
            WHERE rowid IN (SELECT id FROM opportunity WHERE contact_id = old.id); END""",
    "fts_person_rename": f"""AFTER UPDATE OF name, search_name ON person
        WHEN old.name IS NOT new.name OR old.search_name IS NOT new.search_name BEGIN
        UPDATE fts_opportunity SET contact = {_key('person_name', p='new')}
            WHERE rowid IN (SELECT id FROM opportunity WHERE contact_id = new.id); END""",
    "fts_opportunity_insert": f"AFTER INSERT ON opportunity BEGIN {_OPPORTUNITY_NEW} END",
    "fts_opportunity_update": f"""AFTER UPDATE OF id, title, search_text, organization_id, contact_id
        ON opportunity BEGIN DELETE FROM fts_opportunity WHERE rowid = old.id; {_OPPORTUNITY_NEW} END""",
    "fts_opportunity_delete": "AFTER DELETE ON opportunity BEGIN DELETE FROM fts_opportunity WHERE rowid = old.id; END",
    "fts_organization_rename": f"""AFTER UPDATE OF name, search_text ON organization
        WHEN old.name IS NOT new.name OR old.search_text IS NOT new.search_text BEGIN
        UPDATE fts_person SET organization = {_key('organization', o='new')}
            WHERE rowid IN (SELECT id FROM person WHERE organization_id = new.id);
        UPDATE fts_opportunity SET organization = {_key('organization', o='new')}
            WHERE rowid IN (SELECT id FROM opportunity WHERE organization_id = new.id); END""",
    "fts_organization_delete": """AFTER DELETE ON organization BEGIN
        UPDATE fts_person SET organization = NULL
            WHERE rowid IN (SELECT id FROM person WHERE organization_id = old.id);
        UPDATE fts_opportunity SET organization = NULL
            WHERE rowid IN (SELECT id FROM opportunity WHERE organization_id = old.id); END""",
}
"""The triggers that keep the index in step, by name (their SQL after `CREATE TRIGGER name`)."""

INSERT_TRIGGERS: dict[str, str] = {"person": "fts_person_insert", "opportunity": "fts_opportunity_insert"}
"""The trigger that indexes each new row of a table."""


def index_rows_after(table: str) -> str:
    """SQL that indexes the rows of `table` ("person" or "opportunity") whose id is above its one parameter.

    What the table's insert trigger does for each row, in one statement: a large import drops the
    trigger, inserts its rows, runs this and creates the trigger again (`tracker.store.writes.bulk_sqlite`).
    """
    if table == "person":
        return f"{_PERSON_INSERT}{_PERSON_ROW} WHERE p.id > ?"
    return f"{_OPPORTUNITY_INSERT}{_OPPORTUNITY_ROW} WHERE x.id > ?"


def fts5_available(conn: Connection) -> bool:
    """True when this SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 or later)."""
    if conn.dialect.name != "sqlite":
        return False
    try:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # sqlite3.OperationalError: no such module / no such tokenizer
        return False
    conn.exec_driver_sql("DROP TABLE temp.fts_probe")
    return True


def create_triggers(conn: Connection) -> None:
    """Create the triggers that keep the index in step with the tables."""
    for name, body in TRIGGERS.items():
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def drop_triggers(conn: Connection) -> None:
    """Drop the triggers (before Alembic's batch mode rebuilds one of the tables they name)."""
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(conn: Connection) -> None:
    """Empty the index and fill it again from the tables."""
    conn.exec_driver_sql("DELETE FROM fts_person")
    conn.exec_driver_sql("DELETE FROM fts_opportunity")
    conn.exec_driver_sql(_PERSON_INSERT + _PERSON_ROW)
    conn.exec_driver_sql(_OPPORTUNITY_INSERT + _OPPORTUNITY_ROW)


def install(conn: Connection) -> bool:
    """Create the index, its triggers, and fill it; False (and nothing done) without FTS5 trigram."""
    if not fts5_available(conn):
        return False
    for table, columns in TABLES.items():
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({', '.join(columns)}, tokenize='trigram')"
        )
    create_triggers(conn)
    rebuild(conn)
    return True


def uninstall(conn: Connection) -> None:
    """Drop the triggers and the index."""
    if conn.dialect.name != "sqlite":
        return
    drop_triggers(conn)
    for table in TABLES:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
