"""Benchmark: import the ICEWS18 TKG benchmark (468k events) into a fresh SQLite store.

Prints wall time, peak resident memory, the import counts, the time of a second
(idempotent) import, and whether Iran's ties since 2018-01-01 include Hezbollah,
Hamas and the Houthis. Usage: python benchmarks/import_icews18.py [FOLDER] [--db PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from axisgraph.importers import import_path
from axisgraph.store import Store

DEFAULT = Path(__file__).resolve().parents[1] / "../shared/data/anchors/tkg/ICEWS18"
EXPECTED_PARTNERS = ("hezbollah", "hamas", "houthis")


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Run the import twice and check Iran's ties."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to write (default: a temporary file)")
    args = parser.parse_args()
    if not args.folder.exists():
        print(f"{args.folder} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "icews18.db"
        if db.exists():
            db.unlink()
        store = Store(db)
        started = time.perf_counter()
        report = import_path(store, "tkg", args.folder)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = import_path(store, "tkg", args.folder)
        second = time.perf_counter() - started
        ties = store.ties("irn", since=date(2018, 1, 1))
        partners = set(ties.source_id) | set(ties.target_id)
        found = {p: p in partners for p in EXPECTED_PARTNERS}
        print(f"rows read          {report.rows_read:,}")
        print(f"assertions stored  {report.assertions_stored:,}")
        print(f"skipped by design  {dict(report.skipped)}")
        print(f"bad rows           {report.bad_count}")
        print(f"actors             {report.actors_seen:,}")
        print(f"import wall time   {first:.1f} s")
        print(f"re-import          {second:.1f} s, {again.assertions_stored} new")
        print(f"peak RSS           {peak_rss_mb():.0f} MiB")
        print(f"database size      {db.stat().st_size / 2**20:.0f} MiB")
        print(f"Iran's ties since 2018-01-01: {len(ties):,}; partners found: {found}")
        store.close()
        return 0 if all(found.values()) and again.assertions_stored == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
