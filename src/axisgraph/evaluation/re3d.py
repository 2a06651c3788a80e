"""Score actor-to-actor relation extraction and actor recognition against the re3d gold set.

Gold: re3d relations of the seven types of `ontology.RE3D_TYPES` whose two arguments are entities of
type Organisation, Person or Nationality and whose annotator confidence is at least 0.5 (lower values
are relations the annotators rejected). Predictions: non-negated assertions with a target, mapped with
`ontology.to_re3d`, each counted once per mapped type.

Matching: a prediction matches a gold relation of the same type when its source span overlaps the gold
source span and its target span the gold target span. AlliesOf and CommWith are symmetric in meaning
and the annotators coded 17% and 39% of their scored pairs in both directions, the rest in one only,
so they are scored undirected (either argument order matches, a pair counts once). The other types
are directed: FightingAgainst has 5% of pairs in both directions, Likes 3%, the rest none.
Untyped scoring asks for the right two spans in either order, any type. Predictions that match only
an excluded gold relation of their type (rejected by annotators, or with a non-actor argument) are
neither right nor wrong.
Precision is the share of predictions matching some gold relation; recall the share of gold
relations matched by some prediction. The reliability table bins the typed predictions by confidence
(as the extractor gives it: calibrated for rule assertions unless `Extractor(calibrated=False)`) against
the share that match; with the bundled model and calibration it is in-sample on the sources they were
fitted on (`nlp.relation_cv` gives held-out tables).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.console import Group

from ..ontology import RE3D_TYPES, to_re3d
from ..records import Assertion, Document
from .metrics import PRF, Accuracy, Calibration, calibration, confusion, micro
from .render import calibration_table, confusion_table, errors_block, kv_table, prf_table
from .spans import Span, overlaps, sentence_around

ACTOR_ENTITY_TYPES: tuple[str, ...] = ("Organisation", "Person", "Nationality")
UNDIRECTED_TYPES: frozenset[str] = frozenset({"AlliesOf", "CommWith"})
MIN_GOLD_CONFIDENCE = 0.5
NONE = "(none)"
_SHORT = {"FightingAgainst": "Fight", "AlliesOf": "Ally", "Likes": "Like", "Dislikes": "Disl",
          "CommWith": "Comm", "BelongsTo": "Belong", "InChargeOf": "InCh", NONE: "none"}


class MentionLike(Protocol):
    """What the coverage score needs of an extractor mention."""

    start: int
    end: int
    actor_id: str | None


@dataclass(frozen=True)
class GoldEntity:
    """One annotated re3d entity."""

    doc_id: str
    type: str
    span: Span
    text: str


@dataclass(frozen=True)
class GoldRelation:
    """One annotated re3d relation; `scored` is False for rejected or non-actor relations."""

    doc_id: str
    type: str
    source: Span
    target: Span
    source_text: str
    target_text: str
    trigger: str
    confidence: float
    scored: bool = True

    def key(self) -> tuple:
        """Identity used to drop duplicate annotations (unordered for undirected types)."""
        pair: Any = frozenset((self.source, self.target)) if self.type in UNDIRECTED_TYPES else (
            self.source, self.target)
        return (self.doc_id, self.type, pair)


@dataclass
class Re3dCorpus:
    """re3d documents with their gold entities and relations, and each document's source folder."""

    documents: list[Document]
    entities: list[GoldEntity]
    relations: list[GoldRelation]
    folder: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PredictedRelation:
    """A predicted assertion mapped to one re3d type."""

    doc_id: str
    type: str
    source: Span
    target: Span
    confidence: float
    source_text: str
    target_text: str
    sentence: str
    relation: str

    def key(self) -> tuple:
        """Identity of a prediction: duplicates of one pair and type count once."""
        pair: Any = frozenset((self.source, self.target)) if self.type in UNDIRECTED_TYPES else (
            self.source, self.target)
        return (self.doc_id, self.type, pair)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_re3d(path: Path | str, sources: Sequence[str] | None = None,
              min_confidence: float = MIN_GOLD_CONFIDENCE) -> Re3dCorpus:
    """Read the re3d folders (one per source, each with documents/entities/relations.json)."""
    root = Path(path)
    folders = sorted(p for p in root.iterdir() if (p / "documents.json").is_file())
    if sources:
        wanted = {s.lower() for s in sources}
        folders = [f for f in folders if f.name.lower() in wanted]
    if not folders:
        raise FileNotFoundError(f"no re3d source folders (with documents.json) under {root}")
    corpus = Re3dCorpus([], [], [])
    for folder in folders:
        for row in _read_jsonl(folder / "documents.json"):
            corpus.documents.append(Document(id=row["_id"], text=row["text"], title=row.get("title"),
                                             url=row.get("sourceUrl"), source=row.get("sourceName")))
            corpus.folder[row["_id"]] = folder.name
        entity_types: dict[tuple[str, int, int], str] = {}
        for row in _read_jsonl(folder / "entities.json"):
            entity = GoldEntity(row["documentId"], row["type"], (row["begin"], row["end"]), row["value"])
            corpus.entities.append(entity)
            entity_types[(entity.doc_id, *entity.span)] = entity.type
        for row in _read_jsonl(folder / "relations.json"):
            if row["type"] not in RE3D_TYPES:
                continue
            doc_id = row["documentId"]
            source = (row["sourceBegin"], row["sourceEnd"])
            target = (row["targetBegin"], row["targetEnd"])
            actor_args = all(entity_types.get((doc_id, *span)) in ACTOR_ENTITY_TYPES for span in (source, target))
            confidence = float(row.get("confidence", 1.0))
            corpus.relations.append(GoldRelation(
                doc_id, row["type"], source, target, row["source"], row["target"], row.get("value", ""),
                confidence, scored=actor_args and confidence >= min_confidence and source != target))
    return corpus


def map_predictions(doc_id: str, assertions: Iterable[Assertion]) -> list[PredictedRelation]:
    """Map one document's assertions to re3d types, dropping negated, targetless and unmapped ones."""
    best: dict[tuple, PredictedRelation] = {}
    for a in assertions:
        if a.negated or a.target is None:
            continue
        kind = to_re3d(a.relation, a.mode)
        if kind is None:
            continue
        pred = PredictedRelation(doc_id, kind, tuple(a.source.span), tuple(a.target.span), a.confidence,
                                 a.source.text, a.target.text, a.sentence, a.relation)
        old = best.get(pred.key())
        if old is None or pred.confidence > old.confidence:
            best[pred.key()] = pred
    return list(best.values())


def _pair_match(pred: PredictedRelation, gold: GoldRelation, undirected: bool) -> bool:
    if overlaps(pred.source, gold.source) and overlaps(pred.target, gold.target):
        return True
    return undirected and overlaps(pred.source, gold.target) and overlaps(pred.target, gold.source)


@dataclass
class _Tally:
    """Per-type outcome of matching: counts, calibration pairs and errors."""

    prf: PRF = field(default_factory=PRF)
    scored_preds: list[tuple[PredictedRelation, bool]] = field(default_factory=list)
    missed: list[GoldRelation] = field(default_factory=list)


def _match(preds: Sequence[PredictedRelation], gold: Sequence[GoldRelation],
           excluded: Sequence[GoldRelation], undirected: bool) -> _Tally:
    """Match predictions to gold of one document and type (or untyped, with undirected=True)."""
    tally = _Tally()
    hit: set[int] = set()
    for pred in preds:
        matched = [i for i, g in enumerate(gold) if _pair_match(pred, g, undirected)]
        if not matched and any(_pair_match(pred, g, undirected) for g in excluded):
            continue
        hit.update(matched)
        tally.scored_preds.append((pred, bool(matched)))
    tally.prf = PRF(sum(ok for _, ok in tally.scored_preds), len(tally.scored_preds), len(hit), len(gold))
    tally.missed = [g for i, g in enumerate(gold) if i not in hit]
    return tally


def _dedup(relations: Iterable[GoldRelation], key) -> list[GoldRelation]:
    seen: dict[tuple, GoldRelation] = {}
    for rel in relations:
        seen.setdefault(key(rel), rel)
    return list(seen.values())


def _untyped_key(rel: GoldRelation | PredictedRelation) -> tuple:
    return (rel.doc_id, frozenset((rel.source, rel.target)))


@dataclass
class Re3dResult:
    """Scores of one run on re3d: per type, micro typed and untyped, per source, coverage, confusion."""

    per_type: dict[str, PRF]
    typed: PRF
    untyped: PRF
    per_source: dict[str, dict[str, PRF]]
    coverage: dict[str, Accuracy]
    resolved_coverage: dict[str, Accuracy]
    confusion: dict[str, dict[str, int]]
    calibration: Calibration
    errors: list[dict[str, Any]]
    n_documents: int = 0
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result."""
        return {
            "n_documents": self.n_documents,
            "seconds": None if self.seconds is None else round(self.seconds, 2),
            "micro_typed": self.typed.to_dict(),
            "micro_untyped": self.untyped.to_dict(),
            "per_type": {k: v.to_dict() for k, v in self.per_type.items()},
            "per_source": {s: {k: v.to_dict() for k, v in d.items()} for s, d in self.per_source.items()},
            "entity_coverage": {k: v.to_dict() for k, v in self.coverage.items()},
            "entity_coverage_resolved": {k: v.to_dict() for k, v in self.resolved_coverage.items()},
            "confusion": self.confusion,
            "calibration": self.calibration.to_dict(),
            "errors": self.errors,
        }

    def render(self, errors: bool = False) -> Group:
        """Rich tables of the result (with the worst errors if asked)."""
        rows = dict(self.per_type)
        rows["micro (typed)"] = self.typed
        rows["micro (untyped)"] = self.untyped
        parts: list[Any] = [prf_table(f"re3d relations ({self.n_documents} documents)", rows)]
        source_rows = {f"{s} ({k})": v for s, d in self.per_source.items() for k, v in d.items()}
        parts.append(prf_table("re3d by source folder", source_rows, label="source"))
        cov = {k: f"{v.value:.3f} ({v.correct}/{v.total}); resolved {self.resolved_coverage[k].value:.3f}"
               for k, v in self.coverage.items()}
        parts.append(kv_table("Entity coverage by extractor mentions", cov, "entity type", "share covered"))
        parts.append(confusion_table("Confusion (gold rows, predicted columns; span-matched pairs)",
                                     self.confusion, short=_SHORT))
        parts.append(calibration_table("Reliability of predicted confidence", self.calibration))
        if errors:
            parts.append(errors_block("Worst errors (most confident false positives and misses)", [
                (f"{e['error']}: {e['type']} ({e['relation']}) {e['source']!r} -> {e['target']!r}, "
                 f"confidence {e['confidence']:.2f}", e["sentence"]) for e in self.errors]))
        return Group(*parts)


def entity_coverage(entities: Iterable[GoldEntity], mentions: Mapping[str, Sequence[MentionLike]],
                    resolved_only: bool = False) -> dict[str, Accuracy]:
    """Share of gold actor entities (Organisation, Person, Nationality) overlapped by a mention."""
    result = {t: Accuracy() for t in ACTOR_ENTITY_TYPES}
    for entity in entities:
        if entity.type not in result or entity.doc_id not in mentions:
            continue
        found = any(overlaps(entity.span, (m.start, m.end)) and (m.actor_id is not None or not resolved_only)
                    for m in mentions[entity.doc_id])
        result[entity.type].total += 1
        result[entity.type].correct += int(found)
    total = Accuracy(sum(a.correct for a in result.values()), sum(a.total for a in result.values()))
    result["all"] = total
    return result


def score_re3d(corpus: Re3dCorpus, predictions: Mapping[str, Sequence[Assertion]],
               mentions: Mapping[str, Sequence[MentionLike]] | None = None, n_errors: int = 20) -> Re3dResult:
    """Score predicted assertions (by document id) and mentions against the corpus gold."""
    docs = {d.id: d for d in corpus.documents if d.id in predictions}
    gold_by_doc: dict[str, list[GoldRelation]] = defaultdict(list)
    for rel in corpus.relations:
        if rel.doc_id in docs:
            gold_by_doc[rel.doc_id].append(rel)
    per_type = {t: PRF() for t in RE3D_TYPES}
    untyped = PRF()
    per_source: dict[str, dict[str, PRF]] = defaultdict(lambda: {"typed": PRF(), "untyped": PRF()})
    scored_preds: list[tuple[PredictedRelation, bool]] = []
    missed: list[GoldRelation] = []
    pairs: list[tuple[str, str]] = []
    for doc_id in docs:
        preds = map_predictions(doc_id, predictions[doc_id])
        gold_all = gold_by_doc.get(doc_id, [])
        scored = _dedup((g for g in gold_all if g.scored), GoldRelation.key)
        excluded = [g for g in gold_all if not g.scored]
        source = per_source[corpus.folder.get(doc_id, "?")]
        for kind in RE3D_TYPES:
            tally = _match([p for p in preds if p.type == kind], [g for g in scored if g.type == kind],
                           [g for g in excluded if g.type == kind], kind in UNDIRECTED_TYPES)
            per_type[kind].add(tally.prf)
            source["typed"].add(tally.prf)
            scored_preds.extend(tally.scored_preds)
            missed.extend(tally.missed)
        upreds = list({_untyped_key(p): p for p in sorted(preds, key=lambda p: p.confidence)}.values())
        tally = _match(upreds, _dedup(scored, _untyped_key), excluded, undirected=True)
        untyped.add(tally.prf)
        source["untyped"].add(tally.prf)
        pairs.extend(_confusion_pairs(preds, scored, excluded))
    return Re3dResult(
        per_type=per_type, typed=micro(per_type.values()), untyped=untyped,
        per_source={k: per_source[k] for k in sorted(per_source)},
        coverage=entity_coverage(corpus.entities, mentions or {}),
        resolved_coverage=entity_coverage(corpus.entities, mentions or {}, resolved_only=True),
        confusion=confusion(pairs), calibration=calibration([(p.confidence, ok) for p, ok in scored_preds]),
        errors=_worst_errors(scored_preds, missed, docs, n_errors), n_documents=len(docs),
    )


def _confusion_pairs(preds: Sequence[PredictedRelation], gold: Sequence[GoldRelation],
                     excluded: Sequence[GoldRelation]) -> list[tuple[str, str]]:
    """(gold type, predicted type) for span-matched pairs, with (none) for unmatched on either side."""
    pairs: list[tuple[str, str]] = []
    hit: set[int] = set()
    for pred in preds:
        matched = [i for i, g in enumerate(gold) if _pair_match(pred, g, True)]
        if not matched and any(_pair_match(pred, g, True) for g in excluded):
            continue
        pairs.extend((gold[i].type, pred.type) for i in matched)
        hit.update(matched)
        if not matched:
            pairs.append((NONE, pred.type))
    pairs.extend((g.type, NONE) for i, g in enumerate(gold) if i not in hit)
    return pairs


def _worst_errors(scored_preds: Sequence[tuple[PredictedRelation, bool]], missed: Sequence[GoldRelation],
                  docs: Mapping[str, Document], n: int) -> list[dict[str, Any]]:
    """The most confident false positives and the most confident misses, half and half."""
    false_pos = sorted((p for p, ok in scored_preds if not ok), key=lambda p: -p.confidence)
    misses = sorted(missed, key=lambda g: -g.confidence)
    n_fp = min(len(false_pos), max(n // 2, n - len(misses)))
    rows: list[dict[str, Any]] = [
        {"error": "false positive", "doc_id": p.doc_id, "type": p.type, "relation": p.relation,
         "source": p.source_text, "target": p.target_text, "confidence": p.confidence, "sentence": p.sentence}
        for p in false_pos[:n_fp]
    ]
    for g in misses[: n - len(rows)]:
        text = docs[g.doc_id].text
        sentence = sentence_around(text, min(g.source[0], g.target[0]), max(g.source[1], g.target[1]))
        rows.append({"error": "miss", "doc_id": g.doc_id, "type": g.type, "relation": g.trigger,
                     "source": g.source_text, "target": g.target_text, "confidence": g.confidence,
                     "sentence": sentence})
    return rows


def evaluate_re3d(path: Path | str, extractor: Any = None, sources: Sequence[str] | None = None,
                  n_process: int = 1, n_errors: int = 20) -> Re3dResult:
    """Run the extractor over the re3d documents under `path` and score it (the CLI's API twin)."""
    corpus = load_re3d(path, sources)
    if extractor is None:
        from ..nlp import Extractor

        extractor = Extractor()
    started = time.perf_counter()
    predictions: dict[str, list[Assertion]] = {}
    mentions: dict[str, list[Any]] = {}
    for doc, assertions in extractor.extract_many(corpus.documents, n_process=n_process):
        predictions[doc.id] = list(assertions)
    for doc in corpus.documents:
        mentions[doc.id] = list(extractor.mentions(doc))
    result = score_re3d(corpus, predictions, mentions, n_errors=n_errors)
    result.seconds = time.perf_counter() - started
    return result
