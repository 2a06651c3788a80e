"""Counting metrics of the evaluation module: P/R/F1, calibration (ECE), confusion counts."""

import pytest

from axisgraph.evaluation.metrics import PRF, calibration, confusion, micro
from axisgraph.evaluation.spans import overlaps, sentence_around


def test_prf_rates_from_counts():
    prf = PRF(tp_pred=3, n_pred=4, tp_gold=3, n_gold=6)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.5)
    assert prf.f1 == pytest.approx(0.6)


def test_prf_empty_is_zero_not_error():
    assert PRF().f1 == 0.0
    assert PRF(0, 0, 0, 5).recall == 0.0


def test_micro_sums_counts_before_dividing():
    total = micro([PRF(1, 1, 1, 1), PRF(0, 3, 0, 1)])
    assert (total.tp_pred, total.n_pred, total.tp_gold, total.n_gold) == (1, 4, 1, 2)
    assert total.precision == pytest.approx(0.25)
    assert total.recall == pytest.approx(0.5)


def test_calibration_bins_and_ece():
    pairs = [(0.95, True), (0.95, False), (0.15, False), (0.15, False)]
    cal = calibration(pairs)
    assert [(b.low, b.count) for b in cal.bins] == [(0.1, 2), (0.9, 2)]
    # |0.5 - 0.95| * 2/4 + |0.0 - 0.15| * 2/4
    assert cal.ece == pytest.approx(0.3)


def test_calibration_perfect_confidence_has_zero_ece():
    cal = calibration([(1.0, True), (1.0, True), (0.0, False)])
    assert cal.ece == pytest.approx(0.0)
    assert cal.bins[-1].high == 1.0


def test_confusion_nests_gold_then_predicted():
    matrix = confusion([("A", "A"), ("A", "B"), ("A", "A"), ("B", "(none)")])
    assert matrix == {"A": {"A": 2, "B": 1}, "B": {"(none)": 1}}


def test_overlap_is_half_open():
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))


def test_sentence_around_keeps_abbreviations_inside():
    text = "Talks ended. U.S. forces struck ISIS near Raqqa. Nothing else."
    start = text.index("forces")
    assert sentence_around(text, start, start + 6) == "U.S. forces struck ISIS near Raqqa."


def test_sentence_around_splits_after_wikipedia_citations():
    text = "He was appointed in 2007.[3] Qanbar was a compromise choice."
    start = text.index("Qanbar")
    assert sentence_around(text, start, start + 6) == "Qanbar was a compromise choice."
    assert sentence_around(text, 0, 2) == "He was appointed in 2007.[3]"
