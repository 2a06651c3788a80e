"""Incremental index of past facts: per (subject, relation, object) count, first and last time.

Entries are kept sorted by key (s * R2 + r) * N + o, so the facts of a subject, or of a
(subject, relation) pair, are one contiguous slice; updates merge one timestamp at a time.
"""

from __future__ import annotations

import numpy as np


class HistoryIndex:
    """Counts and first/last times of (s, r, o) triples seen so far, relations including inverses."""

    def __init__(self, num_entities: int, num_relations2: int) -> None:
        self.n = num_entities
        self.r2 = num_relations2
        self.keys = np.zeros(0, dtype=np.int64)
        self.count = np.zeros(0, dtype=np.int64)
        self.first = np.zeros(0, dtype=np.int64)
        self.last = np.zeros(0, dtype=np.int64)
        self.sr_count = np.zeros(num_entities * num_relations2, dtype=np.int64)
        self.s_count = np.zeros(num_entities, dtype=np.int64)

    def key(self, s: np.ndarray, r: np.ndarray, o: np.ndarray | int = 0) -> np.ndarray:
        """Sort key of (s, r, o)."""
        return (np.asarray(s, dtype=np.int64) * self.r2 + r) * self.n + o

    def split_key(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(s, r, o) of sort keys."""
        o = keys % self.n
        sr = keys // self.n
        return sr // self.r2, sr % self.r2, o

    def add(self, quads: np.ndarray) -> None:
        """Merge facts (s, r, o, t) into the index; times must not precede those already added."""
        if len(quads) == 0:
            return
        k = self.key(quads[:, 0], quads[:, 1], quads[:, 2])
        order = np.argsort(k, kind="stable")
        k, t = k[order], quads[order, 3]
        uk, start, cnt = np.unique(k, return_index=True, return_counts=True)
        t_first = t[start]
        t_last = np.maximum.reduceat(t, start)
        pos = np.searchsorted(self.keys, uk)
        found = pos < len(self.keys)
        found[found] = self.keys[pos[found]] == uk[found]
        fp = pos[found]
        self.count[fp] += cnt[found]
        self.last[fp] = np.maximum(self.last[fp], t_last[found])
        new = ~found
        ins = pos[new]
        self.keys = np.insert(self.keys, ins, uk[new])
        self.count = np.insert(self.count, ins, cnt[new])
        self.first = np.insert(self.first, ins, t_first[new])
        self.last = np.insert(self.last, ins, t_last[new])
        np.add.at(self.sr_count, quads[:, 0] * self.r2 + quads[:, 1], 1)
        np.add.at(self.s_count, quads[:, 0], 1)

    def slices(self, lo_keys: np.ndarray, hi_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Entry positions in [lo_key, hi_key) per row, flattened, and the row of each position."""
        lo = np.searchsorted(self.keys, lo_keys)
        hi = np.searchsorted(self.keys, hi_keys)
        lengths = hi - lo
        row = np.repeat(np.arange(len(lo)), lengths)
        offsets = np.cumsum(lengths) - lengths
        pos = np.arange(int(lengths.sum())) - np.repeat(offsets, lengths) + np.repeat(lo, lengths)
        return pos, row

    def triples_of(self, s: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Entries of the (s, r, ·) triples of each query row: (positions, row)."""
        lo = self.key(s, r, 0)
        return self.slices(lo, lo + self.n)

    def facts_of(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Entries of all triples with subject s of each query row: (positions, row)."""
        lo = self.key(s, 0, 0)
        return self.slices(lo, lo + self.r2 * self.n)
