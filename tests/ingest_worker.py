"""Run an ingest with the stand-in extractor in its own process (for crash and concurrency tests).

Usage: python tests/ingest_worker.py DB_URL KB_FILE CORPUS [SLEEP_SECONDS_PER_DOC]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from axisgraph.ingest import ingest  # noqa: E402
from axisgraph.kb import load_kb  # noqa: E402
from axisgraph.store import Store  # noqa: E402
from storekit import FundsExtractor  # noqa: E402


class SlowExtractor(FundsExtractor):
    """Sleeps per document so that a kill lands in the middle of a run."""

    def __init__(self, kb, delay: float) -> None:
        super().__init__(kb)
        self.delay = delay

    def extract_many(self, documents, n_process=1):
        for pair in super().extract_many(documents, n_process):
            time.sleep(self.delay)
            yield pair


def main() -> None:
    url, kb_file, corpus = sys.argv[1:4]
    delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    kb = load_kb([kb_file], include_bundled=False)
    result = ingest([corpus], Store(url), SlowExtractor(kb, delay), batch_size=3)
    print(result.documents_stored, result.assertions_stored)


if __name__ == "__main__":
    main()
