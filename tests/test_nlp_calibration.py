"""Confidence calibration: the shipped map, its use by the extractor, and the fallback to raw scores."""

from __future__ import annotations

import json
import warnings
from datetime import date
from functools import lru_cache

import numpy as np
import pytest

from axisgraph.nlp import Extractor
from axisgraph.nlp import calibration as calibration_module
from axisgraph.nlp.calibration import CALIBRATION_PATH, Calibrator, fit_calibrator, load_calibrator
from axisgraph.nlp.mentions import Discourse
from axisgraph.records import Assertion, Document
from nlp_support import extract, extract_rules, find, fixture_kb

ATTACK = "Hezbollah fighters attacked Israeli troops near the border."
MIXED = ("Iranian-backed Hezbollah fighters are fighting alongside Syrian troops.",
         "Quds Force commanders with the Houthis in Yemen.")
ON = date(2023, 11, 1)
LICENSED = ["CENTCOM", "UK Government", "US State Department"]


@lru_cache(maxsize=1)
def raw_extractor() -> Extractor:
    """The fixture-KB extractor with the learned model but raw rule scores."""
    return Extractor(fixture_kb(), calibrated=False)


def _raw(text: str) -> list[Assertion]:
    return raw_extractor().extract(Document(id="t", text=text, date=ON))


def _key(a: Assertion) -> tuple:
    return a.relation, a.mode, tuple(a.source.span), tuple(a.target.span) if a.target else None, a.negated


def test_shipped_map_loads_is_increasing_and_maps_into_the_unit_interval():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        calibrator = load_calibrator()
    assert calibrator is not None and CALIBRATION_PATH.is_file()
    assert calibrator.x[0] == 0.0 and calibrator.x[-1] == 1.0
    assert np.all(np.diff(calibrator.y) > 0)
    values = [calibrator.confidence(r) for r in np.linspace(0.0, 1.0, 201)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert all(b > a for a, b in zip(values[::10], values[10::10], strict=False))
    assert calibrator.meta["fitted_on"] == LICENSED
    assert calibrator.meta["points"] >= calibration_module.MIN_POINTS
    assert "axisgraph.nlp.relation_model calibrate" in calibrator.meta["command"] or \
        "axisgraph.nlp.relation_model train" in calibrator.meta["command"]


def test_fit_gives_an_increasing_map_and_round_trips_through_json(tmp_path):
    points = [("FightingAgainst", r, r > t) for r in np.linspace(0.1, 0.9, 9) for t in (0.3, 0.5, 0.7)]
    calibrator = fit_calibrator(points, {"note": "toy"})
    assert calibrator is not None and calibrator.confidence(0.2) < calibrator.confidence(0.8)
    path = tmp_path / "cal.json"
    calibrator.save(path)
    again = load_calibrator(path)
    assert again is not None and again.meta == {"note": "toy"}
    assert again.confidence(0.55) == pytest.approx(calibrator.confidence(0.55), abs=1e-4)
    assert fit_calibrator([("x", 0.5, True)] * 30) is None


def test_a_score_that_does_not_rise_with_correctness_maps_to_the_share_correct_keeping_the_order():
    points = [("Likes", r, ok) for r, ok in [(0.4, True), (0.6, True), (0.9, False), (0.8, False)] * 10]
    calibrator = fit_calibrator(points)
    assert calibrator is not None and calibrator.meta["flat"]
    assert calibrator.confidence(0.5) == pytest.approx(0.5, abs=0.01)
    assert calibrator.confidence(0.41) < calibrator.confidence(0.42) < calibrator.confidence(0.9)


def test_extractor_calibrates_rule_assertions():
    calibrated = find(extract(ATTACK), "hezbollah", "ASSAULT", "isr.mil")
    raw = find(_raw(ATTACK), "hezbollah", "ASSAULT", "isr.mil")
    assert calibrated and raw
    assert calibrated[0].confidence == load_calibrator().confidence(raw[0].confidence)
    assert calibrated[0].confidence < raw[0].confidence
    assert calibrated[0].model_copy(update={"confidence": raw[0].confidence}) == raw[0]


def test_learned_assertions_keep_the_model_probability():
    calibrator = load_calibrator()
    n_learned = 0
    for text in MIXED:
        rules = {_key(a) for a in extract_rules(text)}
        raw, calibrated = _raw(text), extract(text)
        assert [_key(a) for a in raw] == [_key(a) for a in calibrated]
        for r, c in zip(raw, calibrated, strict=True):
            if _key(r) in rules:
                assert c.confidence == calibrator.confidence(r.confidence)
            else:
                n_learned += 1
                assert c.confidence == r.confidence
    assert n_learned >= 1


def test_the_rule_pass_used_for_cross_validation_stays_raw():
    raw = find(_raw(ATTACK), "hezbollah", "ASSAULT", "isr.mil")[0]
    ext = Extractor(fixture_kb(), relation_model=False)
    assert ext.calibrator is not None
    found = ext._analyse(ext.nlp(ATTACK), 0, Document(id="t", text=ATTACK), Discourse())
    assert raw.confidence in {a.confidence for a in found if a.relation == "ASSAULT"}


@pytest.mark.parametrize("content", ["{not json", json.dumps({"x": [0, 1]}),
                                     json.dumps({"x": [0.0, 0.5, 1.0], "y": [0.6, 0.4, 0.2]}),
                                     json.dumps({"x": [0.0, 1.0], "y": [0.2, 1.5]})])
def test_broken_calibration_file_falls_back_to_raw_scores_with_a_warning(tmp_path, content):
    path = tmp_path / "calibration.json"
    path.write_text(content, encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="raw scores"):
        assert load_calibrator(path) is None


def test_extractor_without_a_calibration_file_warns_and_keeps_raw_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(calibration_module, "CALIBRATION_PATH", tmp_path / "missing.json")
    with pytest.warns(RuntimeWarning, match="raw scores"):
        ext = Extractor(fixture_kb(), relation_model=False)
    assert ext.calibrator is None
    found = find(ext.extract(Document(id="t", text=ATTACK)), "hezbollah", "ASSAULT", "isr.mil")
    assert found and found[0].confidence == find(_raw(ATTACK), "hezbollah", "ASSAULT", "isr.mil")[0].confidence


def test_calibrator_rejects_a_decreasing_map():
    with pytest.raises(ValueError):
        Calibrator.from_json({"x": [0.0, 1.0], "y": [0.8, 0.2]})


def test_fit_command_names_a_missing_re3d_folder_without_a_traceback(tmp_path, capsys):
    from axisgraph.nlp.relation_model import main

    with pytest.raises(SystemExit) as exit_info:
        main(["calibrate", str(tmp_path / "missing"), "--calibration", str(tmp_path / "c.json")])
    assert exit_info.value.code == 2
    assert "cannot read re3d at" in capsys.readouterr().err and not (tmp_path / "c.json").exists()
