"""ICEWS coded event data, as the Harvard Dataverse tab-separated files lay it out.

Columns: Event ID, Event Date, Source Name, Source Sectors, Source Country, Event
Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID,
Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude.
CAMEO codes map through the ontology; root 01 (statements) is skipped by design.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..ontology import cameo_to_relation
from .base import ImportContext, Parsed, event_row, file_list, header_file_rows, parse_date
from .cameo_codes import CAMEO_EVENTS

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)
SKIP_STATEMENT = "CAMEO 01 make public statement (no relation in the ontology)"


def files(path: Path) -> list[Path]:
    """The ICEWS files of a path (a file, or the .tsv/.tab/.txt files of a folder)."""
    return file_list(path, (".tsv", ".tab", ".txt", ".csv"))


def origin_of(dataset: str, file: str, line: int, event_id: str) -> str:
    """An event's origin: an axisgraph origin kept from an export, else dataset:file:line."""
    return event_id if ":" in event_id else f"{dataset}:{file}:{line}"


def cameo_relation(code: str) -> tuple[str, str | None] | str:
    """(relation, mode) of a CAMEO code, or the reason the row is skipped or bad."""
    code = code.strip()
    if not code.isdigit() or code not in CAMEO_EVENTS and code[:3] not in CAMEO_EVENTS:
        return f"bad:unknown CAMEO code {code!r}"
    mapped = cameo_to_relation(code)
    return mapped if mapped is not None else SKIP_STATEMENT


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse ICEWS event files into assertion rows."""
    for file in files(path):
        yield from header_file_rows(file, ctx, _parse_record)


def _parse_record(file: str, line: int, record: dict[str, str], size: int, ctx: ImportContext) -> Parsed:
    missing = [c for c in ("Event Date", "Source Name", "CAMEO Code") if c not in record]
    if missing:
        return Parsed(file, line, bad=f"missing column(s) {', '.join(missing)}", size=size)
    mapped = cameo_relation(record["CAMEO Code"])
    if isinstance(mapped, str):
        bad = mapped.startswith("bad:")
        return Parsed(file, line, bad=mapped[4:] if bad else None, skip=None if bad else mapped, size=size)
    try:
        day = parse_date(record["Event Date"])
    except ValueError as exc:
        return Parsed(file, line, bad=str(exc), size=size)
    source = ctx.resolver.resolve(record["Source Name"], country=record.get("Source Country") or None)
    if source is None:
        return Parsed(file, line, bad="no source actor", size=size)
    target = ctx.resolver.resolve(record.get("Target Name", ""), country=record.get("Target Country") or None)
    code = record["CAMEO Code"].strip()
    event_text = record.get("Event Text") or CAMEO_EVENTS.get(code, ("", 0.0))[0]
    sentence = f"{source.name} | {event_text} | {target.name if target else ''}".rstrip(" |")
    origin = origin_of(ctx.dataset, file, line, record.get("Event ID", "").strip())
    return Parsed(file, line, rows=[event_row(origin, day, source, mapped[0], mapped[1], target, sentence,
                                              cameo=code)], size=size)
