"""Calibration of the user-graph forecaster on a real event graph: ICEWS18 mapped to the ontology.

    python benchmarks/forecast_calibration.py [--horizon 30] [--actors Iran Hezbollah Hamas ...]

Relation names are CAMEO descriptions, mapped to our relations through the CAMEO codebook (make public
statement has no relation and is dropped). The hold-out is the last horizon of the graph; prints the
Brier score next to the training-base-rate Brier, the reliability table, the top forecasts and timings.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from datetime import date, timedelta

import pandas as pd

from axisgraph.forecast.bench import default_data_root
from axisgraph.forecast.tkg import load_tkg
from axisgraph.forecast.user_graph import forecast_frame
from axisgraph.importers.tkg import cameo_name_index
from axisgraph.ontology import cameo_to_relation


def _norm(name: str) -> str:
    """The normalisation of cameo_name_index's keys: lowercase words of letters and digits."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


DEFAULT_ACTORS = ("Iran", "Hezbollah", "Hamas", "Israel", "Houthis", "Saudi Arabia", "Syria", "Iraq")


def icews_frame(dataset: str = "ICEWS18", start: date = date(2018, 1, 1)) -> pd.DataFrame:
    """All ICEWS facts with an ontology relation as a frame shaped like Store.assertions_frame."""
    data = load_tkg(default_data_root() / dataset)
    index = cameo_name_index()
    mapped = {}
    for i, name in enumerate(data.relations):
        code = index.get(_norm(name))
        rel = cameo_to_relation(code) if code else None
        if rel:
            mapped[i] = rel[0]
    quads = data.all_quads()
    quads = quads[pd.Series(quads[:, 1]).isin(mapped.keys()).to_numpy()]
    ent = pd.Series(data.entities)
    return pd.DataFrame({
        "doc_id": [f"{dataset}:{i}" for i in range(len(quads))],
        "date": pd.to_datetime([start + timedelta(days=int(t)) for t in quads[:, 3]]),
        "source_id": ent[quads[:, 0]].to_numpy(), "source_name": ent[quads[:, 0]].to_numpy(),
        "relation": [mapped[r] for r in quads[:, 1]], "mode": None,
        "target_id": ent[quads[:, 2]].to_numpy(), "target_name": ent[quads[:, 2]].to_numpy(),
        "negated": False, "hedge": "asserted", "confidence": 1.0, "quad": None,
        "sentence": [f"{data.relations[r]} ({dataset})" for r in quads[:, 1]], "origin": dataset.lower(),
    })


def main() -> None:
    """Build the frame, forecast, print calibration and timing."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--horizon", type=int, default=30)
    ap.add_argument("--actors", nargs="+", default=list(DEFAULT_ACTORS))
    args = ap.parse_args()
    t0 = time.time()
    frame = icews_frame()
    print(f"{len(frame)} events mapped ({time.time() - t0:.0f}s)")
    result = forecast_frame(frame, args.horizon, actors=args.actors, top=15)
    print(f"cutoff {result.cutoff.date()}, hold-out from {result.holdout_cutoff.date()}")
    print(f"Brier {result.brier:.4f}  (training base rate {result.brier_base_rate:.4f})")
    print(result.reliability.round(4).to_string(index=False))
    print(result.forecasts.drop(columns=["evidence", "source_name", "target_name"]).round(3).to_string(index=False))
    print(f"wall {time.time() - t0:.0f}s, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
