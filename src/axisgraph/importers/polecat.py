"""POLECAT event data (the PLOVER-coded successor of ICEWS), tab-separated with a header.

Columns used: Event ID, Event Date (or Story Date), Event Type, Event Mode, Actor
Name, Actor Country, Primary Actor Sector, Recipient Name, Recipient Country,
Primary Recipient Sector. Event types are PLOVER names (2016 names accepted).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..ontology import relation as relation_named
from ..ontology import relation_to_cameo
from .actors import ResolvedActor
from .base import ImportContext, Parsed, event_row, file_list, header_file_rows, parse_date
from .icews import origin_of

COLUMNS: tuple[str, ...] = (
    "Event ID", "Story Date", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
    "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "State", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)


def files(path: Path) -> list[Path]:
    """The POLECAT files of a path (a file, or the .tsv/.txt files of a folder)."""
    return file_list(path, (".tsv", ".tab", ".txt", ".csv"))


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse POLECAT event files into assertion rows."""
    for file in files(path):
        yield from header_file_rows(file, ctx, _parse_record)


def _actor(ctx: ImportContext, record: dict[str, str], role: str) -> ResolvedActor | None:
    name = record.get(f"{role} Name", "").strip()
    country = record.get(f"{role} Country", "").strip() or None
    sector = record.get(f"Primary {role} Sector", "").strip()
    state = ctx.resolver.state(country) if country else None
    if state is not None and (not name or name.lower() == state.name.lower()) and sector:
        body = ctx.resolver.state_body(state, sector)
        if body is not None:
            ctx.resolver.remember(body)
            return body
    if not name and state is not None:
        ctx.resolver.remember(state)
        return state
    return ctx.resolver.resolve(name, country=country)


def _parse_record(file: str, line: int, record: dict[str, str], size: int, ctx: ImportContext) -> Parsed:
    try:
        rel = relation_named(record.get("Event Type", ""))
    except KeyError:
        return Parsed(file, line, bad=f"unknown event type {record.get('Event Type')!r}", size=size)
    try:
        day = parse_date(record.get("Event Date") or record.get("Story Date") or "")
    except ValueError as exc:
        return Parsed(file, line, bad=str(exc), size=size)
    source = _actor(ctx, record, "Actor")
    if source is None:
        return Parsed(file, line, bad="no actor", size=size)
    target = _actor(ctx, record, "Recipient")
    mode = record.get("Event Mode", "").strip().lower() or None
    label = rel.name + (f" ({mode})" if mode else "")
    sentence = f"{source.name} | {label} | {target.name if target else ''}".rstrip(" |")
    origin = origin_of(ctx.dataset, file, line, record.get("Event ID", "").strip())
    return Parsed(file, line, rows=[event_row(origin, day, source, rel.name, mode, target, sentence,
                                              cameo=relation_to_cameo(rel.name, mode))], size=size)
