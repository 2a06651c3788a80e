"""Alembic environment: runs migrations on the engine handed over by the store."""

from __future__ import annotations

from alembic import context

from axisgraph.store import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7320001)")
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
