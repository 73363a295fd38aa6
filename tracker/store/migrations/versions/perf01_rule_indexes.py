"""Indexes for the reminder rules' facts: the people kept in touch with (a partial index: a few
among thousands) and interviews by the person they are with (the last contact of each). The
index of messages by person goes: the thread index (0004) starts with the person, and each
message written kept both up to date.

Revision ID: perf01
Revises: pg01
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'perf01'
down_revision = 'pg01'
branch_labels = None
depends_on = None

KEPT = "keep_in_touch_days IS NOT NULL"


def upgrade() -> None:
    op.create_index('ix_person_keep_in_touch', 'person', ['keep_in_touch_days'], unique=False,
                    sqlite_where=sa.text(KEPT), postgresql_where=sa.text(KEPT))
    op.create_index('ix_interview_with_person_id', 'interview', ['with_person_id'], unique=False)
    op.drop_index('ix_interaction_person_id', table_name='interaction')


def downgrade() -> None:
    op.create_index('ix_interaction_person_id', 'interaction', ['person_id'], unique=False)
    op.drop_index('ix_interview_with_person_id', table_name='interview')
    op.drop_index('ix_person_keep_in_touch', table_name='person')
