"""The analysis commands end to end on a small store: tables, --json, --plot."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from axisgraph.cli import app
from axisgraph.records import ActorRef, Assertion
from axisgraph.store import Store

OFFSETS = itertools.count(0, 10)
NAMES = {"irn": "Iran", "hezbollah": "Hezbollah", "hamas": "Hamas", "isr": "Israel", "usa": "United States"}


def record(day, source, relation, target, negated=False, mode=None, sentence="s"):
    start = next(OFFSETS)
    ref = lambda i: ActorRef(id=i, name=NAMES[i], text=NAMES[i], span=(start, start + 1))  # noqa: E731
    return Assertion(doc_id="fixture", doc_date=date.fromisoformat(day), sentence=f"{sentence} {source} {target}",
                     sentence_span=(start, start + 1), source=ref(source), relation=relation, mode=mode,
                     target=ref(target), negated=negated, confidence=0.9, origin="fixture")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "a.db"
    rows = []
    for month in (1, 2, 3):
        day = f"2024-{month:02d}-1{month}"
        rows += [record(day, "irn", "AID", "hezbollah", mode="military", sentence=f"m{month} arms"),
                 record(day, "irn", "COMMANDS", "hezbollah", sentence=f"m{month} directs"),
                 record(day, "irn", "AID", "hamas", mode="economic", sentence=f"m{month} funds"),
                 record(day, "hamas", "COOPERATE", "hezbollah", sentence=f"m{month} coordinate"),
                 record(day, "isr", "ASSAULT", "hamas", sentence=f"m{month} strikes"),
                 record(day, "isr", "ASSAULT", "hezbollah", sentence=f"m{month} strikes"),
                 record(day, "usa", "AID", "isr", mode="military", sentence=f"m{month} arms"),
                 record(day, "usa", "SANCTION", "irn", sentence=f"m{month} sanctions")]
    rows += [record("2024-03-20", "hamas", "ACCUSE", "irn"), record("2024-03-21", "irn", "COMMANDS", "hamas", True)]
    actor_rows = [{"id": k, "name": v, "kind": "state" if len(k) == 3 else "armed_group"} for k, v in NAMES.items()]
    with Store(path) as store:
        store.add_assertions(rows, actor_rows)
    return str(path)


runner = CliRunner()


def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_graph_and_blocs(db):
    summary = json.loads(run("graph", "--db", db, "--json"))
    assert summary["actors"] == 5 and summary["negative_edges"] >= 3
    out = json.loads(run("blocs", "--db", db, "--json", "--stability", "M"))
    axis = next(b for b in out["blocs"] if "irn" in b["members"])
    assert {"hezbollah", "hamas"} <= set(axis["members"]) and "isr" not in axis["members"]
    assert len(out["stability"]) == 5
    assert "Blocs" in run("blocs", "--db", db)


def test_patrons_and_dependency(db):
    pat = json.loads(run("patrons", "Hezbollah", "--db", db, "--json"))
    assert [p["patron_id"] for p in pat["patrons"]] == ["irn"]
    table = {r["actor_id"]: r for r in json.loads(run("dependency", "--db", db, "--json"))}
    assert table["hezbollah"]["index"] > table["hamas"]["index"]
    one = json.loads(run("dependency", "hamas", "--db", db, "--json", "--until", "2024-02-28"))
    assert one["terms"]["rivalry"] == 0.0
    assert "dependency index" in run("dependency", "hezbollah", "--db", db, "--as-of", "2024-03-31",
                                     "--half-life", "30d")


def test_cohesion_timeline_changes_with_plots(db, tmp_path):
    chart = tmp_path / "c.png"
    out = json.loads(run("cohesion", "irn", "hamas", "hezbollah", "--db", db, "--json", "--plot", str(chart)))
    assert len(out["periods"]) == 3 and chart.stat().st_size > 0
    chart = tmp_path / "t.png"
    out = json.loads(run("timeline", "isr", "hamas", "--db", db, "--json", "--plot", str(chart)))
    assert [p["q4"] for p in out["periods"]] == [1, 1, 1] and chart.stat().st_size > 0
    found = json.loads(run("changes", "--db", db, "--json", "--min-surprise", "0"))
    assert any(r["kind"] == "flip" and {r["a"], r["b"]} == {"hamas", "irn"} for r in found)
    assert "Changes by surprise" in run("changes", "--db", db, "--min-surprise", "0")


def test_bad_options_are_usage_errors(db):
    assert runner.invoke(app, ["timeline", "a", "b", "--db", db, "--period", "X"]).exit_code == 2
    assert runner.invoke(app, ["graph", "--db", db, "--half-life", "soon"]).exit_code == 2
