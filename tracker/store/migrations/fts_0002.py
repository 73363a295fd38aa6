"""The full-text index as migration 0002 created it, kept as it was so that 0002 still makes it.

Migration 0005 replaced it with the index of `tracker.store.queries.search_index` (folded text, aliases);
0005's downgrade puts this one back. Do not change it: a database being migrated goes through it.
"""

from __future__ import annotations

from sqlalchemy import Connection

TABLES: dict[str, tuple[str, ...]] = {
    "fts_person": ("name", "organization", "lab", "research_areas", "email"),
    "fts_opportunity": ("title", "organization", "lab", "contact", "cycle", "notes"),
}
"""Each FTS5 table and its columns."""

PREFIX = "fts_"
"""Every table and trigger of the index (FTS5's shadow tables too) starts with this."""

_PERSON_ROW = """
    SELECT p.id, p.name, o.name, p.lab, p.research_areas, p.email
    FROM person AS p LEFT JOIN organization AS o ON o.id = p.organization_id"""
_OPPORTUNITY_ROW = """
    SELECT x.id, x.title, o.name, x.lab, c.name, x.cycle, x.notes
    FROM opportunity AS x
    LEFT JOIN organization AS o ON o.id = x.organization_id
    LEFT JOIN person AS c ON c.id = x.contact_id"""
_PERSON_INSERT = "INSERT INTO fts_person(rowid, name, organization, lab, research_areas, email)"
_OPPORTUNITY_INSERT = "INSERT INTO fts_opportunity(rowid, title, organization, lab, contact, cycle, notes)"

_PERSON_NEW = f"""{_PERSON_INSERT} VALUES (new.id, new.name,
        (SELECT name FROM organization WHERE id = new.organization_id), new.lab, new.research_areas, new.email);"""
_OPPORTUNITY_NEW = f"""{_OPPORTUNITY_INSERT} VALUES (new.id, new.title,
        (SELECT name FROM organization WHERE id = new.organization_id), new.lab,
        (SELECT name FROM person WHERE id = new.contact_id), new.cycle, new.notes);"""

TRIGGERS: dict[str, str] = {
    "fts_person_insert": f"AFTER INSERT ON person BEGIN {_PERSON_NEW} END",
    "fts_person_update": f"""AFTER UPDATE OF id, name, organization_id, lab, research_areas, email ON person BEGIN
        DELETE FROM fts_person WHERE rowid = old.id; {_PERSON_NEW} END""",
    "fts_person_delete": """AFTER DELETE ON person BEGIN
        DELETE FROM fts_person WHERE rowid = old.id;
        UPDATE fts_opportunity SET contact = NULL
            WHERE rowid IN (SELECT id FROM opportunity WHERE contact_id = old.id); END""",
    "fts_person_rename": """AFTER UPDATE OF name ON person WHEN old.name IS NOT new.name BEGIN
        UPDATE fts_opportunity SET contact = new.name
            WHERE rowid IN (SELECT id FROM opportunity WHERE contact_id = new.id); END""",
    "fts_opportunity_insert": f"AFTER INSERT ON opportunity BEGIN {_OPPORTUNITY_NEW} END",
    "fts_opportunity_update": f"""AFTER UPDATE OF id, title, organization_id, lab, contact_id, cycle, notes
        ON opportunity BEGIN DELETE FROM fts_opportunity WHERE rowid = old.id; {_OPPORTUNITY_NEW} END""",
    "fts_opportunity_delete": "AFTER DELETE ON opportunity BEGIN DELETE FROM fts_opportunity WHERE rowid = old.id; END",
    "fts_organization_rename": """AFTER UPDATE OF name ON organization WHEN old.name IS NOT new.name BEGIN
        UPDATE fts_person SET organization = new.name
            WHERE rowid IN (SELECT id FROM person WHERE organization_id = new.id);
        UPDATE fts_opportunity SET organization = new.name
            WHERE rowid IN (SELECT id FROM opportunity WHERE organization_id = new.id); END""",
    "fts_organization_delete": """AFTER DELETE ON organization BEGIN
        UPDATE fts_person SET organization = NULL
            WHERE rowid IN (SELECT id FROM person WHERE organization_id = old.id);
        UPDATE fts_opportunity SET organization = NULL
            WHERE rowid IN (SELECT id FROM opportunity WHERE organization_id = old.id); END""",
}
"""The triggers that keep the index in step, by name (their SQL after `CREATE TRIGGER name`)."""


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
