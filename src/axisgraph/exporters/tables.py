"""Assertions and ties as CSV, Parquet and JSON Lines, streamed from the store."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import Assertion
from ..store import Store
from .flat import FLAT_COLUMNS, flatten
from .ties import ties_frame

BATCH = 5000


def _types() -> dict[str, pa.DataType]:
    types: dict[str, pa.DataType] = {c: pa.string() for c in FLAT_COLUMNS}
    types.update({c: pa.date32() for c in ("date", "doc_date", "event_date")})
    types.update({c: pa.int64() for c in FLAT_COLUMNS if c.endswith(("_start", "_end"))})
    types.update({"quad": pa.int64(), "confidence": pa.float64(), "negated": pa.bool_()})
    return types


ASSERTION_SCHEMA = pa.schema([(c, t) for c, t in _types().items()])


def _batches(records: Iterator[Assertion], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(flatten(record))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_assertions_csv(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write assertions as flat CSV rows; returns how many."""
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FLAT_COLUMNS))
        writer.writeheader()
        for batch in _batches(store.iter_assertions(since, until)):
            writer.writerows(batch)
            count += len(batch)
    return count


def write_assertions_parquet(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write assertions as a Parquet file with typed columns (dates, integers, booleans); returns how many."""
    count = 0
    with pq.ParquetWriter(out, ASSERTION_SCHEMA) as writer:
        for batch in _batches(store.iter_assertions(since, until)):
            writer.write_table(pa.Table.from_pylist(batch, schema=ASSERTION_SCHEMA))
            count += len(batch)
        if count == 0:
            writer.write_table(ASSERTION_SCHEMA.empty_table())
    return count


def write_assertions_jsonl(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write assertion records (DESIGN.md's interchange format), one JSON object per line; returns how many."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in store.iter_assertions(since, until):
            handle.write(json.dumps(record.to_record(), ensure_ascii=False) + "\n")
            count += 1
    return count


def write_ties_csv(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write ties (source, relation, target with count, weight, first/last seen, documents) as CSV."""
    frame = ties_frame(store, since, until)
    frame.to_csv(out, index=False)
    return len(frame)


def write_ties_parquet(store: Store, out: Path, since: date | None = None, until: date | None = None) -> int:
    """Write ties as Parquet."""
    frame = ties_frame(store, since, until)
    frame.to_parquet(out, index=False)
    return len(frame)
