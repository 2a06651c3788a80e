"""PLOVER JSON event records: a JSON array (as in the PLOVER gold standard records) or one object per line.

Each record has `id`, `date`, `event`, optional `mode` and `context`, `source` and
`target` (a string, an object {actorText, code, sector}, or a list of them for
compound actors), and optionally `text`, the sentence. Compound actors yield one
assertion per source-target pair. "DOCUMENT" records are skipped by design.
axisgraph's own exports add `negated`, `hedge` and `confidence`, read back here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..ontology import HEDGES, relation_to_cameo
from ..ontology import relation as relation_named
from .actors import ResolvedActor
from .base import ImportContext, Parsed, event_row, file_list, guarded, parse_date


def files(path: Path) -> list[Path]:
    """The PLOVER files of a path (a file, or the .json/.jsonl/.txt files of a folder)."""
    return file_list(path, (".json", ".jsonl", ".txt"))


def _records(file: Path) -> Iterator[tuple[int, Any, str | None, int]]:
    """(record number or line, record, JSON problem, size) of an array file or a streamed JSON Lines file."""
    with file.open(encoding="utf-8", errors="replace") as handle:
        start = handle.read(4096).lstrip()[:1]
        handle.seek(0)
        if start == "[":
            text = handle.read()
            try:
                items = json.loads(text)
            except json.JSONDecodeError as exc:
                yield exc.lineno, None, f"invalid JSON array: {exc.msg}", len(text)
                return
            share = len(text) // max(len(items), 1)
            for index, item in enumerate(items, start=1):
                yield index, item, None, share
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None, len(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"invalid JSON: {exc.msg}", len(line)


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse PLOVER JSON files into assertion rows."""
    for file in files(path):
        for number, record, problem, size in _records(file):
            if problem is not None:
                yield Parsed(file.name, number, bad=problem, size=size)
            else:
                yield guarded(file.name, number, size, partial(_parse_record, file.name, number, record, ctx, size))


def _actor_list(ctx: ImportContext, value: Any) -> list[ResolvedActor]:
    items = value if isinstance(value, list) else [value] if value else []
    found: dict[str, ResolvedActor] = {}
    for item in items:
        if isinstance(item, str):
            actor = ctx.resolver.resolve(item)
        elif isinstance(item, dict):
            actor = ctx.resolver.resolve_code(item.get("code"), name=item.get("name") or item.get("actorText"),
                                              sector=item.get("sector"), kind=item.get("kind"))
        else:
            raise ValueError(f"actor must be a string or an object, not {type(item).__name__}")
        if actor is not None:
            found.setdefault(actor.id, actor)
    return list(found.values())


def origin_of(ctx: ImportContext, file: str, number: int, record_id: Any) -> str:
    """An axisgraph origin kept from an export, else dataset:file:record id (or record number)."""
    ident = str(record_id or "").strip()
    if ":" in ident:
        return ident
    return f"{ctx.dataset}:{file}:{ident or number}"


def _parse_record(file: str, number: int, record: Any, ctx: ImportContext, size: int) -> Parsed:
    if not isinstance(record, dict):
        return Parsed(file, number, bad="record is not a JSON object", size=size)
    event = str(record.get("event") or "").strip()
    if event.upper() == "DOCUMENT":
        return Parsed(file, number, skip="PLOVER DOCUMENT record (file documentation)", size=size)
    try:
        rel = relation_named(event)
    except KeyError:
        return Parsed(file, number, bad=f"unknown PLOVER event {event!r}", size=size)
    try:
        day = parse_date(str(record.get("date") or ""))
        sources = _actor_list(ctx, record.get("source"))
        targets: list[ResolvedActor | None] = list(_actor_list(ctx, record.get("target"))) or [None]
        confidence = float(record.get("confidence", 1.0))
    except (ValueError, TypeError) as exc:
        return Parsed(file, number, bad=str(exc), size=size)
    if not sources:
        return Parsed(file, number, bad="no source actor", size=size)
    hedge = str(record.get("hedge") or "asserted")
    if hedge not in HEDGES or not 0.0 <= confidence <= 1.0:
        return Parsed(file, number, bad=f"bad hedge {hedge!r} or confidence {confidence!r}", size=size)
    mode = str(record.get("mode") or "").strip().lower() or None
    origin = origin_of(ctx, file, number, record.get("id"))
    text = " ".join(str(record.get("text") or "").split())
    rows = []
    for source in sources:
        for target in targets:
            sentence = text or f"{source.name} | {rel.name} | {target.name if target else ''}".rstrip(" |")
            rows.append(event_row(origin, day, source, rel.name, mode, target, sentence,
                                  cameo=str(record.get("cameo") or relation_to_cameo(rel.name, mode) or "") or None,
                                  confidence=confidence, hedge=hedge, negated=bool(record.get("negated", False))))
    return Parsed(file, number, rows=rows, size=size)
