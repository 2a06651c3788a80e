"""Export the current graph view as GraphML, GEXF or CSV (edges with actor names)."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd

from .models import GraphView

FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "csv": "text/csv"}


def view_graph(view: GraphView) -> nx.MultiDiGraph:
    """The view as a networkx multigraph (one edge per relation family) with flat attributes."""
    graph = nx.MultiDiGraph()
    for n in view.nodes:
        graph.add_node(n.id, label=n.name, kind=n.kind or "", activity=n.activity, degree=n.degree,
                       bloc=-1 if n.bloc is None else n.bloc)
    for e in view.edges:
        graph.add_edge(e.source, e.target, key=e.family, family=e.family, sign=e.sign, count=e.count,
                       weight=e.weight, negated=e.negated,
                       relations=";".join(f"{k}:{v}" for k, v in sorted(e.relations.items())),
                       first_seen=e.first_seen.isoformat() if e.first_seen else "",
                       last_seen=e.last_seen.isoformat() if e.last_seen else "")
    return graph


def edges_frame(view: GraphView) -> pd.DataFrame:
    """One row per edge of the view, with actor names."""
    names = {n.id: n.name for n in view.nodes}
    rows = [{"source_id": e.source, "source_name": names.get(e.source, e.source), "target_id": e.target,
             "target_name": names.get(e.target, e.target), "family": e.family, "sign": e.sign, "count": e.count,
             "weight": e.weight, "negated": e.negated,
             "relations": ";".join(f"{k}:{v}" for k, v in sorted(e.relations.items())),
             "first_seen": e.first_seen, "last_seen": e.last_seen} for e in view.edges]
    return pd.DataFrame(rows, columns=["source_id", "source_name", "target_id", "target_name", "family", "sign",
                                       "count", "weight", "negated", "relations", "first_seen", "last_seen"])


def export_view(view: GraphView, fmt: str) -> bytes:
    """The view serialised in `fmt` (graphml, gexf or csv)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {sorted(FORMATS)}")
    if fmt == "csv":
        return edges_frame(view).to_csv(index=False).encode("utf-8")
    buffer = io.BytesIO()
    graph = view_graph(view)
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        nx.write_gexf(graph, buffer)
    return buffer.getvalue()
