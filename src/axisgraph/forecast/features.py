"""Candidate generation and features for the learned forecaster.

For a query (s, r, ?, t) the candidates are every entity s has a past fact with (any relation, either
direction) plus the objects most often seen with r lately. Each (query, candidate) row carries:
recurrency of the triple (ψΔξ, count, age), of the inverse triple, of the pair under any relation,
cyclic length-1 rule evidence (past (s, r', o) weighted by the confidence of r' ⇒ r, TLogic-style),
and recent popularity of the candidate as object of r.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .history import HistoryIndex
from .recurrency import recurrency_scores

FEATURES = (
    "rec", "tri_cnt", "tri_dt", "tri_xi", "inv_cnt", "inv_dt",
    "pair_cnt", "pair_dt", "pair_first_dt", "pair_xi", "pair_nrel",
    "rule_fast", "rule_slow", "rule_max", "pop_r", "pop_o", "o_total",
    "sr_total", "s_total", "n_nbrs",
)
FAST, SLOW = 0.1, 0.01
POP_DECAY = 0.1


def rule_matrix(history: np.ndarray, num_entities: int, num_relations2: int) -> np.ndarray:
    """Confidence C[r, r'] of the length-1 rule (s, r', o, t') ⇒ (s, r, o, t > t'), from a split of history in time.

    Bodies are pair-relation occurrences in the earlier half, heads those in the later half;
    C = #pairs with body r' then head r / #pairs with body r' (TLogic's rule confidence, by pair).
    """
    mid = np.median(history[:, 3])
    pair = history[:, 0].astype(np.int64) * num_entities + history[:, 2]
    uniq, pid = np.unique(pair, return_inverse=True)
    pid = pid.ravel()

    def incidence(mask: np.ndarray) -> sp.csr_matrix:
        m = sp.csr_matrix((np.ones(int(mask.sum())), (pid[mask], history[mask, 1])),
                          shape=(len(uniq), num_relations2))
        m.data[:] = 1.0
        m.sum_duplicates()
        m.data[:] = 1.0
        return m

    early, late = incidence(history[:, 3] < mid), incidence(history[:, 3] >= mid)
    co = (early.T @ late).toarray()
    body = np.asarray(early.sum(axis=0)).ravel()
    return (co / np.maximum(body, 1.0)[:, None]).T


@dataclass
class CandidateRows:
    """Feature rows: query index, candidate entity and the feature matrix."""

    query: np.ndarray
    entity: np.ndarray
    x: np.ndarray


class FeatureState:
    """History index plus decayed popularity, producing candidate feature rows for queries at t."""

    def __init__(self, num_entities: int, num_relations2: int, lam: np.ndarray, alpha: np.ndarray,
                 rules: np.ndarray, top_popular: int = 20) -> None:
        self.index = HistoryIndex(num_entities, num_relations2)
        self.lam, self.alpha, self.rules = lam, alpha, rules
        self.top_popular = top_popular
        self.pop_r = np.zeros((num_relations2, num_entities))
        self.pop_o = np.zeros(num_entities)
        self.t_ref = 0

    def add(self, quads: np.ndarray) -> None:
        """Add facts (any number of timestamps, not earlier than those seen) to index and popularity."""
        if len(quads) == 0:
            return
        t_new = int(quads[:, 3].max())
        shrink = np.exp2(-POP_DECAY * (t_new - self.t_ref))
        self.pop_r *= shrink
        self.pop_o *= shrink
        self.t_ref = t_new
        w = np.exp2(-POP_DECAY * (t_new - quads[:, 3]))
        np.add.at(self.pop_r, (quads[:, 1], quads[:, 2]), w)
        np.add.at(self.pop_o, quads[:, 2], w)
        self.index.add(quads)

    def _popular(self, rels: np.ndarray) -> np.ndarray:
        """Top objects of each relation by decayed popularity: (len(rels), k)."""
        k = min(self.top_popular, self.index.n)
        block = self.pop_r[rels]
        return np.argpartition(-block, k - 1, axis=1)[:, :k]

    def rows(self, queries: np.ndarray, t: int) -> CandidateRows:
        """Candidate rows with features for the unique (s, r) queries at time t."""
        idx, n = self.index, self.index.n
        subj, s_of_q = np.unique(queries[:, 0], return_inverse=True)
        s_of_q = s_of_q.ravel()
        pos, srow = idx.facts_of(subj)
        _, e_rel, e_obj = idx.split_key(idx.keys[pos])
        pkey = srow * n + e_obj
        order = np.argsort(pkey, kind="stable")
        pos, pkey, e_rel = pos[order], pkey[order], e_rel[order]
        starts = np.flatnonzero(np.r_[True, pkey[1:] != pkey[:-1]]) if len(pkey) else np.zeros(0, dtype=np.int64)
        pair_key = pkey[starts]
        pair_sub, pair_obj = pair_key // n, pair_key % n
        pair_of_e = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(pkey)]))
        age = (t - idx.last[pos]).astype(float)
        p_cnt = np.add.reduceat(idx.count[pos], starts) if len(starts) else np.zeros(0)
        p_last = np.maximum.reduceat(idx.last[pos], starts) if len(starts) else np.zeros(0)
        p_first = np.minimum.reduceat(idx.first[pos], starts) if len(starts) else np.zeros(0)
        p_nrel = np.diff(np.r_[starts, len(pkey)])
        d_fast = sp.csr_matrix((np.exp2(-FAST * age), (pair_of_e, e_rel)), shape=(len(starts), idx.r2))
        d_slow = sp.csr_matrix((np.exp2(-SLOW * age), (pair_of_e, e_rel)), shape=(len(starts), idx.r2))
        seen = sp.csr_matrix((np.ones(len(e_rel)), (pair_of_e, e_rel)), shape=(len(starts), idx.r2))

        # neighbour rows: every (query, pair of its subject)
        p_lo = np.searchsorted(pair_sub, np.arange(len(subj)))
        p_hi = np.searchsorted(pair_sub, np.arange(len(subj)), side="right")
        lens = (p_hi - p_lo)[s_of_q]
        q_nb = np.repeat(np.arange(len(queries)), lens)
        p_nb = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(p_lo[s_of_q], lens)
        o_nb = pair_obj[p_nb]
        # popular rows not already neighbours
        rels, r_inv = np.unique(queries[:, 1], return_inverse=True)
        top = self._popular(rels)[r_inv.ravel()]
        q_pop = np.repeat(np.arange(len(queries)), top.shape[1])
        o_pop = top.ravel()
        fresh = ~np.isin(q_pop * n + o_pop, q_nb * n + o_nb)
        q_all = np.r_[q_nb, q_pop[fresh]]
        o_all = np.r_[o_nb, o_pop[fresh]]
        p_all = np.r_[p_nb, np.full(int(fresh.sum()), -1)]
        order = np.lexsort((o_all, q_all))
        q_all, o_all, p_all = q_all[order], o_all[order], p_all[order]
        return CandidateRows(q_all, o_all, self._features(queries, t, q_all, o_all, p_all,
                                                           (p_cnt, p_last, p_first, p_nrel),
                                                           (d_fast, d_slow, seen)))

    def _triple(self, s: np.ndarray, r: np.ndarray, o: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Count and last time of (s, r, o) triples (0 and -1 where never seen)."""
        idx = self.index
        k = idx.key(s, r, o)
        pos = np.minimum(np.searchsorted(idx.keys, k), max(len(idx.keys) - 1, 0))
        hit = idx.keys[pos] == k if len(idx.keys) else np.zeros(len(k), dtype=bool)
        return np.where(hit, idx.count[pos], 0), np.where(hit, idx.last[pos], -1)

    def _rule(self, mats: tuple[sp.csr_matrix, ...], p: np.ndarray, r: np.ndarray) -> list[np.ndarray]:
        """Σ_r' C[r, r'] D[p, r'] per row for each matrix D (and max over r' for the last)."""
        ok = p >= 0
        out = [np.zeros(len(p)) for _ in mats]
        rows = np.flatnonzero(ok)
        for lo in range(0, len(rows), 1_000_000):
            chunk = rows[lo : lo + 1_000_000]
            for j, m in enumerate(mats):
                sub = m[p[chunk]]
                nnz_row = np.repeat(np.arange(len(chunk)), np.diff(sub.indptr))
                vals = sub.data * self.rules[r[chunk][nnz_row], sub.indices]
                if j == len(mats) - 1:
                    red = np.zeros(len(chunk))
                    np.maximum.at(red, nnz_row, vals)
                else:
                    red = np.bincount(nnz_row, weights=vals, minlength=len(chunk))
                out[j][chunk] = red
        return out

    def _features(self, queries: np.ndarray, t: int, q: np.ndarray, o: np.ndarray, p: np.ndarray,
                  pair_stats: tuple[np.ndarray, ...], mats: tuple[sp.csr_matrix, ...]) -> np.ndarray:
        """The FEATURES matrix of rows (query q, candidate o, pair p or -1)."""
        idx = self.index
        s, r = queries[q, 0], queries[q, 1]
        half = idx.r2 // 2
        ok = p >= 0
        pp = np.where(ok, p, 0)
        p_cnt, p_last, p_first, p_nrel = pair_stats
        nan = np.nan
        t_cnt, t_last = self._triple(s, r, o)
        i_cnt, i_last = self._triple(s, (r + half) % idx.r2, o)
        sr_total = idx.sr_count[s * idx.r2 + r]
        xi = t_cnt / np.maximum(sr_total, 1)
        rec = np.where(t_cnt > 0, recurrency_scores(t - t_last, xi, self.lam[r], self.alpha[r]), 0.0)
        rule_fast, rule_slow, rule_max = self._rule(mats, p, r)
        pop_tot_r = self.pop_r.sum(axis=1)
        x = np.column_stack([
            rec, t_cnt, np.where(t_cnt > 0, t - t_last, nan), xi,
            i_cnt, np.where(i_cnt > 0, t - i_last, nan),
            np.where(ok, p_cnt[pp] if len(p_cnt) else 0, 0),
            np.where(ok, t - (p_last[pp] if len(p_last) else 0), nan),
            np.where(ok, t - (p_first[pp] if len(p_first) else 0), nan),
            np.where(ok, (p_cnt[pp] if len(p_cnt) else 0) / np.maximum(idx.s_count[s], 1), 0),
            np.where(ok, p_nrel[pp] if len(p_nrel) else 0, 0),
            rule_fast, rule_slow, rule_max,
            self.pop_r[r, o] / np.maximum(pop_tot_r[r], 1e-12),
            self.pop_o[o] / max(self.pop_o.sum(), 1e-12),
            idx.s_count[o], sr_total, idx.s_count[s], np.bincount(q, minlength=len(queries))[q],
        ])
        return x.astype(np.float32)
