"""Exporters: the store's assertions and ties as files for Gephi, spreadsheets, pandas and event-data tools.

>>> from axisgraph.store import Store
>>> from axisgraph.exporters import export
>>> export(Store("events.db"), "gexf", "ties.gexf")   # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..store import Store
from . import events, graph, tables

FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "parquet", "jsonl", "plover", "icews")
TABLES: tuple[str, ...] = ("assertions", "ties")


@dataclass
class ExportReport:
    """What an export wrote: format, file, table, how many items, and what it left out and why."""

    format: str
    path: str
    table: str
    written: int
    skipped: Counter[str] = field(default_factory=Counter)


Writer = Callable[[Store, Path, date | None, date | None], int]

_ASSERTION_WRITERS: dict[str, Writer] = {
    "csv": tables.write_assertions_csv,
    "parquet": tables.write_assertions_parquet,
    "jsonl": tables.write_assertions_jsonl,
}
_TIE_WRITERS: dict[str, Writer] = {
    "csv": tables.write_ties_csv,
    "parquet": tables.write_ties_parquet,
    "graphml": graph.write_graphml,
    "gexf": graph.write_gexf,
}


def export(store: Store, fmt: str, out: str | Path, since: date | None = None, until: date | None = None,
           table: str = "assertions") -> ExportReport:
    """Write the store's assertions (or ties) in a window to `out` in format `fmt`.

    graphml and gexf always write ties (the graph); csv and parquet write either table;
    jsonl, plover and icews write assertions.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    path = Path(out)
    if fmt in ("graphml", "gexf"):
        table = "ties"
    if fmt in ("plover", "icews"):
        if table != "assertions":
            raise ValueError(f"{fmt} holds events; it cannot hold ties")
        writer = events.write_plover if fmt == "plover" else events.write_icews
        written, skipped = writer(store, path, since, until)
        return ExportReport(fmt, str(path), table, written, skipped)
    writers = _TIE_WRITERS if table == "ties" else _ASSERTION_WRITERS
    if fmt not in writers:
        raise ValueError(f"{fmt} cannot hold {table}")
    return ExportReport(fmt, str(path), table, writers[fmt](store, path, since, until))


__all__ = ["FORMATS", "TABLES", "ExportReport", "export"]
