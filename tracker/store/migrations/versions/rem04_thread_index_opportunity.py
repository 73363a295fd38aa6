"""The thread index (0004) also holds each message's opportunity: `tracker remind` reads the
unanswered messages of every open thread (about 18,000 on a cohort's database) with their
opportunity, and no longer looks each one up in the table (about a tenth of that query).

Revision ID: rem04
Revises: perf01
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op


revision = 'rem04'
down_revision = 'perf01'
branch_labels = None
depends_on = None

BEFORE = ['person_id', 'direction', 'on', 'id', 'channel', 'follow_up_on']


def upgrade() -> None:
    op.drop_index('ix_interaction_thread', table_name='interaction')
    op.create_index('ix_interaction_thread', 'interaction', [*BEFORE, 'opportunity_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_interaction_thread', table_name='interaction')
    op.create_index('ix_interaction_thread', 'interaction', BEFORE, unique=False)
