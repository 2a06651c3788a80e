"""The recurrency baseline ψΔξ (Gastinger et al., "History repeats itself", IJCAI 2024, section 3).

For a query (s, r, ?, t) and candidate o: strict recurrency ψΔ = 2^(-λ_r (t - t_last)), with t_last the
latest time before t at which (s, r, o) held (0 if never); relaxed recurrency ξ = #past (s, r, o) facts /
#past (s, r, ·) facts; score α_r ψΔ + (1 - α_r) ξ, with (λ_r, α_r) chosen per relation on valid.
Written from the paper's description.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .evaluate import CandidateScores
from .history import HistoryIndex
from .tkg import TKGData, with_inverses

LAMBDA_GRID = (0.0, 1e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
ALPHA_GRID = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999, 1.0)


def recurrency_scores(delta: np.ndarray, xi: np.ndarray, lam: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """ψΔξ = α 2^(-λ Δ) + (1 - α) ξ, elementwise."""
    return alpha * np.exp2(-lam * delta) + (1.0 - alpha) * xi


@dataclass
class RecurrencyBaseline:
    """Training-free forecaster ψΔξ with per-relation decay λ and mixing weight α."""

    lam: np.ndarray | None = None
    alpha: np.ndarray | None = None
    default_lambda: float = 0.02
    default_alpha: float = 0.99
    index: HistoryIndex | None = field(default=None, repr=False)

    def start(self, history: np.ndarray, num_entities: int, num_relations: int) -> None:
        """Index the history (inverse relations included)."""
        r2 = 2 * num_relations
        if self.lam is None:
            self.lam = np.full(r2, self.default_lambda)
        if self.alpha is None:
            self.alpha = np.full(r2, self.default_alpha)
        self.index = HistoryIndex(num_entities, r2)
        self.index.add(history)

    def observe(self, quads: np.ndarray) -> None:
        """Add one timestamp's facts."""
        self.index.add(quads)

    def score(self, queries: np.ndarray, t: int) -> CandidateScores:
        """Score every object seen with (s, r) before t; others score 0."""
        idx = self.index
        s, r = queries[:, 0], queries[:, 1]
        pos, row = idx.triples_of(s, r)
        delta = t - idx.last[pos]
        xi = idx.count[pos] / idx.sr_count[s[row] * idx.r2 + r[row]]
        sc = recurrency_scores(delta, xi, self.lam[r[row]], self.alpha[r[row]])
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=len(queries)))])
        return CandidateScores(indptr, idx.keys[pos] % idx.n, sc, 0.0)


@dataclass
class RecurrencyTable:
    """Every (query instance, comparison candidate) of a split, flattened for fast grid search."""

    relation: np.ndarray
    has_true: np.ndarray
    true_delta: np.ndarray
    true_xi: np.ndarray
    n_default: np.ndarray
    inst: np.ndarray
    delta: np.ndarray
    xi: np.ndarray

    def ranks(self, lam: np.ndarray, alpha: np.ndarray) -> np.ndarray:
        """Filtered expected ranks of every instance under per-relation λ, α."""
        li, ai = lam[self.relation], alpha[self.relation]
        st = np.where(self.has_true, recurrency_scores(self.true_delta, self.true_xi, li, ai), 0.0)
        sc = recurrency_scores(self.delta, self.xi, li[self.inst], ai[self.inst])
        ref = st[self.inst]
        n = len(self.relation)
        greater = np.bincount(self.inst, weights=sc > ref, minlength=n)
        equal = np.bincount(self.inst, weights=sc == ref, minlength=n)
        greater += np.where(st < 0.0, self.n_default, 0)
        equal += np.where(st == 0.0, self.n_default, 0)
        return 1.0 + greater + equal / 2.0


def build_table(history: np.ndarray, targets: np.ndarray, num_entities: int, num_relations: int) -> RecurrencyTable:
    """Stream over the target timestamps collecting Δ and ξ of every candidate of every query instance."""
    idx = HistoryIndex(num_entities, 2 * num_relations)
    idx.add(history)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in RecurrencyTable.__dataclass_fields__}
    offset = 0
    for t in np.unique(targets[:, 3]):
        facts = targets[targets[:, 3] == t]
        s, r, a = facts[:, 0], facts[:, 1], facts[:, 2]
        pos, row = idx.triples_of(s, r)
        cand = idx.keys[pos] % idx.n
        delta = t - idx.last[pos]
        xi = idx.count[pos] / idx.sr_count[s[row] * idx.r2 + r[row]]
        true_keys = np.unique(idx.key(s, r, a))
        is_truth = np.isin(idx.key(s[row], r[row], cand), true_keys)
        is_answer = cand == a[row]
        has_true = np.zeros(len(facts), dtype=bool)
        has_true[row[is_answer]] = True
        td = np.zeros(len(facts))
        tx = np.zeros(len(facts))
        td[row[is_answer]] = delta[is_answer]
        tx[row[is_answer]] = xi[is_answer]
        sr_key = idx.key(s, r, 0)
        uniq, n_truth = np.unique(sr_key, return_counts=True)
        per_sr_truth = n_truth[np.searchsorted(uniq, sr_key)]
        n_cmp = np.bincount(row[~is_truth], minlength=len(facts))
        keep = ~is_truth
        parts["relation"].append(r)
        parts["has_true"].append(has_true)
        parts["true_delta"].append(td)
        parts["true_xi"].append(tx)
        parts["n_default"].append(num_entities - per_sr_truth - n_cmp)
        parts["inst"].append(row[keep] + offset)
        parts["delta"].append(delta[keep].astype(np.float64))
        parts["xi"].append(xi[keep])
        offset += len(facts)
        idx.add(facts)
    return RecurrencyTable(**{k: np.concatenate(v) for k, v in parts.items()})


def _per_relation_mrr(ranks: np.ndarray, relation: np.ndarray, r2: int) -> np.ndarray:
    """Sum of reciprocal ranks per relation."""
    return np.bincount(relation, weights=1.0 / ranks, minlength=r2)


def select_parameters(
    table: RecurrencyTable, num_relations: int,
    lambdas: tuple[float, ...] = LAMBDA_GRID, alphas: tuple[float, ...] = ALPHA_GRID,
) -> tuple[np.ndarray, np.ndarray]:
    """Per relation, the (λ, α) of the grid maximising valid MRR (ties and unseen relations: the best overall).

    ψΔ alone ranks identically for every λ > 0, so λ only matters jointly with α: both are searched together.
    """
    r2 = 2 * num_relations
    grid = [(lam, a) for lam in lambdas for a in alphas]
    rr = np.stack([_per_relation_mrr(table.ranks(np.full(r2, lam), np.full(r2, a)), table.relation, r2)
                   for lam, a in grid])
    overall = rr.sum(axis=1)
    best = np.argmax(rr + 1e-9 * overall[:, None] / max(overall.max(), 1e-12), axis=0)
    seen = np.bincount(table.relation, minlength=r2) > 0
    best[~seen] = int(np.argmax(overall))
    params = np.asarray(grid)[best]
    return params[:, 0].copy(), params[:, 1].copy()


def fit_recurrency(data: TKGData) -> RecurrencyBaseline:
    """Choose λ_r and α_r on the valid split (history: train, then earlier valid)."""
    table = build_table(with_inverses(data.train, data.num_relations),
                        with_inverses(data.valid, data.num_relations), data.num_entities, data.num_relations)
    lam, alpha = select_parameters(table, data.num_relations)
    return RecurrencyBaseline(lam=lam, alpha=alpha)
