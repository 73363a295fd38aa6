"""Real data: folded search keys, aliases, regions, the calendar file.

- `person.aliases`: other spellings of a name (CSRankings lists some people several times).
- `person.search_name`, `person.search_text`, `opportunity.search_text`,
  `organization.search_text`: the searchable text folded (no case, no accents), filled here for
  every stored row; the full-text index (SQLite) is rebuilt on them, so "hyvarinen" finds
  Hyvärinen (`tracker.store.queries.search_index`; 0002's index is dropped).
- `organization.region` (CSRankings' country-info.csv), and an index on `organization.country`
  for the `--country` filters.
- `profile.calendar_file`: the .ics file kept up to date after every change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.store.migrations import fts_0002
from tracker.store.queries import search_keys
from tracker.store.queries import search_index

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    fts_0002.uninstall(conn)
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organization_country'), ['country'], unique=False)
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('aliases', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('search_name', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.String(), nullable=True))
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.String(), nullable=True))
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_file', sa.String(), nullable=True))
    search_keys.refresh(conn, people=None, opportunities=None, organizations=None)
    search_index.install(conn)


def downgrade() -> None:
    conn = op.get_bind()
    search_index.uninstall(conn)
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('calendar_file')
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('search_text')
        batch_op.drop_column('search_name')
        batch_op.drop_column('aliases')
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_country'))
        batch_op.drop_column('search_text')
        batch_op.drop_column('region')
    fts_0002.install(conn)
