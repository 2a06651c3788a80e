"""An in-memory columnar index of the stored assertions, for fast filtered graph views.

Grouping hundreds of thousands of assertions in SQL for every filter change
takes seconds; the index reads the few columns a graph view needs once per
store version (integer-coded actors, relations and days) and answers each
filter set with numpy masks and integer group-bys in tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..ontology import HEDGES, RELATIONS, tie_quad
from ..store import Store
from .models import ViewFilters

RELATION_NAMES: tuple[str, ...] = tuple(RELATIONS)
FAMILIES: tuple[str, ...] = ("sponsorship", "command", "cooperation", "hostility")
EPOCH = dt.date(1970, 1, 1)
NO_DAY = np.iinfo(np.int32).min
# A plain table scan through the driver's cursor: row objects and per-row date parsing would cost seconds.
SCAN = "SELECT source_id, target_id, relation, date, confidence, negated, hedge FROM assertions"


def relation_family(name: str) -> str:
    """The drawing family of a relation: sponsorship, command, cooperation or hostility."""
    if name in ("BACKS", "AID"):
        return "sponsorship"
    if name in ("COMMANDS", "LEADS", "MEMBER_OF"):
        return "command"
    return "cooperation" if RELATIONS[name].sign > 0 else "hostility"


FAMILY_CODE = np.array([FAMILIES.index(relation_family(r)) for r in RELATION_NAMES], dtype=np.int8)
QUAD_CODE = np.array([tie_quad(r) for r in RELATION_NAMES], dtype=np.int8)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


@dataclass
class AssertionIndex:
    """Integer-coded columns of every assertion with a source and a target."""

    actors: np.ndarray
    source: np.ndarray
    target: np.ndarray
    relation: np.ndarray
    day: np.ndarray
    confidence: np.ndarray
    negated: np.ndarray
    hedge: np.ndarray

    @classmethod
    def load(cls, store: Store) -> AssertionIndex:
        """Read the graph columns of all assertions (one scan)."""
        columns = ["source", "target", "relation", "date", "confidence", "negated", "hedge"]
        with store.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                cursor.execute(SCAN)
                frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
            finally:
                cursor.close()
        frame = frame[frame["source"].notna() & frame["target"].notna()]
        frame = frame[frame["source"] != frame["target"]]
        codes, actors = pd.factorize(pd.concat([frame["source"], frame["target"]], ignore_index=True))
        n = len(frame)
        days = pd.to_datetime(frame["date"], errors="coerce", format="ISO8601")
        day = np.where(days.isna(), NO_DAY, (days - pd.Timestamp(EPOCH)).dt.days.fillna(0)).astype(np.int32)
        return cls(
            actors=np.asarray(actors, dtype=object), source=codes[:n].astype(np.int32),
            target=codes[n:].astype(np.int32),
            relation=frame["relation"].map({r: i for i, r in enumerate(RELATION_NAMES)}).fillna(-1)
            .to_numpy(np.int16),
            day=day, confidence=frame["confidence"].to_numpy(np.float32),
            negated=frame["negated"].astype(bool).to_numpy(),
            hedge=frame["hedge"].map({h: i for i, h in enumerate(HEDGES)}).fillna(0).to_numpy(np.int8),
        )

    def __len__(self) -> int:
        return len(self.source)

    def mask(self, f: ViewFilters, allowed_actors: np.ndarray | None = None) -> np.ndarray:
        """Which assertions pass the filters (and have both actors in `allowed_actors`, a boolean per actor)."""
        keep = self.relation >= 0
        if f.since:
            keep &= (self.day != NO_DAY) & (self.day >= day_number(f.since))
        if f.until:
            keep &= (self.day != NO_DAY) & (self.day <= day_number(f.until))
        wanted = np.ones(len(RELATION_NAMES), dtype=bool)
        if f.relations:
            wanted &= np.isin(np.array(RELATION_NAMES), f.relations)
        if f.quads:
            wanted &= np.isin(QUAD_CODE, f.quads)
        if not wanted.all():
            keep &= wanted[np.clip(self.relation, 0, None)]
        if f.hedges:
            keep &= np.isin(self.hedge, [HEDGES.index(h) for h in f.hedges])
        if f.min_confidence > 0:
            keep &= self.confidence >= np.float32(f.min_confidence)
        if not f.include_negated:
            keep &= ~self.negated
        if allowed_actors is not None:
            keep &= allowed_actors[self.source] & allowed_actors[self.target]
        return keep

    def edges(self, keep: np.ndarray) -> pd.DataFrame:
        """Kept assertions grouped by (source, target, family): codes, count, weight, negated, first/last day."""
        family = FAMILY_CODE[self.relation[keep]]
        frame = pd.DataFrame({"s": self.source[keep], "t": self.target[keep], "f": family,
                              "w": self.confidence[keep].astype(np.float64), "n": self.negated[keep].astype(np.int32),
                              "d": np.where(self.day[keep] == NO_DAY, np.nan, self.day[keep])})
        grouped = frame.groupby(["s", "t", "f"], sort=False).agg(
            count=("w", "size"), weight=("w", "sum"), negated=("n", "sum"), first=("d", "min"), last=("d", "max"))
        return grouped.reset_index().sort_values(["count", "weight"], ascending=False, ignore_index=True)

    def relation_counts(self, keep: np.ndarray, pairs: pd.DataFrame) -> dict[tuple[int, int, int], dict[str, int]]:
        """Counts by relation for the (s, t, f) edges in `pairs` (only those, to stay fast)."""
        if pairs.empty:
            return {}
        shown = np.zeros(len(self.actors), dtype=bool)
        shown[pairs["s"].to_numpy()] = True
        shown[pairs["t"].to_numpy()] = True
        sub = keep & shown[self.source] & shown[self.target]
        rel = self.relation[sub]
        frame = pd.DataFrame({"s": self.source[sub], "t": self.target[sub], "f": FAMILY_CODE[rel], "r": rel})
        counts = frame.merge(pairs[["s", "t", "f"]], on=["s", "t", "f"]).groupby(["s", "t", "f", "r"]).size()
        out: dict[tuple[int, int, int], dict[str, int]] = {}
        for (s, t, f, r), n in counts.items():
            out.setdefault((int(s), int(t), int(f)), {})[RELATION_NAMES[r]] = int(n)
        return out


def as_date(day: float) -> dt.date | None:
    """The date of a day number (None for NaN)."""
    if day is None or np.isnan(day):
        return None
    return EPOCH + dt.timedelta(days=int(day))
