"""Search and external ids: person.external_id, and the SQLite full-text index.

`person.external_id` names a person in an outside directory ("scholar:<id>" for a Google
Scholar id from CSRankings), so that importing the directory again updates people instead
of adding them twice. On SQLite with FTS5, the trigram index of `tracker.store.migrations.fts_0002`
is created, kept in step by triggers, and filled from the people and opportunities already
stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.store.migrations import fts_0002 as search_index

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_person_external_id'), ['external_id'], unique=True)
    search_index.install(op.get_bind())


def downgrade() -> None:
    search_index.uninstall(op.get_bind())
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_external_id'))
        batch_op.drop_column('external_id')
