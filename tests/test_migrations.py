"""The Alembic migrations build exactly the schema the store code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from axisgraph.migrations import current_revision, head_revision
from axisgraph.store import Store, metadata


def test_fresh_store_is_at_head_and_matches_declared_schema(tmp_path, store_url):
    store = Store(store_url)
    assert current_revision(store.engine) == head_revision(store.engine) == "0003"
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_reopening_an_existing_store_keeps_data(tmp_path, store_url):
    from storekit import actor_rows, sample_batch

    Store(store_url).add_documents(sample_batch(), actor_rows())
    assert Store(store_url).summary().assertions == 5
