"""New ties, broken ties, sign flips and spikes ranked by surprise, on a hand-built monthly history."""

from __future__ import annotations

import pytest

from axisgraph.analysis.change import changes
from axisgraph.graph import assertions_to_frame


def row(date, source, relation, target):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target}


@pytest.fixture
def history():
    rows = []
    for month in range(1, 7):
        rows.append(row(f"2024-{month:02d}-03", "a", "CONSULT", "b"))  # steady: one a month
        if month <= 4:
            rows += [row(f"2024-{month:02d}-04", "c", "COOPERATE", "d")] * 3  # falls silent in May
        rows.append(row(f"2024-{month:02d}-05", "e", "COOPERATE", "f"))
    rows += [row("2024-06-06", "e", "ASSAULT", "f")] * 4  # cooperation turns to fighting
    rows += [row("2024-06-07", "a", "CONSULT", "b")] * 7  # a burst of meetings
    rows += [row("2024-06-08", "g", "AID", "h")] * 3  # a tie appears
    return assertions_to_frame(rows)


def test_kinds_are_found_where_they_happen(history):
    found = changes(history, freq="M", min_surprise=1.0)
    kinds = {(r.kind, r.a, r.b, r.period.month) for r in found.itertuples()}
    assert ("spike", "a", "b", 6) in kinds
    assert ("new", "g", "h", 6) in kinds
    assert ("broken", "c", "d", 5) in kinds
    assert ("flip", "e", "f", 6) in kinds
    assert not any(k[1:3] == ("a", "b") and k[3] < 6 for k in kinds)  # steady months are not news
    assert list(found["surprise"]) == sorted(found["surprise"], reverse=True)


def test_first_period_reports_nothing_and_threshold_filters(history):
    found = changes(history, freq="M", min_surprise=0.0)
    assert (found["period"].dt.month > 1).all()
    strict = changes(history, freq="M", min_surprise=3.0)
    assert len(strict) < len(found)
    assert changes(history, kinds=("flip",), min_surprise=0.0)["kind"].unique().tolist() == ["flip"]
