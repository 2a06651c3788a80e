"""Query latency with 1,000,000 stored assertions: ties of an actor, evidence of a dyad, a one-month graph.

Fills a SQLite store with synthetic assertion rows (the columns of
`store.assertion_row`, unique keys) through `Store.add_assertion_rows`.
Actors are the bundled KB's, drawn with a Zipf law so that a few actors are in
a large share of the assertions, as in news; dates are spread over 13 years.
Then it times, as the CLI runs them, the median of `--repeat` runs of:

- `Store.ties(actor, since, until)` over one year, for the most frequent actor and a mid-ranked one;
- `Store.evidence(a, b, limit=100)` (the `axisgraph evidence` default) and without limit, for a frequent dyad;
- a one-month snapshot: `Store.assertions_frame(since, until, columns=GRAPH_COLUMNS)` then `graph.dyads`
  and `graph.signed_graph`.

The SQLite query plan (EXPLAIN QUERY PLAN) of each query is printed, to show which index it uses.

    python benchmarks/queries.py --rows 1000000 --db /tmp/axisgraph-queries.db
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from axisgraph import graph
from axisgraph.kb.loader import bundled_kb
from axisgraph.ontology import RELATIONS
from axisgraph.store import Store, assertions

FIRST_DAY = date(2012, 1, 1)
DAYS = 13 * 365
LIMIT_MS = 200.0
PROMINENT = ["irn", "isr", "usa", "hezbollah", "hamas", "rus", "syr", "irq", "sau", "houthis", "irn.irgc.quds",
             "tur", "lbn", "pij", "ukr", "yem"]
HEDGES = np.array(["asserted", "asserted", "asserted", "reported", "likely", "possible", "denied"])
SENTENCES = [
    "{s} reportedly supplied {t} with drones and rockets, according to officials.",
    "{t} was attacked by {s} near the border on Tuesday.",
    "Officials from {s} and {t} met to discuss a ceasefire, state media said.",
    "{s} accused {t} of violating the truce.",
    "\"We will not accept this,\" a spokesman for {s} said of {t}.",
    "{s} is widely seen as a patron of {t}.",
]


def actor_ids() -> list[str]:
    """The bundled KB's actors, in a fixed order that sets who is frequent (prominent actors first)."""
    kb = bundled_kb()
    head = [i for i in PROMINENT if kb.get(i) is not None]
    rank = {"state": 0, "armed_group": 1, "coalition": 2, "state_org": 3, "party": 4, "igo": 5, "person": 6}
    rest = sorted((a for a in kb.actors.values() if a.id not in head), key=lambda a: (rank.get(a.kind, 7), a.id))
    return head + [a.id for a in rest]


def synthetic_rows(start: int, n: int, ids: list[str], rng: np.random.Generator) -> list[dict[str, Any]]:
    """`n` assertion rows numbered from `start`, in the column layout of `store.assertion_row`."""
    weights = 1.0 / np.arange(1, len(ids) + 1)
    weights /= weights.sum()
    sources = rng.choice(len(ids), size=n, p=weights)
    targets = rng.choice(len(ids), size=n, p=weights)
    targets = np.where(targets == sources, (targets + 1) % len(ids), targets)
    relations = list(RELATIONS)
    rel = rng.integers(0, len(relations), size=n)
    days = rng.integers(0, DAYS, size=n)
    hedges = HEDGES[rng.integers(0, len(HEDGES), size=n)]
    negated = rng.random(n) < 0.05
    confidence = np.round(rng.uniform(0.3, 1.0, size=n), 2)
    sentence_ix = rng.integers(0, len(SENTENCES), size=n)
    rows = []
    for i in range(n):
        s, t = ids[sources[i]], ids[targets[i]]
        day = FIRST_DAY + timedelta(days=int(days[i]))
        sentence = SENTENCES[sentence_ix[i]].format(s=s, t=t)
        relation = relations[rel[i]]
        rows.append({
            "key": hashlib.sha1(f"bench:{start + i}".encode()).hexdigest(), "doc_id": None,
            "doc_date": day, "event_date": None, "date": day, "sentence": sentence, "sentence_start": 0,
            "sentence_end": len(sentence), "source_id": s, "source_text": s, "source_start": 0,
            "source_end": len(s), "relation": relation, "mode": None, "target_id": t, "target_text": t,
            "target_start": 10, "target_end": 10 + len(t), "negated": bool(negated[i]), "hedge": str(hedges[i]),
            "confidence": float(confidence[i]), "speaker_id": None, "speaker_text": None, "speaker_start": None,
            "speaker_end": None, "trigger_text": None, "trigger_start": None, "trigger_end": None,
            "quad": RELATIONS[relation].quad, "cameo": None,
            "origin": "benchmark:synthetic",
        })
    return rows


def fill(store: Store, total: int, seed: int, chunk: int = 50_000) -> float:
    """Store `total` synthetic assertions (with the KB actors they name); returns seconds taken."""
    kb = bundled_kb()
    ids = actor_ids()
    actor_rows = [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "origin": "kb"}
                  for a in kb.actors.values()]
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    for start in range(0, total, chunk):
        store.add_assertion_rows(synthetic_rows(start, min(chunk, total - start), ids, rng), actor_rows)
        actor_rows = []
    return time.perf_counter() - started


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU milliseconds of `repeat` runs, and the last result.

    CPU time (this process, SQLite included) is what a query costs when the machine is not shared;
    wall-clock time also counts waiting for a core while other jobs run.
    """
    wall, cpu, result = [], [], None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), result


def query_plan(store: Store, query: Any) -> str:
    """SQLite's plan for a SQLAlchemy query, one step per line."""
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).fetchall()
    return "\n".join(f"      {row[-1]}" for row in rows)


# The columns a signed graph needs besides ids, texts, date and negation (covered by an index).
GRAPH_COLUMNS = ["relation", "mode", "hedge", "confidence", "quad"]


def snapshot(store: Store, since: date, until: date) -> tuple[int, int]:
    """A one-month graph: assertions in the window aggregated per dyad; returns (dyads, edges)."""
    frame = store.assertions_frame(since, until, columns=GRAPH_COLUMNS)
    dyads = graph.dyads(frame)
    return len(dyads), graph.signed_graph(dyads).number_of_edges()


def main() -> None:
    """Command line: fill (or reuse) the store and time the three queries."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/axisgraph-queries.db"))
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="Rebuild the store even if it holds enough rows.")
    args = parser.parse_args()
    if args.fresh:
        for path in args.db.parent.glob(args.db.name + "*"):
            path.unlink()
    store = Store(args.db)
    held = store.summary().assertions
    if held < args.rows:
        seconds = fill(store, args.rows - held, args.seed + held)
        print(f"stored {args.rows - held:,} assertions in {seconds:.1f} s "
              f"({(args.rows - held) / seconds:,.0f} rows/s)")
    summary = store.summary()
    print(f"store: {summary.assertions:,} assertions, {summary.actors:,} actors, "
          f"{summary.first_date} .. {summary.last_date}")

    ids = actor_ids()
    top, mid, second = ids[0], ids[len(ids) // 20], ids[1]
    year = (date(2020, 1, 1), date(2020, 12, 31))
    month = (date(2020, 6, 1), date(2020, 6, 30))
    a = assertions.c
    checks: list[tuple[str, Callable[[], Any], Callable[[Any], str], Any]] = [
        (f"ties {top} (1 year)", lambda: store.ties(top, *year), lambda r: f"{len(r)} ties",
         select(a.source_id).where((a.source_id == top) | (a.target_id == top), a.date >= year[0],
                                   a.date <= year[1], a.negated.is_(False))),
        (f"ties {mid} (1 year)", lambda: store.ties(mid, *year), lambda r: f"{len(r)} ties", None),
        (f"evidence {top} {second} limit 100", lambda: store.evidence(top, second, limit=100),
         lambda r: f"{len(r)} assertions",
         select(a.id).where(((a.source_id == top) & (a.target_id == second))
                            | ((a.source_id == second) & (a.target_id == top))).order_by(a.date.desc(), a.id)
         .limit(100)),
        (f"evidence {top} {mid} (all)", lambda: store.evidence(top, mid), lambda r: f"{len(r)} assertions", None),
        ("snapshot 2020-06 (frame + dyads + graph)", lambda: snapshot(store, *month),
         lambda r: f"{r[0]} dyads, {r[1]} edges",
         select(a.id).where(a.date >= month[0], a.date <= month[1])),
    ]
    print(f"median of {args.repeat} runs, wall clock and CPU (limit {LIMIT_MS:.0f} ms):")
    for name, run, describe, plan in checks:
        wall, cpu, result = timed(run, args.repeat)
        verdict = "ok" if min(wall, cpu) < LIMIT_MS else "SLOW"
        print(f"  {name:<44} wall {wall:7.1f} ms  cpu {cpu:7.1f} ms  {verdict:<4}  {describe(result)}")
        if plan is not None:
            print(query_plan(store, plan))
    store.close()


if __name__ == "__main__":
    main()
