"""A learned forecaster: LightGBM ranks the candidates of each query on recurrency, rule and popularity features.

Fit: per-relation ψΔξ parameters and early stopping on valid; rule confidences and ranking examples from
the training period only (history strictly before each example's time, as at test time).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .evaluate import CandidateScores
from .features import FEATURES, CandidateRows, FeatureState, rule_matrix
from .recurrency import RecurrencyBaseline, fit_recurrency
from .tkg import TKGData, with_inverses


@dataclass
class LearnedConfig:
    """Knobs of candidate capping, example sampling and the LightGBM ranker."""

    max_candidates: int = 150
    train_timestamps: int = 60
    train_query_fraction: float = 1.0
    valid_query_fraction: float = 1.0
    num_leaves: int = 31
    learning_rate: float = 0.05
    n_estimators: int = 400
    min_child_samples: int = 50
    features: tuple[str, ...] = FEATURES
    seed: int = 0
    threads: int = 2


def prescore(x: np.ndarray) -> np.ndarray:
    """Cheap ordering used only to cap the candidate list: recurrency, pair frequency, rules, popularity."""
    f = {name: x[:, i] for i, name in enumerate(FEATURES)}
    return f["rec"] + f["pair_xi"] + 0.2 * f["rule_fast"] + 0.05 * f["rule_slow"] + f["pop_r"]


def cap_rows(rows: CandidateRows, k: int) -> CandidateRows:
    """Keep the k best candidates of each query by prescore (rows stay grouped by query)."""
    ps = prescore(rows.x)
    order = np.lexsort((-ps, rows.query))
    q = rows.query[order]
    first = np.searchsorted(q, q)
    keep = order[(np.arange(len(q)) - first) < k]
    keep.sort()
    return CandidateRows(rows.query[keep], rows.entity[keep], rows.x[keep])


def _truth_labels(queries: np.ndarray, rows: CandidateRows, facts: np.ndarray, n: int) -> np.ndarray:
    """1 where the row's entity is a true object of its query at this timestamp."""
    true_keys = (facts[:, 0] * 100_000 + facts[:, 1]) * n + facts[:, 2]
    row_keys = (queries[rows.query, 0] * 100_000 + queries[rows.query, 1]) * n + rows.entity
    return np.isin(row_keys, true_keys).astype(np.int32)


def collect_examples(state: FeatureState, facts: np.ndarray, cfg: LearnedConfig, fraction: float,
                     rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stream over the timestamps of `facts`, returning (X, y, group sizes) of sampled queries with a positive."""
    xs, ys, groups = [], [], []
    for t in np.unique(facts[:, 3]):
        now = facts[facts[:, 3] == t]
        queries = np.unique(now[:, :2], axis=0)
        if fraction < 1.0:
            queries = queries[rng.random(len(queries)) < fraction]
        if len(queries):
            rows = cap_rows(state.rows(queries, int(t)), cfg.max_candidates)
            y = _truth_labels(queries, rows, now, state.index.n)
            size = np.bincount(rows.query, minlength=len(queries))
            has_pos = np.bincount(rows.query, weights=y, minlength=len(queries)) > 0
            keep = has_pos[rows.query]
            xs.append(rows.x[keep])
            ys.append(y[keep])
            groups.append(size[has_pos])
        state.add(now)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(groups)


@dataclass
class LearnedForecaster:
    """Streaming forecaster scoring capped candidate lists with a LightGBM ranker; others score lowest."""

    baseline: RecurrencyBaseline
    rules: np.ndarray
    booster: object
    cfg: LearnedConfig = field(default_factory=LearnedConfig)
    state: FeatureState | None = field(default=None, repr=False)

    def start(self, history: np.ndarray, num_entities: int, num_relations: int) -> None:
        """Rebuild the feature state from the history."""
        self.state = FeatureState(num_entities, 2 * num_relations, self.baseline.lam, self.baseline.alpha,
                                  self.rules)
        self.state.add(history)

    def observe(self, quads: np.ndarray) -> None:
        """Add one timestamp's facts."""
        self.state.add(quads)

    def score(self, queries: np.ndarray, t: int) -> CandidateScores:
        """Ranker scores of each query's capped candidates; every other entity gets one lower score."""
        rows = cap_rows(self.state.rows(queries, t), self.cfg.max_candidates)
        cols = [FEATURES.index(f) for f in self.cfg.features]
        pred = self.booster.predict(rows.x[:, cols], num_threads=self.cfg.threads) if len(rows.query) else []
        pred = np.asarray(pred, dtype=float)
        default = float(pred.min()) - 1.0 if len(pred) else 0.0
        indptr = np.r_[0, np.cumsum(np.bincount(rows.query, minlength=len(queries)))]
        return CandidateScores(indptr, rows.entity, pred, default)


def fit_learned(data: TKGData, cfg: LearnedConfig | None = None, baseline: RecurrencyBaseline | None = None,
                log: Callable[[str], None] = print) -> LearnedForecaster:
    """Fit ψΔξ parameters on valid, rules on train, then the ranker on late-train examples (early stop on valid)."""
    import lightgbm as lgb

    cfg = cfg or LearnedConfig()
    t0 = time.time()
    baseline = baseline or fit_recurrency(data)
    log(f"recurrency parameters chosen on valid ({time.time() - t0:.0f}s)")
    r2 = 2 * data.num_relations
    train = with_inverses(data.train, data.num_relations)
    rules = rule_matrix(train, data.num_entities, r2)
    times = np.unique(train[:, 3])
    cut = times[max(len(times) - cfg.train_timestamps, len(times) // 3)]
    state = FeatureState(data.num_entities, r2, baseline.lam, baseline.alpha, rules)
    state.add(train[train[:, 3] < cut])
    rng = np.random.default_rng(cfg.seed)
    x_tr, y_tr, g_tr = collect_examples(state, train[train[:, 3] >= cut], cfg, cfg.train_query_fraction, rng)
    x_va, y_va, g_va = collect_examples(state, with_inverses(data.valid, data.num_relations), cfg,
                                        cfg.valid_query_fraction, rng)
    log(f"examples: train {len(y_tr)} rows / {len(g_tr)} queries, valid {len(y_va)} / {len(g_va)} "
        f"({time.time() - t0:.0f}s)")
    cols = [FEATURES.index(f) for f in cfg.features]
    params = {
        "objective": "lambdarank", "learning_rate": cfg.learning_rate, "num_leaves": cfg.num_leaves,
        "min_data_in_leaf": cfg.min_child_samples, "bagging_fraction": 0.8, "bagging_freq": 1,
        "feature_fraction": 0.8, "seed": cfg.seed, "num_threads": cfg.threads, "verbose": -1,
        "lambdarank_truncation_level": 30, "metric": "map", "eval_at": [10],
    }
    train_set = lgb.Dataset(x_tr[:, cols], y_tr, group=g_tr)
    valid_set = lgb.Dataset(x_va[:, cols], y_va, group=g_va, reference=train_set)
    booster = lgb.train(params, train_set, num_boost_round=cfg.n_estimators, valid_sets=[valid_set],
                        callbacks=[lgb.early_stopping(30, verbose=False)])
    log(f"ranker: {booster.best_iteration} trees ({time.time() - t0:.0f}s)")
    return LearnedForecaster(baseline, rules, booster, cfg)
