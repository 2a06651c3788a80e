"""Dyad timeline: a pair's assertions per period by quad class, with the cooperation–conflict score and evidence.

Quad classes are those of the relation table (verbal/material cooperation,
verbal/material conflict; standing ties by sign, see `ontology.tie_quad`),
the usual way of reading event data over time (Duval & Thompson 1980;
Schrodt & Gerner's KEDS dashboards).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..graph import actor_names, cooperation_conflict, dyad_rows, period_start, prepare
from ..ontology import QUAD_NAMES

QUAD_COLUMNS = [f"q{q}" for q in QUAD_NAMES]
TIMELINE_COLUMNS = ["period", *QUAD_COLUMNS, "count", "negated", "score", "goldstein"]


@dataclass
class Timeline:
    """A dyad's periods (counts per quad class, score) and the evidence sentences of each period."""

    a: str
    b: str
    a_name: str
    b_name: str
    freq: str
    table: pd.DataFrame
    evidence: dict[str, list[dict]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        periods = []
        for row in self.table.to_dict(orient="records"):
            key = str(pd.Timestamp(row["period"]).date())
            clean = {k: (None if pd.isna(v) else round(float(v), 4) if isinstance(v, float) else int(v))
                     for k, v in row.items() if k != "period"}
            periods.append({"period": key, **clean, "evidence": self.evidence.get(key, [])})
        return {"a": self.a, "b": self.b, "a_name": self.a_name, "b_name": self.b_name, "freq": self.freq,
                "quads": {f"q{q}": name for q, name in QUAD_NAMES.items()}, "periods": periods}


def dyad_timeline(frame: pd.DataFrame, a: str, b: str, freq: str = "M", since: date | str | None = None,
                  until: date | str | None = None, both_directions: bool = True, evidence_per_period: int = 5
                  ) -> Timeline:
    """Assertions between `a` and `b` per period ("W", "M", "Q", "Y") by quad class, with evidence.

    Output: a `Timeline` whose table has columns ``TIMELINE_COLUMNS`` (q1..q4 counts of non-negated
    assertions, total count, negated count, `score` and `goldstein` from
    `axisgraph.graph.cooperation_conflict`) and whose evidence maps each period to its strongest
    assertions (date, direction, relation, hedge, negated, sentence, doc_id).
    """
    data = prepare(dyad_rows(frame, a, b, both_directions), since, until)
    names = {a: a, b: b, **actor_names(data)}
    if data.empty:
        return Timeline(a, b, names[a], names[b], freq, pd.DataFrame(columns=TIMELINE_COLUMNS))
    data = data.assign(period=period_start(data["date"], freq))
    asserted = data[~data["negated"]]
    counts = asserted.groupby(["period", "quad"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(QUAD_NAMES), fill_value=0)
    counts.columns = QUAD_COLUMNS
    table = counts.reindex(sorted(data["period"].unique()), fill_value=0)
    table["count"] = data.groupby("period").size()
    table["negated"] = data.groupby("period")["negated"].sum().astype(int)
    table = table.rename_axis("period").reset_index()
    score = cooperation_conflict(frame, a, b, freq, since, until, both_directions)
    table = table.merge(score[["period", "score", "goldstein"]], on="period", how="left")
    evidence: dict[str, list[dict]] = {}
    for period, part in data.groupby("period"):
        top = part.reindex(part["weight"].abs().sort_values(ascending=False).index).head(evidence_per_period)
        evidence[str(pd.Timestamp(period).date())] = [
            {"date": str(pd.Timestamp(r.date).date()), "source_id": r.source_id, "relation": r.relation,
             "mode": r.mode if isinstance(r.mode, str) else None, "target_id": r.target_id,
             "negated": bool(r.negated), "hedge": r.hedge, "weight": round(float(r.weight), 4),
             "sentence": r.sentence if isinstance(r.sentence, str) else None,
             "doc_id": r.doc_id if isinstance(r.doc_id, str) else None}
            for r in top.itertuples()]
    return Timeline(a, b, names[a], names[b], freq, table[TIMELINE_COLUMNS], evidence)
