"""PLOVER GSR scorer: pair choice by actor text or ISO code, 2016 names, event and quad accuracy."""

from __future__ import annotations

import json

import pytest

from axisgraph.evaluation.plover import choose_prediction, load_plover, score_plover
from axisgraph.kb import load_kb
from axisgraph.records import ActorRef, Assertion

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT"},
    {"id": "R1", "event": "FIGHT", "text": "Iranian troops shelled Iraqi positions on Monday.",
     "source": [{"actorText": "Iranian", "code": "IRN"}], "target": [{"actorText": "Iraqi", "code": "IRQ"}]},
    {"id": "R2", "event": "DEMAND", "text": "Tehran urged Baghdad to release the prisoners.",
     "source": [{"actorText": "Tehran", "code": "IRN"}], "target": [{"actorText": "Baghdad", "code": "IRQ"}]},
    {"id": "R3", "event": "AGREE", "text": "Hungary and Romania agreed to cooperate.",
     "source": [{"actorText": "Hungary", "code": "HUN"}, {"actorText": "Romania", "code": "ROU"}]},
    {"id": "R4", "event": "CONSULT", "text": "Iraq's foreign minister met Iranian officials.",
     "source": [{"actorText": "Iraq", "code": "IRQ"}], "target": [{"actorText": "Iranian", "code": "IRN"}],
     "comment": "no prediction at all"},
]


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return load_plover(path)


def _assertion(doc_id: str, text: str, relation: str, source: str, source_id: str | None, target: str,
               target_id: str | None, confidence: float = 0.8) -> Assertion:
    s, t = text.index(source), text.index(target)
    return Assertion(doc_id=doc_id, sentence=text, sentence_span=(0, len(text)), relation=relation,
                     source=ActorRef(id=source_id, text=source, span=(s, s + len(source))),
                     target=ActorRef(id=target_id, text=target, span=(t, t + len(target))), confidence=confidence)


def test_loader_keeps_pairs_and_maps_2016_names(records):
    assert [r.id for r in records] == ["R1", "R2", "R4"]
    assert records[0].event == "ASSAULT" and records[0].quad == 4
    assert records[1].event == "REQUEST" and records[1].quad == 3
    assert records[0].sources[0].span == (0, 7)


def test_pair_prediction_beats_higher_confidence_other_pair(records):
    text = records[0].text
    wrong_pair = _assertion("R1", text, "MOBILIZE", "Iranian troops", None, "positions", None, 0.99)
    right_pair = _assertion("R1", text, "ASSAULT", "Iranian troops", None, "Iraqi positions", None, 0.6)
    chosen, how = choose_prediction(records[0], [wrong_pair, right_pair])
    assert chosen is right_pair and how == "pair"


def test_code_match_through_kb_and_source_fallback(records):
    kb = load_kb()
    text = records[1].text
    # Spans away from the gold text: matched by the KB actor's country code only.
    by_code = _assertion("R2", text, "REQUEST", "urged", "irn.gov", "prisoners", None, 0.5)
    chosen, how = choose_prediction(records[1], [by_code], kb)
    assert how == "source" and chosen is by_code
    by_code_pair = _assertion("R2", text, "ACCUSE", "release", "irn", "the prisoners", "irq.gov", 0.4)
    chosen, how = choose_prediction(records[1], [by_code, by_code_pair], kb)
    assert how == "pair" and chosen.relation == "ACCUSE"


def test_event_and_quad_accuracy(records):
    r1, r2 = records[0].text, records[1].text
    predictions = {
        "R1": [_assertion("R1", r1, "ASSAULT", "Iranian troops", None, "Iraqi positions", None)],
        "R2": [_assertion("R2", r2, "ACCUSE", "Tehran", None, "Baghdad", None)],   # wrong event, right quad
        "R4": [],
    }
    result = score_plover(records, predictions)
    assert (result.event.correct, result.event.total) == (1, 3)
    assert (result.quad.correct, result.quad.total) == (2, 3)
    assert result.per_event["REQUEST"].correct == 0
    assert result.confusion["CONSULT"] == {"(none)": 1}
    assert result.found_by == {"pair": 2, "none": 1}
    assert {e["id"] for e in result.errors} == {"R2", "R4"}


def test_negated_predictions_are_ignored(records):
    text = records[0].text
    negated = _assertion("R1", text, "ASSAULT", "Iranian troops", None, "Iraqi positions", None)
    negated.negated = True
    result = score_plover(records[:1], {"R1": [negated]})
    assert result.event.correct == 0 and result.found_by == {"none": 1}


def test_real_gsr_parses(shared_data):
    records = load_plover(shared_data / "anchors" / "PLOVER" / "PLOVER_GSR_CAMEO.txt")
    assert 250 < len(records) < 322
    events = {r.event for r in records}
    assert "FIGHT" not in events and "DEMAND" not in events and "ASSAULT" in events
    located = sum(all(a.span for a in r.sources + r.targets) for r in records)
    assert located / len(records) > 0.9
