"""The extractor on the Axis of Resistance sample article (examples/) states its known ties."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from axisgraph.records import Document
from nlp_support import extractor, find

SAMPLE = Path(__file__).parents[1] / "examples" / "axis-of-resistance-2023-11-01.txt"


@pytest.fixture(scope="module")
def document() -> Document:
    raw = SAMPLE.read_text(encoding="utf-8")
    marker, day, text = raw.lstrip().split(None, 2)
    assert marker == "date"
    return Document(id="axis", text=text, date=date.fromisoformat(day))


@pytest.fixture(scope="module")
def found(document):
    return extractor().extract(document)


def test_spans_point_into_the_document(document, found):
    assert found
    for a in found:
        assert document.text[slice(*a.sentence_span)] == a.sentence
        assert document.text[slice(*a.source.span)] == a.source.text
        assert document.text[slice(*a.trigger.span)] == a.trigger.text
        if a.target is not None:
            assert document.text[slice(*a.target.span)] == a.target.text
        if a.speaker is not None:
            assert document.text[slice(*a.speaker.span)] == a.speaker.text
        assert a.origin == "text" and a.doc_date == date(2023, 11, 1)


def test_iran_funds_and_arms_hamas(found):
    assert find(found, "irn", "AID", "hamas", mode="economic")
    assert find(found, "irn", "AID", "hamas", mode="military")


def test_war_both_ways(found):
    assert find(found, "hamas", "ASSAULT", "isr")
    assert find(found, "isr", "ASSAULT", "hamas")


def test_israel_rebukes_iran(found):
    assert find(found, "isr", "ACCUSE", "irn")


def test_tensions_are_symmetric(found):
    assert find(found, "hamas", "RIVAL", "irn")
    assert find(found, "irn", "RIVAL", "hamas")


def test_iran_backs_syrian_government(found):
    backs = find(found, "irn", "BACKS", "syr.gov") + find(found, "irn", "BACKS", "syr")
    assert backs


def test_quds_force_commands_hezbollah_per_ghattas(found):
    commands = find(found, "irn.irgc.quds", "COMMANDS", "hezbollah")
    assert commands and all(a.speaker is not None and a.speaker.text == "Ghattas" for a in commands)
    assert not commands[0].negated


def test_nasrallah_leads_hezbollah(found):
    assert find(found, "person.hassan_nasrallah", "LEADS", "hezbollah")


def test_hezbollah_and_hamas_coordinate(found):
    together = [a for rel in ("CONSULT", "COOPERATE")
                for a in find(found, "hezbollah", rel, "hamas") + find(found, "hamas", rel, "hezbollah")]
    assert {(a.source.id, a.target.id) for a in together} == {("hezbollah", "hamas"), ("hamas", "hezbollah")}


def test_iran_aids_islamic_jihad_and_backs_pmf(found):
    assert find(found, "irn", "AID", "pij")
    assert find(found, "irn", "BACKS", "pmf")


def test_hamas_as_proxy_of_iran_is_only_negated(found):
    proxy = [a for a in find(found, "irn", "COMMANDS", "hamas") if "not a proxy" in a.sentence]
    assert proxy and all(a.negated for a in proxy)
    assert proxy[0].speaker is not None and proxy[0].speaker.text == "Ghattas"
