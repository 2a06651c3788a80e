"""Peak memory of `axisgraph ingest` on a large generated corpus, polled over the whole process tree.

Writes `--n` generated documents (benchmarks/corpus.py) as JSONL shards, runs
`axisgraph ingest SHARDS --n-process 2` in a child process, and polls every
process of its tree once a second: resident set size (RSS, which counts pages
shared between the parent and forked workers once per process, an upper
bound) and proportional set size (PSS, shared pages split between processes).
It also records how many documents the store holds over time, so that memory
can be read against progress: bounded memory means the curve is flat.
With `--max-seconds` the ingest is interrupted when time is up (SIGINT to its
process group, as Ctrl-C does); an interrupted ingest keeps what it stored, so
the numbers cover what was done.

    python benchmarks/memory_ingest.py --n 50000 --work /tmp/axisgraph-memory --max-seconds 5400
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

LIMIT_MB = 1500


@dataclass
class Sample:
    """One poll of the ingest process tree."""

    seconds: float
    processes: int
    rss_mb: float
    pss_mb: float
    documents: int


@dataclass
class MemoryReport:
    """Peaks and the whole memory-over-progress curve."""

    documents_requested: int
    documents_stored: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    samples: list[Sample] = field(default_factory=list)


def tree_memory(root: psutil.Process) -> tuple[int, float, float]:
    """(processes, RSS MB, PSS MB) summed over a process and all its descendants."""
    processes, rss, pss = 0, 0, 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            info = proc.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        processes += 1
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return processes, rss / 2**20, pss / 2**20


def stored_documents(db: Path) -> int:
    """How many documents the store holds now (read while the ingest writes; WAL allows it)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return -1


def run(n: int, work: Path, n_process: int, max_seconds: float | None, seed: int, resume: bool = False
        ) -> MemoryReport:
    """Generate the corpus if needed, ingest it, and poll memory until the ingest ends.

    With `resume` the store of an earlier (interrupted) run is kept, so the ingest stores only the rest.
    """
    shards = work / f"corpus-{n}-{seed}"
    done = work / f"corpus-{n}-{seed}.done"
    if not done.exists():
        write_corpus(shards, n, seed=seed, shard_size=1000)
        done.write_text("ok")
    db = work / "memory.db"
    for path in ([] if resume else work.glob("memory.db*")):
        path.unlink()
    command = ["axisgraph", "ingest", str(shards), "--db", str(db), "--n-process", str(n_process),
               "--no-summary"]
    report = MemoryReport(documents_requested=n)
    started = time.monotonic()
    with open(work / "ingest.log", "w") as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        root = psutil.Process(child.pid)
        polls = 0
        while child.poll() is None:
            elapsed = time.monotonic() - started
            if max_seconds is not None and elapsed > max_seconds and not report.interrupted:
                os.killpg(child.pid, signal.SIGINT)
                report.interrupted = True
            processes, rss, pss = tree_memory(root)
            report.peak_rss_mb = max(report.peak_rss_mb, rss)
            report.peak_pss_mb = max(report.peak_pss_mb, pss)
            if polls % 30 == 0:
                report.samples.append(Sample(round(elapsed, 1), processes, round(rss, 1), round(pss, 1),
                                             stored_documents(db)))
            polls += 1
            time.sleep(1.0)
    report.seconds = round(time.monotonic() - started, 1)
    report.documents_stored = stored_documents(db)
    report.peak_rss_mb = round(report.peak_rss_mb, 1)
    report.peak_pss_mb = round(report.peak_pss_mb, 1)
    return report


def main() -> None:
    """Command line: run the measurement and print a summary plus the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/axisgraph-memory"))
    parser.add_argument("--max-seconds", type=float, default=None)
    parser.add_argument("--resume", action="store_true", help="Keep the store of an earlier run and finish it.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    report = run(args.n, args.work, args.n_process, args.max_seconds, args.seed, args.resume)
    print(json.dumps(asdict(report), indent=1))
    verdict = "within" if report.peak_rss_mb < LIMIT_MB else "OVER"
    print(f"documents stored: {report.documents_stored} of {report.documents_requested} in {report.seconds} s"
          f"{' (interrupted at the time limit)' if report.interrupted else ''}")
    print(f"peak RSS of the process tree: {report.peak_rss_mb} MB ({verdict} the {LIMIT_MB} MB limit); "
          f"peak PSS: {report.peak_pss_mb} MB")


if __name__ == "__main__":
    main()
