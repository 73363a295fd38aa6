"""People's search keys hold each spelling with a hyphen without it too ("kim seo-yeon" and "kim seoyeon").

The same person writes a romanized given name "Seo-yeon" and "Seoyeon": a search for "seoyeon" (the
People filter, `tracker list people --search`) found no "Prof. Kim Seo-yeon". `person_keys` now keeps
such a spelling both ways; this works the keys out again for the people whose name or other
spellings hold a hyphen (on SQLite their search rows follow by trigger).

Revision ID: names08
Revises: keep01
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.domain.folding import HYPHENS
from tracker.store.queries import search_keys

revision = 'names08'
down_revision = 'keep01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    person = sa.table("person", sa.column("id"), sa.column("name"), sa.column("aliases"))
    hyphenated = sa.or_(*(column.like(f"%{hyphen}%") for hyphen in HYPHENS for column in (person.c.name, person.c.aliases)))
    ids = list(conn.execute(sa.select(person.c.id).where(hyphenated)).scalars())
    if ids:
        search_keys.refresh(conn, people=ids)


def downgrade() -> None:
    """Nothing to undo: a key with a spelling more still finds what it found before."""
