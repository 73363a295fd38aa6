"""Row-level security on PostgreSQL: every table's rows belong to the login role that wrote them.

Migration pg01 calls `install` once: the group roles, the advising table, the change counter,
then `secure_table` on every table tracker has. **A later migration that creates a table calls
`secure_table(conn, "its_name")` after creating it** (and `per_owner_unique` for any unique
rule), so the new table gets the same owner column, policies, grants and change trigger. On
SQLite every function here does nothing: one student's file needs no access control.

What a table gets (`secure_table`):

- `owner name NOT NULL DEFAULT current_user`: the row's owner is whoever inserted it; no code
  writes the column (the models do not even know it).
- `ENABLE` and `FORCE ROW LEVEL SECURITY`, and two policies: `tracker_own` (all commands, rows
  whose owner is the current user; a row written must be the writer's own) and `tracker_advised`
  (SELECT only, rows of a student the current user advises, `tracker_advises(owner)`).
- grants: `tracker_student` reads and writes, `tracker_advisor` only reads.
- for each foreign key, restrictive policies: a row may refer only to its writer's own rows
  (`own_references`; the server checks foreign keys without row-level security).
- a statement trigger bumping the writer's change counter (`tracker_change`), which the TUI's
  change watcher polls (`tracker.store.engine.server.ServerDatabase.data_version`).

`tracker_advises(student)` is true when the current user advises `student`
(`tracker_advising`, written by `tracker db advise`) and, if the session set `tracker.student`
(an advisor looking at one student), `student` is that one.
"""

from __future__ import annotations

from sqlalchemy import Connection

STUDENT = "tracker_student"
ADVISOR = "tracker_advisor"
GROUPS = (STUDENT, ADVISOR)

_ROLES = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracker_student') THEN
    CREATE ROLE tracker_student NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracker_advisor') THEN
    CREATE ROLE tracker_advisor NOLOGIN;
  END IF;
END $$"""

_SHARED = [
    """CREATE TABLE tracker_advising (
        advisor name NOT NULL, student name NOT NULL, PRIMARY KEY (advisor, student))""",
    "ALTER TABLE tracker_advising ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY tracker_mine ON tracker_advising FOR SELECT
        USING (advisor = current_user OR student = current_user)""",
    "GRANT SELECT ON tracker_advising TO tracker_student, tracker_advisor",
    """CREATE FUNCTION tracker_advises(student name) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM tracker_advising AS a WHERE a.advisor = current_user AND a.student = $1)
           AND coalesce(nullif(current_setting('tracker.student', true), ''), $1) = $1 $$""",
    """CREATE TABLE tracker_change (
        owner name PRIMARY KEY DEFAULT current_user, counter bigint NOT NULL DEFAULT 0)""",
    "ALTER TABLE tracker_change ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE tracker_change FORCE ROW LEVEL SECURITY",
    """CREATE POLICY tracker_own ON tracker_change USING (owner = current_user)
        WITH CHECK (owner = current_user)""",
    "CREATE POLICY tracker_advised ON tracker_change FOR SELECT USING (tracker_advises(owner))",
    "GRANT SELECT, INSERT, UPDATE ON tracker_change TO tracker_student",
    "GRANT SELECT ON tracker_change TO tracker_advisor",
    """CREATE FUNCTION tracker_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO tracker_change AS c (owner, counter) VALUES (current_user, 1)
            ON CONFLICT (owner) DO UPDATE SET counter = c.counter + 1;
        RETURN NULL; END $$""",
    "GRANT SELECT ON alembic_version TO tracker_student, tracker_advisor",
]
"""The advising links, the advising test, the change counter and its trigger function."""


def is_postgresql(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def install(conn: Connection, tables: list[str]) -> None:
    """Group roles, advising, change counter, then `secure_table` for each of `tables` (PostgreSQL only)."""
    if not is_postgresql(conn):
        return
    conn.exec_driver_sql(_ROLES)
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO tracker_student, tracker_advisor')
    for statement in _SHARED:
        conn.exec_driver_sql(statement)
    for name in tables:
        secure_table(conn, name)
    trigram_indexes(conn)


TRIGRAM_KEYS = {
    "person": ["coalesce(search_name, lower(name))", "search_text"],
    "organization": ["coalesce(search_text, lower(name))"],
    "opportunity": ["coalesce(search_text, lower(title))"],
}
"""The folded search keys (`tracker.store.queries.search_index.KEYS`) that get a trigram index."""


def trigram_indexes(conn: Connection) -> bool:
    """pg_trgm GIN indexes on the search keys, so `LIKE '%word%'` uses an index; False without pg_trgm.

    The search is the same LIKE with or without them (`tracker.store.queries.search`).
    """
    available = conn.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first()
    if available is None:
        return False
    nested = conn.begin_nested()
    try:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - not allowed to create it: the search works without the index
        nested.rollback()
        return False
    nested.commit()
    for table, keys in TRIGRAM_KEYS.items():
        for number, key in enumerate(keys):
            conn.exec_driver_sql(f'CREATE INDEX "ix_{table}_trigram_{number}" ON "{table}" '
                                 f"USING gin (({key}) gin_trgm_ops)")
    return True


def secure_table(conn: Connection, table: str) -> None:
    """Give `table` its owner column, row-level security, policies, grants and change trigger (PostgreSQL only)."""
    if not is_postgresql(conn):
        return
    q = f'"{table}"'
    for statement in (
        f"ALTER TABLE {q} ADD COLUMN owner name NOT NULL DEFAULT current_user",
        f'CREATE INDEX "ix_{table}_owner" ON {q} (owner)',
        f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {q} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tracker_own ON {q} USING (owner = current_user) WITH CHECK (owner = current_user)",
        f"CREATE POLICY tracker_advised ON {q} FOR SELECT USING (tracker_advises(owner))",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {q} TO tracker_student",
        f"GRANT SELECT ON {q} TO tracker_advisor",
        f'CREATE TRIGGER "tracker_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {q} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION tracker_changed()",
    ):
        conn.exec_driver_sql(statement)
    own_references(conn, table)
    for (sequence,) in conn.exec_driver_sql(
        "SELECT pg_get_serial_sequence(%(t)s, a.attname) FROM pg_attribute AS a "
        "WHERE a.attrelid = %(t)s::regclass AND a.attnum > 0 AND NOT a.attisdropped "
        "AND pg_get_serial_sequence(%(t)s, a.attname) IS NOT NULL", {"t": q}
    ):
        conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {sequence} TO tracker_student")


_REFERENCES = """
SELECT a.attname::text, c.confrelid::regclass::text, af.attname::text
FROM pg_constraint AS c
JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute AS af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
WHERE c.contype = 'f' AND c.conrelid = %(t)s::regclass AND cardinality(c.conkey) = 1
ORDER BY 1"""


def own_references(conn: Connection, table: str) -> None:
    """A row of `table` may refer (foreign key) only to rows its writer can see as their own.

    A foreign key is checked without row-level security: without this a student could attach
    their rows to another student's (and then block, or be cascaded by, the other's deletes).
    One restrictive policy per reference and command (INSERT, UPDATE): the referred row must be
    visible to the writer, and a writer sees only their own rows (advisers write nothing).
    """
    q = f'"{table}"'
    for column, target, key in list(conn.exec_driver_sql(_REFERENCES, {"t": q})):
        check = f'"{column}" IS NULL OR EXISTS (SELECT 1 FROM {target} AS r WHERE r."{key}" = {q}."{column}")'
        conn.exec_driver_sql(f'CREATE POLICY "tracker_ref_{column}" ON {q} AS RESTRICTIVE FOR INSERT '
                             f"WITH CHECK ({check})")
        conn.exec_driver_sql(f'CREATE POLICY "tracker_ref_{column}_update" ON {q} AS RESTRICTIVE FOR UPDATE '
                             f"USING (true) WITH CHECK ({check})")


def per_owner_unique(conn: Connection, table: str, columns: list[str], *, index: str | None = None,
                     primary_key: bool = False, constraint: str | None = None) -> None:
    """Make a unique rule of `table` hold per owner (PostgreSQL only).

    `index`: the name of the unique index it replaces (dropped, then made again on owner + columns).
    `primary_key`: the rule is the primary key (dropped and made again with owner first).
    `constraint`: the name of the UNIQUE constraint it replaces (dropped, then made again with owner first).
    """
    if not is_postgresql(conn):
        return
    cols = ", ".join(["owner", *(f'"{c}"' for c in columns)])
    if constraint is not None:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"')
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD CONSTRAINT "{constraint}" UNIQUE ({cols})')
    elif primary_key:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{table}_pkey"')
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD PRIMARY KEY ({cols})')
    elif index is not None:
        conn.exec_driver_sql(f'DROP INDEX "{index}"')
        conn.exec_driver_sql(f'CREATE UNIQUE INDEX "{index}" ON "{table}" ({cols})')


def forced_tables(conn: Connection) -> list[str]:
    """The tables whose row security binds their owner too (FORCE), in the current schema."""
    rows = conn.exec_driver_sql(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relforcerowsecurity "
        "AND relnamespace = current_schema()::regnamespace ORDER BY relname")
    return [name for (name,) in rows]


def set_forced(conn: Connection, tables: list[str], forced: bool) -> None:
    """FORCE (or NO FORCE) row-level security on `tables`.

    Migrations run with NO FORCE, so a migration that changes data sees every student's rows;
    inside the migration's one transaction, which holds the tables' locks, so no one else sees the gap.
    """
    word = "FORCE" if forced else "NO FORCE"
    for name in tables:
        conn.exec_driver_sql(f'ALTER TABLE "{name}" {word} ROW LEVEL SECURITY')


__all__ = ["ADVISOR", "GROUPS", "STUDENT", "forced_tables", "install", "own_references", "per_owner_unique",
           "secure_table", "set_forced"]
