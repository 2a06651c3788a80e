"""Ties, weights, decay and the signed graph on small hand-built assertion frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from axisgraph.graph import (
    assertion_weights,
    assertions_to_frame,
    cooperation_conflict,
    dyads,
    parse_duration,
    signed_graph,
    summarize,
    ties,
)
from axisgraph.records import ActorRef, Assertion


def row(date, source, relation, target, negated=False, hedge="asserted", confidence=1.0, mode=None, doc="d1"):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target, "negated": negated,
            "hedge": hedge, "confidence": confidence, "mode": mode, "doc_id": doc, "sentence": f"{source} {target}"}


def test_parse_duration_units():
    assert parse_duration("90d") == 90
    assert parse_duration("2w") == 14
    assert parse_duration("1y") == pytest.approx(365.25)
    assert parse_duration(30) == 30
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_weights_multiply_confidence_and_hedge_and_negation_subtracts():
    frame = assertions_to_frame([
        row("2024-01-01", "irn", "AID", "hamas", confidence=0.9),
        row("2024-01-02", "irn", "AID", "hamas", confidence=0.5, hedge="possible"),
        row("2024-01-03", "irn", "COMMANDS", "hamas", negated=True, confidence=0.8, hedge="reported"),
    ])
    weights = assertion_weights(frame)
    assert list(weights.round(4)) == [0.9, 0.2, -0.64]
    table = ties(frame).set_index("relation")
    assert table.loc["AID", "weight"] == pytest.approx(1.1)
    assert table.loc["AID", "count"] == 2
    assert table.loc["COMMANDS", "weight"] == pytest.approx(-0.64)
    assert table.loc["COMMANDS", "negated"] == 1


def test_decay_halves_weight_each_half_life_and_ignores_later_assertions():
    frame = assertions_to_frame([
        row("2024-01-01", "a", "CONSULT", "b"),
        row("2024-03-31", "a", "CONSULT", "b"),
        row("2024-06-01", "a", "CONSULT", "b"),
    ])
    weights = assertion_weights(frame, as_of="2024-03-31", half_life="90d")
    assert weights.iloc[0] == pytest.approx(0.5)
    assert weights.iloc[1] == pytest.approx(1.0)
    assert weights.iloc[2] == 0.0
    tie = ties(frame, as_of="2024-03-31", half_life="90d")
    assert tie.loc[0, "count"] == 2
    assert tie.loc[0, "weight"] == pytest.approx(1.5)


def test_dyads_are_undirected_and_signed():
    frame = assertions_to_frame([
        row("2024-01-01", "isr", "ASSAULT", "hamas"),
        row("2024-01-02", "hamas", "ASSAULT", "isr"),
        row("2024-01-03", "hamas", "CONSULT", "isr", hedge="reported"),
        row("2024-01-03", "irn", "AID", "hamas"),
        row("2024-01-03", "hamas", "MEMBER_OF", "axis"),
    ])
    table = dyads(frame).set_index(["a", "b"])
    assert table.loc[("hamas", "isr"), "count"] == 3
    assert table.loc[("hamas", "isr"), "weight"] == pytest.approx(-1.2)
    assert table.loc[("hamas", "irn"), "weight"] == pytest.approx(1.0)
    assert ("axis", "hamas") not in table.index
    graph = signed_graph(dyads(frame))
    assert graph["isr"]["hamas"]["weight"] < 0 < graph["irn"]["hamas"]["weight"]
    summary = summarize(dyads(frame)).to_dict()
    assert summary["negative_edges"] == 1 and summary["positive_edges"] == 1
    assert summary["top_actors"][0]["id"] == "hamas"


def test_cooperation_conflict_score_per_month():
    frame = assertions_to_frame([
        row("2024-01-05", "a", "COOPERATE", "b"),
        row("2024-01-20", "b", "CONSULT", "a"),
        row("2024-02-03", "a", "ASSAULT", "b"),
        row("2024-02-04", "a", "COOPERATE", "b", negated=True),
    ])
    series = cooperation_conflict(frame, "a", "b", freq="M")
    assert list(series["period"].dt.month) == [1, 2]
    assert series.loc[0, "score"] == pytest.approx((1.0 + 0.5) / 2)
    assert series.loc[1, "score"] == pytest.approx(-1.0)
    assert series.loc[0, "goldstein"] == pytest.approx((6.0 + 1.0) / 2)
    assert math.isclose(series.loc[1, "goldstein"], (-10.0 - 6.0) / 2)


def test_frame_from_assertion_records():
    ref = ActorRef(id="irn", name="Iran", kind="state", text="Iran", span=(0, 4))
    tgt = ActorRef(id="hamas", name="Hamas", kind="armed_group", text="Hamas", span=(10, 15))
    record = Assertion(doc_id="x", doc_date=pd.Timestamp("2023-11-01").date(), sentence="Iran funds Hamas.",
                       sentence_span=(0, 17), source=ref, relation="AID", mode="economic", target=tgt,
                       confidence=0.9, hedge="reported")
    frame = assertions_to_frame([record])
    assert frame.loc[0, "target_name"] == "Hamas"
    assert assertion_weights(frame).iloc[0] == pytest.approx(0.72)


def test_state_rollup_and_kind_filter():
    from axisgraph.graph import POLITICAL_KINDS, apply_rollup, filter_kinds, state_rollup
    from axisgraph.kb import bundled_kb

    imported = {"x.foreign_affairs_russia": {"kind": "state_org", "country": "RUS"},
                "x.citizen_iran": {"kind": "other", "country": "IRN"}}
    ids = ["irn.irgc.quds", "irn.gov", "hezbollah", "x.foreign_affairs_russia", "x.citizen_iran"]
    mapping = state_rollup(ids, bundled_kb(), imported)
    assert mapping == {"irn.irgc.quds": "irn", "irn.gov": "irn", "x.foreign_affairs_russia": "rus"}
    frame = assertions_to_frame([
        row("2024-01-01", "irn.irgc.quds", "AID", "hezbollah"),
        row("2024-01-01", "irn.gov", "CONSULT", "irn"),
        row("2024-01-02", "x.citizen_iran", "PROTEST", "irn.gov"),
    ])
    frame["source_kind"] = ["state_org", "state_org", "other"]
    frame["target_kind"] = ["armed_group", "state", "state_org"]
    rolled = apply_rollup(frame, mapping)
    assert len(rolled) == 2  # the government consulting its own state is a self-tie
    assert rolled.iloc[0]["source_id"] == "irn"
    assert len(filter_kinds(frame, POLITICAL_KINDS)) == 2
