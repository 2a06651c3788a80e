"""Export then import: the lossless formats give the same assertions; event formats keep events' identity."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from axisgraph.exporters import export
from axisgraph.importers import import_path
from axisgraph.kb import load_kb
from axisgraph.records import ActorRef, Assertion, Document, Trigger
from axisgraph.store import Store, assertion_key, assertions

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def kb():
    return load_kb([DATA / "kb.yaml"], include_bundled=False)


def _text_assertion() -> tuple[Document, Assertion]:
    text = "Tehran denied on Monday that it arms the Houthis, a spokesman said."
    doc = Document(id="doc-1", text=text, date=date(2019, 3, 4), title="Denial")
    a = Assertion(
        doc_id="doc-1", doc_date=date(2019, 3, 4), sentence=text, sentence_span=(0, len(text)),
        source=ActorRef(id="irn", name="Iran", kind="state", text="Tehran", span=(0, 6)), relation="AID",
        mode="military", target=ActorRef(id="houthis", name="Houthis", kind="armed_group", text="the Houthis",
                                         span=(37, 48)),
        negated=True, hedge="reported", confidence=0.75, trigger=Trigger(text="arms", span=(32, 36)),
        speaker=ActorRef(id=None, text="a spokesman", span=(50, 61)), quad=2, cameo="072", origin="text")
    return doc, a


@pytest.fixture()
def filled(tmp_path, kb):
    store = Store(tmp_path / "src.db")
    for fmt, name in (("icews", "icews_events.tsv"), ("acled", "acled_events.csv"), ("plover", "plover_events.json")):
        import_path(store, fmt, DATA / name, kb=kb)
    doc, a = _text_assertion()
    store.add_documents([(doc, [a])])
    yield store
    store.close()


def _keys(store: Store) -> set[str]:
    """The stored identity keys."""
    with store.engine.connect() as conn:
        return set(conn.execute(select(assertions.c.key)).scalars())


@pytest.mark.parametrize("fmt,suffix", [("jsonl", "jsonl"), ("csv", "csv"), ("parquet", "parquet")])
def test_lossless_round_trip(filled, kb, tmp_path, fmt, suffix):
    out = tmp_path / f"all.{suffix}"
    assert export(filled, fmt, out).written == 17
    assert import_path(filled, fmt, out, kb=kb).assertions_stored == 0  # same store: nothing new
    with Store(tmp_path / "fresh.db") as fresh:
        report = import_path(fresh, fmt, out, kb=kb)
        assert report.assertions_stored == 17 and report.bad_count == 0
        assert _keys(fresh) == _keys(filled)
        before = {a.origin + str(assertion_key(a)): a.to_record() for a in filled.iter_assertions()
                  if a.origin != "text"}
        after = {a.origin + str(assertion_key(a)): a.to_record() for a in fresh.iter_assertions()
                 if a.origin != "text"}
        assert after == before
        text = [a for a in fresh.iter_assertions() if a.origin == "text"][0]
        assert (text.negated, text.hedge, text.confidence, text.trigger.text, text.speaker.text) == (
            True, "reported", 0.75, "arms", "a spokesman")
        assert text.source.span == (0, 6) and text.target.text == "the Houthis"


def test_plover_round_trip_keeps_event_identity(filled, kb, tmp_path):
    out = tmp_path / "events.json"
    report = export(filled, "plover", out)
    assert report.written == 16 and report.skipped == {"negated (event formats have no negation)": 1}
    assert import_path(filled, "plover", out, kb=kb).assertions_stored == 0
    with Store(tmp_path / "fresh.db") as fresh:
        assert import_path(fresh, "plover", out, kb=kb).assertions_stored == 16
        events = {k for k in _keys(filled)} - {assertion_key(_text_assertion()[1])}
        assert _keys(fresh) == events


def test_icews_round_trip_keeps_actors_relations_dates(filled, kb, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(filled, "icews", out).written == 16
    with Store(tmp_path / "fresh.db") as fresh:
        report = import_path(fresh, "icews", out, kb=kb)
        assert report.assertions_stored == 16 and report.bad_count == 0

        def triples(store):
            return {(a.origin, a.source.id, a.relation, a.target.id if a.target else None, a.event_date)
                    for a in store.iter_assertions() if a.origin != "text"}

        assert triples(fresh) == triples(filled)
