"""Temporal knowledge graph benchmark data (ICEWS14, ICEWS18): loading and time normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from math import gcd
from pathlib import Path

import numpy as np

SPLITS = ("train", "valid", "test")


@dataclass
class TKGData:
    """Quadruples (subject, relation, object, day) per split, without inverse facts."""

    name: str
    num_entities: int
    num_relations: int
    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray
    entities: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)

    def split(self, name: str) -> np.ndarray:
        """The quadruples of one split by name."""
        return {"train": self.train, "valid": self.valid, "test": self.test}[name]

    def all_quads(self) -> np.ndarray:
        """Every quadruple of the three splits, time-sorted."""
        return sort_by_time(np.concatenate([self.train, self.valid, self.test]))


def sort_by_time(quads: np.ndarray) -> np.ndarray:
    """Quadruples ordered by time (stable), as streaming evaluation needs."""
    return quads[np.argsort(quads[:, 3], kind="stable")]


def with_inverses(quads: np.ndarray, num_relations: int) -> np.ndarray:
    """Append (o, r + R, s, t) for every (s, r, o, t): the inverse queries of the protocol."""
    inv = quads[:, [2, 1, 0, 3]].copy()
    inv[:, 1] += num_relations
    return sort_by_time(np.concatenate([quads, inv]))


def time_step(times: np.ndarray) -> int:
    """Greatest common divisor of the gaps between distinct timestamps (24 for hourly-coded days)."""
    gaps = np.diff(np.unique(times))
    return int(reduce(gcd, gaps.tolist(), 0)) or 1


def _read_quads(path: Path) -> np.ndarray:
    """Read a tab-separated file of integer quadruples (extra columns ignored)."""
    arr = np.loadtxt(path, dtype=np.int64, ndmin=2)
    return arr[:, :4]


def _read_names(path: Path) -> list[str]:
    """Read `name<TAB>id` lines into a list indexed by id."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, idx = line.rsplit("\t", 1)
            pairs.append((int(idx), name))
    names = [""] * (max(i for i, _ in pairs) + 1)
    for i, n in pairs:
        names[i] = n
    return names


def load_tkg(directory: str | Path) -> TKGData:
    """Load a RE-Net style dataset directory, normalising time to day steps (t // step)."""
    directory = Path(directory)
    raw = {s: _read_quads(directory / f"{s}.txt") for s in SPLITS}
    step = time_step(np.concatenate([raw[s][:, 3] for s in SPLITS]))
    for s in SPLITS:
        raw[s][:, 3] //= step
    entities = _read_names(directory / "entity2id.txt") if (directory / "entity2id.txt").exists() else []
    relations = _read_names(directory / "relation2id.txt") if (directory / "relation2id.txt").exists() else []
    allq = np.concatenate([raw[s] for s in SPLITS])
    num_e = max(len(entities), int(allq[:, [0, 2]].max()) + 1)
    num_r = max(len(relations), int(allq[:, 1].max()) + 1)
    return TKGData(directory.name, num_e, num_r, *(sort_by_time(raw[s]) for s in SPLITS), entities, relations)
