"""Forecasting the user's graph on a small hand-made frame with one regular and some rare dyads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from axisgraph.forecast.user_graph import event_table, forecast_frame, reliability_table, rolling_cutoffs


def _frame() -> pd.DataFrame:
    """A attacks B weekly for a year; A and C met once early on; C accuses D now and then; one denial."""
    rng = np.random.default_rng(1)
    start = pd.Timestamp("2023-01-01")
    rows = [("a", "ASSAULT", "b", start + pd.Timedelta(days=d), False, "asserted") for d in range(0, 365, 7)]
    rows.append(("a", "CONSULT", "c", start + pd.Timedelta(days=10), False, "asserted"))
    rows += [("c", "ACCUSE", "d", start + pd.Timedelta(days=int(d)), False, "asserted")
             for d in rng.choice(365, size=6, replace=False)]
    rows.append(("b", "AID", "d", start + pd.Timedelta(days=360), True, "asserted"))
    names = {"a": "Alpha", "b": "Bravo", "c": "Charlie", "d": "Delta"}
    return pd.DataFrame({
        "doc_id": [f"doc{i}" for i in range(len(rows))],
        "date": [r[3] for r in rows],
        "source_id": [r[0] for r in rows], "source_name": [names[r[0]] for r in rows],
        "relation": [r[1] for r in rows], "mode": None,
        "target_id": [r[2] for r in rows], "target_name": [names[r[2]] for r in rows],
        "negated": [r[4] for r in rows], "hedge": [r[5] for r in rows], "confidence": 0.9,
        "quad": None, "sentence": [f"{names[r[0]]} {r[1].lower()} {names[r[2]]}." for r in rows],
        "origin": "text",
    })


def test_event_table_drops_negated_assertions():
    events = event_table(_frame())
    assert not ((events["relation"] == "AID") & (events["source"] == "b")).any()
    assert set(events["quad"]) == {"Q1", "Q3", "Q4"}


def test_regular_attacks_are_forecast_with_evidence():
    result = forecast_frame(_frame(), horizon_days=30, actors=["a"])
    fc = result.forecasts
    top_rel = fc[fc["level"] == "relation"].iloc[0]
    assert (top_rel["source"], top_rel["event"], top_rel["target"]) == ("a", "ASSAULT", "b")
    assert top_rel["probability"] > 0.7
    assert top_rel["evidence"][0]["sentence"] == "Alpha assault Bravo."
    consult = fc[(fc["event"] == "CONSULT") & (fc["target"] == "c")]
    assert consult.empty or consult["probability"].max() < 0.3
    top_quad = fc[fc["level"] == "quad"].iloc[0]
    assert top_quad["event"] == "Q4" and top_quad["quad"] == "material conflict"


def test_holdout_calibration_is_reported_and_beats_base_rate():
    result = forecast_frame(_frame(), horizon_days=30)
    assert result.holdout_cutoff is not None and result.holdout_cutoff < result.cutoff
    assert result.brier < result.brier_base_rate
    assert result.reliability["n"].sum() > 0


def test_dyad_filter_keeps_only_that_pair():
    fc = forecast_frame(_frame(), horizon_days=30, dyads=[("c", "d")]).forecasts
    assert set(map(frozenset, zip(fc["source"], fc["target"], strict=True))) == {frozenset({"c", "d"})}


def test_reliability_table_and_cutoffs():
    table = reliability_table(np.array([0.05, 0.05, 0.95]), np.array([0, 0, 1]))
    assert table["n"].tolist() == [2, 1] and table["observed"].tolist() == [0.0, 1.0]
    cuts = rolling_cutoffs(pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"), 30, 3)
    assert cuts[-1] == pd.Timestamp("2023-12-01") and len(cuts) == 3
    assert cuts[1] - cuts[0] == pd.Timedelta(days=15)


def test_empty_graph_is_an_error():
    with pytest.raises(ValueError):
        forecast_frame(_frame().iloc[:0], horizon_days=30)
