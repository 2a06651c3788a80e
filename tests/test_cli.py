"""The command line end to end on the bundled examples: ingest, summary, actors, ties, evidence, extract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from axisgraph.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = EXAMPLES / "axis-of-resistance-2023-11-01.txt"
runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False, terminal_width=200)
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    pytest.importorskip("axisgraph.nlp")
    path = str(tmp_path_factory.mktemp("cli") / "axis.db")
    result = invoke("ingest", str(EXAMPLES), "--db", path)
    assert result.exit_code == 0, result.output
    assert "documents stored" in result.output and "Strongest ties" in result.output
    return path


def test_reingest_adds_nothing(db):
    result = invoke("ingest", str(EXAMPLES), "--db", db, "--no-summary")
    assert "0 documents stored with 0 assertions" in result.output


def test_actors_lists_counts_as_json(db):
    rows = json.loads(invoke("actors", "--db", db, "--json").output)
    ids = {r["id"] for r in rows}
    assert {"irn", "hamas", "hezbollah"} <= ids
    assert all(r["total"] == r["as_source"] + r["as_target"] for r in rows)


def test_ties_by_name_and_window(db):
    rows = json.loads(invoke("ties", "Hezbollah", "--db", db, "--json").output)
    assert any(r["source_id"] == "person.hassan_nasrallah" and r["relation"] == "LEADS" for r in rows)
    window = json.loads(invoke("ties", "hezbollah", "--db", db, "--since", "2023-11-01", "--until", "2023-11-01",
                               "--json").output)
    assert window and all(str(r["first_seen"]) == "2023-11-01" for r in window)
    bad = invoke("ties", "hezbollah", "--db", db, "--since", "yesterday")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_evidence_shows_negated_proxy_statement_with_speaker(db):
    records = json.loads(invoke("evidence", "irn", "hamas", "--db", db, "--json").output)
    proxy = [r for r in records if r["relation"] == "COMMANDS" and "not a proxy" in r["sentence"]]
    assert proxy and all(r["negated"] for r in proxy)
    assert any(r["relation"] == "AID" for r in records)
    table = invoke("evidence", "Iran", "Hamas", "--db", db).output
    assert "COMMANDS" in table and "NEGATED" in table and "Ghattas" in table


def test_extract_prints_json_lines_and_missing_db_is_a_clear_error(tmp_path):
    pytest.importorskip("axisgraph.nlp")
    result = invoke("extract", str(SAMPLE))
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert records and all(r["doc_id"] == records[0]["doc_id"] for r in records)
    text = SAMPLE.read_text()
    offset = text.index("With the Israel")
    for r in records:
        start, end = r["source"]["span"]
        assert text[offset + start:offset + end] == r["source"]["text"]
    missing = invoke("ties", "irn", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_kb_commands(tmp_path):
    assert "hezbollah" in invoke("kb", "search", "Hizballah").output
    bad = tmp_path / "bad.yaml"
    bad.write_text("kb: axisgraph-actors\nactors:\n  - {id: x1, name: X, kind: planet}\n")
    result = invoke("kb", "check", str(bad))
    assert result.exit_code == 1 and "bad.yaml" in result.output and "kind" in result.output
