"""Benchmark: bloc detection and dependency indices over the full ICEWS18 graph.

Imports ICEWS18 into the given store if it holds no assertions yet, then times
each stage separately (reading the store, the signed graph, the blocs, the
dependency table) and checks the acceptance criteria: a bloc holds Iran,
Hezbollah and Hamas but not Israel; Hezbollah's dependency index on Iran is
above Hamas's. Prints a JSON report.

Blocs are computed on political actors (states, state bodies, armed groups,
parties, IGOs, coalitions; not ICEWS's sector actors such as "Citizen (Iran)")
with state bodies counted as their state; `--all-kinds` and `--no-rollup`
switch either off.

Usage: python benchmarks/analysis_icews18.py [--db PATH] [--min-count 1] [--resolution 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from axisgraph.analysis.blocs import find_blocs, triangle_balance
from axisgraph.analysis.patronage import dependency_index, dependency_table
from axisgraph.graph import POLITICAL_KINDS, apply_rollup, dyads, filter_kinds, signed_graph, state_rollup
from axisgraph.kb import bundled_kb
from axisgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "../shared/data/anchors/tkg/ICEWS18"
AXIS = ("irn", "hezbollah", "hamas")
OUTSIDER = "isr"


class Clock:
    """Wall-clock seconds of named stages."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def run(self, name, fn, *args, **kwargs):
        """Call fn and record its wall time under name."""
        started = time.perf_counter()
        out = fn(*args, **kwargs)
        self.times[name] = round(time.perf_counter() - started, 2)
        return out


def ensure_imported(store: Store) -> int:
    """Import ICEWS18 when the store is empty; returns the number of stored assertions."""
    count = store.summary().assertions
    if count:
        return count
    if not DATA.exists():
        print(f"{DATA} not found", file=sys.stderr)
        raise SystemExit(2)
    from axisgraph.importers import import_path

    return import_path(store, "tkg", DATA).assertions_stored


def sensitivity(dyad_frame) -> list[dict]:
    """Whether Iran, Hezbollah and Hamas share a bloc without Israel, across min-count and resolution."""
    rows = []
    for min_count in (1, 2, 3, 5, 10):
        graph = signed_graph(dyad_frame, min_count=min_count)
        for resolution in (0.5, 1.0, 1.5):
            result = find_blocs(graph, resolution=resolution, balance=False)
            home = result.membership.get("irn")
            rows.append({"min_count": min_count, "resolution": resolution, "actors": graph.number_of_nodes(),
                         "iran_bloc_size": sum(1 for v in result.membership.values() if v == home),
                         "with_iran": [a for a in (*AXIS[1:], OUTSIDER) if result.membership.get(a) == home]})
    return rows


def main() -> int:
    """Run the stages and print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/icews18_analysis.db"))
    parser.add_argument("--min-count", type=int, default=1, help="ignore dyads with fewer events")
    parser.add_argument("--resolution", type=float, default=1.0)
    parser.add_argument("--no-rollup", action="store_true", help="keep state bodies apart from their state")
    parser.add_argument("--all-kinds", action="store_true", help="blocs over every actor, sector actors included")
    parser.add_argument("--grid", action="store_true",
                        help="also report the acceptance check for min-count 1,2,3,5,10 × resolution 0.5,1,1.5")
    args = parser.parse_args()
    clock = Clock()
    store = Store(args.db)
    n = clock.run("count (import if empty)", ensure_imported, store)
    frame = clock.run("read store", store.assertions_frame)
    ids = set(frame["source_id"].dropna()) | set(frame["target_id"].dropna())
    rollup = clock.run("state rollup", lambda: state_rollup(ids, bundled_kb(), store.actor_names()))
    started = time.perf_counter()
    kinds = None if args.all_kinds else POLITICAL_KINDS
    bloc_frame = filter_kinds(frame if args.no_rollup else apply_rollup(frame, rollup), kinds)
    graph = clock.run("dyads + signed graph", lambda: signed_graph(dyads(bloc_frame), min_count=args.min_count))
    blocs = clock.run("blocs (Leiden, signed)", find_blocs, graph, resolution=args.resolution, balance=False)
    balance = clock.run("triangle balance", triangle_balance, graph)
    table = clock.run("dependency table (all actors)", dependency_table, frame, rollup=rollup)
    analysis_seconds = round(time.perf_counter() - started, 2)
    axis = blocs.bloc_of("irn")
    together = axis is not None and all(blocs.membership.get(a) == axis.id for a in AXIS)
    hezbollah = dependency_index(frame, "hezbollah", patron_id="irn", rollup=rollup)
    hamas = dependency_index(frame, "hamas", patron_id="irn", rollup=rollup)
    report = {
        "assertions": n, "actors_in_graph": graph.number_of_nodes(), "dyads_in_graph": graph.number_of_edges(),
        "min_count": args.min_count, "resolution": args.resolution, "rollup_for_blocs": not args.no_rollup,
        "kinds_for_blocs": "all" if args.all_kinds else sorted(POLITICAL_KINDS),
        "seconds": clock.times, "analysis_seconds_total": analysis_seconds,
        "load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
        "blocs": len(blocs.blocs), "partition_balance": round(blocs.partition_balance, 4),
        "triangle_balance": None if balance is None else round(balance, 4),
        "iran_bloc_size": len(axis.members) if axis else None,
        "iran_bloc_first_members": axis.names[:25] if axis else None,
        "iran_hezbollah_hamas_together": together,
        "israel_outside": axis is not None and blocs.membership.get(OUTSIDER) != axis.id,
        "dependency_on_iran": {"hezbollah": hezbollah.to_dict() | {"evidence": len(hezbollah.evidence)},
                               "hamas": hamas.to_dict() | {"evidence": len(hamas.evidence)}},
        "sponsored_actors": len(table),
        "top_dependency": table.head(10)[["actor_id", "patron_id", "index"]].round(3).to_dict("records"),
    }
    if args.grid:
        report["grid"] = sensitivity(dyads(bloc_frame))
    print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
