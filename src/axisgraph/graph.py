"""Ties and the signed graph: assertions aggregated per dyad and relation, over a window or as of a date.

Every analysis in `axisgraph.analysis` starts from an assertions frame (the
columns of `Store.assertions_frame`) and the functions here:

- `assertion_weights`: one number per assertion,
  ``confidence × HEDGE_WEIGHT[hedge] × decay``, negative when the assertion is
  negated, so that "Hamas is not a proxy of Iran" subtracts from the
  COMMANDS tie instead of adding to it;
- `ties`: the DESIGN "tie", one row per (source, relation, target) with count,
  weight, first/last seen and documents;
- `dyads` and `signed_graph`: one undirected signed edge per pair of actors
  (cooperative relations add, hostile ones subtract), as a networkx graph;
- `cooperation_conflict`: a dyad's Goldstein-like score per week or month.

Decay follows the exponential forgetting used for event-data "as of" views
(e.g. Trivedi et al. 2017, Know-Evolve): an assertion ``d`` days before the
reference date counts ``0.5 ** (d / half_life)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import networkx as nx
import numpy as np
import pandas as pd

from .ontology import HEDGE_WEIGHT, RELATIONS, tie_quad
from .records import Assertion

SIGN: dict[str, int] = {name: r.sign for name, r in RELATIONS.items()}
QUAD: dict[str, int] = {name: tie_quad(name) for name in RELATIONS}
GOLDSTEIN: dict[str, float] = {name: r.goldstein for name, r in RELATIONS.items()}
# A quad class's place on a cooperation-conflict scale in [-1, 1] (material weighs twice verbal).
QUAD_SCORE: dict[int, float] = {1: 0.5, 2: 1.0, 3: -0.5, 4: -1.0}
# Actor kinds that take political sides; event data's sector actors ("Citizen (Iran)") are "other".
POLITICAL_KINDS: frozenset[str] = frozenset({"state", "state_org", "armed_group", "party", "igo", "coalition"})
# Relations that describe membership or leadership rather than cooperation; left out of the signed graph.
STRUCTURAL: frozenset[str] = frozenset({"MEMBER_OF", "LEADS"})

TIE_COLUMNS = ["source_id", "source_name", "relation", "target_id", "target_name", "sign", "count",
               "negated", "weight", "first_seen", "last_seen", "documents"]
DYAD_COLUMNS = ["a", "a_name", "b", "b_name", "count", "positive", "negative", "weight", "first_seen",
                "last_seen"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([dwmy]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 1.0, "d": 1.0, "w": 7.0, "m": 30.4375, "y": 365.25}


def parse_duration(text: str | float | int) -> float:
    """Days in a duration such as "90d", "12w", "6m", "1y" or a bare number of days."""
    if isinstance(text, int | float):
        return float(text)
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"not a duration: {text!r} (use e.g. 90d, 12w, 6m, 1y)")
    days = float(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
    if days <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return days


FRAME_COLUMNS = ["date", "doc_id", "sentence", "source_id", "source_name", "source_kind", "relation", "mode",
                 "target_id", "target_name", "target_kind", "negated", "hedge", "confidence", "quad", "origin"]


def assertions_to_frame(records: Iterable[Assertion | dict]) -> pd.DataFrame:
    """An assertions frame (the columns of `Store.assertions_frame` that analysis uses) from records.

    Accepts `Assertion` records or flat dicts with the frame's column names; lets analysis run on
    extractor output or hand-made data without a store.
    """
    rows = []
    for record in records:
        if isinstance(record, Assertion):
            src, tgt = record.source, record.target
            rows.append({
                "date": record.event_date or record.doc_date, "doc_id": record.doc_id, "sentence": record.sentence,
                "source_id": src.id, "source_name": src.name or src.text, "source_kind": src.kind,
                "relation": record.relation, "mode": record.mode, "target_id": tgt.id if tgt else None,
                "target_name": (tgt.name or tgt.text) if tgt else None, "target_kind": tgt.kind if tgt else None,
                "negated": record.negated, "hedge": record.hedge, "confidence": record.confidence,
                "quad": record.quad, "origin": record.origin})
        else:
            row = {c: record.get(c) for c in FRAME_COLUMNS}
            row["source_name"] = row["source_name"] or row["source_id"]
            row["target_name"] = row["target_name"] or row["target_id"]
            row["negated"] = bool(row["negated"])
            row["hedge"] = row["hedge"] or "asserted"
            row["confidence"] = 1.0 if row["confidence"] is None else row["confidence"]
            row["origin"] = row["origin"] or "text"
            rows.append(row)
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["negated"] = frame["negated"].astype(bool)
    frame["confidence"] = frame["confidence"].astype(float)
    return frame


def _timestamp(day: date | datetime | str | None) -> pd.Timestamp | None:
    return None if day is None else pd.Timestamp(day)


def window(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None
           ) -> pd.DataFrame:
    """Rows of an assertions frame dated within [since, until] (either bound optional)."""
    keep = pd.Series(True, index=frame.index)
    if since is not None:
        keep &= frame["date"] >= _timestamp(since)
    if until is not None:
        keep &= frame["date"] <= _timestamp(until)
    return frame[keep]


def assertion_weights(frame: pd.DataFrame, as_of: date | str | None = None,
                      half_life: str | float | None = None) -> pd.Series:
    """Signed evidence weight of each assertion: confidence × hedge weight × decay, negative if negated.

    With `as_of`, assertions dated after it weigh 0; with `half_life` (days or "90d") an assertion
    `d` days older than `as_of` (or than the newest assertion) is multiplied by ``0.5 ** (d / half_life)``.
    """
    confidence = frame["confidence"].astype(float).fillna(1.0).to_numpy()
    hedge = frame["hedge"].map(HEDGE_WEIGHT).fillna(1.0).to_numpy()
    sign = np.where(frame["negated"].astype(bool).to_numpy(), -1.0, 1.0)
    weight = confidence * hedge * sign
    if as_of is not None or half_life is not None:
        dates = pd.to_datetime(frame["date"])
        ref = _timestamp(as_of) if as_of is not None else dates.max()
        age = (ref - dates).dt.total_seconds().to_numpy() / 86400.0
        age = np.nan_to_num(age, nan=0.0)
        if half_life is not None:
            weight = weight * np.power(0.5, np.clip(age, 0, None) / parse_duration(half_life))
        weight = np.where(age < 0, 0.0, weight)
    return pd.Series(weight, index=frame.index, name="weight")


def state_rollup(actor_ids: Iterable[str], kb: object, actors: Mapping[str, Mapping] | None = None
                 ) -> dict[str, str]:
    """Map state bodies (kind `state_org`, e.g. ``irn.irgc.quds``) to their state, using an `ActorKB`.

    Ids unknown to the KB map to a KB state when their first dotted part is one (``irn.gov``) or,
    given `actors` (``Store.actor_names()``: id → kind, country), when they are of kind `state_org`
    with the country code of a KB state (an imported "Foreign Affairs (Russia)"). Armed groups,
    parties and persons are never rolled up.
    """
    out: dict[str, str] = {}
    actors = actors or {}
    for actor_id in actor_ids:
        if not isinstance(actor_id, str):
            continue
        actor = kb.get(actor_id)
        state = None
        if actor is not None:
            state = kb.state_of(actor_id) if actor.kind == "state_org" else None
        else:
            head = kb.get(actor_id.split(".", 1)[0])
            info = actors.get(actor_id) or {}
            if head is not None and head.kind == "state" and "." in actor_id:
                state = head.id
            elif info.get("kind") == "state_org" and info.get("country"):
                country = kb.get(str(info["country"]).lower())
                state = country.id if country is not None and country.kind == "state" else None
        if state and state != actor_id:
            out[actor_id] = state
    return out


def apply_rollup(frame: pd.DataFrame, rollup: Mapping[str, str] | None,
                 names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """An assertions frame with source and target ids replaced through `rollup`; self-ties dropped.

    Renamed actors take their name from `names`, else from the frame, else their id.
    """
    if not rollup:
        return frame
    names = {**actor_names(frame), **(names or {})}
    out = frame.copy()
    for prefix in ("source", "target"):
        mapped = out[f"{prefix}_id"].map(rollup)
        changed = mapped.notna()
        out.loc[changed, f"{prefix}_id"] = mapped[changed]
        out.loc[changed, f"{prefix}_name"] = mapped[changed].map(names).fillna(mapped[changed])
    return out[~(out["source_id"].notna() & (out["source_id"] == out["target_id"]))]


def filter_kinds(frame: pd.DataFrame, kinds: Iterable[str] | None) -> pd.DataFrame:
    """Assertions whose source and target are both of the given actor kinds (all when `kinds` is None)."""
    if not kinds:
        return frame
    wanted = set(kinds)
    return frame[frame["source_kind"].isin(wanted) & frame["target_kind"].isin(wanted)]


def prepare(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None,
            as_of: date | str | None = None, half_life: str | float | None = None) -> pd.DataFrame:
    """A copy of the assertions in the window, with `weight`, `sign`, `quad` and `signed` columns added.

    `signed` is weight × relation sign: positive for cooperation, negative for hostility, and
    the opposite for negated assertions.
    """
    if as_of is not None and until is None:
        until = as_of
    out = window(frame, since, until).copy()
    out["weight"] = assertion_weights(out, as_of, half_life)
    out["sign"] = out["relation"].map(SIGN).fillna(0).astype(int)
    out["quad"] = out["relation"].map(QUAD).astype("Int64")
    out["signed"] = out["weight"] * out["sign"]
    return out


def actor_names(frame: pd.DataFrame) -> dict[str, str]:
    """Actor id → name as the frame's source and target columns give them (ids without a name map to
    themselves)."""
    parts = []
    for prefix in ("source", "target"):
        names = frame[f"{prefix}_name"] if f"{prefix}_name" in frame else frame[f"{prefix}_id"]
        parts.append(pd.DataFrame({"id": frame[f"{prefix}_id"].to_numpy(dtype=object),
                                   "name": names.to_numpy(dtype=object)}))
    table = pd.concat(parts).dropna(subset=["id"]).drop_duplicates("id")
    return {i: (str(n) if isinstance(n, str) else i) for i, n in zip(table["id"], table["name"], strict=True)}


def ties(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None,
         as_of: date | str | None = None, half_life: str | float | None = None,
         relations: Iterable[str] | None = None) -> pd.DataFrame:
    """Ties: one row per (source, relation, target) with count, negated count, net weight, first/last seen.

    `weight` sums `assertion_weights` (negated assertions subtract). Assertions without a resolved
    source or target are left out. Columns: ``TIE_COLUMNS``.
    """
    data = prepare(frame, since, until, as_of, half_life)
    data = data[data["source_id"].notna() & data["target_id"].notna()]
    if relations is not None:
        data = data[data["relation"].isin({r.upper() for r in relations})]
    if data.empty:
        return pd.DataFrame(columns=TIE_COLUMNS)
    doc = data["doc_id"].fillna(data.get("origin", pd.Series("", index=data.index)))
    grouped = data.assign(doc=doc).groupby(["source_id", "relation", "target_id"], sort=False)
    out = grouped.agg(count=("weight", "size"), negated=("negated", "sum"), weight=("weight", "sum"),
                      first_seen=("date", "min"), last_seen=("date", "max"), documents=("doc", "nunique"))
    out = out.reset_index()
    names = actor_names(data)
    out["source_name"] = out["source_id"].map(names)
    out["target_name"] = out["target_id"].map(names)
    out["sign"] = out["relation"].map(SIGN).astype(int)
    out["negated"] = out["negated"].astype(int)
    out["weight"] = out["weight"].astype(float)
    return out[TIE_COLUMNS].sort_values(["weight", "count"], ascending=False, ignore_index=True)


def dyads(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None,
          as_of: date | str | None = None, half_life: str | float | None = None,
          include_structural: bool = False) -> pd.DataFrame:
    """Undirected signed dyads: per pair (a < b), cooperative and hostile weight and their difference.

    `positive` and `negative` are the summed |signed| weight of cooperative and hostile evidence
    (a negated "attacks" counts as weak cooperation evidence only through its sign flip);
    `weight = positive - negative`. MEMBER_OF and LEADS are left out unless `include_structural`.
    Columns: ``DYAD_COLUMNS``.
    """
    data = prepare(frame, since, until, as_of, half_life)
    data = data[data["source_id"].notna() & data["target_id"].notna() & (data["source_id"] != data["target_id"])]
    if not include_structural:
        data = data[~data["relation"].isin(STRUCTURAL)]
    if data.empty:
        return pd.DataFrame(columns=DYAD_COLUMNS)
    src, tgt = data["source_id"].to_numpy(dtype=object), data["target_id"].to_numpy(dtype=object)
    swap = src > tgt
    a = np.where(swap, tgt, src)
    b = np.where(swap, src, tgt)
    signed = data["signed"].to_numpy()
    table = pd.DataFrame({"a": a, "b": b, "positive": np.clip(signed, 0, None),
                          "negative": np.clip(-signed, 0, None), "date": data["date"].to_numpy()})
    out = table.groupby(["a", "b"], sort=False).agg(
        count=("positive", "size"), positive=("positive", "sum"), negative=("negative", "sum"),
        first_seen=("date", "min"), last_seen=("date", "max")).reset_index()
    out["weight"] = out["positive"] - out["negative"]
    names = actor_names(data)
    out["a_name"] = out["a"].map(names)
    out["b_name"] = out["b"].map(names)
    return out[DYAD_COLUMNS].sort_values("count", ascending=False, ignore_index=True)


def signed_graph(dyad_frame: pd.DataFrame, min_count: int = 1, min_abs_weight: float = 0.0,
                 kinds: dict[str, str | None] | None = None) -> nx.Graph:
    """An undirected networkx graph from `dyads`: edge attributes weight (signed), positive, negative, count.

    Dyads with fewer than `min_count` assertions or |weight| below `min_abs_weight` are dropped.
    Nodes carry `name` (and `kind` when `kinds` maps ids to kinds).
    """
    keep = (dyad_frame["count"] >= min_count) & (dyad_frame["weight"].abs() >= min_abs_weight)
    part = dyad_frame[keep]
    edges = pd.DataFrame({"a": part["a"].to_numpy(dtype=object), "b": part["b"].to_numpy(dtype=object),
                          "weight": part["weight"].astype(float).to_numpy(),
                          "positive": part["positive"].astype(float).to_numpy(),
                          "negative": part["negative"].astype(float).to_numpy(),
                          "count": part["count"].astype(int).to_numpy()})
    graph = nx.from_pandas_edgelist(edges, "a", "b", edge_attr=["weight", "positive", "negative", "count"])
    names = dict(zip(part["a"].to_numpy(dtype=object), part["a_name"].to_numpy(dtype=object), strict=True))
    names.update(zip(part["b"].to_numpy(dtype=object), part["b_name"].to_numpy(dtype=object), strict=True))
    nx.set_node_attributes(graph, names, "name")
    if kinds:
        nx.set_node_attributes(graph, {n: kinds.get(n) for n in graph.nodes}, "kind")
    return graph


@dataclass
class GraphSummary:
    """Size and sign balance of a signed graph."""

    actors: int
    edges: int
    positive_edges: int
    negative_edges: int
    assertions: int
    top_actors: list[dict]
    strongest_positive: list[dict]
    strongest_negative: list[dict]

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def summarize(dyad_frame: pd.DataFrame, top: int = 10) -> GraphSummary:
    """Counts of actors and signed edges, the most connected actors and the strongest dyads of each sign."""
    graph = signed_graph(dyad_frame)
    strength = {n: sum(abs(d["weight"]) for d in graph[n].values()) for n in graph.nodes}
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -strength[n], n))[:top]
    top_actors = [{"id": n, "name": graph.nodes[n].get("name"), "degree": graph.degree(n),
                   "strength": round(strength[n], 3)} for n in ranked]
    cols = ["a", "a_name", "b", "b_name", "count", "weight"]
    pos = dyad_frame[dyad_frame["weight"] > 0].nlargest(top, "weight")[cols]
    neg = dyad_frame[dyad_frame["weight"] < 0].nsmallest(top, "weight")[cols]
    return GraphSummary(
        actors=graph.number_of_nodes(), edges=graph.number_of_edges(),
        positive_edges=int((dyad_frame["weight"] > 0).sum()), negative_edges=int((dyad_frame["weight"] < 0).sum()),
        assertions=int(dyad_frame["count"].sum()) if len(dyad_frame) else 0, top_actors=top_actors,
        strongest_positive=_records(pos), strongest_negative=_records(neg))


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")]


def dyad_rows(frame: pd.DataFrame, a: str, b: str, both_directions: bool = True) -> pd.DataFrame:
    """Assertions between two actors (a→b, and b→a unless `both_directions` is False)."""
    mask = (frame["source_id"] == a) & (frame["target_id"] == b)
    if both_directions:
        mask |= (frame["source_id"] == b) & (frame["target_id"] == a)
    return frame[mask]


def cooperation_conflict(frame: pd.DataFrame, a: str, b: str, freq: str = "M",
                         since: date | str | None = None, until: date | str | None = None,
                         both_directions: bool = True) -> pd.DataFrame:
    """A dyad's cooperation–conflict score per period ("W" weeks, "M" months).

    Columns: period (start date), count, weight, score and goldstein. `score` is the weighted mean
    of the quad-class scale QUAD_SCORE (verbal/material cooperation +0.5/+1, verbal/material conflict
    −0.5/−1; a negated assertion counts with the opposite sign), so it lies in [−1, 1] — the quad-class
    scores of Schrodt's event-data dashboards. `goldstein` is the weighted mean Goldstein value of the
    event relations (Goldstein 1992), ties excluded. Periods without assertions are absent.
    """
    data = prepare(dyad_rows(frame, a, b, both_directions), since, until)
    columns = ["period", "count", "weight", "score", "goldstein"]
    if data.empty:
        return pd.DataFrame(columns=columns)
    data = data.assign(period=period_start(data["date"], freq))
    magnitude = data["weight"].abs()
    direction = np.sign(data["weight"])
    data = data.assign(
        _m=magnitude, _s=magnitude * direction * data["quad"].map(QUAD_SCORE).astype(float),
        _g=np.where(data["relation"].map(GOLDSTEIN) != 0, magnitude * direction, 0.0) * data["relation"].map(
            GOLDSTEIN), _gm=np.where(data["relation"].map(GOLDSTEIN) != 0, magnitude, 0.0))
    out = data.groupby("period").agg(count=("_m", "size"), weight=("_m", "sum"), _s=("_s", "sum"),
                                     _g=("_g", "sum"), _gm=("_gm", "sum")).reset_index()
    out["score"] = (out["_s"] / out["weight"].where(out["weight"] > 0)).fillna(0.0)
    out["goldstein"] = out["_g"] / out["_gm"].where(out["_gm"] > 0)
    return out[columns]


def period_start(dates: pd.Series, freq: str = "M") -> pd.Series:
    """The start date of the week ("W", Monday), month ("M"), quarter ("Q") or year ("Y") of each date."""
    code = {"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}.get(freq.upper())
    if code is None:
        raise ValueError(f"period must be W, M, Q or Y, not {freq!r}")
    return pd.to_datetime(dates).dt.to_period(code).dt.start_time
