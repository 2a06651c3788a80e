"""GraphML and GEXF: the tie graph for Gephi and other graph tools, with time attributes.

Nodes are actors (label, kind, country, start/end = first and last day seen); edges
are ties, one per (source, relation, target), keyed by relation. In GEXF each
edge carries `spells`, its active periods (days less than `gap` days apart merged),
and each node its overall interval, so Gephi's timeline shows ties appearing and
lapsing. GraphML has no time model: start and end are plain date attributes there.
`tie_graph` gives the same graph as a networkx object; GEXF is streamed by `gexf`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from ..store import Store
from . import gexf
from .ties import spells, tie_dates, ties_frame


def tie_graph(store: Store, since: date | None = None, until: date | None = None, with_spells: bool = False,
              gap: int = 30) -> nx.MultiDiGraph:
    """A MultiDiGraph of the ties in a window (edge key = relation), with date attributes."""
    frame = ties_frame(store, since, until)
    names = store.actor_names()
    graph = nx.MultiDiGraph(name="axisgraph ties")
    seen: dict[str, list[str]] = defaultdict(list)
    for row in frame.itertuples(index=False):
        first, last = str(row.first_seen) if row.first_seen else None, str(row.last_seen) if row.last_seen else None
        attrs = {"label": row.relation, "relation": row.relation, "sign": int(row.sign), "quad": row.quad,
                 "count": int(row.count), "weight": float(row.weight), "documents": int(row.documents),
                 "first_seen": first, "last_seen": last, "start": first, "end": last}
        graph.add_edge(row.source_id, row.target_id, key=row.relation, **_present(attrs))
        for actor in (row.source_id, row.target_id):
            seen[actor].extend(d for d in (first, last) if d)
    for actor, days in seen.items():
        info = names.get(actor, {})
        attrs = {"label": info.get("name") or actor, "kind": info.get("kind"), "country": info.get("country"),
                 "start": min(days) if days else None, "end": max(days) if days else None}
        graph.add_node(actor, **_present(attrs))
    if with_spells:
        _add_spells(graph, store, since, until, gap)
    return graph


def _add_spells(graph: nx.MultiDiGraph, store: Store, since: date | None, until: date | None, gap: int) -> None:
    current: tuple[str, str, str] | None = None
    days: list[date] = []
    for source, relation, target, day in tie_dates(store, since, until):
        if (source, relation, target) != current:
            _set_spells(graph, current, days, gap)
            current, days = (source, relation, target), []
        days.append(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))
    _set_spells(graph, current, days, gap)


def _set_spells(graph: nx.MultiDiGraph, edge: tuple[str, str, str] | None, days: list[date], gap: int) -> None:
    if edge is None or not days:
        return
    source, relation, target = edge
    data = graph.get_edge_data(source, target, key=relation)
    if data is not None:
        data.pop("start", None)
        data.pop("end", None)
        data["spells"] = spells(days, gap)


def _present(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def write_graphml(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write the tie graph as GraphML; returns the number of edges."""
    graph = tie_graph(store, since, until)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()


def write_gexf(store: Store, out: Path, since: date | None = None, until: date | None = None, gap: int = 30) -> int:
    """Write the tie graph as dynamic GEXF (date spells on edges, intervals on nodes); returns the edge count."""
    return gexf.write_gexf(store, out, since, until, gap)
