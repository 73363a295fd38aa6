"""Mail: the accounts `tracker mail sync` reads, how far each folder was read, the messages
already logged (by Message-ID), the replies from unknown addresses, and which messages the
mail sync or the LinkedIn import logged (`interaction.logged_from`).

No password and no message body is stored: only what `docs/mail.md` lists.

Revision ID: mail01
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'mail01'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mailaccount',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('url', sa.String(), nullable=False),
        sa.Column('sent_folder', sa.String(), nullable=True),
        sa.Column('inbox_folder', sa.String(), nullable=True),
        sa.Column('own_addresses', sa.String(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'mailfolder',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('folder', sa.String(), nullable=False),
        sa.Column('uidvalidity', sa.BigInteger(), nullable=False),  # IMAP's are unsigned 32-bit
        sa.Column('last_uid', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['mailaccount.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('account_id', 'folder'),
    )
    with op.batch_alter_table('mailfolder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailfolder_account_id'), ['account_id'], unique=False)
    op.create_table(
        'mailseen',
        sa.Column('message_id', sa.String(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('logged_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('message_id'),
    )
    with op.batch_alter_table('mailseen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailseen_person_id'), ['person_id'], unique=False)
    op.create_table(
        'mailunknown',
        sa.Column('message_id', sa.String(), nullable=False),
        sa.Column('address', sa.String(), nullable=False),
        sa.Column('name', sa.String(), nullable=True),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('subject', sa.String(), nullable=True),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('message_id'),
    )
    with op.batch_alter_table('mailunknown', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailunknown_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_mailunknown_person_id'), ['person_id'], unique=False)
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logged_from', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.drop_column('logged_from')
    op.drop_table('mailunknown')
    op.drop_table('mailseen')
    op.drop_table('mailfolder')
    op.drop_table('mailaccount')
