"""Confidence calibration of rule assertions: a map from raw rule score to the share found correct.

The rule layer's scores rank assertions but are not probabilities. One logistic curve (Platt scaling)
of correctness on raw score is fitted on gold documents and kept as breakpoints that `Calibrator`
interpolates between (plain JSON with `to_json`). The curve is increasing and shared by all
relations, so it changes what a confidence means but never which of two assertions is the more
confident. Per-type maps were tried and rejected: they learn a gold set's labelling habits (re3d
calls military aid "AlliesOf", which DESIGN.md maps from ALLY) rather than how often assertions are
right. `relation_cv.cross_validate` fits and scores it on separate sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..records import Assertion

MIN_POINTS = 20
GRID = np.linspace(0.0, 1.0, 41)


class Calibrator:
    """A piecewise-linear, increasing map from raw confidence to calibrated confidence."""

    def __init__(self, x: Sequence[float], y: Sequence[float], meta: dict | None = None) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.meta = meta or {}

    def confidence(self, raw: float) -> float:
        """The calibrated confidence of a raw score."""
        return float(round(np.interp(raw, self.x, self.y), 3))

    def apply(self, assertion: Assertion) -> Assertion:
        """A copy of the assertion with its confidence calibrated."""
        return assertion.model_copy(update={"confidence": self.confidence(assertion.confidence)})

    def to_json(self) -> dict:
        """Plain-data form for saving."""
        return {"x": np.round(self.x, 4).tolist(), "y": np.round(self.y, 4).tolist(), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> Calibrator:
        """Inverse of `to_json`."""
        return cls(data["x"], data["y"], data.get("meta"))

    def save(self, path: Path | str) -> None:
        """Write the map as JSON."""
        Path(path).write_text(json.dumps(self.to_json()), encoding="utf-8")


def fit_calibrator(points: Iterable[tuple[str | None, float, bool]], meta: dict | None = None) -> Calibrator | None:
    """Platt scaling on (re3d type, raw confidence, correct?) points; None with too few points or one outcome."""
    from sklearn.linear_model import LogisticRegression

    pts = [(raw, ok) for _, raw, ok in points]
    if len(pts) < MIN_POINTS or len({ok for _, ok in pts}) < 2:
        return None
    model = LogisticRegression(C=100.0)
    model.fit(np.array([[raw] for raw, _ in pts]), np.array([ok for _, ok in pts], dtype=int))
    if model.coef_[0][0] <= 0:
        return None
    return Calibrator(GRID, model.predict_proba(GRID.reshape(-1, 1))[:, 1], meta)
