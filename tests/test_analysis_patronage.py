"""Patrons, clients and the dependency index on hand-built assertion frames stating the ties."""

from __future__ import annotations

import pytest

from axisgraph.analysis.patronage import (
    UNNAMED,
    dependency_index,
    dependency_table,
    patronage,
    sponsorship,
    state_rollup,
)
from axisgraph.graph import assertions_to_frame
from axisgraph.kb import bundled_kb


def row(source, relation, target, negated=False, hedge="asserted", confidence=0.9, mode=None,
        date="2023-11-01", sentence=""):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target, "negated": negated,
            "hedge": hedge, "confidence": confidence, "mode": mode, "doc_id": "article", "sentence": sentence}


@pytest.fixture
def axis_frame():
    """The ties the Axis of Resistance article states, as assertions."""
    return assertions_to_frame([
        row("irn", "AID", "hamas", mode="economic", sentence="Iran funds ... Hamas"),
        row("irn", "AID", "hamas", mode="military", sentence="Iran provides weapons to Hamas"),
        row("hamas", "RIVAL", "irn", sentence="Tensions between Hamas and Iran"),
        row("irn", "RIVAL", "hamas", sentence="Tensions between Hamas and Iran"),
        row("irn", "COMMANDS", "hamas", negated=True, hedge="reported", sentence="Hamas is not a proxy of Iran"),
        row("irn", "COMMANDS", "hezbollah", hedge="reported", sentence="the way that Hezbollah is"),
        row("irn.irgc.quds", "COMMANDS", "hezbollah", sentence="Hezbollah has become an extension of the Quds Force"),
        row(None, "BACKS", "hamas", sentence="it has other backers, aside from Iran"),
        row("irn", "BACKS", "hezbollah", sentence="Iran-backed groups"),
        row("irn", "BACKS", "pij", sentence="Islamic Jihad gets most of its budget from Tehran"),
        row("hezbollah", "CONSULT", "hamas", hedge="reported", sentence="Nasrallah met Hamas officials"),
        row("hamas", "CONSULT", "hezbollah", hedge="reported", sentence="Nasrallah met Hamas officials"),
        row("isr", "ACCUSE", "irn", sentence="a move that Israel has been rebuking"),
        row("un", "AID", "hamas", mode="humanitarian", sentence="aid to Gaza"),
    ])


def test_patrons_and_clients(axis_frame):
    result = patronage(axis_frame, "irn")
    assert set(result.clients["client_id"]) == {"hamas", "hezbollah", "pij"}
    assert result.patrons.empty
    hamas = patronage(axis_frame, "hamas").patrons.set_index("patron_id")
    assert UNNAMED in hamas.index
    assert "un" not in hamas.index  # humanitarian aid is not sponsorship
    assert hamas.loc["irn", "aid"] == pytest.approx(1.8)
    assert hamas.loc["irn", "commands"] == pytest.approx(-0.72)


def test_hezbollah_depends_on_iran_more_than_hamas(axis_frame):
    rollup = state_rollup(set(axis_frame["source_id"].dropna()), bundled_kb())
    assert rollup.get("irn.irgc.quds") == "irn"
    hezbollah = dependency_index(axis_frame, "hezbollah", rollup=rollup)
    hamas = dependency_index(axis_frame, "hamas", rollup=rollup)
    assert hezbollah.patron_id == "irn" and hamas.patron_id == "irn"
    assert hezbollah.index > hamas.index
    assert hezbollah.terms["command"] > 0 > hamas.terms["command"]
    assert hamas.terms["rivalry"] > 0 == hezbollah.terms["rivalry"]
    assert hamas.terms["share"] < 1.0 == hezbollah.terms["share"]
    roles = {e["role"] for e in hamas.evidence}
    assert {"sponsorship", "command", "rivalry"} <= roles
    assert any("not a proxy" in (e["sentence"] or "") for e in hamas.evidence if e["role"] == "command")
    assert 0.0 <= hamas.index <= hezbollah.index <= 1.0
    assert hezbollah.to_dict()["terms"]["share"] == 1.0


def test_without_rollup_the_quds_force_is_a_separate_patron(axis_frame):
    result = dependency_index(axis_frame, "hezbollah")
    assert {p["patron_id"] for p in result.patrons} == {"irn", "irn.irgc.quds"}
    assert result.terms["share"] < 1.0


def test_dependency_table_matches_single_actor_index(axis_frame):
    table = dependency_table(axis_frame).set_index("actor_id")
    single = dependency_index(axis_frame, "hamas")
    assert table.loc["hamas", "index"] == pytest.approx(single.index)
    assert table.loc["hamas", "patron_id"] == "irn"
    assert set(table.index) == {"hamas", "hezbollah", "pij"}


def test_negated_sponsorship_can_cancel_a_patron():
    frame = assertions_to_frame([
        row("rus", "BACKS", "wagner", confidence=1.0),
        row("rus", "BACKS", "wagner", negated=True, confidence=1.0),
        row("uae", "AID", "rsf", mode="military"),
    ])
    pairs = sponsorship(frame).set_index(["patron_id", "client_id"])
    assert pairs.loc[("rus", "wagner"), "weight"] == pytest.approx(0.0)
    assert dependency_index(frame, "wagner").patron_id is None
    assert dependency_index(frame, "rsf").patron_id == "uae"


def test_independent_partners_lower_the_index():
    base = [row("rus", "AID", "x", mode="military"), row("rus", "AID", "y", mode="military")]
    extra = [row("y", "COOPERATE", p) for p in ("a", "b", "c", "d")]
    frame = assertions_to_frame(base + extra)
    x, y = dependency_index(frame, "x"), dependency_index(frame, "y")
    assert x.terms["focus"] == 1.0
    assert y.terms["focus"] < 0.5
    assert x.index > y.index
