"""Leave-one-source-out cross-validation of the learned relation classifier and of confidence calibration."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..evaluation.re3d import Re3dCorpus, Re3dResult, _pair_match, map_predictions, score_re3d
from ..records import Assertion
from .calibration import fit_calibrator as fit_points
from .mentions import Discourse, find_mentions
from .pipeline import chunks
from .relation_model import PairExample, RelationModel, chunk_examples, fit, learned_assertions

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)
DEFAULT_THRESHOLD = 0.5
DocData = dict[str, tuple[list[PairExample], list[Assertion]]]


def corpus_examples(corpus: Re3dCorpus, extractor: Any = None) -> DocData:
    """Per document: labelled candidate pairs and the rule layer's assertions (raw scores, model switched off)."""
    from .extractor import Extractor

    extractor = extractor or Extractor(relation_model=False, calibrated=False)
    saved, extractor.relation_model = extractor.relation_model, None
    gold = defaultdict(list)
    for rel in corpus.relations:
        if rel.scored:
            gold[rel.doc_id].append(rel)
    out: DocData = {}
    try:
        for document in corpus.documents:
            examples: list[PairExample] = []
            rules: list[Assertion] = []
            rule_state, pair_state = Discourse(), Discourse()
            for offset, piece in chunks(document.text, extractor.chunk_chars):
                doc = extractor.nlp(piece)
                rules.extend(extractor._analyse(doc, offset, document, rule_state))
                mentions = find_mentions(doc, extractor.matcher, extractor.kb, extractor.lex, pair_state, offset)
                examples.extend(chunk_examples(doc, mentions, document.id, offset, gold[document.id],
                                               lex=extractor.lex))
            out[document.id] = (examples, rules)
    finally:
        extractor.relation_model = saved
    return out


def folds(folder: dict[str, str]) -> list[tuple[str, set[str], set[str]]]:
    """(held-out source, training doc ids, test doc ids) for each source folder."""
    sources = sorted(set(folder.values()))
    return [(s, {d for d, f in folder.items() if f != s}, {d for d, f in folder.items() if f == s})
            for s in sources]


def _fit_or_none(examples: Sequence[PairExample], threshold: float = DEFAULT_THRESHOLD) -> RelationModel | None:
    """A model trained on the examples, or None when they hold fewer than two labels."""
    if len({ex.label for ex in examples}) < 2:
        return None
    return fit(examples, threshold=threshold)


def _subcorpus(corpus: Re3dCorpus, ids: set[str]) -> Re3dCorpus:
    return Re3dCorpus([d for d in corpus.documents if d.id in ids], [],
                      [r for r in corpus.relations if r.doc_id in ids],
                      {d: f for d, f in corpus.folder.items() if d in ids})


def _combined(model: RelationModel | None, data: DocData, ids: set[str], corpus: Re3dCorpus,
              threshold: float | None, calibrate: Any = None, rules_too: bool = True) -> dict[str, list[Assertion]]:
    """Rule assertions (optionally re-calibrated; left out unless `rules_too`) plus learned ones, for `ids`."""
    docs = {d.id: d for d in corpus.documents}
    kb = None
    if model is not None:
        from ..kb.loader import bundled_kb

        kb = bundled_kb()
    out = {}
    for doc_id in ids:
        examples, rules = data[doc_id]
        rules = [calibrate(a) for a in rules] if calibrate else list(rules)
        extra = learned_assertions(model, examples, rules, docs[doc_id], kb, threshold) if model else []
        out[doc_id] = rules + extra if rules_too else extra
    return out


def _f1(result: Re3dResult) -> float:
    return result.typed.f1 + result.untyped.f1


def tune_threshold(corpus: Re3dCorpus, data: DocData, train_ids: set[str]) -> float:
    """Threshold maximising typed + untyped F1 of inner leave-one-source-out folds on the training docs."""
    sub = _subcorpus(corpus, train_ids)
    inner = folds(sub.folder)
    if len(inner) < 2:
        return DEFAULT_THRESHOLD
    scores = dict.fromkeys(THRESHOLDS, 0.0)
    preds: dict[float, dict[str, list[Assertion]]] = {t: {} for t in THRESHOLDS}
    for _, tr, te in inner:
        model = _fit_or_none([ex for d in tr for ex in data[d][0]])
        for t in THRESHOLDS:
            preds[t].update(_combined(model, data, te, sub, t))
    for t in THRESHOLDS:
        scores[t] = _f1(score_re3d(sub, preds[t]))
    return max(THRESHOLDS, key=lambda t: (scores[t], t))


def calibration_points(corpus: Re3dCorpus, data: DocData, train_ids: set[str]) -> list[tuple[str, float, bool]]:
    """(re3d type, raw rule confidence, matches a gold relation?) for every scored rule prediction of the docs."""
    gold = defaultdict(list)
    for rel in corpus.relations:
        if rel.scored and rel.doc_id in train_ids:
            gold[(rel.doc_id, rel.type)].append(rel)
    points = []
    for doc_id in sorted(train_ids):
        for p in map_predictions(doc_id, data[doc_id][1]):
            ok = any(_pair_match(p, g, p.type in ("AlliesOf", "CommWith")) for g in gold[(doc_id, p.type)])
            points.append((p.type, p.confidence, ok))
    return points


def fit_calibrator(corpus: Re3dCorpus, data: DocData, train_ids: set[str]):
    """The calibration of rule confidence fitted on the training docs, as a function of an assertion."""
    calibrator = fit_points(calibration_points(corpus, data, train_ids))
    return calibrator.apply if calibrator is not None else None


@dataclass
class CVReport:
    """Cross-validated scores of rules only, rules + model, rules (calibrated) + model and the model alone."""

    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)
    pooled: dict[str, Re3dResult] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        pooled = {k: {"typed": r.typed.to_dict(), "untyped": r.untyped.to_dict(),
                      "calibration": r.calibration.to_dict()} for k, r in self.pooled.items()}
        return {"protocol": "leave-one-source-out", "per_source": self.per_source, "pooled": pooled}


def cross_validate(corpus: Re3dCorpus, data: DocData | None = None, extractor: Any = None,
                   exclude_train: Sequence[str] = ()) -> CVReport:
    """Leave-one-source-out: for each source, train (and tune) on the others and predict its documents.

    Sources in `exclude_train` are still tested but never trained on (e.g. to weigh a licence).
    """
    data = data or corpus_examples(corpus, extractor)

    report = CVReport()
    preds: dict[str, dict[str, list[Assertion]]] = {"rules": {}, "rules+model": {}, "calibrated+model": {},
                                                    "calibrated rules": {}, "model alone": {}}
    for source, train_ids, test_ids in folds(corpus.folder):
        train_ids = {d for d in train_ids if corpus.folder[d] not in exclude_train}
        threshold = tune_threshold(corpus, data, train_ids)
        model = _fit_or_none([ex for d in train_ids for ex in data[d][0]], threshold)
        calibrate = fit_calibrator(corpus, data, train_ids)
        runs = {"rules": _combined(None, data, test_ids, corpus, None),
                "rules+model": _combined(model, data, test_ids, corpus, threshold),
                "calibrated rules": _combined(None, data, test_ids, corpus, None, calibrate),
                "calibrated+model": _combined(model, data, test_ids, corpus, threshold, calibrate),
                "model alone": _combined(model, data, test_ids, corpus, threshold, rules_too=False)}
        held = _subcorpus(corpus, test_ids)
        report.per_source[source] = {"threshold": threshold}
        for name, run in runs.items():
            preds[name].update(run)
            r = score_re3d(held, run)
            report.per_source[source][name] = {"typed_f1": round(r.typed.f1, 3), "untyped_f1": round(r.untyped.f1, 3),
                                               "ece": round(r.calibration.ece, 3)}
    for name, run in preds.items():
        report.pooled[name] = score_re3d(corpus, run)
    return report


def summary_lines(report: CVReport) -> Sequence[str]:
    """Plain text lines of a CV report."""
    lines = []
    for name, r in report.pooled.items():
        lines.append(f"pooled {name:18s} typed P/R/F1 {r.typed.precision:.3f}/{r.typed.recall:.3f}/{r.typed.f1:.3f}"
                     f"  untyped {r.untyped.precision:.3f}/{r.untyped.recall:.3f}/{r.untyped.f1:.3f}"
                     f"  ECE {r.calibration.ece:.3f} (n={r.calibration.n})")
    for source, row in report.per_source.items():
        cells = "  ".join(f"{k}: {v['typed_f1']}/{v['untyped_f1']}/ece {v['ece']}"
                          for k, v in row.items() if k != "threshold")
        lines.append(f"{source} (thr {row['threshold']}): {cells}")
    return lines
