"""axisgraph's own assertion files (JSON Lines records, CSV and Parquet exports), read back losslessly.

Records keep their origin and their key, so importing an export into the store it
came from adds nothing, and into a fresh store gives the same assertions. Text
assertions whose document is not in the target store keep their document id in
their key but are stored without the document link.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..exporters.flat import unflatten
from ..records import ActorRef, Assertion
from ..store import assertion_row
from .actors import ResolvedActor
from .base import ImportContext, Parsed, counted_lines, file_list, guarded


def jsonl_files(path: Path) -> list[Path]:
    """The JSON Lines files of a path."""
    return file_list(path, (".jsonl", ".ndjson", ".json"))


def csv_files(path: Path) -> list[Path]:
    """The CSV files of a path."""
    return file_list(path, (".csv",))


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a path."""
    return file_list(path, (".parquet", ".pq"))


class _Documents:
    """Which document ids the target store holds (asked once per id)."""

    def __init__(self, ctx: ImportContext) -> None:
        self.store = ctx.store
        self.known: dict[str, bool] = {}

    def has(self, doc_id: str) -> bool:
        if doc_id not in self.known:
            self.known[doc_id] = bool(self.store and self.store.known_documents([doc_id]))
        return self.known[doc_id]


def _row(a: Assertion, ctx: ImportContext, docs: _Documents) -> dict[str, Any]:
    """The store row of a record, remembering its actors; document links only to stored documents."""
    row = assertion_row(a)
    if row["doc_id"] is not None and not docs.has(row["doc_id"]):
        row["doc_id"] = None
    for ref in (a.source, a.target, a.speaker):
        if ref is not None and ref.id:
            ctx.resolver.remember(_actor(ref, ctx))
    return row


def _actor(ref: ActorRef, ctx: ImportContext) -> ResolvedActor:
    known = ctx.resolver.kb_actor(ref.id or "")
    if known is not None:
        return known
    return ResolvedActor(ref.id or "", ref.name or ref.text, ref.kind or "other")


def _parsed(file: str, line: int, record: dict[str, Any] | None, ctx: ImportContext, docs: _Documents,
            size: int, flat: bool) -> Parsed:
    try:
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        assertion = unflatten(record) if flat else Assertion.model_validate(record)
    except (ValidationError, ValueError, TypeError) as exc:
        return Parsed(file, line, bad=_reason(exc), size=size)
    return guarded(file, line, size, lambda: Parsed(file, line, rows=[_row(assertion, ctx, docs)], size=size))


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())[:300]
    return str(exc)[:300]


def parse_jsonl(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse assertion records, one JSON object per line."""
    docs = _Documents(ctx)
    for file in jsonl_files(path):
        with file.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Parsed(file.name, number, bad=f"invalid JSON: {exc.msg}", size=len(line))
                    continue
                yield _parsed(file.name, number, record, ctx, docs, len(line), flat=False)


def parse_csv(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse the flat assertion CSV written by the csv exporter."""
    docs = _Documents(ctx)
    for file in csv_files(path):
        sizes = [0]
        with file.open(encoding="utf-8", errors="replace", newline="") as handle:
            reader = csv.DictReader(counted_lines(handle, sizes))
            last, consumed = 1, 0
            for record in reader:
                start, last = last + 1, reader.line_num
                size, consumed = sizes[0] - consumed, sizes[0]
                if None in record:
                    yield Parsed(file.name, start, bad="more fields than the header", size=size)
                    continue
                yield _parsed(file.name, start, record, ctx, docs, size, flat=True)


def parse_parquet(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse the flat assertion Parquet written by the parquet exporter, batch by batch."""
    import pyarrow.parquet as pq

    docs = _Documents(ctx)
    for file in parquet_files(path):
        parquet = pq.ParquetFile(file)
        share = file.stat().st_size // max(parquet.metadata.num_rows, 1)
        number = 0
        for batch in parquet.iter_batches(batch_size=5000):
            for record in batch.to_pylist():
                number += 1
                yield _parsed(file.name, number, record, ctx, docs, share, flat=True)
