"""A shared server: on PostgreSQL, every row has an owner and row-level security; on both, a version column.

People and opportunities get `version` (on SQLite too): the edit forms refuse to overwrite a record
changed elsewhere since they loaded it.

On PostgreSQL (`tracker.store.migrations.row_security`): the group roles `tracker_student` and
`tracker_advisor`, the advising links, the change counter, and on every table the `owner` column,
FORCE ROW LEVEL SECURITY, the policies, the grants and the change trigger. The unique rules become
per owner: an organization's name, a person's external id, a reminder's state (its key), the
profile (its id), a mail account's name and the messages logged (their Message-ID) are unique for each
student, not across the server.

Revision ID: pg01
Revises: mail01
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.store.migrations import row_security

revision = 'pg01'
down_revision = 'mail01'
branch_labels = None
depends_on = None

TABLES = ['organization', 'person', 'opportunity', 'stagechange', 'interaction', 'interview', 'offer',
          'letterrequest', 'reminder', 'reminderstate', 'profile', 'undoentry',
          'mailaccount', 'mailfolder', 'mailseen', 'mailunknown']
"""Every table of tracker at this revision (a later migration secures its own new tables)."""


VERSIONED = ['person', 'opportunity']
"""The tables whose rows the edit forms change: a `version` column (both dialects; `models._version_column`)."""


def upgrade() -> None:
    conn = op.get_bind()
    for table in VERSIONED:  # ADD COLUMN: no table rebuild on SQLite, so the search triggers stay
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    if not row_security.is_postgresql(conn):
        return
    row_security.install(conn, TABLES)
    row_security.per_owner_unique(conn, 'organization', ['name'], index='ix_organization_name')
    row_security.per_owner_unique(conn, 'person', ['external_id'], index='ix_person_external_id')
    row_security.per_owner_unique(conn, 'reminderstate', ['key'], primary_key=True)
    row_security.per_owner_unique(conn, 'profile', ['id'], primary_key=True)
    row_security.per_owner_unique(conn, 'mailaccount', ['name'], constraint='mailaccount_name_key')
    row_security.per_owner_unique(conn, 'mailseen', ['message_id'], primary_key=True)
    row_security.per_owner_unique(conn, 'mailunknown', ['message_id'], primary_key=True)


def downgrade() -> None:
    conn = op.get_bind()
    if not row_security.is_postgresql(conn):
        for table in VERSIONED:
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.drop_column('version')
        return
    raise NotImplementedError("a shared server is not taken back to one owner; restore a pg_dump instead")
