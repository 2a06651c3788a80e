"""Property tests: readers, the KB loader and the extractor never raise undocumented errors,
and every span they produce lies inside the document text."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from axisgraph.documents import ReadReport, read_documents
from axisgraph.kb import KBError, load_kb
from axisgraph.records import Assertion, Document

SUFFIXES = [".txt", ".json", ".jsonl", ".csv", ".tsv", ".html", ".bin"]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["id", "text", "date", "title", "url", "source", "extra"]), json_values, max_size=6)


@FUZZ
@given(payload=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_readers_survive_arbitrary_bytes(payload, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(payload)
        report = ReadReport()
        docs = list(read_documents([path], report))
    for doc in docs:
        assert isinstance(doc.text, str) and doc.text.strip()
    assert report.documents == len(docs)


@FUZZ
@given(items=st.lists(records, max_size=6), as_lines=st.booleans())
def test_json_readers_survive_wrong_types(items, as_lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("x.jsonl" if as_lines else "x.json")
        text = "\n".join(json.dumps(i) for i in items) if as_lines else json.dumps(items)
        path.write_text(text)
        report = ReadReport()
        docs = list(read_documents([path], report))
    good = [i for i in items if isinstance(i.get("text"), str)  # control characters are read as spaces
            and re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", i["text"]).strip()]
    assert len(docs) == len(good)


actor_entries = st.dictionaries(
    st.sampled_from(["id", "name", "kind", "country", "aliases", "adjectives", "capital", "parent",
                     "affiliations", "description"]),
    json_values | st.sampled_from(["irn", "state", "IRN", "armed_group"]), max_size=8)


@FUZZ
@given(entries=st.lists(actor_entries, max_size=6))
def test_kb_loader_rejects_bad_entries_without_crashing(entries):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.yaml"
        path.write_text(yaml.safe_dump({"kb": "axisgraph-actors", "actors": entries}))
        try:
            kb = load_kb([path], include_bundled=False)
        except KBError:
            return
    for issue in kb.issues:
        assert str(path) in issue.file or issue.file == "generated" or issue.file.endswith(".yaml")


@pytest.fixture(scope="module")
def extractor():
    nlp = pytest.importorskip("axisgraph.nlp")
    return nlp.Extractor()


WORDS = ["Iran", "Hamas", "Hezbollah", "Israel", "attacked", "funds", "not", "reportedly", "said", "the",
         "group", "on", "October", "7", ",", ".", "\"", "Russia", "Wagner", "backs", "leader", "proxy", "of",
         "<script>", "\n\n", "Ansar", "Allah", "Iranian-backed", "and", "between", "tensions"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=40))
def test_extractor_spans_lie_inside_the_text_and_records_validate(extractor, words):
    text = " ".join(words)
    if not text.strip():
        return
    doc = Document(id="fuzz", text=text)
    for found in extractor.extract(doc):
        Assertion.model_validate(found.to_record())
        start, end = found.sentence_span
        assert 0 <= start <= end <= len(text)
        for ref in (found.source, found.target, found.speaker, found.trigger):
            if ref is not None:
                assert 0 <= ref.span[0] <= ref.span[1] <= len(text)
                assert text[ref.span[0]:ref.span[1]] == ref.text
