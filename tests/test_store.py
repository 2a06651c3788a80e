"""The store: idempotent writes, spans kept, and the ties/evidence/actors queries."""

from __future__ import annotations

from datetime import date

from axisgraph.store import Store
from storekit import actor_rows, sample_batch


def filled(store_url) -> Store:
    store = Store(store_url)
    store.add_documents(sample_batch(), actor_rows())
    return store


def test_documents_and_assertions_stored_once(tmp_path, store_url):
    store = filled(store_url)
    assert store.add_documents(sample_batch(), actor_rows()) == (0, 0)
    s = store.summary()
    assert (s.documents, s.assertions) == (2, 5)
    assert s.first_date == date(2023, 11, 1) and s.by_relation["AID"] == 2


def test_evidence_round_trips_spans_and_qualifiers(tmp_path, store_url):
    store = filled(store_url)
    found = store.evidence("irn", "hamas")
    assert {(a.relation, a.negated) for a in found} == {("AID", False), ("COMMANDS", True)}
    doc = store.document("d1")
    for a in found:
        assert doc.text[a.source.span[0]:a.source.span[1]] == a.source.text
        assert doc.text[a.sentence_span[0]:a.sentence_span[1]] == a.sentence
        assert a.source.name == "Iran"
    assert store.evidence("rus", "wagner")[0].hedge == "reported"


def test_ties_window_and_negation(tmp_path, store_url):
    store = filled(store_url)
    ties = store.ties("irn")
    assert set(ties["relation"]) == {"AID"} and set(ties["target_name"]) == {"Hamas", "Hezbollah"}
    with_neg = store.ties("irn", include_negated=True)
    assert "COMMANDS" in set(with_neg["relation"])
    assert list(store.ties("irn", since=date(2024, 1, 1))["target_id"]) == ["hezbollah"]


def test_actor_counts_and_frame(tmp_path, store_url):
    store = filled(store_url)
    counts = store.actor_counts()
    assert counts.iloc[0]["id"] in {"irn", "hamas"} and counts.set_index("id").loc["irn", "total"] == 3
    frame = store.assertions_frame(include_negated=False)
    assert len(frame) == 4 and set(frame["source_name"]) >= {"Iran", "Russia"}
    assert str(frame["date"].dtype).startswith("datetime64")


def test_runs_are_recorded(tmp_path, store_url):
    store = Store(store_url)
    run = store.begin_run("ingest x")
    store.finish_run(run, "complete", 2, 1, 5, ["a.txt: empty document"])
    runs = store.runs()
    assert runs.iloc[0]["status"] == "complete" and runs.iloc[0]["documents_skipped"] == 1
