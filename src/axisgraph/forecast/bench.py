"""The TKG benchmark run: fit and evaluate forecasters on a dataset, with wall time and peak memory."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .evaluate import evaluate
from .learned import LearnedConfig, fit_learned
from .recurrency import RecurrencyBaseline, fit_recurrency
from .tkg import load_tkg

MODELS = ("recurrency", "learned")
PUBLISHED = {  # Gastinger et al., IJCAI 2024, Table 2: MRR / Hits@10, time-aware filtered, single-step
    "ICEWS14": {"TiRGN": (44.0, 63.8), "TLogic": (42.5, 60.3), "RE-GCN": (42.1, 62.7), "recurrency ψΔξ": (37.4, 51.5)},
    "ICEWS18": {"TiRGN": (33.7, 54.2), "TLogic": (29.6, 48.1), "RE-GCN": (32.6, 52.6), "recurrency ψΔξ": (28.7, 43.6)},
}


def default_data_root() -> Path:
    """The shared TKG anchors next to the repository (env AXISGRAPH_TKG_DIR overrides)."""
    env = os.environ.get("AXISGRAPH_TKG_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "anchors" / "tkg"


def cpu_seconds() -> float:
    """User plus system CPU time of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_tkg(dataset: str, models: Sequence[str] = MODELS, data_root: str | Path | None = None,
            config: LearnedConfig | None = None, log: Callable[[str], None] = print,
            baseline: RecurrencyBaseline | None = None) -> list[dict]:
    """Fit each model (hyperparameters on valid) and evaluate it on test; one result dict per model.

    A given `baseline` (fitted ψΔξ) is reused by the learned model instead of being refitted; when it is
    fitted in this run, its fitting time is counted in the learned model's times too.
    """
    data = load_tkg(Path(data_root or default_data_root()) / dataset)
    results = []
    reuse_wall = reuse_cpu = 0.0
    for name in models:
        t0, c0 = time.time(), cpu_seconds()
        if name == "recurrency":
            model = baseline = fit_recurrency(data)
            reuse_wall, reuse_cpu = time.time() - t0, cpu_seconds() - c0
        elif name == "learned":
            cfg = config or LearnedConfig()
            model = fit_learned(data, cfg, baseline=baseline, log=log)
            t0, c0 = t0 - reuse_wall, c0 - reuse_cpu
        else:
            raise ValueError(f"unknown model {name!r}; choose from {MODELS}")
        fitted = time.time() - t0
        scores = evaluate(model, data, "test")
        row = {"dataset": dataset, "model": name, **scores, "fit_s": fitted,
               "wall_s": time.time() - t0, "cpu_s": cpu_seconds() - c0, "peak_rss_mb": peak_rss_mb()}
        log(f"{dataset} {name}: MRR {scores['mrr']:.2f} H@1 {scores['hits@1']:.2f} H@3 {scores['hits@3']:.2f} "
            f"H@10 {scores['hits@10']:.2f} ({row['wall_s']:.0f}s wall, {row['cpu_s']:.0f}s CPU, "
            f"peak {row['peak_rss_mb']:.0f} MB)")
        results.append(row)
    return results


def dataset_config(dataset: str) -> LearnedConfig:
    """Example sampling sized so a full run fits in 15 minutes on 2 cores."""
    if dataset.upper() == "ICEWS18":
        return LearnedConfig(train_timestamps=40, train_query_fraction=0.35, valid_query_fraction=0.25,
                             max_candidates=100)
    return LearnedConfig()
