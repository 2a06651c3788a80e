"""Sentences per second of bare spaCy, axisgraph extract and axisgraph ingest, on the same text in one run.

The baseline is spaCy's own `nlp.pipe` with the same model, processes and
batch size that the extractor uses; extract is `Extractor.extract_many`
(parse, actor mentions, relation rules, qualifiers); ingest is
`ingest_documents` into a fresh SQLite store (extract plus deduplication and
writes). Stages run in turns (bare, extract, ingest, bare, ...) for
`--rounds` rounds and each stage's median time is kept, so that load from
other jobs on a shared machine falls on every stage alike; the ratios to the
baseline are the numbers to read, not the absolute rates.

    python benchmarks/throughput.py --docs 300 --n-process 2 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from axisgraph.ingest import ingest_documents
from axisgraph.nlp import Extractor
from axisgraph.nlp.pipeline import MODEL
from axisgraph.records import Document
from axisgraph.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from corpus import documents  # noqa: E402

BATCH_SIZE = 32
TARGETS = {"extract": 0.75, "ingest": 0.6}


def count_sentences(nlp: spacy.language.Language, texts: list[str], n_process: int) -> tuple[int, float]:
    """Parse with the bare pipeline; returns (sentences, seconds)."""
    started = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, n_process=n_process, batch_size=BATCH_SIZE))
    return sentences, time.perf_counter() - started


def time_extract(extractor: Extractor, docs: list[Document], n_process: int) -> tuple[int, float]:
    """Run the extractor over every document; returns (assertions, seconds)."""
    started = time.perf_counter()
    found = sum(len(a) for _, a in extractor.extract_many(docs, n_process=n_process, batch_size=BATCH_SIZE))
    return found, time.perf_counter() - started


def time_ingest(extractor: Extractor, docs: list[Document], n_process: int) -> tuple[int, float]:
    """Ingest every document into a new SQLite store; returns (assertions stored, seconds)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "throughput.db")
        started = time.perf_counter()
        result = ingest_documents(docs, store, extractor, n_process=n_process)
        seconds = time.perf_counter() - started
        store.close()
    return result.assertions_stored, seconds


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
    stages: dict[str, Callable[[], tuple[int, float]]] = {
        "bare spaCy": lambda: count_sentences(nlp, texts, args.n_process),
        "extract": lambda: time_extract(extractor, docs, args.n_process),
        "ingest": lambda: time_ingest(extractor, docs, args.n_process),
    }
    times: dict[str, list[float]] = {name: [] for name in stages}
    counts: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, stage in stages.items():
            count, seconds = stage()
            counts[name] = count
            times[name].append(seconds)
    sentences = counts["bare spaCy"]
    print(f"{args.docs} documents, {sum(map(len, texts)):,} characters, {sentences:,} sentences; "
          f"n_process={args.n_process}, batch_size={BATCH_SIZE}, {args.rounds} rounds (median time)")
    print(f"{counts['extract']:,} assertions extracted, {counts['ingest']:,} stored")
    base = sentences / statistics.median(times["bare spaCy"])
    for name, runs in times.items():
        rate = sentences / statistics.median(runs)
        target = TARGETS.get(name.split()[0])
        verdict = "" if target is None else f"  target >= {target:.2f}x: {'met' if rate / base >= target else 'MISSED'}"
        print(f"{name:<11} {rate:9.1f} sentences/s  {rate / base:5.2f}x bare spaCy  "
              f"runs: {', '.join(f'{t:.1f}s' for t in runs)}{verdict}")


if __name__ == "__main__":
    main()
