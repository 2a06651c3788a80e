"""The history index, the rule confidences and the learned forecaster on a small synthetic graph."""

from __future__ import annotations

import numpy as np

from axisgraph.forecast.evaluate import evaluate, history_before, stream_ranks
from axisgraph.forecast.features import rule_matrix
from axisgraph.forecast.history import HistoryIndex
from axisgraph.forecast.learned import LearnedConfig, fit_learned
from axisgraph.forecast.recurrency import fit_recurrency
from axisgraph.forecast.tkg import TKGData, with_inverses


def _rule_graph(seed: int = 0) -> TKGData:
    """(s, 0, o, t) is always followed by (s, 1, o, t + 1); relation 2 is noise. 60 days, 40 entities."""
    rng = np.random.default_rng(seed)
    quads = []
    for t in range(60):
        pairs = rng.choice(40, size=(6, 2), replace=True)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        quads += [(s, 0, o, t) for s, o in pairs] + [(s, 1, o, t + 1) for s, o in pairs]
        quads += [(int(rng.integers(40)), 2, int(rng.integers(40)), t) for _ in range(4)]
    q = np.unique(np.array(quads, dtype=np.int64), axis=0)
    q = q[q[:, 3] < 60]
    q = q[np.argsort(q[:, 3], kind="stable")]
    return TKGData("rules", 40, 3, q[q[:, 3] < 40], q[(q[:, 3] >= 40) & (q[:, 3] < 50)], q[q[:, 3] >= 50])


def test_history_index_counts_and_last_times():
    idx = HistoryIndex(5, 2)
    idx.add(np.array([[0, 0, 1, 3], [0, 0, 1, 3], [0, 1, 2, 4]]))
    idx.add(np.array([[0, 0, 1, 7], [3, 0, 4, 7]]))
    pos, row = idx.triples_of(np.array([0, 3, 1]), np.array([0, 0, 0]))
    assert row.tolist() == [0, 1]
    assert idx.count[pos].tolist() == [3, 1] and idx.last[pos].tolist() == [7, 7] and idx.first[pos].tolist() == [3, 7]
    assert idx.sr_count[0 * 2 + 0] == 3 and idx.s_count[0] == 4
    pos, row = idx.facts_of(np.array([0]))
    assert len(pos) == 2


def test_rule_matrix_finds_the_cyclic_rule():
    data = _rule_graph()
    c = rule_matrix(with_inverses(data.train, 3), 40, 6)
    assert np.argmax(c[1]) == 0 or c[1, 0] >= c[1].max() - 1e-9
    assert c[1, 0] > c[1, 2]


def test_learned_forecaster_uses_rules_the_baseline_cannot():
    data = _rule_graph()
    baseline = fit_recurrency(data)
    cfg = LearnedConfig(train_timestamps=25, n_estimators=40, min_child_samples=5, max_candidates=40, threads=1)
    learned = fit_learned(data, cfg, baseline=baseline, log=lambda _: None)
    base = evaluate(baseline, data, "test")
    ours = evaluate(learned, data, "test")
    assert ours["mrr"] > base["mrr"] + 15
    targets = with_inverses(data.test, 3)
    ranks, queries = stream_ranks(learned, history_before(data, "test"), targets, 40, 3)
    ruled = queries[:, 1] == 1
    assert np.mean(1 / ranks[ruled]) > 0.8  # (s, 1, ?, t) follows from (s, 0, o, t - 1)
