"""Letters desk and duplicate guard: how each letter is submitted and what goes with the
request; the guard's window on the profile; a covering index for the follow-up query.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('letterrequest', schema=None) as batch_op:
        batch_op.add_column(sa.Column('via', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('submit_to', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('attachments', sa.String(), nullable=True))
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('recent_contact_days', sa.Integer(), nullable=False, server_default='30')
        )
    op.create_index(
        'ix_interaction_thread', 'interaction',
        ['person_id', 'direction', 'on', 'id', 'channel', 'follow_up_on'], unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_interaction_thread', table_name='interaction')
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('recent_contact_days')
    with op.batch_alter_table('letterrequest', schema=None) as batch_op:
        batch_op.drop_column('attachments')
        batch_op.drop_column('submit_to')
        batch_op.drop_column('via')
