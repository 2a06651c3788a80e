"""Forecasting the user's own graph: probability of each event relation and quad class per dyad within a horizon.

A logistic model scores (source, relation or quad class, target) candidates on their history before a
cutoff (recurrency of the triple, of the dyad, of the reverse direction, recent actor activity) and
is trained on rolling cutoffs of the same graph. Calibration is measured on a temporal hold-out: the
model fitted on cutoffs whose horizon ends before the last window predicts that window (Brier score and
reliability table); the model refitted on every cutoff then forecasts the period after the graph ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..ontology import EVENTS, QUAD_NAMES, RELATIONS

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

NO_TARGET = ""
FEATURE_NAMES = (
    "log_count", "log_count_h", "log_count_2h", "log_count_4h", "log_days_since", "recent_h",
    "log_dyad", "log_dyad_h", "log_reverse_h", "log_source_h", "log_target_h", "base_rate",
)


@dataclass
class ForecastResult:
    """Forecast rows, the hold-out calibration report and the cutoff the forecast starts from.

    `brier_base_rate` is the Brier score of forecasting every candidate with the training positive rate.
    """

    forecasts: pd.DataFrame
    brier: float
    brier_base_rate: float
    reliability: pd.DataFrame
    holdout_cutoff: pd.Timestamp | None
    cutoff: pd.Timestamp
    horizon_days: int


def event_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Asserted (not negated, not denied) events as rows source, target, relation, quad, day, evidence."""
    ev = frame[frame["relation"].isin(EVENTS) & ~frame["negated"].astype(bool)]
    if "hedge" in ev:
        ev = ev[ev["hedge"].fillna("asserted") != "denied"]
    ev = ev[ev["source_id"].notna() & ev["date"].notna()]
    out = pd.DataFrame({
        "source": ev["source_id"].astype(str),
        "target": ev["target_id"].fillna(NO_TARGET).astype(str),
        "relation": ev["relation"].astype(str),
        "quad": ev["relation"].map(lambda r: f"Q{RELATIONS[r].quad}"),
        "date": pd.to_datetime(ev["date"]).dt.normalize(),
        "doc_id": ev.get("doc_id", pd.Series("", index=ev.index)).astype(str),
        "sentence": ev.get("sentence", pd.Series("", index=ev.index)).fillna("").astype(str),
    })
    return out.sort_values("date", kind="stable").reset_index(drop=True)


@dataclass
class _Coded:
    """Events with integer codes for actors and level values, for fast windowed counts."""

    actors: pd.Index
    values: list[str]
    s: np.ndarray
    v: np.ndarray
    o: np.ndarray
    day: np.ndarray

    @classmethod
    def of(cls, events: pd.DataFrame, level: str) -> _Coded:
        """Code the events of one level (relation or quad)."""
        actors = pd.Index(sorted(set(events["source"]) | set(events["target"])))
        values = sorted(EVENTS) if level == "relation" else [f"Q{q}" for q in QUAD_NAMES]
        day = (events["date"] - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
        return cls(actors, values, actors.get_indexer(events["source"]),
                   pd.Index(values).get_indexer(events[level]), actors.get_indexer(events["target"]), day)

    def key(self, s: np.ndarray, v: np.ndarray, o: np.ndarray) -> np.ndarray:
        """Integer key of (source, value, target); v = -1 or o = -1 stand for 'any'."""
        na, nv = len(self.actors) + 1, len(self.values) + 1
        return ((s.astype(np.int64) + 1) * nv + (v + 1)) * na + (o + 1)

    def count(self, query: np.ndarray, lo: int, hi: int, use_v: bool = True, use_o: bool = True,
              use_s: bool = True) -> np.ndarray:
        """Events in days [lo, hi) matching each query key built from the same parts."""
        m = (self.day >= lo) & (self.day < hi)
        neg = np.full(int(m.sum()), -1)
        keys = self.key(self.s[m] if use_s else neg, self.v[m] if use_v else neg, self.o[m] if use_o else neg)
        uk, cnt = np.unique(keys, return_counts=True)
        if len(uk) == 0:
            return np.zeros(len(query), dtype=float)
        pos = np.clip(np.searchsorted(uk, query), 0, len(uk) - 1)
        return np.where(uk[pos] == query, cnt[pos], 0).astype(float)

    def last_day(self, query: np.ndarray, hi: int) -> np.ndarray:
        """Latest day before `hi` of each full (s, v, o) query key (NaN if never)."""
        m = self.day < hi
        keys = self.key(self.s[m], self.v[m], self.o[m])
        order = np.lexsort((self.day[m], keys))
        keys, days = keys[order], self.day[m][order]
        uk, last_i = np.unique(keys[::-1], return_index=True)
        last = days[::-1][last_i]
        if len(uk) == 0:
            return np.full(len(query), np.nan)
        pos = np.clip(np.searchsorted(uk, query), 0, len(uk) - 1)
        return np.where(uk[pos] == query, last[pos], np.nan)


def candidate_rows(events: pd.DataFrame, cutoff: pd.Timestamp, horizon: int, level: str,
                   actors: Sequence[str] | None = None, max_dyads: int | None = None) -> pd.DataFrame:
    """(source, level value, target) candidates with features from events strictly before the cutoff.

    Candidates are every dyad seen before the cutoff (in either direction) crossed with every relation
    (or quad class) of the ontology; with `actors`, only dyads touching one of them; with `max_dyads`,
    a fixed random sample of that many dyads.
    """
    past = events[events["date"] < cutoff]
    if past.empty:
        return pd.DataFrame()
    dyads = pd.concat([past[["source", "target"]],
                       past.loc[past["target"] != NO_TARGET, ["target", "source"]]
                       .set_axis(["source", "target"], axis=1)]).drop_duplicates()
    if actors is not None:
        dyads = dyads[dyads["source"].isin(actors) | dyads["target"].isin(actors)]
    if max_dyads is not None and len(dyads) > max_dyads:
        dyads = dyads.sample(max_dyads, random_state=0)
    code = _Coded.of(past, level)
    rows = dyads.merge(pd.DataFrame({level: code.values}), how="cross")
    s = code.actors.get_indexer(rows["source"])
    o = code.actors.get_indexer(rows["target"])
    v = pd.Index(code.values).get_indexer(rows[level])
    c = int((cutoff - pd.Timestamp("1970-01-01")).days)
    far, none = -(10**9), np.full(len(rows), -1)
    full, rev = code.key(s, v, o), code.key(o, v, s)
    dyad = code.key(s, none, o)
    since = c - code.last_day(full, c)
    n_dyads = max(len(dyads), 1)
    rate = code.count(code.key(none, v, none), c - horizon, c, use_s=False, use_o=False) / n_dyads
    feats = {
        "log_count": np.log1p(code.count(full, far, c)),
        "log_count_h": np.log1p(code.count(full, c - horizon, c)),
        "log_count_2h": np.log1p(code.count(full, c - 2 * horizon, c)),
        "log_count_4h": np.log1p(code.count(full, c - 4 * horizon, c)),
        "log_days_since": np.log1p(np.nan_to_num(since, nan=10_000.0)),
        "recent_h": (np.nan_to_num(since, nan=1e9) < horizon).astype(float),
        "log_dyad": np.log1p(code.count(dyad, far, c, use_v=False)),
        "log_dyad_h": np.log1p(code.count(dyad, c - horizon, c, use_v=False)),
        "log_reverse_h": np.log1p(code.count(rev, c - horizon, c)),
        "log_source_h": np.log1p(code.count(code.key(s, none, none), c - horizon, c, use_v=False, use_o=False)),
        "log_target_h": np.log1p(code.count(code.key(none, none, o), c - horizon, c, use_s=False, use_v=False)),
        "base_rate": rate,
    }
    return pd.concat([rows.reset_index(drop=True), pd.DataFrame(feats)], axis=1)


def label_rows(rows: pd.DataFrame, events: pd.DataFrame, cutoff: pd.Timestamp, horizon: int, level: str) -> np.ndarray:
    """1 where the candidate happens at least once in [cutoff, cutoff + horizon)."""
    key = ["source", level, "target"]
    end = cutoff + pd.Timedelta(days=horizon)
    future = events[(events["date"] >= cutoff) & (events["date"] < end)]
    happened = set(map(tuple, future[key].to_numpy().tolist()))
    return np.array([t in happened for t in map(tuple, rows[key].to_numpy().tolist())], dtype=int)


def training_set(events: pd.DataFrame, cutoffs: Sequence[pd.Timestamp], horizon: int, level: str,
                 actors: Sequence[str] | None = None, max_dyads: int | None = None
                 ) -> list[tuple[pd.Timestamp, pd.DataFrame, np.ndarray]]:
    """Candidate rows and labels at each rolling cutoff."""
    out = []
    for c in cutoffs:
        rows = candidate_rows(events, c, horizon, level, actors, max_dyads)
        if not rows.empty:
            out.append((c, rows, label_rows(rows, events, c, horizon, level)))
    return out


def stack(parts: Sequence[tuple[pd.Timestamp, pd.DataFrame, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix and labels of several cutoffs."""
    if not parts:
        return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0, dtype=int)
    return (np.vstack([rows[list(FEATURE_NAMES)].to_numpy(dtype=float) for _, rows, _ in parts]),
            np.concatenate([y for _, _, y in parts]))


def fit_model(x: np.ndarray, y: np.ndarray) -> Pipeline | float:
    """Logistic regression on standardised features (a constant rate if only one class was seen)."""
    if len(np.unique(y)) < 2:
        return float(y.mean()) if len(y) else 0.0
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, solver="liblinear", max_iter=1000))
    return model.fit(x, y)


def predict(model: Pipeline | float, x: np.ndarray) -> np.ndarray:
    """Probabilities from a fitted model or a constant rate."""
    if isinstance(model, float):
        return np.full(len(x), model)
    return model.predict_proba(x)[:, 1]


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Mean forecast probability against observed frequency in equal-width probability bins."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        m = which == b
        if m.any():
            rows.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(m.sum()),
                         "mean_forecast": float(p[m].mean()), "observed": float(y[m].mean())})
    return pd.DataFrame(rows, columns=["bin", "n", "mean_forecast", "observed"])


def rolling_cutoffs(first: pd.Timestamp, end: pd.Timestamp, horizon: int, n: int) -> list[pd.Timestamp]:
    """Up to n cutoffs, half a horizon apart, whose horizon ends by `end`; oldest first, one horizon after `first`."""
    step = pd.Timedelta(days=max(horizon // 2, 1))
    out, c = [], end - pd.Timedelta(days=horizon)
    while c > first + pd.Timedelta(days=horizon) and len(out) < n:
        out.append(c)
        c -= step
    return out[::-1]


class _EvidenceIndex:
    """Past events grouped by unordered dyad, to cite the assertions behind each forecast."""

    def __init__(self, events: pd.DataFrame, cutoff: pd.Timestamp) -> None:
        past = events[events["date"] < cutoff].reset_index(drop=True)
        self.cols = {c: past[c].to_numpy(dtype=object) for c in
                     ("source", "target", "relation", "quad", "doc_id", "sentence")}
        self.dates = past["date"].dt.date.astype(str).to_numpy()
        pair = [f"{min(a, b)}\x1f{max(a, b)}" for a, b in zip(self.cols["source"], self.cols["target"], strict=True)]
        self.groups = pd.Series(np.arange(len(past))).groupby(pair).apply(np.asarray).to_dict()

    def cite(self, source: str, value: str, target: str, level: str, k: int) -> list[dict]:
        """The latest k assertions of the dyad, the forecast triple's own first."""
        idx = self.groups.get(f"{min(source, target)}\x1f{max(source, target)}", np.zeros(0, dtype=int))[::-1]
        same = (self.cols[level][idx] == value) & (self.cols["source"][idx] == source)
        chosen = np.r_[idx[same], idx[~same]][:k]
        return [{"date": self.dates[i], "source": self.cols["source"][i], "relation": self.cols["relation"][i],
                 "target": self.cols["target"][i], "doc_id": self.cols["doc_id"][i],
                 "sentence": self.cols["sentence"][i]} for i in chosen]


def forecast_frame(frame: pd.DataFrame, horizon_days: int, actors: Sequence[str] | None = None,
                   dyads: Sequence[tuple[str, str]] | None = None, levels: Sequence[str] = ("relation", "quad"),
                   top: int = 20, n_cutoffs: int = 8, evidence: int = 3,
                   max_dyads: int | None = 20_000) -> ForecastResult:
    """Most likely events within `horizon_days` after the graph's last date, with calibration on a hold-out.

    `frame` has the columns of Store.assertions_frame (source_id, target_id, relation, negated, date, ...).
    Returns forecasts for the chosen actors (or dyads; all actors if neither) by relation and quad class.
    The model is trained and calibrated on the dyads of those actors (a sample of `max_dyads` per cutoff
    when there are more).
    """
    events = event_table(frame)
    if events.empty:
        raise ValueError("no dated, asserted events in this graph")
    end = events["date"].max() + pd.Timedelta(days=1)
    first = events["date"].min()
    focus = sorted({a for d in dyads for a in d}) if dyads else (list(actors) if actors else None)
    cutoffs = rolling_cutoffs(first, end, horizon_days, n_cutoffs)
    outputs, hold_p, hold_y, hold_base = [], [], [], []
    holdout = cutoffs[-1] if len(cutoffs) >= 2 else None
    cite = _EvidenceIndex(events, end)
    for level in levels:
        parts = training_set(events, cutoffs, horizon_days, level, focus, max_dyads)
        if holdout is not None:
            early = [p for p in parts if p[0] + pd.Timedelta(days=horizon_days) <= holdout] or parts[:-1]
            x_e, y_e = stack(early)
            model = fit_model(x_e, y_e)
            _, rows_h, y_h = parts[-1]
            hold_p.append(predict(model, rows_h[list(FEATURE_NAMES)].to_numpy(dtype=float)))
            hold_y.append(y_h)
            hold_base.append(np.full(len(y_h), y_e.mean() if len(y_e) else 0.0))
        model = fit_model(*stack(parts))
        rows = candidate_rows(events, end, horizon_days, level, focus)
        if rows.empty:
            continue
        if dyads:
            wanted = {tuple(d) for d in dyads} | {(b, a) for a, b in dyads}
            rows = rows[[(s, t) in wanted for s, t in zip(rows["source"], rows["target"], strict=True)]]
        rows = rows.assign(probability=predict(model, rows[list(FEATURE_NAMES)].to_numpy(dtype=float)))
        best = rows.sort_values("probability", ascending=False).head(top).copy()
        best["level"] = level
        best["evidence"] = [cite.cite(a, v, b, level, evidence)
                            for a, v, b in zip(best["source"], best[level], best["target"], strict=True)]
        best["past_events"] = np.expm1(best["log_count"]).round().astype(int)
        outputs.append(best.rename(columns={level: "event"}))
    forecasts = _format(pd.concat(outputs, ignore_index=True) if outputs else pd.DataFrame(), frame)
    p = np.concatenate(hold_p) if hold_p else np.zeros(0)
    y = np.concatenate(hold_y) if hold_y else np.zeros(0)
    brier = float(np.mean((p - y) ** 2)) if len(y) else float("nan")
    base = float(np.mean((np.concatenate(hold_base) - y) ** 2)) if len(y) else float("nan")
    return ForecastResult(forecasts, brier, base, reliability_table(p, y), holdout, end, horizon_days)


def _format(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Forecast columns with actor names and quad class names."""
    cols = ["source", "source_name", "event", "level", "quad", "target", "target_name", "probability",
            "past_events", "evidence"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    names = dict(zip(frame["source_id"], frame.get("source_name", frame["source_id"]), strict=False))
    names.update(zip(frame["target_id"], frame.get("target_name", frame["target_id"]), strict=False))
    rows = rows.copy()
    rows["source_name"] = rows["source"].map(lambda a: names.get(a, a))
    rows["target_name"] = rows["target"].map(lambda a: names.get(a, a) if a else "")
    rows["quad"] = [QUAD_NAMES[RELATIONS[e].quad] if e in RELATIONS else QUAD_NAMES[int(e[1:])]
                    for e in rows["event"]]
    return rows[cols].reset_index(drop=True)


def parse_horizon(text: str | int) -> int:
    """Days in a horizon written as `30`, `30d`, `6w`, `3m` (30 days) or `1y` (365 days)."""
    if isinstance(text, int):
        return text
    value = text.strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    try:
        days = int(value[:-1]) * units[value[-1]] if value and value[-1] in units else int(value)
    except ValueError as exc:
        raise ValueError(f"horizon {text!r} is not like 30d, 6w, 3m or 1y") from exc
    if days <= 0:
        raise ValueError("horizon must be positive")
    return days


def calibration_report(result: ForecastResult) -> dict:
    """The hold-out calibration as a JSON-ready dict."""
    return {
        "holdout_cutoff": result.holdout_cutoff.date().isoformat() if result.holdout_cutoff is not None else None,
        "brier": result.brier, "brier_base_rate": result.brier_base_rate,
        "reliability": result.reliability.to_dict(orient="records"),
    }
