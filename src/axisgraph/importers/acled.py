"""ACLED CSV exports: political violence, demonstrations and strategic developments.

Columns used: event_id_cnty, event_date, event_type, sub_event_type, actor1,
assoc_actor_1, actor2, assoc_actor_2, country, notes, source. Associated actors
("; "-separated) act with their main actor: each source side actor gets an
assertion toward each target side actor. The notes are kept as the sentence.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ..ontology import relation_to_cameo
from .actors import ResolvedActor
from .base import ImportContext, Parsed, event_row, file_list, guarded, header_records, parse_date

REQUIRED: tuple[str, ...] = ("event_date", "event_type", "sub_event_type", "actor1")

# (event_type, sub_event_type) -> (relation, mode); None marks a type skipped by design.
SUB_EVENTS: dict[str, tuple[str, str | None] | None] = {
    "armed clash": ("ASSAULT", "firearms"),
    "government regains territory": ("ASSAULT", None),
    "non-state actor overtakes territory": ("ASSAULT", None),
    "chemical weapon": ("ASSAULT", "cbrn"),
    "air/drone strike": ("ASSAULT", "aerial"),
    "suicide bomb": ("ASSAULT", "suicide-attack"),
    "shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"),
    "remote explosive/landmine/ied": ("ASSAULT", "explosives"),
    "grenade": ("ASSAULT", "explosives"),
    "sexual violence": ("ASSAULT", None),
    "attack": ("ASSAULT", None),
    "abduction/forced disappearance": ("ASSAULT", "abduct"),
    "peaceful protest": ("PROTEST", "demo"),
    "protest with intervention": ("PROTEST", "demo"),
    "excessive force against protesters": ("ASSAULT", None),
    "violent demonstration": ("PROTEST", "riot"),
    "mob violence": ("ASSAULT", None),
    "agreement": ("AGREE", None),
    "arrests": ("COERCE", "arrest"),
    "disrupted weapons use": ("COERCE", None),
    "looting/property destruction": ("COERCE", None),
    "non-violent transfer of territory": ("RETREAT", None),
    "headquarters or base established": ("MOBILIZE", None),
    "change to group/activity": None,
    "other": None,
}


def files(path: Path) -> list[Path]:
    """The ACLED files of a path (a file, or the .csv files of a folder)."""
    return file_list(path, (".csv",))


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse ACLED CSV files into assertion rows."""
    for file in files(path):
        for line, record, problem, size in header_records(file, delimiter=",", quoting=csv.QUOTE_MINIMAL):
            yield guarded(file.name, line, size, partial(_parse_record, file.name, line, record, problem, size, ctx))


def _actors(ctx: ImportContext, main: str, associated: str) -> list[ResolvedActor]:
    names = [main] + [n for n in associated.split(";")]
    found = [ctx.resolver.resolve(n) for n in names if n.strip()]
    unique = {a.id: a for a in found if a is not None}
    return list(unique.values())


def _parse_record(file: str, line: int, record: dict[str, str] | None, problem: str | None, size: int,
                  ctx: ImportContext) -> Parsed:
    if record is None:
        return Parsed(file, line, bad=problem, size=size)
    missing = [c for c in REQUIRED if c not in record]
    if missing:
        return Parsed(file, line, bad=f"missing column(s) {', '.join(missing)}", size=size)
    sub_event = record["sub_event_type"].strip()
    if sub_event.lower() not in SUB_EVENTS:
        return Parsed(file, line, bad=f"unknown sub_event_type {sub_event!r}", size=size)
    mapped = SUB_EVENTS[sub_event.lower()]
    if mapped is None:
        return Parsed(file, line, skip=f"ACLED {sub_event} (no relation in the ontology)", size=size)
    try:
        day = parse_date(record["event_date"])
    except ValueError as exc:
        return Parsed(file, line, bad=str(exc), size=size)
    sources = _actors(ctx, record["actor1"], record.get("assoc_actor_1", ""))
    if not sources:
        return Parsed(file, line, bad="empty actor1", size=size)
    targets: list[ResolvedActor | None] = list(_actors(ctx, record.get("actor2", ""),
                                                       record.get("assoc_actor_2", ""))) or [None]
    relation, mode = mapped
    origin = f"{ctx.dataset}:{file}:{line}"
    notes = " ".join(record.get("notes", "").split())
    rows = []
    for source in sources:
        for target in targets:
            if target is not None and target.id == source.id:
                continue
            sentence = notes or f"{source.name} | {sub_event} | {target.name if target else ''}".rstrip(" |")
            rows.append(event_row(origin, day, source, relation, mode, target, sentence,
                                  cameo=relation_to_cameo(relation, mode)))
    if not rows:
        return Parsed(file, line, skip="ACLED event whose only target is its source", size=size)
    return Parsed(file, line, rows=rows, size=size)
