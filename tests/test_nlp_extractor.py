"""The extractor API: streaming many documents in order, plain-text convenience, long documents."""

from __future__ import annotations

from datetime import date

import pytest

from axisgraph.nlp import extract_text
from axisgraph.nlp.pipeline import chunks
from axisgraph.records import Document
from nlp_support import extract, extractor, find, fixture_kb


def test_extract_many_keeps_order_and_documents():
    docs = [Document(id=str(i), text=text, date=date(2024, 1, 1)) for i, text in enumerate([
        "Russia funds the Wagner Group.", "Nothing happened.", "The RSF attacked the Sudanese army."])]
    out = list(extractor().extract_many(docs, batch_size=2))
    assert [d.id for d, _ in out] == ["0", "1", "2"]
    assert find(out[0][1], "rus", "AID", "wagner") and out[1][1] == []
    assert all(a.doc_id == "2" for a in out[2][1])


def test_extract_text_uses_the_given_kb_and_date():
    found = extract_text("Iran backs Hezbollah.", doc_id="x", doc_date=date(2020, 5, 1), kb=fixture_kb())
    backs = find(found, "irn", "BACKS", "hezbollah")
    assert backs and backs[0].doc_id == "x" and backs[0].doc_date == date(2020, 5, 1)
    assert backs[0].quad is None and backs[0].cameo == "070"


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = ("Hamas met Hezbollah. " * 20 + "\n\n") * 30
    parts = list(chunks(text, limit=1000))
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 1000 for _, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)


def test_chunks_of_one_long_line():
    text = "x" * 2500
    assert [len(p) for _, p in chunks(text, limit=1000)] == [1000, 1000, 500]


def test_long_document_spans_are_shifted_back():
    sentence = "Russia funds the Wagner Group. "
    text = "Filler words here. " * 400 + sentence + "More filler. " * 300
    doc = Document(id="long", text=text, date=date(2024, 1, 1))
    small = type(extractor())(fixture_kb(), chunk_chars=2000)
    found = find(small.extract(doc), "rus", "AID", "wagner")
    assert found
    a = found[0]
    assert text[slice(*a.source.span)] == "Russia" and text[slice(*a.sentence_span)] == sentence.strip()


@pytest.mark.slow
def test_one_line_document_over_the_chunk_size():
    text = "Talks went on. " * 16000 + "Russia funds the Wagner Group. " + "Nothing else. " * 100
    assert len(text) > 2 * 100_000 and "\n" not in text
    found = find(extractor().extract(Document(id="one-line", text=text)), "rus", "AID", "wagner")
    assert found and text[slice(*found[0].target.span)] == "Wagner Group"


@pytest.mark.timeout(60)
def test_sentences_rooted_in_a_noun_are_read_without_hanging():
    found = extract("Hamas attacked Israel. Condemnation of the group. Attack on the militants by Israel.")
    assert find(found, "hamas", "ASSAULT", "isr")
