"""The Dask engine stores the same documents and assertions as the single-process ingest."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

pytest.importorskip("distributed")
if importlib.util.find_spec("axisgraph.nlp") is None:
    pytest.skip("the extractor is not available", allow_module_level=True)

from distributed import Client, LocalCluster  # noqa: E402

from axisgraph.distributed import ingest_dask, partitions  # noqa: E402
from axisgraph.documents import ReadReport  # noqa: E402
from axisgraph.ingest import ingest  # noqa: E402
from axisgraph.nlp import Extractor  # noqa: E402
from axisgraph.store import Store, assertions, documents  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from corpus import documents as generated  # noqa: E402
from corpus import record  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six documents in three inputs: two JSONL shards (one repeating a document) and a text file."""
    folder = tmp_path_factory.mktemp("corpus")
    docs = list(generated(5, seed=21))
    (folder / "a.jsonl").write_text("".join(json.dumps(record(d)) + "\n" for d in docs[:3]))
    (folder / "b.jsonl").write_text("".join(json.dumps(record(d)) + "\n" for d in [*docs[3:], docs[0]]))
    (folder / "c.txt").write_text("date 2023-11-02\nIran funds and provides weapons to the Hamas militant group. "
                                  "Israeli forces shelled Hezbollah positions in southern Lebanon on Monday.\n")
    return folder


@pytest.fixture(scope="module")
def client() -> Client:
    """Two in-process workers: starts in seconds; workers share one extractor per process."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as dask_client:
        yield dask_client


def _contents(store: Store) -> tuple[list[tuple], list[str]]:
    with store.engine.connect() as conn:
        docs = sorted(conn.execute(select(documents.c.id, documents.c.content_hash, documents.c.date,
                                          documents.c.path, documents.c.n_assertions)).all())
        keys = sorted(conn.execute(select(assertions.c.key)).scalars())
    return docs, keys


@pytest.fixture(scope="module")
def ingested(corpus: Path, client: Client, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The same input ingested by the single-process engine and by the Dask engine."""
    folder = tmp_path_factory.mktemp("stores")
    extractor = Extractor()
    local = Store(folder / "local.db")
    remote = Store(folder / "dask.db")
    return {
        "local": local, "local_result": ingest([str(corpus)], local, extractor),
        "dask": remote, "staging": folder / "staging",
        "dask_result": ingest_dask([str(corpus)], remote, client=client, kb=extractor.kb,
                                   staging=folder / "staging"),
    }


def test_dask_ingest_matches_single_process(ingested: dict) -> None:
    local, result = ingested["local_result"], ingested["dask_result"]
    assert result.status == "complete"
    assert (result.documents_read, result.documents_stored, result.already_stored) == (
        local.documents_read, local.documents_stored, local.already_stored) == (7, 6, 1)
    assert result.assertions_stored == local.assertions_stored > 10
    assert _contents(ingested["dask"]) == _contents(ingested["local"])


def test_staging_holds_assertions_as_parquet(ingested: dict) -> None:
    staged = pq.read_table(ingested["staging"] / "part-000000" / "assertions.parquet")
    keys = set(staged.column("key").to_pylist())
    assert len(keys) == staged.num_rows > 0
    assert keys <= set(_contents(ingested["dask"])[1])


def test_dask_ingest_rerun_adds_nothing(corpus: Path, client: Client, ingested: dict) -> None:
    store = ingested["dask"]
    before = _contents(store)
    again = ingest_dask([str(corpus)], store, client=client)
    assert (again.documents_stored, again.assertions_stored, again.already_stored) == (0, 0, 7)
    assert _contents(store) == before


def test_parquet_row_groups_are_partitions(tmp_path: Path) -> None:
    rows = [record(d) for d in generated(4, seed=5)]
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2)
    report = ReadReport()
    found = partitions([str(path), str(tmp_path / "missing.jsonl")], report)
    assert [(p.index, p.row_group) for p in found] == [(0, 0), (1, 1)]
    assert [p.message for p in report.errors] == ["no such file or directory"]


def test_parquet_input_is_ingested(client: Client, tmp_path: Path) -> None:
    docs = list(generated(4, seed=5))
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.Table.from_pylist([record(d) for d in docs]), path, row_group_size=2)
    store = Store(tmp_path / "parquet.db")
    result = ingest_dask([str(path)], store, client=client)
    assert result.documents_stored == 4
    stored = store.document(docs[2].id)
    assert stored is not None and stored.text == docs[2].text and stored.date == docs[2].date
