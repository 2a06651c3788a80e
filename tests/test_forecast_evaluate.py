"""The time-aware filtered, single-step evaluator on tiny graphs whose ranks are known by hand."""

from __future__ import annotations

import numpy as np
import pytest

from axisgraph.forecast.evaluate import (
    CandidateScores,
    expected_rank,
    metrics,
    rank_candidates,
    rank_dense,
    stream_ranks,
)
from axisgraph.forecast.recurrency import RecurrencyBaseline
from axisgraph.forecast.tkg import load_tkg, time_step, with_inverses


class OracleForecaster:
    """Scores the true objects at t above everything: must reach rank 1 everywhere."""

    def __init__(self, future: np.ndarray) -> None:
        self.future = future

    def start(self, history, num_entities, num_relations):
        self.n = num_entities

    def score(self, queries, t):
        dense = np.zeros((len(queries), self.n))
        now = self.future[self.future[:, 3] == t]
        for i, (s, r) in enumerate(queries):
            dense[i, now[(now[:, 0] == s) & (now[:, 1] == r), 2]] = 1.0
        return CandidateScores.from_dense(dense)

    def observe(self, quads):
        pass


def test_expected_rank_counts_ties_as_half():
    assert expected_rank(0.5, np.array([0.9, 0.5, 0.1])) == 2.5
    assert expected_rank(0.0, np.zeros(4)) == 3.0


def test_rank_dense_removes_only_other_true_answers():
    scores = np.array([0.9, 0.5, 0.5, 0.1])
    assert rank_dense(scores, 1) == 2.5
    assert rank_dense(scores, 1, filtered=[0]) == 1.5
    assert rank_dense(scores, 1, filtered=[0, 1]) == 1.5


def test_sparse_ranks_equal_dense_ranks():
    rng = np.random.default_rng(0)
    n = 30
    for _ in range(50):
        k = rng.integers(0, n)
        ent = rng.choice(n, size=k, replace=False)
        sc = rng.integers(0, 4, size=k).astype(float) / 2
        default = float(rng.choice([0.0, 0.5]))
        dense = np.full(n, default)
        dense[ent] = sc
        truth = np.unique(rng.choice(n, size=rng.integers(1, 4)))
        answers = truth.copy()
        cands = CandidateScores(np.array([0, k]), ent, sc, default)
        got = rank_candidates(cands, np.zeros(len(answers), dtype=int), answers, [truth], n)
        want = [rank_dense(dense, a, truth) for a in answers]
        assert np.allclose(got, want)


def test_recurrency_ranks_on_hand_made_graph():
    history = with_inverses(np.array([[0, 0, 1, 0], [0, 0, 2, 1], [0, 0, 1, 2]]), 1)
    test = with_inverses(np.array([[0, 0, 1, 3], [0, 0, 3, 3]]), 1)
    model = RecurrencyBaseline(lam=np.full(2, 0.5), alpha=np.full(2, 0.9))
    ranks, queries = stream_ranks(model, history, test, num_entities=5, num_relations=1)
    got = {tuple(q[:3]): rk for q, rk in zip(queries.tolist(), ranks, strict=True)}
    assert got[(0, 0, 1)] == 1.0  # the other true answer 3 is filtered, 2 scores lower
    assert got[(0, 0, 3)] == 3.0  # 1 filtered; 2 above; 0 and 4 tie at zero -> 1 + 1 + 2/2
    assert got[(1, 1, 0)] == 1.0
    assert got[(3, 1, 0)] == 3.0  # no history: four others tie -> 1 + 4/2
    m = metrics(ranks)
    assert m["mrr"] == pytest.approx(100 * (1 + 1 / 3 + 1 + 1 / 3) / 4)
    assert m["hits@1"] == 50.0 and m["hits@3"] == 100.0


def test_single_step_reveals_earlier_test_facts():
    history = with_inverses(np.array([[0, 0, 1, 0]]), 1)
    test = with_inverses(np.array([[0, 0, 2, 1], [0, 0, 2, 2]]), 1)
    ranks, queries = stream_ranks(RecurrencyBaseline(), history, test, num_entities=4, num_relations=1)
    later = (queries[:, 3] == 2) & (queries[:, 0] == 0)
    assert ranks[later][0] == 1.0


def test_oracle_is_perfect_and_constant_scores_give_middle_rank():
    quads = np.array([[0, 0, 1, 0], [0, 0, 2, 1], [1, 0, 2, 1], [2, 0, 0, 2]])
    test = with_inverses(quads[quads[:, 3] >= 1], 1)
    ranks, _ = stream_ranks(OracleForecaster(test), with_inverses(quads[:1], 1), test, 6, 1)
    assert np.all(ranks == 1.0)

    class Constant(OracleForecaster):
        def score(self, queries, t):
            return CandidateScores.from_dense(np.zeros((len(queries), self.n)))

    ranks, queries = stream_ranks(Constant(test), with_inverses(quads[:1], 1), test, 6, 1)
    same_query = (queries[:, None, [0, 1, 3]] == queries[None, :, [0, 1, 3]]).all(axis=2)
    n_true = same_query.sum(axis=1)
    assert np.array_equal(ranks, 1 + (6 - n_true) / 2)  # all tie: (2, r⁻¹, ?, 1) has two true answers
    assert n_true.max() == 2


def test_loader_normalises_hourly_time_to_days(tmp_path):
    for name, rows in {"train": "0\t0\t1\t0\n1\t0\t2\t24\n", "valid": "0\t0\t2\t48\n", "test": "2\t0\t0\t96\n"}.items():
        (tmp_path / f"{name}.txt").write_text(rows)
    data = load_tkg(tmp_path)
    assert data.test[0, 3] == 4 and data.num_entities == 3 and data.num_relations == 1
    assert time_step(np.array([0, 24, 72])) == 24
