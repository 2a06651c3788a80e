"""Full TKG forecasting runs (ICEWS14, ICEWS18): MRR/Hits, wall and CPU time, peak memory; optional ablation.

    python benchmarks/tkg.py ICEWS14 ICEWS18            # recurrency baseline and learned model
    python benchmarks/tkg.py ICEWS14 --ablation         # learned model without each feature group

Each result is printed and appended as one JSON line to --out.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from axisgraph.forecast.bench import dataset_config, run_tkg
from axisgraph.forecast.features import FEATURES
from axisgraph.forecast.recurrency import fit_recurrency
from axisgraph.forecast.tkg import load_tkg

GROUPS = {
    "rules": ("rule_fast", "rule_slow", "rule_max"),
    "dyad (any relation)": ("pair_cnt", "pair_dt", "pair_first_dt", "pair_xi", "pair_nrel"),
    "popularity": ("pop_r", "pop_o", "o_total"),
    "inverse triple and query context": ("inv_cnt", "inv_dt", "sr_total", "s_total", "n_nbrs"),
}
RECURRENCY_ONLY = ("rec", "tri_cnt", "tri_dt", "tri_xi", "sr_total")


def _write(out: Path, row: dict) -> None:
    with out.open("a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")


def ablation(dataset: str, out: Path, data_root: str | None) -> None:
    """Refit the learned model without each feature group, and with the triple's recurrency only."""
    base_cfg = dataset_config(dataset)
    variants = {f"without {g}": tuple(f for f in FEATURES if f not in cols) for g, cols in GROUPS.items()}
    variants["recurrency features only"] = RECURRENCY_ONLY
    root = Path(data_root) if data_root else None
    baseline = fit_recurrency(load_tkg((root or _root()) / dataset))
    for name, feats in variants.items():
        rows = run_tkg(dataset, ["learned"], root, replace(base_cfg, features=feats), log=print,
                       baseline=baseline)
        for row in rows:
            _write(out, {**row, "variant": name})


def _root() -> Path:
    from axisgraph.forecast.bench import default_data_root

    return default_data_root()


def main() -> None:
    """Parse arguments and run."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--models", nargs="+", default=["recurrency", "learned"])
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--data-root", default=None)
    ap.add_argument("--out", type=Path, default=Path("/tmp/tkg_results.jsonl"))
    args = ap.parse_args()
    for ds in args.datasets:
        if args.ablation:
            ablation(ds, args.out, args.data_root)
            continue
        for row in run_tkg(ds, args.models, args.data_root, dataset_config(ds), log=print):
            _write(args.out, {**row, "variant": "full"})


if __name__ == "__main__":
    main()
