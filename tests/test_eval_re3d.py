"""re3d relation scorer on a hand-made corpus where the right P/R/F1 are known, plus the real files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from axisgraph.evaluation.re3d import load_re3d, map_predictions, score_re3d
from axisgraph.records import ActorRef, Assertion

TEXT = "Iran backs Hezbollah. ISIS attacked Kurdish forces near Raqqa. The US and Iraq met."
DOC = "doc1"


def _span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _write(folder: Path, name: str, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def _entity(word: str, kind: str) -> dict:
    begin, end = _span(word)
    return {"_id": f"{DOC}-{begin}", "documentId": DOC, "begin": begin, "end": end, "type": kind, "value": word}


def _relation(kind: str, source: str, target: str, confidence: float = 1.0) -> dict:
    (sb, se), (tb, te) = _span(source), _span(target)
    return {"_id": f"{DOC}-{sb}-{tb}-{kind}", "documentId": DOC, "begin": 0, "end": 0, "source": source,
            "sourceBegin": sb, "sourceEnd": se, "target": target, "targetBegin": tb, "targetEnd": te,
            "type": kind, "value": "", "confidence": confidence}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "Wire"
    _write(folder, "documents.json", [{"_id": DOC, "text": TEXT, "title": "t", "sourceName": "Wire"}])
    _write(folder, "entities.json", [
        _entity("Iran", "Organisation"), _entity("Hezbollah", "Organisation"), _entity("ISIS", "Organisation"),
        _entity("Kurdish forces", "Nationality"), _entity("Raqqa", "Location"), _entity("US", "Organisation"),
        _entity("Iraq", "Organisation"),
    ])
    _write(folder, "relations.json", [
        _relation("Likes", "Iran", "Hezbollah"),
        _relation("FightingAgainst", "ISIS", "Kurdish forces"),
        _relation("FightingAgainst", "ISIS", "Raqqa"),          # non-actor target: excluded
        _relation("Dislikes", "Iran", "ISIS", confidence=0.1),  # rejected by annotators: excluded
        _relation("CommWith", "US", "Iraq"),
        _relation("CommWith", "Iraq", "US"),                    # same undirected pair, counted once
        _relation("CoLocated", "ISIS", "Raqqa"),                # not a scored type
    ])
    return load_re3d(tmp_path)


def _assertion(relation: str, source: str, target: str, confidence: float = 0.8, negated: bool = False,
               mode: str | None = None) -> Assertion:
    return Assertion(doc_id=DOC, sentence=TEXT, sentence_span=(0, len(TEXT)), relation=relation, mode=mode,
                     source=ActorRef(text=source, span=_span(source)),
                     target=ActorRef(text=target, span=_span(target)), confidence=confidence, negated=negated)


PREDICTIONS = [
    _assertion("BACKS", "Iran", "Hezbollah", 0.9),             # Likes: right
    _assertion("ASSAULT", "Kurdish forces", "ISIS", 0.6),       # FightingAgainst, wrong direction
    _assertion("CONSULT", "Iraq", "US", 0.7),                   # CommWith, reversed: right (undirected)
    _assertion("CONSULT", "US", "Iraq", 0.5),                   # duplicate of the pair above
    _assertion("ASSAULT", "ISIS", "Raqqa", 0.9),                # matches only an excluded relation
    _assertion("ACCUSE", "Iran", "Iraq", 0.9, negated=True),    # negated: not scored
    _assertion("CONCEDE", "Iran", "US", 0.9),                   # no re3d type
]


def test_loader_marks_scored_relations(corpus):
    assert len(corpus.documents) == 1 and corpus.folder[DOC] == "Wire"
    scored = {(r.type, r.source_text, r.target_text) for r in corpus.relations if r.scored}
    assert scored == {("Likes", "Iran", "Hezbollah"), ("FightingAgainst", "ISIS", "Kurdish forces"),
                      ("CommWith", "US", "Iraq"), ("CommWith", "Iraq", "US")}


def test_map_predictions_drops_negated_unmapped_and_duplicates():
    mapped = map_predictions(DOC, PREDICTIONS)
    assert sorted(p.type for p in mapped) == ["CommWith", "FightingAgainst", "FightingAgainst", "Likes"]
    assert max(p.confidence for p in mapped if p.type == "CommWith") == 0.7


def test_typed_untyped_and_per_type_scores(corpus):
    result = score_re3d(corpus, {DOC: PREDICTIONS})
    assert (result.typed.tp_pred, result.typed.n_pred, result.typed.tp_gold, result.typed.n_gold) == (2, 3, 2, 3)
    assert result.typed.f1 == pytest.approx(2 / 3)
    assert result.per_type["FightingAgainst"].precision == 0.0
    assert result.per_type["FightingAgainst"].n_pred == 1
    assert result.per_type["CommWith"].f1 == 1.0
    assert result.untyped.precision == 1.0 and result.untyped.recall == 1.0
    assert result.per_source["Wire"]["typed"].n_gold == 3


def test_confusion_calibration_and_errors(corpus):
    result = score_re3d(corpus, {DOC: PREDICTIONS})
    assert result.confusion["FightingAgainst"] == {"FightingAgainst": 1}
    assert result.confusion["Likes"] == {"Likes": 1}
    assert result.calibration.n == 3
    kinds = [(e["error"], e["type"]) for e in result.errors]
    assert kinds == [("false positive", "FightingAgainst"), ("miss", "FightingAgainst")]
    assert result.errors[1]["sentence"] == "ISIS attacked Kurdish forces near Raqqa."
    assert json.dumps(result.to_dict())


def test_perfect_predictions_score_one(corpus):
    perfect = [_assertion("SUPPORT", "Iran", "Hezbollah"), _assertion("ASSAULT", "ISIS", "Kurdish forces"),
               _assertion("CONSULT", "US", "Iraq")]
    result = score_re3d(corpus, {DOC: perfect})
    assert result.typed.f1 == 1.0 and result.untyped.f1 == 1.0


@dataclass
class _Mention:
    start: int
    end: int
    actor_id: str | None
    text: str = ""
    kind: str = "actor"


def test_entity_coverage_any_and_resolved(corpus):
    mentions = [_Mention(*_span("Iran"), "irn"), _Mention(*_span("Hezbollah"), None),
                _Mention(*_span("ISIS"), "isis"), _Mention(*_span("Raqqa"), None)]
    result = score_re3d(corpus, {DOC: []}, {DOC: mentions})
    assert (result.coverage["all"].correct, result.coverage["all"].total) == (3, 6)
    assert result.resolved_coverage["Organisation"].correct == 2
    assert result.coverage["Nationality"].correct == 0


def test_real_re3d_files_parse(shared_data):
    corpus = load_re3d(shared_data / "re3d")
    assert len(corpus.documents) == 84
    assert set(corpus.folder.values()) == {"CENTCOM", "UK Government", "US State Department", "Wikipedia"}
    scored = [r for r in corpus.relations if r.scored]
    assert 350 < len(scored) < len(corpus.relations)
    doc = {d.id: d for d in corpus.documents}
    sample = scored[0]
    assert doc[sample.doc_id].text[slice(*sample.source)] == sample.source_text


class _FakeExtractor:
    """Stands in for the extractor: fixed assertions and mentions per document."""

    def extract_many(self, docs, n_process=1):
        for doc in docs:
            yield doc, list(PREDICTIONS)

    def mentions(self, doc):
        return [_Mention(*_span("Iran"), "irn")]


def test_runner_and_cli_json(corpus, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import axisgraph.evaluation.re3d as re3d_module
    from axisgraph.cli import app

    real = re3d_module.evaluate_re3d
    result = real(tmp_path, extractor=_FakeExtractor())
    assert result.typed.tp_gold == 2 and result.coverage["all"].correct == 1
    monkeypatch.setattr(re3d_module, "evaluate_re3d",
                        lambda path, **kw: real(path, extractor=_FakeExtractor(), sources=kw.get("sources")))
    out = CliRunner().invoke(app, ["eval", "re3d", str(tmp_path), "--json", "--sources", "Wire"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["micro_typed"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert "errors" not in data
    out = CliRunner().invoke(app, ["eval", "re3d", str(tmp_path), "--errors"])
    assert out.exit_code == 0 and "Worst errors" in out.output and "micro (untyped)" in out.output


def test_cli_cross_validate_by_source(corpus, tmp_path):
    from typer.testing import CliRunner

    from axisgraph.cli import app

    twin = tmp_path / "Agency"
    twin.mkdir()
    for name in ("documents.json", "entities.json", "relations.json"):
        rows = [json.loads(line) for line in (tmp_path / "Wire" / name).read_text().splitlines() if line.strip()]
        for row in rows:
            row["documentId" if "documentId" in row else "_id"] = "doc-2"
        _write(twin, name, rows)
    out = CliRunner().invoke(app, ["eval", "re3d", str(tmp_path), "--cross-validate", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["protocol"] == "leave-one-source-out" and set(data["per_source"]) == {"Agency", "Wire"}
    assert {"rules", "rules+model", "calibrated rules", "calibrated+model"} <= set(data["pooled"])
    assert data["pooled"]["rules"]["typed"]["n_gold"] == 6  # three gold relations per document
