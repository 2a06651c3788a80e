"""Score event typing against the PLOVER gold-standard records (GSR, PLOVER 2016 names).

For each record with a source and a target the extractor's prediction for the gold pair is taken: a
predicted assertion belongs to the pair when its source matches a gold source actor and its target a
gold target actor. An actor matches when the mention span overlaps the gold `actorText` in the
sentence, or when its KB actor's country (a state's own id, a state body's country) equals the gold
ISO code. The highest-confidence pair assertion is the prediction; with none, the best assertion from
a gold source; with none at all, the record counts as wrong. Gold events are mapped to current names
with `ontology.PLOVER_2016_NAMES`; negated assertions are left out.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group

from ..ontology import PLOVER_2016_NAMES, QUAD_NAMES, RELATIONS, Family, tie_quad
from ..records import ActorRef, Assertion, Document
from .metrics import Accuracy, confusion
from .render import accuracy_table, confusion_table, errors_block
from .spans import Span, overlaps

NONE = "(none)"
# Slips in the GSR country codes (README of the anchor data: Japan is coded "JAP").
_CODE_FIXES: dict[str, str] = {"JAP": "JPN"}


@dataclass(frozen=True)
class GoldActor:
    """One gold source or target: its text, ISO code and where the text sits in the sentence."""

    text: str
    code: str
    span: Span | None


@dataclass(frozen=True)
class PloverRecord:
    """One GSR record: sentence, gold sources and targets, event (current name) and quad class."""

    id: str
    text: str
    event: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    date: str | None = None

    @property
    def quad(self) -> int:
        """Quad class of the gold event."""
        return tie_quad(self.event)

    def document(self) -> Document:
        """The record's sentence as a document for the extractor."""
        return Document(id=self.id, text=self.text, source="PLOVER GSR")


def _locate(text: str, actor_text: str) -> Span | None:
    """Span of the first occurrence of the actor text in the sentence (case-insensitive)."""
    index = text.find(actor_text)
    if index < 0:
        index = text.lower().find(actor_text.lower())
    return (index, index + len(actor_text)) if index >= 0 and actor_text else None


def _actors(raw: Any, text: str) -> tuple[GoldActor, ...]:
    if not isinstance(raw, list):
        return ()
    actors = []
    for item in raw:
        if isinstance(item, dict) and item.get("actorText"):
            code = str(item.get("code") or "").upper()
            actors.append(GoldActor(item["actorText"], _CODE_FIXES.get(code, code),
                                    _locate(text, item["actorText"])))
    return tuple(actors)


def load_plover(path: Path | str) -> list[PloverRecord]:
    """Read the GSR JSON array; keep records with at least one source and one target."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    records = []
    for row in rows:
        if row.get("event") == "DOCUMENT" or not row.get("text"):
            continue
        sources, targets = _actors(row.get("source"), row["text"]), _actors(row.get("target"), row["text"])
        if not sources or not targets:
            continue
        event = str(row["event"]).upper()
        records.append(PloverRecord(row["id"], row["text"], PLOVER_2016_NAMES.get(event, event),
                                    sources, targets, row.get("date")))
    return records


def _actor_codes(ref: ActorRef, kb: Any) -> set[str]:
    """ISO codes an extracted actor stands for: its id if a state, its (state's) country."""
    codes: set[str] = set()
    if not ref.id:
        return codes
    actor = kb.get(ref.id) if kb is not None else None
    if actor is None:
        head = ref.id.split(".")[0]
        if len(head) == 3 and head.isalpha():
            codes.add(head.upper())
        return codes
    if actor.country:
        codes.add(actor.country.upper())
    state = kb.state_of(ref.id)
    if state:
        codes.add(state.upper())
    return codes


def actor_matches(ref: ActorRef, gold: Sequence[GoldActor], kb: Any = None) -> bool:
    """True if the extracted actor overlaps a gold actor's text or stands for its ISO code."""
    codes = _actor_codes(ref, kb)
    for actor in gold:
        if actor.span is not None and overlaps(tuple(ref.span), actor.span):
            return True
        if actor.code and actor.code in codes:
            return True
    return False


def choose_prediction(record: PloverRecord, assertions: Sequence[Assertion], kb: Any = None
                      ) -> tuple[Assertion | None, str]:
    """The assertion taken for the gold pair and how it was found ("pair", "source" or "none")."""
    usable = sorted((a for a in assertions if not a.negated),
                    key=lambda a: (RELATIONS[a.relation].family is not Family.EVENT, -a.confidence))
    from_source = [a for a in usable if actor_matches(a.source, record.sources, kb)]
    for a in from_source:
        if a.target is not None and actor_matches(a.target, record.targets, kb):
            return a, "pair"
    if from_source:
        return from_source[0], "source"
    return None, "none"


@dataclass
class PloverResult:
    """Event-type and quad-class accuracy on the GSR, per event type, with confusion and errors."""

    event: Accuracy
    quad: Accuracy
    per_event: dict[str, Accuracy]
    confusion: dict[str, dict[str, int]]
    found_by: dict[str, int]
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result."""
        return {
            "n_records": self.event.total,
            "seconds": None if self.seconds is None else round(self.seconds, 2),
            "event_accuracy": self.event.to_dict(), "quad_accuracy": self.quad.to_dict(),
            "per_event": {k: v.to_dict() for k, v in self.per_event.items()},
            "prediction_found_by": self.found_by, "confusion": self.confusion, "errors": self.errors,
        }

    def render(self, errors: bool = False) -> Group:
        """Rich tables of the result (with errors if asked)."""
        rows = dict(self.per_event)
        rows["all: event type"] = self.event
        rows["all: quad class"] = self.quad
        found = ", ".join(f"{k} {v}" for k, v in self.found_by.items())
        parts: list[Any] = [accuracy_table(f"PLOVER GSR ({self.event.total} records; prediction from: {found})",
                                           rows, label="gold event")]
        parts.append(confusion_table("Confusion (gold event vs predicted relation)", self.confusion))
        if errors:
            parts.append(errors_block("Errors (pair predictions first, most confident first)", [
                (f"{e['id']}: gold {e['gold']}, predicted {e['predicted']} (from {e['found_by']}: "
                 f"{e['source']!r} -> {e['target']!r})", e["text"]) for e in self.errors]))
        return Group(*parts)


def score_plover(records: Sequence[PloverRecord], predictions: Mapping[str, Sequence[Assertion]],
                 kb: Any = None, n_errors: int = 20) -> PloverResult:
    """Score predicted assertions (by record id) against the GSR records."""
    event, quad = Accuracy(), Accuracy()
    per_event: dict[str, Accuracy] = {}
    pairs: list[tuple[str, str]] = []
    found_by: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for record in records:
        if record.id not in predictions:
            continue
        chosen, how = choose_prediction(record, predictions[record.id], kb)
        found_by[how] += 1
        predicted = chosen.relation if chosen else NONE
        ok = predicted == record.event
        event.total += 1
        event.correct += ok
        quad.total += 1
        quad.correct += bool(chosen) and tie_quad(chosen.relation) == record.quad
        row = per_event.setdefault(record.event, Accuracy())
        row.total += 1
        row.correct += ok
        pairs.append((record.event, predicted))
        if not ok:
            errors.append({
                "id": record.id, "gold": record.event, "predicted": predicted, "found_by": how,
                "gold_quad": QUAD_NAMES[record.quad],
                "source": chosen.source.text if chosen else None,
                "target": chosen.target.text if chosen and chosen.target else None,
                "confidence": chosen.confidence if chosen else None, "text": record.text,
            })
    errors.sort(key=lambda e: (e["found_by"] != "pair", -(e["confidence"] or 0.0)))
    return PloverResult(event, quad, dict(sorted(per_event.items())), confusion(pairs),
                        dict(found_by.most_common()), errors[:n_errors])


def evaluate_plover(path: Path | str, extractor: Any = None, n_process: int = 1,
                    n_errors: int = 20) -> PloverResult:
    """Run the extractor over the GSR sentences and score it (the CLI's API twin)."""
    records = load_plover(path)
    if extractor is None:
        from ..nlp import Extractor

        extractor = Extractor()
    started = time.perf_counter()
    docs = [r.document() for r in records]
    predictions = {doc.id: list(found) for doc, found in extractor.extract_many(docs, n_process=n_process)}
    kb = getattr(extractor, "kb", None)
    if kb is None:
        from ..kb import bundled_kb

        kb = bundled_kb()
    result = score_plover(records, predictions, kb, n_errors)
    result.seconds = time.perf_counter() - started
    return result
