"""Coalition cohesion series, members from the KB and from stored MEMBER_OF assertions, and its chart."""

from __future__ import annotations

import pytest

from axisgraph.analysis.cohesion import coalition_cohesion, coalition_members, resolve_members
from axisgraph.analysis.plots import plot_cohesion
from axisgraph.graph import assertions_to_frame
from axisgraph.kb import bundled_kb


def row(date, source, relation, target, negated=False):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target, "negated": negated}


@pytest.fixture
def front():
    """Three members quarrel in January, then all coordinate in March."""
    rows = [row("2024-01-10", "hamas", "ACCUSE", "irn"), row("2024-01-11", "irn", "COOPERATE", "hezbollah"),
            row("2024-01-12", "isr", "ASSAULT", "hamas")]
    for a, b in (("irn", "hamas"), ("irn", "hezbollah"), ("hamas", "hezbollah")):
        rows += [row("2024-03-05", a, "COOPERATE", b), row("2024-03-06", b, "CONSULT", a)]
    rows.append(row("2024-03-07", "pij", "MEMBER_OF", "front"))
    return assertions_to_frame(rows)


def test_unity_of_fronts_shows_as_a_rise(front):
    result = coalition_cohesion(front, ["irn", "hamas", "hezbollah"], freq="M")
    table = result.table.set_index(result.table["period"].dt.month)
    assert list(table.index) == [1, 3]
    assert table.loc[1, "density"] == pytest.approx(1 / 3)
    assert table.loc[1, "conflict"] == pytest.approx(1.0)
    assert table.loc[1, "cohesion"] == pytest.approx(1 / 3 * 0.5)
    assert table.loc[3, "density"] == 1.0 and table.loc[3, "cohesion"] == 1.0
    assert table.loc[3, "coordination"] == pytest.approx(6.0)
    assert table.loc[3, "members_active"] == 3
    assert result.to_dict()["periods"][1]["cohesion"] == 1.0


def test_members_from_kb_and_from_assertions(front):
    members = coalition_members("axis_of_resistance", bundled_kb())
    assert {"hezbollah", "hamas"} <= set(members)
    assert "isr" not in members
    assert coalition_members("front", frame=front) == ["pij"]
    assert resolve_members(["front"], frame=front) == (["pij"], "front")
    assert resolve_members(["irn", "hamas"], frame=front) == (["hamas", "irn"], "irn, hamas")


def test_cohesion_chart_renders(front, tmp_path):
    result = coalition_cohesion(front, ["irn", "hamas", "hezbollah"], label="front")
    path = plot_cohesion(result, tmp_path / "cohesion.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000
