"""Learned relation classifier over mention pairs: training on re3d, JSON weights, prediction, CV by source.

Labels are re3d relation types with a direction relative to sentence order (`Type>`: first mention is
the source; `Type<`: second is), or `none`. Output uses one canonical relation per re3d type.
The model is multinomial logistic regression over binary parse features, stored as JSON (no pickle).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ..kb.model import ActorKB
from ..ontology import quad_of, relation_to_cameo
from ..records import Assertion, Document, Trigger
from .assemble import actor_ref
from .lexicon import Lexicon, default_lexicon
from .mentions import Mention
from .pipeline import sentence_of, sentence_span
from .relation_features import SentenceContext, pair_features, path_top, sentence_pairs

NONE = "none"
MODEL_PATH = Path(__file__).parent / "data" / "relation_model.json"
CANONICAL = {"FightingAgainst": "ASSAULT", "AlliesOf": "ALLY", "Likes": "SUPPORT", "Dislikes": "ACCUSE",
             "CommWith": "CONSULT", "BelongsTo": "MEMBER_OF", "InChargeOf": "LEADS"}
UNDIRECTED = frozenset({"AlliesOf", "CommWith"})
PLACE_LABELS = frozenset({"loc", "gpe", "fac"})
_LOCATIVE = frozenset({"in", "at", "near", "around", "outside", "inside", "across", "from", "to"})
_BLOCS = ("coalition", "igo")  # bodies of states and groups, never members of a single group


@dataclass
class PairExample:
    """One candidate pair with its features, gold label (training only) and the mentions it joins."""

    doc_id: str
    features: list[str]
    label: str
    first: Mention
    second: Mention
    sentence_span: tuple[int, int]
    trigger_span: tuple[int, int] = (0, 0)
    reported: bool = False  # one end speaks, the other is in what it says
    opposed: tuple[bool, bool] = (False, False)  # each end is the object of "against" (what an act is aimed at)
    coordinated: bool = False  # the two ends are conjuncts of one list ("the Coalition and our partners")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_label(first: Mention, second: Mention, gold: Iterable) -> str:
    """The re3d label of an ordered pair from gold relations with `type`, `source`, `target` spans."""
    a, b = (first.start, first.end), (second.start, second.end)
    for g in gold:
        if _overlaps(a, g.source) and _overlaps(b, g.target):
            return f"{g.type}>"
        if _overlaps(b, g.source) and _overlaps(a, g.target):
            return f"{g.type}>" if g.type in UNDIRECTED else f"{g.type}<"
    return NONE


def chunk_examples(doc: Doc, mentions: Sequence[Mention], doc_id: str, offset: int,
                   gold: Sequence = (), keep: Callable[[Mention, Mention], bool] | None = None,
                   lex: Lexicon | None = None) -> list[PairExample]:
    """Candidate pairs of one parsed chunk, with features and (when gold is given) labels.

    With `keep`, only the pairs it accepts get features (the extractor skips pairs its rules covered);
    `lex` (default: the bundled lexicon, as the shipped model was trained with) gives the relations of the
    linking words as features.
    """
    lex = lex or default_lexicon()
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[sentence_of(doc, m.tok_start).start].append(m)
    out = []
    for start, ms in by_sentence.items():
        if len(ms) < 2:
            continue
        sent = sentence_of(doc, start)
        span = sentence_span(sent, offset)
        context = SentenceContext(sent)
        for first, second in sentence_pairs(sent, ms):
            if (keep is not None and not keep(first, second)) or _located(doc, first, lex) or \
                    _located(doc, second, lex):
                continue
            top = path_top(sent, first, second, context)
            features = pair_features(sent, first, second, lex, context)
            reported = _speaks_of(doc, first, second, lex) or _speaks_of(doc, second, first, lex)
            out.append(PairExample(doc_id, features, gold_label(first, second, gold),
                                   first, second, span, (top.idx + offset, top.idx + len(top.text) + offset),
                                   reported, (_opposed(doc, first), _opposed(doc, second)),
                                   _conjoined(doc, first, second)))
    return out


class RelationModel:
    """Multinomial logistic regression weights over a feature vocabulary, with a decision threshold."""

    def __init__(self, labels: list[str], vocab: dict[str, int], coef: list[list[float]],
                 intercept: list[float], threshold: float = 0.5, meta: dict | None = None) -> None:
        self.labels, self.vocab = labels, vocab
        self.threshold = threshold
        self.meta = meta or {}
        self._weights = np.asarray(coef, dtype=np.float64).T.copy()  # one row of label weights per feature
        self._bias = np.asarray(intercept, dtype=np.float64)

    def proba(self, features: Sequence[str]) -> list[float]:
        """Class probabilities of one pair."""
        idx = [self.vocab[f] for f in features if f in self.vocab]
        scores = self._bias + self._weights[idx].sum(axis=0)
        exp = np.exp(scores - scores.max())
        return (exp / exp.sum()).tolist()

    def predict(self, features: Sequence[str]) -> tuple[str, float]:
        """Best non-none label and its probability."""
        probs = self.proba(features)
        best = max((p, lab) for p, lab in zip(probs, self.labels, strict=True) if lab != NONE)
        return best[1], best[0]

    def to_json(self) -> dict:
        """Plain-data form for saving."""
        vocab = sorted(self.vocab, key=self.vocab.get)
        return {"labels": self.labels, "vocab": vocab, "intercept": self._bias.tolist(),
                "coef": np.round(self._weights.T, 5).tolist(), "threshold": self.threshold,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> RelationModel:
        """Inverse of `to_json`."""
        return cls(data["labels"], {f: i for i, f in enumerate(data["vocab"])}, data["coef"],
                   data["intercept"], data.get("threshold", 0.5), data.get("meta"))

    def save(self, path: Path | str) -> None:
        """Write the model as JSON."""
        Path(path).write_text(json.dumps(self.to_json(), separators=(",", ":")), encoding="utf-8")


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_PATH)) -> RelationModel | None:
    """The bundled model, loaded once; None when the file is missing."""
    p = Path(path)
    if not p.is_file():
        return None
    return RelationModel.from_json(json.loads(p.read_text(encoding="utf-8")))


def fit(examples: Sequence[PairExample], threshold: float = 0.5, c: float = 0.5,
        min_count: int = 2, meta: dict | None = None) -> RelationModel:
    """Train logistic regression on labelled pairs (features seen fewer than `min_count` times dropped)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = defaultdict(int)
    for ex in examples:
        for f in ex.features:
            counts[f] += 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for f in ex.features:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    y = [ex.label for ex in examples]
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    clf.fit(x, y)
    labels = [str(lab) for lab in clf.classes_]
    coef = clf.coef_.tolist()
    intercept = clf.intercept_.tolist()
    if len(labels) == 2:
        coef = [[-v for v in coef[0]], coef[0]]
        intercept = [-intercept[0], intercept[0]]
    return RelationModel(labels, vocab, coef, intercept, threshold, meta)


def to_assertion(ex: PairExample, label: str, prob: float, document: Document, kb: ActorKB) -> Assertion | None:
    """A learned assertion from a predicted label, directed as the label says."""
    kind, arrow = label[:-1], label[-1]
    relation = CANONICAL[kind]
    if ex.coordinated and relation != "ALLY":
        return None  # "the Coalition and our partners have achieved": items of a list act together
    if ex.reported and relation == "ASSAULT":
        return None  # "X reported that the operation killed Y": the speaker is not the attacker
    src, tgt = (ex.first, ex.second) if arrow == ">" else (ex.second, ex.first)
    if relation == "ASSAULT" and ex.opposed[0 if arrow == ">" else 1]:
        return None  # "airstrikes against al-Qaida killed 20 militants": al-Qaida is the one attacked
    source, target = actor_ref(src, kb, relation, document.date), actor_ref(tgt, kb, relation, document.date)
    if (source.id is not None and source.id == target.id) or not _plausible(relation, source.kind, target.kind):
        return None
    s, e = ex.sentence_span
    ts, te = ex.trigger_span
    return Assertion(doc_id=document.id, doc_date=document.date, sentence=document.text[s:e],
                     sentence_span=(s, e), source=source, relation=relation, target=target,
                     confidence=round(min(max(prob, 0.0), 1.0), 3), quad=quad_of(relation),
                     cameo=relation_to_cameo(relation, None), origin="text",
                     trigger=Trigger(text=document.text[ts:te], span=(ts, te)))


def _plausible(relation: str, source_kind: str | None, target_kind: str | None) -> bool:
    """Kinds that can hold a learned tie: nobody is a member of a person, a coalition no member of a group."""
    if relation != "MEMBER_OF":
        return True
    if target_kind == "person":
        return False
    return not (source_kind in _BLOCS and target_kind not in (*_BLOCS, None))


def _pair_key(a: tuple[int, int], b: tuple[int, int]) -> frozenset:
    return frozenset((a, b))


def _speaks_of(doc: Doc, speaker: Mention, other: Mention, lex: Lexicon) -> bool:
    """True if `speaker` is the subject of a verb of saying and `other` is inside what it says."""
    head = doc[speaker.tok_end - 1]
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_.lower() not in lex.speech_verbs:
        return False
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    return any(c.left_edge.i <= other.tok_start and other.tok_end - 1 <= c.right_edge.i for c in said)


def _conjoined(doc: Doc, first: Mention, second: Mention) -> bool:
    """True if two mentions are items of one coordination."""
    a, b = doc[first.tok_end - 1], doc[second.tok_end - 1]
    return any(t.i == b.i for t in a.conjuncts)


def _opposed(doc: Doc, m: Mention) -> bool:
    """True for a mention an act is aimed at: "airstrikes against al-Qaida operatives"."""
    head = doc[m.tok_end - 1]
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ == "against"


def _located(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """A mention standing for a place: a capital named as where something happens ("met Abadi in Baghdad"), or
    the whole of a place part of which is meant ("in the northern part of the country")."""
    head = doc[m.tok_end - 1]
    if head.dep_ != "pobj":
        return False
    if m.form == "capital" and head.head.lower_ in _LOCATIVE:
        return True
    whole = head.head.head.lemma_.lower()
    return head.head.lower_ == "of" and (whole in lex.region_nouns or whole in lex.place_nouns)


def _place(m: Mention) -> bool:
    """An unresolved NER mention of a place, which is never an actor here."""
    return m.actor_id is None and (m.form or "") in PLACE_LABELS


def _reported_pairs(rules: Sequence[Assertion]) -> set[frozenset]:
    """Pairs of a speaker or accuser and the target of the act they report ("X accused A of attacking T")."""
    by_sentence: dict[tuple[int, int], list[Assertion]] = defaultdict(list)
    for a in rules:
        if a.target is not None:
            by_sentence[tuple(a.sentence_span)].append(a)
    out: set[frozenset] = set()
    for group in by_sentence.values():
        for told in group:
            if told.speaker is not None:
                out.add(_pair_key(tuple(told.speaker.span), tuple(told.target.span)))
            if told.relation != "ACCUSE":
                continue
            out.update(_pair_key(tuple(told.source.span), tuple(act.target.span)) for act in group
                       if act is not told and tuple(act.source.span) == tuple(told.target.span))
    return out


def _open_pairs(rules: Sequence[Assertion]) -> Callable[[Mention, Mention], bool]:
    """Whether a pair is left to the model: both ends actors (no unresolved places), no rule assertion between them."""
    covered = {_pair_key(tuple(a.source.span), tuple(a.target.span)) for a in rules if a.target is not None}

    def keep(first: Mention, second: Mention) -> bool:
        return not (_place(first) or _place(second)) and \
            _pair_key((first.start, first.end), (second.start, second.end)) not in covered

    return keep


def learned_assertions(model: RelationModel, examples: Sequence[PairExample], rules: Sequence[Assertion],
                       document: Document, kb: ActorKB, threshold: float | None = None) -> list[Assertion]:
    """Assertions for actor pairs (no unresolved places) the rules left without a relation, if the model is sure."""
    cut = model.threshold if threshold is None else threshold
    keep = _open_pairs(rules)
    out = []
    for ex in examples:
        if not keep(ex.first, ex.second):
            continue
        label, prob = model.predict(ex.features)
        if prob >= cut:
            record = to_assertion(ex, label, prob, document, kb)
            if record is not None:
                out.append(record)
    reported = _reported_pairs([*rules, *out])  # reporter-target pairs of the rules' acts and of the model's own
    return [a for a in out if _pair_key(tuple(a.source.span), tuple(a.target.span)) not in reported]


def learned_for_chunk(model: RelationModel, doc: Doc, mentions: Sequence[Mention], document: Document,
                      offset: int, kb: ActorKB, rules: Sequence[Assertion], lex: Lexicon | None = None
                      ) -> list[Assertion]:
    """The extractor hook: learned assertions of one parsed chunk, for pairs its rules missed."""
    if len(mentions) < 2:
        return []
    examples = chunk_examples(doc, mentions, document.id, offset, keep=_open_pairs(rules), lex=lex)
    return learned_assertions(model, examples, rules, document, kb)


def _command(argv: Sequence[str] | None) -> str:
    """The command line that ran `main`, for the metadata of what it writes."""
    import shlex
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join(["python", "-m", "axisgraph.nlp.relation_model", *args])


def write_calibration(corpus, data, output: Path | str, command: str) -> None:
    """Fit the rule-confidence calibration on all documents of `corpus` and save it (see calibration.py)."""
    from datetime import date

    from .calibration import fit_calibrator
    from .relation_cv import calibration_points

    points = calibration_points(corpus, data, {d.id for d in corpus.documents})
    folders = sorted(set(corpus.folder.values()))
    meta = {"fitted_on": folders, "source": "re3d", "points": len(points),
            "correct": sum(ok for _, _, ok in points), "date": date.today().isoformat(), "command": command,
            "what": "Platt scaling of 'rule assertion matches a re3d gold relation' on the raw rule score"}
    calibrator = fit_calibrator(points, meta)
    if calibrator is None:
        raise SystemExit(f"cannot fit a calibration from {len(points)} points (too few, or one outcome)")
    calibrator.save(output)
    print(f"calibration fitted on {len(points)} rule predictions from {folders}; saved {output}")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m axisgraph.nlp.relation_model train|calibrate RE3D [--sources ...]`.

    `train` fits the pair model and (unless `--no-calibration`) the rule-confidence calibration on the
    same sources; `calibrate` refits the calibration alone.
    """
    from .calibration import CALIBRATION_PATH

    parser = argparse.ArgumentParser(prog="axisgraph.nlp.relation_model")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="Train on re3d source folders; save the JSON model and calibration.")
    calibrate = sub.add_parser("calibrate", help="Fit the rule-confidence calibration on re3d source folders.")
    for p in (train, calibrate):
        p.add_argument("path")
        p.add_argument("--sources", nargs="*", default=None)
        p.add_argument("--calibration", default=str(CALIBRATION_PATH), help="Where to save the calibration map.")
    train.add_argument("-o", "--output", default=str(MODEL_PATH))
    train.add_argument("--threshold", type=float, default=0.5)
    train.add_argument("--no-calibration", action="store_true", help="Do not refit the calibration.")
    args = parser.parse_args(argv)
    from ..evaluation.re3d import load_re3d
    from .relation_cv import corpus_examples

    try:
        corpus = load_re3d(args.path, args.sources)
    except (FileNotFoundError, ValueError) as exc:
        parser.error(f"cannot read re3d at {args.path}: {exc}")
    data = corpus_examples(corpus)
    if args.command == "train":
        examples = [ex for exs, _ in data.values() for ex in exs]
        folders = sorted(set(corpus.folder.values()))
        model = fit(examples, threshold=args.threshold,
                    meta={"trained_on": folders, "examples": len(examples), "source": "re3d"})
        model.save(args.output)
        print(f"trained on {len(examples)} pairs from {folders}; saved {args.output}")
    if args.command == "calibrate" or not args.no_calibration:
        write_calibration(corpus, data, args.calibration, _command(argv))


if __name__ == "__main__":
    main()
