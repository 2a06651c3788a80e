"""Dyad timelines by quad class with evidence, and their chart."""

from __future__ import annotations

import pytest

from axisgraph.analysis.plots import plot_timeline
from axisgraph.analysis.timeline import dyad_timeline
from axisgraph.graph import assertions_to_frame


def row(date, source, relation, target, negated=False, sentence=""):
    return {"date": date, "source_id": source, "relation": relation, "target_id": target, "negated": negated,
            "sentence": sentence, "doc_id": "doc"}


@pytest.fixture
def frame():
    return assertions_to_frame([
        row("2012-02-01", "hamas", "SUPPORT", "syr_opposition", sentence="Hamas backed the Syrian uprising."),
        row("2012-02-10", "irn", "SANCTION", "hamas", sentence="Iran cut funding to Hamas."),
        row("2012-03-01", "hamas", "ACCUSE", "irn", sentence="Hamas criticised Tehran."),
        row("2017-08-28", "hamas", "CONSULT", "irn", sentence="Hamas leaders visited Tehran."),
        row("2017-08-29", "irn", "AID", "hamas", sentence="Iran resumed aid to Hamas."),
        row("2017-08-30", "irn", "AID", "hamas", negated=True, sentence="Iran did not arm Hamas, it said."),
    ])


def test_timeline_counts_by_quad_and_keeps_evidence(frame):
    timeline = dyad_timeline(frame, "irn", "hamas", freq="Y")
    table = timeline.table.set_index(timeline.table["period"].dt.year)
    assert list(table.index) == [2012, 2017]
    assert (table.loc[2012, "q3"], table.loc[2012, "q4"]) == (1, 1)
    assert (table.loc[2017, "q1"], table.loc[2017, "q2"], table.loc[2017, "negated"]) == (1, 1, 1)
    assert table.loc[2012, "score"] < 0 < table.loc[2017, "score"]
    payload = timeline.to_dict()
    sentences = [e["sentence"] for e in payload["periods"][0]["evidence"]]
    assert "Iran cut funding to Hamas." in sentences
    assert "Hamas backed the Syrian uprising." not in sentences


def test_one_direction_only(frame):
    timeline = dyad_timeline(frame, "irn", "hamas", freq="Y", both_directions=False)
    assert int(timeline.table["count"].sum()) == 3


def test_timeline_chart_renders(frame, tmp_path):
    path = plot_timeline(dyad_timeline(frame, "irn", "hamas", freq="M"), tmp_path / "t.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    empty = plot_timeline(dyad_timeline(frame, "irn", "nobody"), tmp_path / "empty.png")
    assert empty.exists()
