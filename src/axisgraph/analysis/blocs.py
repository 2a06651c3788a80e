"""Blocs: signed community detection on the cooperation/conflict graph, structural balance, bloc stability.

Blocs are found by maximising signed modularity (Traag & Bruggeman 2009,
"Community detection in networks with positive and negative links", Phys.
Rev. E 80, 036115): the positive and the negative edges form two layers of a
multiplex optimised together by the Leiden algorithm (Traag, Waltman & van Eck
2019) with layer weights [1, −1], so cooperation pulls actors into one bloc
and hostility pushes them apart. The random seed is fixed: the same graph
always gives the same blocs.

Structural balance (Cartwright & Harary 1956) is measured two ways: the share
of signed triangles that are balanced (an even number of negative edges), and
the share of edge weight that agrees with the bloc partition (positive inside
blocs, negative between them; one minus the frustration of Doreian & Mrvar 1996).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import igraph as ig
import leidenalg as la
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..graph import actor_names, apply_rollup, dyads, filter_kinds, period_start, signed_graph

DEFAULT_SEED = 42


@dataclass
class Bloc:
    """One bloc: its members (strongest first), internal sign balance and size."""

    id: int
    members: list[str]
    names: list[str]
    internal_positive: float
    triangle_balance: float | None
    external_negative: float

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"id": self.id, "size": len(self.members), "members": self.members, "names": self.names,
                "internal_positive": round(self.internal_positive, 4),
                "triangle_balance": None if self.triangle_balance is None else round(self.triangle_balance, 4),
                "external_negative": round(self.external_negative, 4)}


@dataclass
class BlocResult:
    """Blocs of a signed graph with the balance of the whole graph and of the partition."""

    blocs: list[Bloc]
    membership: dict[str, int]
    triangle_balance: float | None
    partition_balance: float
    quality: float
    resolution: float
    seed: int
    params: dict = field(default_factory=dict)

    def bloc_of(self, actor_id: str) -> Bloc | None:
        """The bloc that holds an actor, or None."""
        number = self.membership.get(actor_id)
        return next((b for b in self.blocs if b.id == number), None)

    def members_frame(self) -> pd.DataFrame:
        """One row per actor in a reported bloc: actor_id, name, bloc."""
        rows = [{"actor_id": m, "name": n, "bloc": b.id} for b in self.blocs
                for m, n in zip(b.members, b.names, strict=True)]
        return pd.DataFrame(rows, columns=["actor_id", "name", "bloc"])

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"blocs": [b.to_dict() for b in self.blocs],
                "triangle_balance": None if self.triangle_balance is None else round(self.triangle_balance, 4),
                "partition_balance": round(self.partition_balance, 4), "quality": round(self.quality, 4),
                "resolution": self.resolution, "seed": self.seed, "params": self.params}


def _layers(graph: nx.Graph) -> tuple[list[str], ig.Graph, ig.Graph]:
    nodes = sorted(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pos = [(index[u], index[v], d["weight"]) for u, v, d in graph.edges(data=True) if d["weight"] > 0]
    neg = [(index[u], index[v], -d["weight"]) for u, v, d in graph.edges(data=True) if d["weight"] < 0]
    layers = []
    for edges in (pos, neg):
        layer = ig.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges])
        layer.es["weight"] = [w for _, _, w in edges]
        layers.append(layer)
    return nodes, layers[0], layers[1]


def signed_partition(graph: nx.Graph, resolution: float = 1.0, seed: int = DEFAULT_SEED
                     ) -> tuple[dict[str, int], float]:
    """Signed Leiden partition of a graph with signed `weight` edges: ({actor: community}, quality).

    Positive and negative edges are two layers of one multiplex, optimised with
    RBConfiguration modularity at `resolution` and layer weights [1, −1] (Traag & Bruggeman 2009).
    """
    if graph.number_of_nodes() == 0:
        return {}, 0.0
    nodes, positive, negative = _layers(graph)
    graphs, weights = [positive], [1.0]
    if negative.ecount():
        graphs.append(negative)
        weights.append(-1.0)
    if positive.ecount() == 0:
        return {n: i for i, n in enumerate(nodes)}, 0.0
    membership, quality = la.find_partition_multiplex(
        graphs, la.RBConfigurationVertexPartition, layer_weights=weights, n_iterations=2, seed=seed,
        weights="weight", resolution_parameter=resolution)
    return dict(zip(nodes, membership, strict=True)), float(quality)


def _sign_matrix(graph: nx.Graph, nodes: Sequence[str]) -> sp.csr_matrix:
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, d in graph.edges(data=True):
        if u in index and v in index and u != v and d["weight"] != 0:
            sign = 1.0 if d["weight"] > 0 else -1.0
            rows += [index[u], index[v]]
            cols += [index[v], index[u]]
            vals += [sign, sign]
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(nodes), len(nodes)))


def triangle_balance(graph: nx.Graph, nodes: Sequence[str] | None = None) -> float | None:
    """Share of signed triangles that are balanced (Cartwright & Harary 1956); None without triangles.

    Uses trace(S³) = 6·(balanced − unbalanced) and trace(|S|³) = 6·triangles for the sign matrix S,
    computed on existing edges only.
    """
    nodes = sorted(graph.nodes) if nodes is None else list(nodes)
    sign = _sign_matrix(graph, nodes)
    absolute = abs(sign)
    total = (absolute @ absolute).multiply(absolute).sum()
    if total == 0:
        return None
    signed = (sign @ sign).multiply(sign).sum()
    return float((1.0 + signed / total) / 2.0)


def partition_balance(graph: nx.Graph, membership: dict[str, int]) -> float:
    """Share of |edge weight| agreeing with a partition: positive inside blocs, negative between."""
    agree = total = 0.0
    for u, v, d in graph.edges(data=True):
        w = d["weight"]
        same = membership.get(u) == membership.get(v)
        total += abs(w)
        if (w > 0 and same) or (w < 0 and not same):
            agree += abs(w)
    return agree / total if total else 1.0


def _bloc(graph: nx.Graph, number: int, members: list[str], membership: dict[str, int]) -> Bloc:
    inside_pos = inside_all = out_neg = out_all = 0.0
    strength = dict.fromkeys(members, 0.0)
    for m in members:
        for other, d in graph[m].items():
            w = d["weight"]
            if membership.get(other) == number:
                strength[m] += w
                inside_all += abs(w) / 2
                inside_pos += max(w, 0.0) / 2
            else:
                out_all += abs(w)
                out_neg += max(-w, 0.0)
    ordered = sorted(members, key=lambda m: (-strength[m], m))
    return Bloc(id=number, members=ordered, names=[str(graph.nodes[m].get("name") or m) for m in ordered],
                internal_positive=inside_pos / inside_all if inside_all else 1.0,
                triangle_balance=triangle_balance(graph.subgraph(members)),
                external_negative=out_neg / out_all if out_all else 0.0)


def find_blocs(graph: nx.Graph, resolution: float = 1.0, seed: int = DEFAULT_SEED, min_size: int = 2,
               max_blocs: int | None = None, balance: bool = True) -> BlocResult:
    """Blocs of a signed graph (from `axisgraph.graph.signed_graph`), largest first.

    Input: an undirected graph whose edges carry a signed `weight`. Output: a `BlocResult` with
    blocs of at least `min_size` actors (renumbered 0, 1, … by size), the triangle balance of the
    whole graph (skipped when `balance` is False) and the partition's balance.
    Reference: Traag & Bruggeman 2009; Traag, Waltman & van Eck 2019 (Leiden).
    """
    raw, quality = signed_partition(graph, resolution, seed)
    groups: dict[int, list[str]] = {}
    for actor, number in raw.items():
        groups.setdefault(number, []).append(actor)
    ranked = sorted(groups.values(), key=lambda g: (-len(g), min(g)))
    membership = {a: i for i, group in enumerate(ranked) for a in group}
    kept = [g for g in ranked if len(g) >= min_size][:max_blocs]
    blocs = [_bloc(graph, membership[g[0]], g, membership) for g in kept]
    return BlocResult(blocs=blocs, membership=membership,
                      triangle_balance=triangle_balance(graph) if balance else None,
                      partition_balance=partition_balance(graph, membership), quality=quality,
                      resolution=resolution, seed=seed)


def detect_blocs(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None,
                 as_of: date | str | None = None, half_life: str | float | None = None, min_count: int = 1,
                 resolution: float = 1.0, seed: int = DEFAULT_SEED, min_size: int = 2, balance: bool = True,
                 kinds: Iterable[str] | None = None, rollup: Mapping[str, str] | None = None) -> BlocResult:
    """Blocs straight from an assertions frame: `dyads` → `signed_graph` → `find_blocs`.

    `kinds` keeps only assertions between actors of those kinds (e.g. `graph.POLITICAL_KINDS`);
    `rollup` renames actors first (e.g. `graph.state_rollup`: state bodies as their state).
    """
    frame = filter_kinds(apply_rollup(frame, rollup), kinds)
    graph = signed_graph(dyads(frame, since, until, as_of, half_life), min_count=min_count)
    result = find_blocs(graph, resolution=resolution, seed=seed, min_size=min_size, balance=balance)
    result.params = {"since": _iso(since), "until": _iso(until), "as_of": _iso(as_of), "half_life": half_life,
                     "min_count": min_count, "kinds": sorted(kinds) if kinds else None, "rollup": bool(rollup)}
    return result


def _iso(day: date | str | None) -> str | None:
    return None if day is None else str(pd.Timestamp(day).date())


def bloc_stability(frame: pd.DataFrame, freq: str = "Q", min_count: int = 1, resolution: float = 1.0,
                   seed: int = DEFAULT_SEED, actors: Sequence[str] | None = None,
                   kinds: Iterable[str] | None = None, rollup: Mapping[str, str] | None = None) -> pd.DataFrame:
    """How steadily each actor stays with the same bloc partners from one period to the next.

    Blocs are found separately in each period ("M", "Q", "Y"). For an actor present in two
    consecutive periods, stability is the Jaccard overlap of its bloc partners in the two periods,
    counting only actors present in both; the result averages these overlaps. Output columns:
    actor_id, name, periods (number present), stability (mean Jaccard, NaN if never in two
    consecutive periods), blocs (bloc number per period, "period:bloc" joined by spaces).
    Reference: the member-level consistency measure of Palla, Barabási & Vicsek 2007.
    """
    frame = filter_kinds(apply_rollup(frame, rollup), kinds)
    periods = period_start(frame["date"], freq)
    memberships: list[tuple[pd.Timestamp, dict[str, int]]] = []
    names: dict[str, str] = {}
    for start in sorted(periods.dropna().unique()):
        part = frame[periods == start]
        dyad_frame = dyads(part)
        names.update(actor_names(part))
        raw, _ = signed_partition(signed_graph(dyad_frame, min_count=min_count), resolution, seed)
        memberships.append((pd.Timestamp(start), raw))
    wanted = set(actors) if actors else set().union(*(m.keys() for _, m in memberships)) if memberships else set()
    rows = []
    for actor in sorted(wanted):
        scores, labels = [], []
        for (_, current), (_, following) in zip(memberships, memberships[1:], strict=False):
            if actor in current and actor in following:
                shared = set(current) & set(following)
                before = {a for a in shared if current[a] == current[actor]} - {actor}
                after = {a for a in shared if following[a] == following[actor]} - {actor}
                union = before | after
                scores.append(len(before & after) / len(union) if union else 1.0)
        for start, membership in memberships:
            if actor in membership:
                labels.append(f"{start.date()}:{membership[actor]}")
        rows.append({"actor_id": actor, "name": names.get(actor, actor), "periods": len(labels),
                     "stability": float(np.mean(scores)) if scores else float("nan"), "blocs": " ".join(labels)})
    return pd.DataFrame(rows, columns=["actor_id", "name", "periods", "stability", "blocs"])
