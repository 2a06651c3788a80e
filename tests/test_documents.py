"""Readers: every format, the leading date line, encodings, and bad input reported per file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from axisgraph.documents import ReadReport, read_documents, read_text

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "axis-of-resistance-2023-11-01.txt"


def read(paths, **kw):
    report = ReadReport()
    return list(read_documents([str(p) for p in paths], report, **kw)), report


def test_sample_article_date_prefix_is_the_document_date():
    docs, report = read([SAMPLE])
    assert len(docs) == 1 and not report.problems
    doc = docs[0]
    assert doc.date == date(2023, 11, 1)
    assert doc.text.startswith("With the Israel-Hamas war ongoing")
    assert len(doc.id) == 16


def test_same_text_gives_same_id_and_date_line_variants(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-02-03\nIran backs Hezbollah.")
    (tmp_path / "b.txt").write_text("date: 2024-02-03 Iran backs Hezbollah.")
    docs, _ = read([tmp_path])
    assert [d.date for d in docs] == [date(2024, 2, 3)] * 2
    assert docs[0].text == docs[1].text == "Iran backs Hezbollah."
    assert docs[0].id == docs[1].id


def test_jsonl_keeps_ids_and_unknown_fields_and_reports_bad_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Hamas fired rockets at Israel.", "date": "2023-10-07", "lang": "en"}),
        "{not json",
        json.dumps({"id": "a2", "text": 42}),
        json.dumps(["a list"]),
        json.dumps({"id": "a3", "text": "Russia struck Kyiv.", "date": "07/10/2023"}),
    ]))
    docs, report = read([path])
    assert [d.id for d in docs] == ["a1", "a3"]
    assert docs[0].metadata["lang"] == "en" and docs[0].date == date(2023, 10, 7)
    assert docs[1].date is None
    lines = sorted(p.line for p in report.errors)
    assert lines == [2, 3, 4]
    assert any("malformed date" in p.message and p.line == 5 for p in report.warnings)


def test_json_array_and_csv_with_embedded_newlines_and_ragged_rows(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"text": "Iran funds Hamas.", "title": "T"}]))
    (tmp_path / "b.csv").write_text('id,date,text\nx1,2024-01-01,"Line one.\nLine two."\nx2,2024-01-02\n'
                                    'x3,2024-01-03,"Israel struck Gaza."\n')
    docs, report = read([tmp_path])
    assert sorted(d.id for d in docs if d.path.endswith(".csv")) == ["x1", "x3"]
    assert next(d for d in docs if d.id == "x1").text == "Line one.\nLine two."
    assert any(p.path.endswith("b.csv") and p.line == 4 and "fields" in p.message for p in report.errors)
    assert next(d for d in docs if d.path.endswith(".json")).title == "T"


def test_encodings_latin1_utf16_and_binary(tmp_path):
    latin = "Le président français a rencontré le Hezbollah à Beyrouth."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Iran backs the Houthis.".encode("utf-16"))
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    docs, report = read([tmp_path])
    texts = {Path(d.path).name: d.text for d in docs}
    assert texts["utf16.txt"] == "Iran backs the Houthis."
    assert "président" in texts["latin1.txt"]
    assert any(Path(p.path).name == "blob.txt" and "binary" in p.message for p in report.errors)
    assert any(Path(p.path).name == "latin1.txt" and p.level == "warning" for p in report.problems)


def test_empty_missing_and_too_large_files_are_reported(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "big.txt").write_text("word " * 1000)
    docs, report = read([tmp_path, tmp_path / "nope.txt"], max_chars=100)
    assert docs == []
    messages = " ".join(str(p) for p in report.errors)
    assert "empty document" in messages and "too large" in messages and "no such file" in messages


def test_future_date_is_dropped_with_warning(tmp_path):
    (tmp_path / "f.txt").write_text("date 2999-01-01\nIran backs Hezbollah.")
    docs, report = read([tmp_path])
    assert docs[0].date is None and "future" in report.warnings[0].message


def test_html_article_body_and_script_free(tmp_path):
    body = "".join(f"<p>Paragraph {i}: Iran has long funded Hezbollah in Lebanon, officials said.</p>"
                   for i in range(6))
    html = (f"<html><head><title>Iran and Hezbollah</title><script>alert('x')</script></head>"
            f"<body><nav>Home | About</nav><article>{body}</article></body></html>")
    (tmp_path / "a.html").write_text(html)
    (tmp_path / "junk.html").write_text("<html><body><script>var a=1;</script></body></html>")
    docs, report = read([tmp_path])
    assert len(docs) == 1 and "funded Hezbollah" in docs[0].text and "alert" not in docs[0].text
    assert any("no article text" in p.message for p in report.errors)


def test_read_text_helper():
    doc = read_text("date 2020-01-03\nThe United States killed Qasem Soleimani.", doc_id="x")
    assert doc.id == "x" and doc.date == date(2020, 1, 3) and doc.text.startswith("The United States")
