"""Confidence calibration of rule assertions: a map from raw rule score to the share found correct.

The rule layer's scores rank assertions but are not probabilities. One logistic curve (Platt scaling)
of correctness on raw score is fitted on gold documents and kept as breakpoints that `Calibrator`
interpolates between (plain JSON with `to_json`); when correctness does not rise with the score, the map
is the share correct, nearly flat. The curve is increasing and shared by all relations, so it changes
what a confidence means but never which of two assertions is the more confident.
Per-type maps were tried and rejected: they learn a gold set's labelling habits (re3d
calls military aid "AlliesOf", which DESIGN.md maps from ALLY) rather than how often assertions are
right. `relation_cv.cross_validate` fits and scores it on separate sources. The shipped map
(`data/calibration.json`, fitted by `python -m axisgraph.nlp.relation_model calibrate`) is what
`Extractor` applies to rule assertions by default.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..records import Assertion

MIN_POINTS = 20
GRID = np.linspace(0.0, 1.0, 41)
FLAT_TILT = 0.01  # slope of a flat map: raw scores 0.01 apart stay apart after rounding to DIGITS
DIGITS = 4  # fine enough that distinct raw scores stay distinct after the map (no new ties)
CALIBRATION_PATH = Path(__file__).parent / "data" / "calibration.json"


class Calibrator:
    """A piecewise-linear, increasing map from raw confidence to calibrated confidence."""

    def __init__(self, x: Sequence[float], y: Sequence[float], meta: dict | None = None) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.meta = meta or {}

    def confidence(self, raw: float) -> float:
        """The calibrated confidence of a raw score."""
        return float(round(np.interp(raw, self.x, self.y), DIGITS))

    def apply(self, assertion: Assertion) -> Assertion:
        """A copy of the assertion with its confidence calibrated."""
        return assertion.model_copy(update={"confidence": self.confidence(assertion.confidence)})

    def to_json(self) -> dict:
        """Plain-data form for saving."""
        return {"x": np.round(self.x, 4).tolist(), "y": np.round(self.y, 6).tolist(), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> Calibrator:
        """Inverse of `to_json`; ValueError unless it is an increasing map of [0, 1] into [0, 1]."""
        x, y = np.asarray(data["x"], dtype=float), np.asarray(data["y"], dtype=float)
        if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
            raise ValueError("calibration needs two equal-length lists of at least two breakpoints")
        if np.any(np.diff(x) <= 0) or np.any(np.diff(y) <= 0):
            raise ValueError("calibration breakpoints must be strictly increasing")
        if x[0] > 0.0 or x[-1] < 1.0 or y[0] < 0.0 or y[-1] > 1.0:
            raise ValueError("calibration must map [0, 1] into [0, 1]")
        return cls(x, y, data.get("meta"))

    def save(self, path: Path | str) -> None:
        """Write the map as JSON."""
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def load_calibrator(path: Path | str | None = None) -> Calibrator | None:
    """The shipped (or given) map; None with a warning when the file is missing or invalid (raw scores then)."""
    p = Path(path) if path is not None else CALIBRATION_PATH
    try:
        return Calibrator.from_json(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        warnings.warn(f"no usable confidence calibration at {p} ({exc}); rule assertions keep raw scores",
                      RuntimeWarning, stacklevel=2)
        return None


def fit_calibrator(points: Iterable[tuple[str | None, float, bool]], meta: dict | None = None) -> Calibrator | None:
    """Platt scaling on (re3d type, raw confidence, correct?) points; None with too few points or one outcome.

    When correctness does not rise with the raw score, the best order-keeping map is the share correct
    itself (what isotonic regression gives): a flat map at that rate, tilted by `FLAT_TILT` so that it stays
    strictly increasing and keeps the raw order.
    """
    from sklearn.linear_model import LogisticRegression

    pts = [(raw, ok) for _, raw, ok in points]
    if len(pts) < MIN_POINTS or len({ok for _, ok in pts}) < 2:
        return None
    model = LogisticRegression(C=100.0)
    model.fit(np.array([[raw] for raw, _ in pts]), np.array([ok for _, ok in pts], dtype=int))
    if model.coef_[0][0] <= 0:
        rate = float(np.mean([ok for _, ok in pts]))
        return Calibrator(GRID, rate + FLAT_TILT * (GRID - 0.5), {**(meta or {}), "flat": True})
    return Calibrator(GRID, model.predict_proba(GRID.reshape(-1, 1))[:, 1], meta)
