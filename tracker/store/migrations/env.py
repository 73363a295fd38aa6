"""Alembic environment: runs on the connection the store hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import tracker.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from tracker.store.migrations.env_filters import include_name

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
