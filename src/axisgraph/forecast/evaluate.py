"""Time-aware filtered, single-step evaluation of entity forecasting (the protocol of Gastinger et al. 2024).

For each fact (s, r, o, t) of a split the queries (s, r, ?, t) and (o, r + R, ?, t) rank every entity.
Other true answers at the same t are removed (time-aware filter); ties count as the expected rank
among the tied entities; after scoring timestamp t its facts join the history (single-step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .tkg import TKGData, with_inverses

HITS_AT = (1, 3, 10)


@dataclass
class CandidateScores:
    """Scores of listed candidate entities per query; every unlisted entity scores `default`."""

    indptr: np.ndarray
    entity: np.ndarray
    score: np.ndarray
    default: float = 0.0

    @classmethod
    def from_dense(cls, scores: np.ndarray) -> CandidateScores:
        """Wrap a (queries x entities) dense score matrix."""
        q, n = scores.shape
        return cls(np.arange(q + 1) * n, np.tile(np.arange(n), q), scores.ravel().astype(float), 0.0)

    def segment(self, u: int) -> tuple[np.ndarray, np.ndarray]:
        """Candidates and scores of query u."""
        lo, hi = self.indptr[u], self.indptr[u + 1]
        return self.entity[lo:hi], self.score[lo:hi]


class Forecaster(Protocol):
    """A streaming model: sees history, scores queries at t, then observes the facts at t."""

    def start(self, history: np.ndarray, num_entities: int, num_relations: int) -> None:
        """Reset to a history of quadruples (with inverse relations r + R)."""

    def score(self, queries: np.ndarray, t: int) -> CandidateScores:
        """Score all entities as objects of the (subject, relation) rows of `queries` at time t."""

    def observe(self, quads: np.ndarray) -> None:
        """Add the facts of one timestamp (with inverses) to the history."""


def expected_rank(true_score: float, others: np.ndarray) -> float:
    """1 + #others scoring higher + half the #others scoring the same (expected rank among ties)."""
    return 1.0 + float(np.sum(others > true_score)) + float(np.sum(others == true_score)) / 2.0


def rank_dense(scores: np.ndarray, answer: int, filtered: np.ndarray | list[int] = ()) -> float:
    """Time-aware filtered expected rank of `answer` given a score for every entity."""
    keep = np.ones(len(scores), dtype=bool)
    keep[np.asarray(filtered, dtype=np.int64)] = False
    keep[answer] = False
    return expected_rank(float(scores[answer]), scores[keep])


def rank_candidates(
    cands: CandidateScores, query_of: np.ndarray, answers: np.ndarray, truth: list[np.ndarray], num_entities: int
) -> np.ndarray:
    """Filtered expected ranks of `answers`; query_of maps each answer to its query, truth[u] is all true objects."""
    ranks = np.empty(len(answers), dtype=float)
    order = np.argsort(query_of, kind="stable")
    bounds = np.searchsorted(query_of[order], np.arange(len(truth) + 1))
    for u in range(len(truth)):
        idx = order[bounds[u] : bounds[u + 1]]
        if len(idx) == 0:
            continue
        ent, sc = cands.segment(u)
        true_set = truth[u]
        keep = ~np.isin(ent, true_set)
        cmp = np.sort(sc[keep])
        n_default = num_entities - len(true_set) - int(keep.sum())
        pos = {int(e): float(s) for e, s in zip(ent[~keep], sc[~keep], strict=True)}
        st = np.array([pos.get(int(a), cands.default) for a in answers[idx]])
        greater = len(cmp) - np.searchsorted(cmp, st, side="right")
        equal = np.searchsorted(cmp, st, side="right") - np.searchsorted(cmp, st, side="left")
        greater = greater + np.where(cands.default > st, n_default, 0)
        equal = equal + np.where(cands.default == st, n_default, 0)
        ranks[idx] = 1.0 + greater + equal / 2.0
    return ranks


def metrics(ranks: np.ndarray) -> dict[str, float]:
    """MRR and Hits@1/3/10 in percent."""
    out = {"mrr": 100.0 * float(np.mean(1.0 / ranks))}
    for k in HITS_AT:
        out[f"hits@{k}"] = 100.0 * float(np.mean(ranks <= k))
    out["queries"] = float(len(ranks))
    return out


def history_before(data: TKGData, split: str) -> np.ndarray:
    """Facts (with inverses) of the splits before `split`."""
    parts = {"train": [], "valid": [data.train], "test": [data.train, data.valid]}[split]
    if not parts:
        return np.zeros((0, 4), dtype=np.int64)
    return with_inverses(np.concatenate(parts), data.num_relations)


def stream_ranks(
    model: Forecaster,
    history: np.ndarray,
    targets: np.ndarray,
    num_entities: int,
    num_relations: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Ranks of every target fact (inverses included) scored timestamp by timestamp; returns (ranks, queries)."""
    model.start(history, num_entities, num_relations)
    times = np.unique(targets[:, 3])
    all_ranks, all_queries = [], []
    for i, t in enumerate(times):
        facts = targets[targets[:, 3] == t]
        keys, query_of = np.unique(facts[:, :2], axis=0, return_inverse=True)
        query_of = query_of.ravel()
        order = np.argsort(query_of, kind="stable")
        bounds = np.searchsorted(query_of[order], np.arange(len(keys) + 1))
        truth = [np.unique(facts[order[bounds[u] : bounds[u + 1]], 2]) for u in range(len(keys))]
        cands = model.score(keys, int(t))
        all_ranks.append(rank_candidates(cands, query_of, facts[:, 2], truth, num_entities))
        all_queries.append(facts)
        model.observe(facts)
        if progress:
            progress(i + 1, len(times))
    return np.concatenate(all_ranks), np.concatenate(all_queries)


def evaluate(model: Forecaster, data: TKGData, split: str = "test") -> dict[str, float]:
    """Time-aware filtered MRR and Hits@k of `model` on a split, streaming over its timestamps."""
    targets = with_inverses(data.split(split), data.num_relations)
    ranks, _ = stream_ranks(model, history_before(data, split), targets, data.num_entities, data.num_relations)
    return metrics(ranks)
