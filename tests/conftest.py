"""Shared fixtures: paths to the repository's examples and to the outside evaluation data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The evaluation data folder; tests using it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA


POSTGRES_URL = os.environ.get("AXISGRAPH_TEST_POSTGRES", "")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database on each backend: a SQLite file, and a schema of its own on PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("AXISGRAPH_TEST_POSTGRES is not set in CI (scripts/start-postgres.sh failed?)")
        pytest.skip("no PostgreSQL server (set AXISGRAPH_TEST_POSTGRES, see scripts/start-postgres.sh)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
