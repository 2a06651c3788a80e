"""The extraction worker pool: same assertions as one process, input order, recycling, stopping, the CLI."""

from __future__ import annotations

import os
import signal
import sqlite3

import psutil
import pytest
from typer.testing import CliRunner

from axisgraph.cli import app
from axisgraph.ingest import ingest, ingest_documents
from axisgraph.records import Document
from axisgraph.store import Store
from axisgraph.workers import ExtractorPool, WorkerDied
from nlp_support import extractor, fixture_kb

TEXTS = [
    "Iran funds and arms Hezbollah, officials said.",
    "Hamas is not a proxy of Iran, according to analysts.",
    "The weather in Beirut was mild on Tuesday.",
    "Israel reportedly struck Hezbollah positions in southern Lebanon.",
    "The Houthis attacked ships in the Red Sea and threatened Israel.",
    "Russia condemned the sanctions imposed by the European Union.",
    "Iraqi militias backed by Iran fired rockets at US forces.",
]


def _documents() -> list[Document]:
    return [Document(id=f"d{i}", text=text) for i, text in enumerate(TEXTS)]


def _keys(pairs) -> list[tuple[str, list[tuple]]]:
    return [(doc.id, [(a.source.id, a.relation, a.target.id if a.target else None, a.negated, a.hedge)
                      for a in found]) for doc, found in pairs]


@pytest.fixture(scope="module")
def in_process() -> list[tuple[str, list[tuple]]]:
    return _keys(extractor().extract_many(_documents()))


def test_pool_matches_one_process_in_input_order(in_process):
    with ExtractorPool(fixture_kb(), 2, docs_per_task=2) as pool:
        pooled = _keys(pool.extract_many(_documents()))
        assert len(pool.worker_pids()) == 2
    assert pooled == in_process
    assert any(rows for _, rows in pooled) and [doc_id for doc_id, _ in pooled] == [f"d{i}" for i in range(7)]
    assert pool.worker_pids() == []


def test_pool_recycles_workers_without_losing_documents(in_process):
    with ExtractorPool(fixture_kb(), 2, docs_per_task=1, recycle_after=3) as pool:
        seen_pids: set[int] = set()
        pooled = []
        for pair in pool.extract_many(_documents()):
            seen_pids |= set(pool.worker_pids())
            pooled.append(pair)
        assert pool.started >= 2 and len(seen_pids) > 2
    assert _keys(pooled) == in_process


def test_leaving_early_stops_every_worker():
    pool = ExtractorPool(fixture_kb(), 2, docs_per_task=1)
    stream = pool.extract_many(_documents())
    next(stream)
    pids = pool.worker_pids()
    assert len(pids) == 2
    stream.close()
    pool.close(terminate=True)
    assert pool.worker_pids() == []
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in pids)


def test_ingest_with_two_processes_loads_no_pipeline_in_the_caller(tmp_path, in_process):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(f"date 2024-0{i + 1}-01\n{text}\n", encoding="utf-8")
    store = Store(str(tmp_path / "pool.db"))
    result = ingest([folder], store, kb=fixture_kb(), n_process=2)
    expected = sum(len(rows) for _, rows in in_process)
    assert (result.documents_stored, result.assertions_stored) == (7, expected)
    again = ingest([folder], store, kb=fixture_kb(), n_process=2)
    assert (again.documents_stored, again.already_stored, again.assertions_stored) == (0, 7, 0)


def test_cli_ingest_j2_equals_j1(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    rows = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"j{jobs}.db"
        out = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "-j", jobs, "--no-summary"])
        assert out.exit_code == 0, out.output
        with sqlite3.connect(db) as con:
            found = con.execute("SELECT source_text, relation, target_text, negated, sentence_start FROM assertions")
            rows[jobs] = sorted(found.fetchall(), key=repr)
    assert rows["1"] and rows["1"] == rows["2"]


def test_a_killed_worker_stops_the_ingest_with_a_clear_error_and_a_rerun_completes(tmp_path, in_process):
    store = Store(str(tmp_path / "killed.db"))
    with ExtractorPool(fixture_kb(), 2, docs_per_task=1, tasks_in_flight=2) as pool:
        def kill_one(_doc, _n):
            if pool.worker_pids():
                os.kill(pool.worker_pids()[0], signal.SIGKILL)

        with pytest.raises(WorkerDied, match="resumes"):
            ingest_documents(_documents(), store, pool, batch_size=1, progress=kill_one)
    kept = store.known_documents(d.id for d in _documents())
    assert 1 <= len(kept) < len(TEXTS)
    with ExtractorPool(fixture_kb(), 2) as pool:
        again = ingest_documents(_documents(), store, pool)
    assert again.already_stored == len(kept) and again.documents_stored == len(TEXTS) - len(kept)
    with sqlite3.connect(tmp_path / "killed.db") as con:
        stored = con.execute("SELECT count(*) FROM assertions").fetchone()[0]
    assert stored == sum(len(rows) for _, rows in in_process)
