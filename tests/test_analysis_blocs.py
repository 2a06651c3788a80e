"""Signed blocs and structural balance on small graphs whose answer is known by hand."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from axisgraph.analysis.blocs import bloc_stability, detect_blocs, find_blocs, partition_balance, triangle_balance
from axisgraph.graph import assertions_to_frame


def row(date, source, relation, target):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target}


def two_camps(date="2024-01-01", repeat=2):
    """Axis-like camp and its adversaries: dense cooperation inside, hostility across."""
    axis = ["irn", "hezbollah", "hamas", "houthis"]
    west = ["isr", "usa", "gbr"]
    rows = []
    for camp in (axis, west):
        for i, a in enumerate(camp):
            for b in camp[i + 1:]:
                rows += [row(date, a, "COOPERATE", b)] * repeat
    rows += [row(date, "isr", "ASSAULT", "hamas")] * 3 + [row(date, "isr", "ASSAULT", "hezbollah")] * 2
    rows += [row(date, "usa", "SANCTION", "irn")] * 2 + [row(date, "houthis", "ASSAULT", "usa")]
    rows += [row(date, "hamas", "CONSULT", "isr")]  # one cooperative contact across the front
    return rows


def signed(edges):
    graph = nx.Graph()
    for u, v, w in edges:
        graph.add_edge(u, v, weight=w)
    return graph


def test_triangle_balance_by_hand():
    assert triangle_balance(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", 1)])) == 1.0
    assert triangle_balance(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])) == 0.0
    assert triangle_balance(signed([("a", "b", -1), ("b", "c", -1), ("a", "c", 1)])) == 1.0
    two = signed([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 1), ("b", "d", -1)])
    assert triangle_balance(two) == 0.5
    assert triangle_balance(signed([("a", "b", 1)])) is None


def test_partition_balance_counts_weight_against_the_partition():
    graph = signed([("a", "b", 2.0), ("b", "c", -1.0), ("a", "c", 1.0)])
    assert partition_balance(graph, {"a": 0, "b": 0, "c": 1}) == pytest.approx(3 / 4)


def test_two_camps_are_separated_and_reproducible():
    frame = assertions_to_frame(two_camps())
    result = detect_blocs(frame)
    axis = result.bloc_of("irn")
    assert axis is not None and {"irn", "hezbollah", "hamas", "houthis"} == set(axis.members)
    assert result.bloc_of("isr").id != axis.id
    assert result.partition_balance > 0.9
    assert axis.internal_positive == 1.0 and axis.triangle_balance == 1.0
    assert axis.external_negative > 0.9
    again = detect_blocs(frame)
    assert again.membership == result.membership
    payload = result.to_dict()
    assert payload["seed"] == 42 and len(payload["blocs"]) == 2
    assert list(result.members_frame().columns) == ["actor_id", "name", "bloc"]


def test_hostility_splits_a_cooperating_pair():
    graph = signed([("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", -3.0), ("c", "d", 2.0), ("a", "e", 2.0)])
    result = find_blocs(graph, min_size=1)
    assert result.membership["a"] != result.membership["c"]


def test_bloc_stability_notices_a_defector():
    first = two_camps("2024-01-10")
    second = [r for r in two_camps("2024-04-10") if "houthis" not in (r["source_id"], r["target_id"])]
    second += [row("2024-04-10", "houthis", "COOPERATE", x) for x in ("usa", "gbr", "isr")] * 2
    second += [row("2024-04-10", "houthis", "ASSAULT", x) for x in ("irn", "hamas")] * 2
    frame = assertions_to_frame(first + second)
    table = bloc_stability(frame, freq="Q").set_index("actor_id")
    assert table.loc["hezbollah", "stability"] == pytest.approx(2 / 3)  # kept irn and hamas, lost houthis
    assert table.loc["usa", "stability"] == pytest.approx(2 / 3)  # kept isr and gbr, gained houthis
    assert table.loc["houthis", "stability"] == 0.0
    assert table.loc["irn", "periods"] == 2
    assert isinstance(table.loc["irn", "blocs"], str) and table.loc["irn", "blocs"].startswith("2024-01-01:")
    assert pd.isna(bloc_stability(assertions_to_frame(first), freq="Q")["stability"]).all()


def test_detect_blocs_on_political_actors_with_rollup():
    rows = two_camps() + [row("2024-01-02", "irn.gov", "ASSAULT", "x.citizen_irn")] * 5
    frame = assertions_to_frame(rows)
    frame["source_kind"] = ["other" if s.startswith("x.") else "state" for s in frame["source_id"]]
    frame["target_kind"] = ["other" if t.startswith("x.") else "state" for t in frame["target_id"]]
    result = detect_blocs(frame, kinds={"state"}, rollup={"irn.gov": "irn"})
    assert "x.citizen_irn" not in result.membership and "irn.gov" not in result.membership
    assert {"irn", "hezbollah", "hamas", "houthis"} == set(result.bloc_of("irn").members)
    assert result.params["kinds"] == ["state"] and result.params["rollup"] is True
