"""Sentences per second of bare spaCy, axisgraph extract and axisgraph ingest, on the same text in one run.

The baseline is spaCy's own `nlp.pipe` with the same model, processes and
batch size that the extractor uses; extract is `Extractor.extract_many`
(parse, actor mentions, relation rules, qualifiers) in this process with
spaCy's `n_process` workers; ingest is `ingest_documents` into a fresh SQLite
store through the extractor `axisgraph ingest -j N` uses (`ingest.extractor_for`:
with N > 1 a pool of N spawned worker processes that each load the pipeline
and extract whole documents; their start-up is part of the measured time).
Stages run in turns (bare, extract, ingest, bare, ...) for
`--rounds` rounds and each stage's median time is kept, so that load from
other jobs on a shared machine falls on every stage alike; the ratios to the
baseline are the numbers to read, not the absolute rates. Besides wall-clock
time, the CPU time of the whole process tree (this process and its reaped
spaCy workers) is reported: on a machine shared with other jobs, a stage that
runs more processes also gets a larger share of the cores, which flatters
its wall-clock ratio, while the CPU ratio shows what each stage costs.

    python benchmarks/throughput.py --docs 300 --n-process 2 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from axisgraph.ingest import extractor_for, ingest_documents
from axisgraph.nlp import Extractor
from axisgraph.nlp.pipeline import MODEL
from axisgraph.records import Document
from axisgraph.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from corpus import documents  # noqa: E402

BATCH_SIZE = 32
TARGETS = {"extract": 0.75, "ingest": 0.6}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (spaCy joins its workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measured(run: Callable[[], int]) -> tuple[int, float, float]:
    """(count, wall seconds, CPU seconds of the process tree) of one run."""
    started, started_cpu = time.perf_counter(), cpu_seconds()
    count = run()
    return count, time.perf_counter() - started, cpu_seconds() - started_cpu


def count_sentences(nlp: spacy.language.Language, texts: list[str], n_process: int) -> int:
    """Parse with the bare pipeline; returns the number of sentences."""
    return sum(len(list(doc.sents)) for doc in nlp.pipe(texts, n_process=n_process, batch_size=BATCH_SIZE))


def run_extract(extractor: Extractor, docs: list[Document], n_process: int) -> int:
    """Run the extractor over every document; returns the number of assertions."""
    return sum(len(a) for _, a in extractor.extract_many(docs, n_process=n_process, batch_size=BATCH_SIZE))


def run_ingest(extractor: Extractor, docs: list[Document], n_process: int, folder: Path) -> int:
    """Ingest every document into a new SQLite store as the CLI does; returns the number of assertions stored."""
    path = folder / f"throughput-{time.monotonic_ns()}.db"
    store = Store(path)
    if n_process > 1:
        with extractor_for(extractor.kb, n_process) as pool:
            result = ingest_documents(docs, store, pool, n_process=n_process)
    else:
        result = ingest_documents(docs, store, extractor, n_process=n_process)
    store.close()
    return result.assertions_stored


def main() -> None:
    """Command line: measure the three stages and print rates and ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    docs = list(documents(args.docs, seed=args.seed))
    texts = [d.text for d in docs]
    nlp = spacy.load(MODEL)
    extractor = Extractor()
    folder = Path(tempfile.mkdtemp(prefix="axisgraph-throughput-"))
    stages: dict[str, Callable[[], int]] = {
        "bare spaCy": lambda: count_sentences(nlp, texts, args.n_process),
        "extract": lambda: run_extract(extractor, docs, args.n_process),
        "ingest": lambda: run_ingest(extractor, docs, args.n_process, folder),
    }
    wall: dict[str, list[float]] = {name: [] for name in stages}
    cpu: dict[str, list[float]] = {name: [] for name in stages}
    counts: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, stage in stages.items():
            counts[name], seconds, cpu_used = measured(stage)
            wall[name].append(seconds)
            cpu[name].append(cpu_used)
    shutil.rmtree(folder, ignore_errors=True)
    sentences = counts["bare spaCy"]
    print(f"{args.docs} documents, {sum(map(len, texts)):,} characters, {sentences:,} sentences; "
          f"n_process={args.n_process}, batch_size={BATCH_SIZE}, {args.rounds} rounds (medians)")
    print(f"{counts['extract']:,} assertions extracted, {counts['ingest']:,} stored")
    base = sentences / statistics.median(wall["bare spaCy"])
    base_cpu = sentences / statistics.median(cpu["bare spaCy"])
    for name in stages:
        rate = sentences / statistics.median(wall[name])
        rate_cpu = sentences / statistics.median(cpu[name])
        target = TARGETS.get(name.split()[0])
        verdict = "" if target is None else f"  target >= {target:.2f}x: {'met' if rate / base >= target else 'MISSED'}"
        print(f"{name:<11} {rate:8.1f} sentences/s {rate / base:5.2f}x | {rate_cpu:8.1f} sentences/CPU-s "
              f"{rate_cpu / base_cpu:5.2f}x | wall {', '.join(f'{t:.0f}s' for t in wall[name])}{verdict}")


if __name__ == "__main__":
    main()
