"""Adapters to the optional parts of axisgraph the web app lights up when they are installed.

Blocs, dependency index, cohesion, forecasts and article extraction live in
their own packages; the app imports them lazily and reports what it found in
`available()`, so the page hides a control rather than failing when a part is
missing.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import networkx as nx

_lock = threading.Lock()


class Unavailable(RuntimeError):
    """A feature whose optional module is not installed in this build."""


def _module(name: str) -> Any | None:
    try:
        return importlib.import_module(f"axisgraph.{name}")
    except ImportError:
        return None


def _attr(module: str, name: str) -> Any | None:
    mod = _module(module)
    return getattr(mod, name, None) if mod is not None else None


def _present(module: str) -> bool:
    """Whether an axisgraph module is installed, without importing it (the NLP stack is slow to import)."""
    try:
        return importlib.util.find_spec(f"axisgraph.{module}") is not None
    except ImportError:
        return False


def available() -> dict[str, bool]:
    """Which optional features this installation has."""
    return {
        "blocs": _present("analysis.blocs"),
        "dependency": _present("analysis.patronage"),
        "cohesion": _present("analysis.cohesion"),
        "forecast": _present("forecast.user_graph"),
        "extract": _present("nlp"),
    }


def blocs(nodes: Sequence[str], signed_edges: Sequence[tuple[str, str, float]]) -> dict[str, int] | None:
    """Bloc number of each node by signed community detection, or None when the analysis module is absent."""
    find_blocs = _attr("analysis.blocs", "find_blocs")
    if find_blocs is None:
        return None
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for u, v, w in signed_edges:
        if u == v:
            continue
        previous = graph.edges[u, v]["weight"] if graph.has_edge(u, v) else 0.0
        graph.add_edge(u, v, weight=previous + float(w))
    zero = [(u, v) for u, v, d in graph.edges(data=True) if d["weight"] == 0]
    graph.remove_edges_from(zero)
    if graph.number_of_edges() == 0:
        return {}
    result = find_blocs(graph, min_size=2, balance=False)
    return {actor: number for actor, number in result.membership.items()
            if any(b.id == number for b in result.blocs)}


def dependency(frame: Any, actor_id: str) -> tuple[float, str | None] | None:
    """(dependency index, main patron) from the analysis module, or None when it is absent."""
    function = _attr("analysis.patronage", "dependency_index")
    if function is None or frame.empty:
        return None
    result = function(frame, actor_id)
    return (float(result.index), result.patron_id) if result.patron_id else (0.0, None)


def patronage(frame: Any, actor_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """(patrons, clients) rows from the analysis module, or None when it is absent."""
    function = _attr("analysis.patronage", "patronage")
    if function is None or frame.empty:
        return None
    result = function(frame, actor_id)
    return result.patrons.to_dict("records"), result.clients.to_dict("records")


def cohesion(frame: Any, members: Sequence[str], freq: str) -> Any | None:
    """The analysis module's cohesion table (period, density, cooperation, conflict, cohesion, ...), or None."""
    function = _attr("analysis.cohesion", "coalition_cohesion")
    if function is None:
        return None
    return function(frame, list(members), freq=freq).table


def forecast(frame: Any, horizon_days: int, dyad: tuple[str, str]) -> Any:
    """The forecasting module's result for one dyad; raises Unavailable when the module is absent."""
    function = _attr("forecast.user_graph", "forecast_frame")
    if function is None:
        raise Unavailable("forecasting is not available in this installation")
    return function(frame, horizon_days, dyads=[dyad])


_extractor: Any = None


def extractor() -> Any:
    """The shared article extractor (loaded once); raises Unavailable if the NLP package is absent."""
    global _extractor
    with _lock:
        if _extractor is None:
            cls = _attr("nlp", "Extractor")
            if cls is None:
                raise Unavailable("article extraction is not available in this installation")
            _extractor = cls()
        return _extractor


@lru_cache(maxsize=1)
def _kb() -> Any | None:
    bundled = _attr("kb", "bundled_kb")
    if bundled is None:
        return None
    try:
        return bundled()
    except Exception:  # a broken KB file must not take the web app down
        return None


def aliases(actor_id: str) -> list[str]:
    """The KB aliases of an actor (empty when the KB does not know it)."""
    kb = _kb()
    actor = kb.get(actor_id) if kb is not None else None
    return list(actor.aliases) if actor is not None else []


def alias_matches(needle: str) -> list[tuple[str, str]]:
    """(actor id, alias) for KB aliases containing the lower-case `needle`."""
    kb = _kb()
    if kb is None:
        return []
    return [(actor.id, alias) for actor in kb for alias in actor.aliases if needle in alias.lower()][:200]


def warm() -> None:
    """Import the analysis modules and load the KB ahead of the first request."""
    for module in ("analysis.blocs", "analysis.patronage", "analysis.cohesion"):
        _module(module)
    _kb()
