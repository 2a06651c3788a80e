"""GraphML/GEXF with time attributes, ties aggregation, CSV/Parquet/JSONL writers and the date window."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from axisgraph.exporters import export
from axisgraph.exporters.ties import spells, ties_frame
from axisgraph.importers import import_path
from axisgraph.kb import load_kb
from axisgraph.store import Store

DATA = Path(__file__).parent / "data" / "import"
NS = {"g": "http://www.gexf.net/1.2draft"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    kb = load_kb([DATA / "kb.yaml"], include_bundled=False)
    s = Store(tmp_path_factory.mktemp("g") / "g.db")
    import_path(s, "icews", DATA / "icews_events.tsv", kb=kb)
    import_path(s, "gdelt", DATA / "gdelt_events.export.CSV", kb=kb)
    import_path(s, "acled", DATA / "acled_events.csv", kb=kb)
    yield s
    s.close()


def test_ties_aggregate_per_source_relation_target(store):
    frame = ties_frame(store)
    aid = frame[(frame.source_id == "irn") & (frame.relation == "AID") & (frame.target_id == "hezbollah")].iloc[0]
    assert (aid["count"], aid.weight, aid.documents, aid.sign, aid.quad) == (2, 2.0, 2, 1, 2)
    assert (str(aid.first_seen), str(aid.last_seen)) == ("2018-01-02", "2018-01-04")
    assert frame[["source_id", "target_id"]].notna().all().all()  # target-less protests are not ties


def test_spells_merge_close_days():
    days = [date(2018, 1, 1), date(2018, 1, 20), date(2018, 5, 1)]
    assert spells(days, gap=30) == [("2018-01-01", "2018-01-20"), ("2018-05-01", "2018-05-01")]


def test_gexf_is_dynamic_with_spells_and_node_intervals(store, tmp_path):
    out = tmp_path / "ties.gexf"
    report = export(store, "gexf", out)
    assert report.table == "ties" and report.written == len(ties_frame(store))
    root = ET.parse(out).getroot()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    iran = root.find(".//g:node[@id='irn']", NS)
    assert iran.get("label") == "Iran" and iran.get("start") == "2018-01-02"
    edge = root.find(".//g:edge[@source='irn'][@target='hezbollah']", NS)
    spell = edge.findall("g:spells/g:spell", NS)
    assert [(s.get("start"), s.get("end")) for s in spell] == [("2018-01-02", "2018-01-04")]
    assert nx.read_gexf(out).has_edge("irn", "hezbollah")


def test_graphml_reads_back_with_attributes(store, tmp_path):
    out = tmp_path / "ties.graphml"
    export(store, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.nodes["hezbollah"]["kind"] == "armed_group"
    edges = graph.get_edge_data("irn", "hezbollah")
    data = next(iter(edges.values()))
    assert (data["relation"], data["count"], data["start"], data["end"]) == ("AID", 2, "2018-01-02", "2018-01-04")


def test_csv_parquet_and_jsonl_windows(store, tmp_path):
    since, until = date(2018, 1, 3), date(2018, 12, 31)
    n_csv = export(store, "csv", tmp_path / "a.csv", since=since, until=until).written
    frame = pd.read_csv(tmp_path / "a.csv", dtype={"cameo": str})
    assert len(frame) == n_csv and frame.date.min() >= "2018-01-03" and frame.date.max() <= "2018-12-31"
    assert {"source_name", "target_name", "origin", "cameo"} <= set(frame.columns)
    export(store, "parquet", tmp_path / "a.parquet", since=since, until=until)
    parquet = pd.read_parquet(tmp_path / "a.parquet")
    assert len(parquet) == n_csv and parquet.cameo.str.len().min() == 3
    lines = export(store, "jsonl", tmp_path / "a.jsonl").written
    records = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert len(records) == lines and records[0]["origin"].startswith("icews:")
    ties = tmp_path / "t.parquet"
    assert export(store, "parquet", ties, table="ties").written == len(pd.read_parquet(ties))


def test_export_refuses_unknown_combinations(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")
    with pytest.raises(ValueError, match="cannot hold ties"):
        export(store, "jsonl", tmp_path / "x", table="ties")


def test_networkx_tie_graph_with_spells(store):
    from axisgraph.exporters.graph import tie_graph

    graph = tie_graph(store, since=date(2018, 1, 1), until=date(2018, 1, 31), with_spells=True, gap=0)
    data = graph.get_edge_data("irn", "hezbollah", key="AID")
    assert data["spells"] == [("2018-01-02", "2018-01-02"), ("2018-01-04", "2018-01-04")]
    assert "start" not in data and graph.nodes["irn"]["label"] == "Iran"
    assert all(d["first_seen"] >= "2018-01-01" for _, _, d in graph.edges(data=True))
