"""Counting metrics shared by the scorers: precision/recall/F1, confusion counts and calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class PRF:
    """True positives against predicted and gold counts, with precision, recall and F1."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that match gold (0 when nothing was predicted)."""
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items matched by some prediction (0 when there is no gold)."""
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place (for micro averages)."""
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rates, JSON-ready."""
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "tp_pred": self.tp_pred, "n_pred": self.n_pred, "tp_gold": self.tp_gold, "n_gold": self.n_gold,
        }


def micro(parts: Iterable[PRF]) -> PRF:
    """Sum of several counts: the micro average."""
    total = PRF()
    for part in parts:
        total.add(part)
    return total


@dataclass
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """Share correct (0 when empty)."""
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rate, JSON-ready."""
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


@dataclass
class ReliabilityBin:
    """Predictions whose confidence fell in [low, high): count, mean confidence, share correct."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready bin."""
        return {"low": self.low, "high": self.high, "count": self.count,
                "mean_confidence": round(self.mean_confidence, 4), "accuracy": round(self.accuracy, 4)}


@dataclass
class Calibration:
    """Reliability table and expected calibration error (ECE) of predicted confidences."""

    bins: list[ReliabilityBin] = field(default_factory=list)
    ece: float = 0.0
    n: int = 0

    def to_dict(self) -> dict:
        """JSON-ready calibration."""
        return {"ece": round(self.ece, 4), "n": self.n, "bins": [b.to_dict() for b in self.bins]}


def calibration(pairs: Sequence[tuple[float, bool]], n_bins: int = 10) -> Calibration:
    """Bin (confidence, correct) pairs into equal-width bins; ECE = sum_b n_b/N * |acc_b - conf_b|.

    Reference: Guo et al., "On Calibration of Modern Neural Networks", ICML 2017.
    """
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    for conf, ok in pairs:
        index = min(int(conf * n_bins), n_bins - 1) if conf > 0 else 0
        groups[index].append((conf, ok))
    total = len(pairs)
    bins: list[ReliabilityBin] = []
    ece = 0.0
    for i, group in enumerate(groups):
        if not group:
            continue
        mean_conf = sum(c for c, _ in group) / len(group)
        acc = sum(1 for _, ok in group if ok) / len(group)
        bins.append(ReliabilityBin(round(i / n_bins, 4), round((i + 1) / n_bins, 4), len(group), mean_conf, acc))
        ece += len(group) / total * abs(acc - mean_conf)
    return Calibration(bins, ece, total)


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Nested counts gold -> predicted -> n from (gold, predicted) label pairs."""
    counts = Counter(pairs)
    matrix: dict[str, dict[str, int]] = {}
    for (gold, pred), n in sorted(counts.items()):
        matrix.setdefault(gold, {})[pred] = n
    return matrix
