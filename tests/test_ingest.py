"""Ingest: resumable, idempotent, counts every skipped input; uses a stand-in extractor."""

from __future__ import annotations

import pytest

from axisgraph.ingest import ingest
from axisgraph.kb import load_kb
from axisgraph.store import Store
from storekit import FundsExtractor

KB_TEXT = """kb: axisgraph-actors
actors:
  - {id: irn, name: Iran, kind: state}
  - {id: hamas, name: Hamas, kind: armed_group}
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(7):
        (folder / f"a{i}.txt").write_text(f"date 2024-01-0{i + 1}\nReport {i}. Iran funds Hamas.")
    (folder / "empty.txt").write_text("")
    (folder / "copy.txt").write_text("date 2024-01-01\nReport 0. Iran funds Hamas.")
    return folder


def test_ingest_stores_and_counts(tmp_path, store_url, corpus):
    (tmp_path / "kb.yaml").write_text(KB_TEXT)
    kb = load_kb([tmp_path / "kb.yaml"], include_bundled=False)
    store = Store(store_url)
    result = ingest([corpus], store, FundsExtractor(kb), batch_size=3)
    assert (result.documents_stored, result.assertions_stored, result.already_stored) == (7, 7, 1)
    assert [p.message for p in result.report.errors] == ["empty document (no text)"]
    assert store.actor_names()["irn"]["name"] == "Iran"
    again = ingest([corpus], store, FundsExtractor(kb))
    assert (again.documents_stored, again.assertions_stored, again.already_stored) == (0, 0, 8)
    assert store.summary().assertions == 7


def test_interrupted_ingest_resumes_without_duplicates(tmp_path, store_url, corpus):
    (tmp_path / "kb.yaml").write_text(KB_TEXT)
    kb = load_kb([tmp_path / "kb.yaml"], include_bundled=False)
    store = Store(store_url)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], store, FundsExtractor(kb, fail_after=4), batch_size=2)
    partial = store.summary()
    assert partial.documents == 4 and partial.assertions == 4
    assert store.runs().iloc[0]["status"] == "interrupted"
    extractor = FundsExtractor(kb)
    ingest([corpus], store, extractor, batch_size=2)
    assert len(extractor.seen) == 3
    final = store.summary()
    assert (final.documents, final.assertions) == (7, 7)
