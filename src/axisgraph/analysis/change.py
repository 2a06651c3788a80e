"""Change: new ties, broken ties, sign flips and spikes per period, ranked by surprise against history.

Each undirected dyad gets, per period, its assertion count and its cooperative
and hostile weight. Against the dyad's own history (all earlier periods):

- ``new``: first assertions ever between the pair;
- ``spike``: more assertions than its history makes likely;
- ``broken``: silent in a period after being active in the previous one;
- ``flip``: the net sign of the period is opposite to the net sign of its history.

Surprise is ``−log10`` of the event's probability under the history: counts
follow a Poisson law whose rate is the gamma-smoothed mean count per period,
``λ = (past count + 0.1) / (past periods + 1)`` (new ties and spikes:
P(N ≥ n); broken ties: P(N = 0) under the rate of the last three periods); a
flip is scored by the binomial tail of the period's share of hostile (or
cooperative) assertions against the history's smoothed share. These are the
"surprise" scores of event-data anomaly detection (e.g. Schrodt 2012,
"Precedents, progress and prospects in political event data").
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from scipy import stats

from ..graph import STRUCTURAL, actor_names, period_start, prepare

CHANGE_COLUMNS = ["period", "a", "a_name", "b", "b_name", "kind", "count", "expected", "weight", "weight_before",
                  "surprise"]
PRIOR_COUNT = 0.1
PRIOR_PERIODS = 1.0
RECENT = 3


def _panel(data: pd.DataFrame, freq: str) -> tuple[pd.DataFrame, list[pd.Timestamp], dict[str, np.ndarray]]:
    src, tgt = data["source_id"].to_numpy(dtype=object), data["target_id"].to_numpy(dtype=object)
    signed = data["signed"].to_numpy()
    cells = pd.DataFrame({"a": np.where(src < tgt, src, tgt), "b": np.where(src < tgt, tgt, src),
                          "period": period_start(data["date"], freq).to_numpy(),
                          "pos": np.clip(signed, 0, None), "neg": np.clip(-signed, 0, None),
                          "npos": (signed > 0).astype(int), "nneg": (signed < 0).astype(int)})
    grouped = cells.groupby(["a", "b", "period"]).agg(count=("pos", "size"), pos=("pos", "sum"), neg=("neg", "sum"),
                                                      npos=("npos", "sum"), nneg=("nneg", "sum"))
    periods = sorted(cells["period"].unique())
    pairs = grouped.index.droplevel("period").unique()
    pair_pos = pairs.get_indexer(grouped.index.droplevel("period"))
    period_pos = pd.Index(periods).get_indexer(grouped.index.get_level_values("period"))
    arrays = {}
    for column in ("count", "pos", "neg", "npos", "nneg"):
        grid = np.zeros((len(pairs), len(periods)))
        grid[pair_pos, period_pos] = grouped[column].to_numpy()
        arrays[column] = grid
    return pairs.to_frame(index=False), [pd.Timestamp(p) for p in periods], arrays


def changes(frame: pd.DataFrame, freq: str = "M", since: date | str | None = None, until: date | str | None = None,
            min_surprise: float = 2.0, kinds: tuple[str, ...] = ("new", "broken", "flip", "spike"),
            limit: int | None = None) -> pd.DataFrame:
    """Changes per period ("W", "M", "Q", "Y") ranked by surprise; columns ``CHANGE_COLUMNS``.

    The first period has no history and reports nothing. `min_surprise` (−log10 probability)
    drops unremarkable changes; `weight` and `weight_before` are the period's and the history's
    mean-per-period net signed weight.
    """
    data = prepare(frame, since, until)
    data = data[data["source_id"].notna() & data["target_id"].notna() & (data["source_id"] != data["target_id"])
                & ~data["relation"].isin(STRUCTURAL)]
    if data.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    pairs, periods, g = _panel(data, freq)
    count = g["count"]
    net = g["pos"] - g["neg"]
    past_count = np.cumsum(count, axis=1) - count
    past_net = np.cumsum(net, axis=1) - net
    past_pos = np.cumsum(g["npos"], axis=1) - g["npos"]
    past_neg = np.cumsum(g["nneg"], axis=1) - g["nneg"]
    n_past = np.arange(len(periods))[None, :].astype(float)
    rate = (past_count + PRIOR_COUNT) / (n_past + PRIOR_PERIODS)
    tail = stats.poisson.logsf(count - 1, rate) / -np.log(10)
    found = []
    valid = n_past > 0
    active = count > 0
    if "new" in kinds:
        found.append(("new", active & (past_count == 0) & valid, tail, rate))
    if "spike" in kinds:
        found.append(("spike", active & (past_count > 0) & (count > rate) & valid, tail, rate))
    if "broken" in kinds:
        recent = np.zeros_like(count)
        for lag in range(1, RECENT + 1):
            recent[:, lag:] += count[:, :-lag]
        recent_rate = recent / np.minimum(np.maximum(n_past, 1), RECENT)
        previous = np.zeros_like(count, dtype=bool)
        previous[:, 1:] = count[:, :-1] > 0
        found.append(("broken", ~active & previous & valid, recent_rate / np.log(10), recent_rate))
    if "flip" in kinds:
        hostile_share = (past_neg + 1.0) / (past_pos + past_neg + 2.0)
        n = g["npos"] + g["nneg"]
        to_hostile = stats.binom.logsf(g["nneg"] - 1, n, hostile_share) / -np.log(10)
        to_coop = stats.binom.logsf(g["npos"] - 1, n, 1 - hostile_share) / -np.log(10)
        flip = active & valid & (past_count > 0) & (np.sign(net) * np.sign(past_net) < 0)
        found.append(("flip", flip, np.where(net < 0, to_hostile, to_coop), rate))
    names = actor_names(data)
    rows = []
    mean_before = past_net / np.maximum(n_past, 1)
    for kind, mask, surprise, expected in found:
        mask = mask & (surprise >= min_surprise)
        for i, t in zip(*np.nonzero(mask), strict=True):
            a, b = pairs.iat[i, 0], pairs.iat[i, 1]
            rows.append({"period": periods[t], "a": a, "a_name": names.get(a, a), "b": b, "b_name": names.get(b, b),
                         "kind": kind, "count": int(count[i, t]), "expected": float(expected[i, t]),
                         "weight": float(net[i, t]), "weight_before": float(mean_before[i, t]),
                         "surprise": float(surprise[i, t])})
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    out = out.sort_values(["surprise", "period", "a", "b"], ascending=[False, True, True, True], ignore_index=True)
    return out.head(limit) if limit else out
