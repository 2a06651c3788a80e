"""`axisgraph forecast` on a small store built from hand-made assertions."""

from __future__ import annotations

import json
from datetime import date, timedelta

from typer.testing import CliRunner

from axisgraph.cli import app
from axisgraph.records import ActorRef, Assertion, Document
from axisgraph.store import Store


def _document(i: int, src: str, rel: str, tgt: str, day: date) -> tuple[Document, list[Assertion]]:
    """One dated document stating one event."""
    text = f"{src} {rel.lower()} {tgt}."
    return Document(id=f"d{i}", text=text, date=day), [_assertion(i, src, rel, tgt, day, text)]


def _assertion(i: int, src: str, rel: str, tgt: str, day: date, text: str) -> Assertion:
    return Assertion(doc_id=f"d{i}", doc_date=day, sentence=text, sentence_span=(0, len(text)),
                     source=ActorRef(id=src, name=src.title(), text=src, span=(0, len(src))),
                     relation=rel, target=ActorRef(id=tgt, name=tgt.title(), text=tgt, span=(0, len(tgt))),
                     confidence=0.9)


def test_forecast_cli_lists_regular_attacks_and_calibration(tmp_path):
    start = date(2023, 1, 1)
    records = [_document(i, "alpha", "ASSAULT", "bravo", start + timedelta(days=d))
               for i, d in enumerate(range(0, 300, 6))]
    records += [_document(100 + i, "charlie", "CONSULT", "alpha", start + timedelta(days=d))
                for i, d in enumerate((5, 90, 200))]
    db = tmp_path / "g.db"
    with Store(db) as store:
        store.add_documents(records)
    result = CliRunner().invoke(app, ["forecast", "--db", str(db), "--horizon", "4w", "--actor", "alpha", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["horizon_days"] == 28
    first = out["forecasts"][0]
    assert (first["source"], first["event"], first["target"]) == ("alpha", "ASSAULT", "bravo")
    assert first["evidence"][0]["sentence"] == "alpha assault bravo."
    assert 0.0 <= out["calibration"]["brier"] <= 1.0


def test_forecast_cli_rejects_bad_horizon(tmp_path):
    db = tmp_path / "g.db"
    Store(db).close()
    result = CliRunner().invoke(app, ["forecast", "--db", str(db), "--horizon", "soon"])
    assert result.exit_code != 0
