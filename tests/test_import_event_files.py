"""ICEWS, POLECAT, GDELT, ACLED and PLOVER fixtures: relations, actors, origins, skips and bad rows by line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from axisgraph.importers import import_path
from axisgraph.kb import load_kb
from axisgraph.store import Store

DATA = Path(__file__).parent / "data" / "import"
STATEMENT = "CAMEO 01 make public statement (no relation in the ontology)"


@pytest.fixture(scope="module")
def kb():
    return load_kb([DATA / "kb.yaml"], include_bundled=False)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "e.db") as s:
        yield s


def _edges(store):
    frame = store.assertions_frame()
    return {(r.origin, r.source_id, r.relation, r["mode"] if isinstance(r["mode"], str) else None,
             r.target_id if isinstance(r.target_id, str) else None) for _, r in frame.iterrows()}


def _bad(report):
    return [(b.line, b.reason) for b in report.bad_rows]


def test_icews_tsv(store, kb):
    report = import_path(store, "icews", DATA / "icews_events.tsv", kb=kb)
    assert report.rows_read == 9 and report.assertions_stored == 5
    assert report.skipped == {STATEMENT: 1}
    assert [line for line, _ in _bad(report)] == [7, 8, 10]
    assert "out of range" in _bad(report)[0][1] and "999" in _bad(report)[1][1] and "20 fields" in _bad(report)[2][1]
    assert _edges(store) == {
        ("icews:icews_events.tsv:2", "irn", "AID", "military", "hezbollah"),
        ("icews:icews_events.tsv:3", "irn.mil", "ASSAULT", None, "syr.civilians"),
        ("icews:icews_events.tsv:5", "houthis", "ASSAULT", "heavy-weapons", "sau"),
        ("icews:icews_events.tsv:6", "hamas", "SUPPORT", None, "irn"),
        ("icews:icews_events.tsv:9", "irn.police", "COERCE", "arrest", "irn.protesters"),
    }
    assert import_path(store, "icews", DATA / "icews_events.tsv", kb=kb).assertions_stored == 0


def test_polecat_tsv(store, kb):
    report = import_path(store, "polecat", DATA / "polecat_events.tsv", kb=kb)
    assert report.assertions_stored == 3
    assert _bad(report) == [(5, "unknown event type 'TELEPORT'"), (6, "unreadable date 'last week'")]
    assert _edges(store) == {
        ("polecat:polecat_events.tsv:2", "irn.gov", "AID", "military", "hezbollah"),
        ("polecat:polecat_events.tsv:3", "isr.mil", "ASSAULT", "aerial", "hamas"),
        ("polecat:polecat_events.tsv:4", "usa", "REQUEST", None, "irn"),  # PLOVER 2016 DEMAND, story date
    }
    dates = dict(zip(store.assertions_frame().origin, store.assertions_frame().date, strict=True))
    assert dates["polecat:polecat_events.tsv:4"].date() == date(2023, 10, 21)


def test_gdelt_events(store, kb):
    report = import_path(store, "gdelt", DATA / "gdelt_events.export.CSV", kb=kb)
    assert report.rows_read == 7 and report.assertions_stored == 3
    assert report.skipped == {STATEMENT: 1, "GDELT event without a source actor": 1}
    assert [line for line, _ in _bad(report)] == [6, 7]
    assert _edges(store) == {
        ("gdelt:gdelt_events.export.CSV:1", "irn", "AID", "military", "hezbollah"),
        ("gdelt:gdelt_events.export.CSV:2", "isr.mil", "ASSAULT", "aerial", "hamas"),
        ("gdelt:gdelt_events.export.CSV:4", "irn.police", "COERCE", "arrest", "irn.civilians"),
    }
    sentence = store.assertions_frame().sentence.iloc[0]
    assert sentence.startswith("Iran | Provide military aid | Hezbollah") and "example-news.com" in sentence


def test_acled_csv(store, kb):
    report = import_path(store, "acled", DATA / "acled_events.csv", kb=kb)
    assert report.rows_read == 8 and report.assertions_stored == 7
    assert report.skipped == {"ACLED Change to group/activity (no relation in the ontology)": 1}
    assert [line for line, _ in _bad(report)] == [7, 8, 10]
    edges = _edges(store)
    assert ("acled:acled_events.csv:2", "isr.mil", "ASSAULT", "aerial", "houthis") in edges
    assert ("acled:acled_events.csv:3", "x.amal_movement", "ASSAULT", "heavy-weapons", "isr.mil") in edges
    protests = {e for e in edges if e[2] == "PROTEST"}
    assert {e[1] for e in protests} == {"irn.protesters", "x.labor_group_iran", "x.women_iran"}
    assert all(e[4] is None for e in protests)
    frame = store.assertions_frame().set_index("origin")
    assert "unpaid pensions" in frame.loc["acled:acled_events.csv:4"].sentence.iloc[0]
    arrest = frame.loc["acled:acled_events.csv:9"]
    assert arrest.date.date() == date(2024, 3, 15) and arrest.relation == "COERCE"
    assert arrest.source_id == "irn.police" and store.actor_names()["irn.police"]["country"] == "IRN"


def test_plover_json(store, kb):
    report = import_path(store, "plover", DATA / "plover_events.json", kb=kb)
    assert report.skipped == {"PLOVER DOCUMENT record (file documentation)": 1}
    assert _bad(report) == [(5, "unknown PLOVER event 'HUG'"), (6, "empty date")]
    assert _edges(store) == {
        ("plover:plover_events.json:AXG-PLOVER-AID-0001", "irn.gov", "AID", "military", "yem.rebels"),
        ("plover:plover_events.json:AXG-PLOVER-CONSULT-0001", "hezbollah", "CONSULT", "visit", "irn"),
        ("plover:plover_events.json:AXG-PLOVER-CONSULT-0001", "hamas", "CONSULT", "visit", "irn"),
        ("plover:plover_events.json:AXG-PLOVER-FIGHT-0001", "isr", "ASSAULT", None, "hamas"),
    }
    text = store.assertions_frame().set_index("source_id").loc["isr"].sentence
    assert text == "Israel struck Hamas positions in Gaza."


def test_plover_jsonl_with_broken_line(store, kb, tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"id": "a1", "date": "2020-01-03", "event": "THREATEN", "source": "Iran", "target": "Israel"}\n'
                    '{"id": "a2", "date": "2020-01-04", "event": \n'
                    '{"id": "a3", "date": "2020-01-05", "event": "RETREAT", "source": "Israel"}\n')
    report = import_path(store, "plover", path, kb=kb)
    assert report.assertions_stored == 2 and [b.line for b in report.bad_rows] == [2]
    assert ("plover:events.jsonl:a3", "isr", "RETREAT", None, None) in _edges(store)


def test_unknown_format_and_missing_path(store, kb, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        import_path(store, "xml", DATA / "icews_events.tsv", kb=kb)
    with pytest.raises(FileNotFoundError):
        import_path(store, "icews", tmp_path / "absent.tsv", kb=kb)


def test_trailing_empty_columns_are_tolerated(store, kb, tmp_path):
    lines = (DATA / "polecat_events.tsv").read_text().splitlines()
    path = tmp_path / "polecat_tabs.tsv"
    path.write_text("\n".join([lines[0] + "\t\t"] + [line + "\t" for line in lines[1:3]]) + "\n")
    report = import_path(store, "polecat", path, kb=kb)
    assert report.bad_count == 0 and report.assertions_stored == 2


def test_unexpected_values_become_bad_rows_not_aborts(store, kb, tmp_path):
    path = tmp_path / "odd.json"
    path.write_text('[{"id": "o1", "date": "2020-02-01", "event": "AID", "source": {"code": 5}, "target": "Iran"},'
                    ' {"id": "o2", "date": "2020-02-02", "event": "AID", "source": "Iran", "target": "Hamas"}]')
    report = import_path(store, "plover", path, kb=kb)
    assert [b.line for b in report.bad_rows] == [1] and "unreadable row" in report.bad_rows[0].reason
    assert report.assertions_stored == 1
