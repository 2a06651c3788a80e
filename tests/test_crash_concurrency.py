"""Crash safety (kill -9 mid-ingest, then resume) and two concurrent ingests into one store."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from axisgraph.store import Store

WORKER = Path(__file__).resolve().parent / "ingest_worker.py"
KB_TEXT = """kb: axisgraph-actors
actors:
  - {id: irn, name: Iran, kind: state}
  - {id: hamas, name: Hamas, kind: armed_group}
"""
N_DOCS = 40


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(N_DOCS):
        extra = " Iran funds Hamas." if i % 3 else ""
        (folder / f"a{i:03}.txt").write_text(f"date 2024-03-{1 + i % 28:02}\nDispatch number {i}.{extra}")
    kb = tmp_path / "kb.yaml"
    kb.write_text(KB_TEXT)
    return folder, kb


def run_worker(url: str, kb: Path, folder: Path, delay: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), url, str(kb), str(folder), str(delay)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def expected_assertions() -> int:
    return sum(1 for i in range(N_DOCS) if i % 3)


def keys(url: str) -> list[str]:
    return sorted(a.sentence + a.doc_id for a in Store(url).iter_assertions())


@pytest.mark.slow
def test_kill_9_at_random_points_then_resume(store_url, corpus):
    folder, kb = corpus
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = run_worker(store_url, kb, folder, delay=0.03)
        time.sleep(rng.uniform(0.8, 2.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        store = Store(store_url)
        summary = store.summary()
        frame = store.assertions_frame()
        per_doc = frame.groupby("doc_id").size()
        with store.engine.connect() as conn:
            from sqlalchemy import text

            stored = dict(conn.execute(text("SELECT id, n_assertions FROM documents")).all())
        assert all(per_doc.get(doc, 0) == n for doc, n in stored.items()), "half-written document"
        assert summary.assertions == sum(stored.values())
        store.close()
    assert kills >= 1
    final = run_worker(store_url, kb, folder)
    final.wait(timeout=120)
    assert final.returncode == 0, final.stderr.read()
    summary = Store(store_url).summary()
    assert (summary.documents, summary.assertions) == (N_DOCS, expected_assertions())


@pytest.mark.slow
def test_two_concurrent_ingests_store_each_document_once(store_url, corpus):
    folder, kb = corpus
    procs = [run_worker(store_url, kb, folder, delay=0.005) for _ in range(2)]
    for proc in procs:
        proc.wait(timeout=120)
        assert proc.returncode == 0, proc.stderr.read()
    summary = Store(store_url).summary()
    assert (summary.documents, summary.assertions) == (N_DOCS, expected_assertions())
    assert len(set(keys(store_url))) == expected_assertions()


@pytest.mark.slow
def test_reader_sees_only_whole_documents_while_an_ingest_writes(store_url, corpus):
    from sqlalchemy import text

    folder, kb = corpus
    Store(store_url).close()
    reader = Store(store_url)
    proc = run_worker(store_url, kb, folder, delay=0.02)
    snapshots = []
    while proc.poll() is None or not snapshots:
        with reader.snapshot() as conn:
            stated = conn.execute(text("SELECT COALESCE(SUM(n_assertions), 0), COUNT(*) FROM documents")).one()
            stored = conn.execute(text("SELECT COUNT(*) FROM assertions WHERE doc_id IS NOT NULL")).scalar_one()
        snapshots.append((int(stated[0]), int(stored), int(stated[1])))
        time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr.read()
    assert all(expected == found for expected, found, _ in snapshots), "a reader saw a half-written batch"
    counts = [n for _, _, n in snapshots]
    assert counts == sorted(counts)


@pytest.mark.slow
def test_web_api_serves_whole_batches_while_an_ingest_writes(store_url, corpus):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from axisgraph.web.api import create_api

    folder, kb = corpus
    client = TestClient(create_api(Store(store_url)))
    proc = run_worker(store_url, kb, folder, delay=0.02)
    seen = []
    while proc.poll() is None or not seen:
        info = client.get("/api/info")
        view = client.get("/api/graph", params={"limit": 10})
        assert info.status_code == 200 and view.status_code == 200, (info.text, view.text)
        counts = info.json()
        seen.append((counts["documents"], counts["assertions"]))
        time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr.read()
    for documents, found in seen:
        assert found == sum(1 for i in range(documents) if i % 3), "a partial batch was served"
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    final = client.get("/api/info").json()
    assert (final["documents"], final["assertions"]) == (N_DOCS, expected_assertions())
