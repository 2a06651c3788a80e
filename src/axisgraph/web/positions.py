"""Seeded starting positions of the graph view, so the same data draws the same picture on every load.

The server lays the view out once with a fixed seed (networkx spring layout), packs the estimated
node-plus-label boxes without overlaps around those spots and stretches the result to the usual canvas
shape; the browser's layout then starts from these positions without randomising, and only settles
what the estimate of the label sizes missed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import cache, lru_cache

import networkx as nx
import numpy as np

from .theme import COLA_MAX_NODES, LABEL_FONT_PX, LABEL_MARGIN, LABEL_MAX_WIDTH, NODE_SPACING

SEED = 7
ASPECT = 1.2
PACK_STEP = 5.0
PACK_SPOTS = 200_000
PACK_FIRST_BATCH = 256
PACK_MAX_BATCH = 4096
PACK_MARGIN = 0.5
NARROW = frozenset("iIjlft.,;:'!| ")
WIDE = frozenset("mwMW@")


def text_width(text: str) -> float:
    """Estimated width in px of `text` at the graph's 11 px sans-serif label font (a little generous)."""
    units = sum(0.35 if c in NARROW else 0.9 if c in WIDE else 0.72 if c.isupper() else 0.6 for c in text)
    return units * LABEL_FONT_PX


def label_lines(label: str) -> list[float]:
    """Widths of the label's lines once wrapped at whitespace to the stylesheet's text-max-width."""
    lines: list[float] = []
    current = ""
    for word in label.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate) > LABEL_MAX_WIDTH:
            lines.append(text_width(current))
            current = word
        else:
            current = candidate
    lines.append(text_width(current))
    return lines


def node_box(label: str, size: float) -> tuple[float, float]:
    """Width and height of a node with its label below it, plus the layout's spacing on each side."""
    lines = label_lines(label)
    label_w = min(max(lines), LABEL_MAX_WIDTH) + 4
    label_h = len(lines) * (LABEL_FONT_PX + 1) + 6
    return max(size, label_w) + 2 * NODE_SPACING, size + LABEL_MARGIN + label_h + 2 * NODE_SPACING


def _graph(ids: Sequence[str], ties: Sequence[tuple[str, str, float]]) -> nx.Graph:
    """Undirected graph of the view, the weight of each pair summing its ties in every family and direction."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for source, target, weight in ties:
        if source != target:
            before = graph.get_edge_data(source, target, {}).get("weight", 0.0)
            graph.add_edge(source, target, weight=before + weight)
    return graph


def _spring(graph: nx.Graph) -> np.ndarray:
    """Seeded spring layout, centred and scaled to the unit square (rows in graph node order)."""
    pos = nx.spring_layout(graph, seed=SEED, weight="weight")
    xy = np.array([pos[node] for node in graph.nodes], dtype=float).reshape(-1, 2)
    return _unit(xy)


def _hashed(ids: Sequence[str]) -> np.ndarray:
    """Positions in the unit square drawn from a hash of each id: stable per actor across views and loads."""
    rows = []
    for actor_id in ids:
        digest = hashlib.blake2b(actor_id.encode(), digest_size=8).digest()
        rows.append((int.from_bytes(digest[:4], "big"), int.from_bytes(digest[4:], "big")))
    return np.array(rows, dtype=float).reshape(-1, 2) / 2**32 * 2 - 1


def _unit(xy: np.ndarray) -> np.ndarray:
    """Centre points on the origin and scale them into [-1, 1] on both axes."""
    xy = xy - xy.mean(axis=0)
    span = np.abs(xy).max(axis=0)
    return xy / np.where(span > 0, span, 1.0)


@cache
def _sunflower() -> tuple[np.ndarray, np.ndarray]:
    """Offsets on a sunflower spiral, nearest first and evenly dense (spots tried around a wanted one), and radii."""
    k = np.arange(PACK_SPOTS, dtype=float)
    radius, angle = PACK_STEP * np.sqrt(k), k * math.pi * (3 - math.sqrt(5))
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), radius


def _first_clear(spots: np.ndarray, half: np.ndarray, placed: np.ndarray, placed_half: np.ndarray) -> int:
    """Index of the first spot where a box of `half` overlaps none of the placed boxes, or -1."""
    reach = placed_half + half + PACK_MARGIN
    blocked = np.abs(spots[:, :1] - placed[:, 0]) < reach[:, 0]
    blocked &= np.abs(spots[:, 1:] - placed[:, 1]) < reach[:, 1]
    found = np.flatnonzero(~blocked.any(axis=1))
    return int(found[0]) if len(found) else -1


def _nearest_free(want: np.ndarray, half: np.ndarray, placed: np.ndarray, placed_half: np.ndarray) -> np.ndarray:
    """The free spot nearest `want` for a box, searched outwards on the spiral ring by ring."""
    if not len(placed):
        return want
    offsets, radii = _sunflower()
    distance = np.hypot(*(placed - want).T)
    reach = np.hypot(*(placed_half + half).T) + PACK_MARGIN
    start, size = 0, PACK_FIRST_BATCH
    while start < len(offsets):
        stop = min(start + size, len(offsets))
        near = (distance + reach >= radii[start]) & (distance - reach <= radii[stop - 1])
        hit = _first_clear(want + offsets[start:stop], half, placed[near], placed_half[near])
        if hit >= 0:
            return want + offsets[start + hit]
        start, size = stop, min(2 * size, PACK_MAX_BATCH)
    return np.array([(placed[:, 0] + placed_half[:, 0]).max() + half[0] + PACK_MARGIN, want[1]])


def _pack(xy: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Place boxes centre-out, each at the free spot nearest its wanted position: compact and overlap-free."""
    out = xy.copy()
    done: list[int] = []
    for i in np.argsort(np.hypot(xy[:, 0], xy[:, 1]), kind="stable"):
        out[i] = _nearest_free(xy[i], half[i], out[done], half[done])
        done.append(int(i))
    return out


def _stretch(xy: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Stretch one axis so the boxes' extent has the canvas shape; stretching never makes boxes overlap."""
    low, high = (xy - half).min(axis=0), (xy + half).max(axis=0)
    width, height = high - low
    if width < ASPECT * height:
        return xy * np.array([ASPECT * height / width, 1.0])
    return xy * np.array([1.0, width / (ASPECT * height)])


def positions(ids: Sequence[str], boxes: Sequence[tuple[float, float]],
              ties: Sequence[tuple[str, str, float]]) -> dict[str, dict[str, float]]:
    """Deterministic start positions: a seeded spring layout packed to non-overlapping boxes (hashed when big)."""
    xy = _layout(tuple(ids), tuple((float(w), float(h)) for w, h in boxes), tuple(ties))
    return {actor_id: {"x": x, "y": y} for actor_id, (x, y) in zip(ids, xy, strict=True)}


@lru_cache(maxsize=64)
def _layout(ids: tuple[str, ...], boxes: tuple[tuple[float, float], ...],
            ties: tuple[tuple[str, str, float], ...]) -> tuple[tuple[float, float], ...]:
    """The positions of `positions`, cached: a view is laid out once however often it is drawn."""
    if not ids:
        return ()
    half = np.array(boxes, dtype=float).reshape(-1, 2) / 2
    small = len(ids) <= COLA_MAX_NODES
    height = math.sqrt(float((4 * half[:, 0] * half[:, 1]).sum()) / ASPECT)
    xy = (_spring(_graph(ids, ties)) if small else _hashed(ids)) * np.array([ASPECT * height / 2, height / 2])
    if small:
        xy = _stretch(_pack(xy, half), half)
    return tuple((round(float(x), 1), round(float(y), 1)) for x, y in xy)
