"""The bad-input corpus: every file gives a per-file error or a warning, and the rest is still read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from axisgraph.cli import app
from axisgraph.documents import ReadReport, read_documents
from axisgraph.ingest import ingest
from axisgraph.kb import load_kb
from axisgraph.store import Store
from storekit import FundsExtractor

BAD = Path(__file__).resolve().parent / "data" / "bad"
SKIPPED_FILES = {"binary.txt", "image.png", "empty.txt", "whitespace.txt", "script_only.html", "nav_only.html",
                 "truncated.json", "no_text_column.csv"}


def read_bad() -> tuple[list, ReadReport]:
    report = ReadReport()
    return list(read_documents([BAD], report)), report


def test_every_bad_file_is_named_in_a_problem_and_good_records_survive():
    docs, report = read_bad()
    named = {Path(p.path).name for p in report.errors}
    assert named >= SKIPPED_FILES
    ids = {d.id for d in docs}
    assert {"j1", "j3", "c1", "c4"} <= ids
    assert not any(Path(d.path).name in SKIPPED_FILES for d in docs)
    for doc in docs:
        assert doc.text.strip() and "\x00" not in doc.text


def test_problems_carry_line_numbers_for_row_formats():
    _, report = read_bad()
    rows = {(Path(p.path).name, p.line) for p in report.errors}
    assert {("bad_lines.jsonl", 2), ("bad_lines.jsonl", 4), ("bad_lines.jsonl", 6), ("ragged.csv", 4),
            ("ragged.csv", 5), ("wrong_types.json", 1), ("wrong_types.json", 3), ("wrong_types.json", 4)} <= rows


def test_encodings_are_decoded_with_a_warning():
    docs, report = read_bad()
    by_file = {Path(d.path).name: d.text for d in docs}
    assert "Israël" in by_file["latin1.txt"] and "Saïda" in by_file["mixed_encoding.txt"]
    assert "président" in by_file["mixed_encoding.txt"]
    assert by_file["utf16_bom.txt"].startswith("Iran condemned")
    warned = {Path(p.path).name for p in report.warnings}
    assert {"latin1.txt", "mixed_encoding.txt"} <= warned


def test_future_and_malformed_dates_are_dropped_with_warnings():
    docs, report = read_bad()
    dates = {d.id: d.date for d in docs}
    assert dates["j3"] is None and dates["c4"] is None
    assert any("future" in p.message for p in report.warnings)


def test_ingest_of_bad_corpus_counts_stored_and_skipped_and_reruns_add_nothing(tmp_path):
    kb_file = tmp_path / "kb.yaml"
    kb_file.write_text("kb: axisgraph-actors\nactors:\n  - {id: irn, name: Iran, kind: state}\n"
                       "  - {id: hamas, name: Hamas, kind: armed_group}\n")
    store = Store(tmp_path / "bad.db")
    extractor = FundsExtractor(load_kb([kb_file], include_bundled=False))
    first = ingest([BAD], store, extractor)
    docs, report = read_bad()
    assert first.documents_stored == len(docs) and len(first.report.errors) == len(report.errors)
    assert first.status == "complete"
    second = ingest([BAD], store, FundsExtractor(extractor.kb))
    assert second.documents_stored == 0 and second.already_stored == len(docs)
    assert store.summary().documents == len(docs)


def test_huge_single_line_document_is_refused_by_name(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("w") as handle:
        for _ in range(50):
            handle.write("Iran backs Hezbollah and " * 40_000)
    assert big.stat().st_size >= 50_000_000
    report = ReadReport()
    assert list(read_documents([big, BAD / "latin1.txt"], report))[0].path.endswith("latin1.txt")
    assert any(p.path.endswith("huge.txt") and "too large" in p.message for p in report.errors)


def test_cli_ingest_exits_zero_with_partial_input_and_nonzero_when_nothing_readable(tmp_path):
    pytest.importorskip("axisgraph.nlp")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(BAD / "ragged.csv"), str(BAD / "binary.txt"),
                                 "--db", str(tmp_path / "c.db"), "--no-summary"])
    assert result.exit_code == 0, result.output
    assert "2 documents stored" in result.output and "3 skipped as unreadable" in result.output
    nothing = runner.invoke(app, ["ingest", str(BAD / "binary.txt"), str(BAD / "empty.txt"),
                                  "--db", str(tmp_path / "d.db"), "--no-summary"])
    assert nothing.exit_code == 1
    assert "binary file" in nothing.output
