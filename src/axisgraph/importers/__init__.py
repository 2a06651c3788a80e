"""Importers of coded event data: each format becomes assertions in the same store as extracted text.

>>> from axisgraph.store import Store
>>> from axisgraph.importers import import_path
>>> report = import_path(Store("events.db"), "tkg", "ICEWS18")   # doctest: +SKIP
>>> report.assertions_stored, report.skipped, report.bad_count  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func

from ..kb import ActorKB
from ..store import Store, assertions
from . import acled, gdelt, icews, plover, polecat, table, tkg
from .actors import ActorResolver, ResolvedActor
from .base import BadRow, ImportContext, ImportReport, Parsed, run_import


@dataclass(frozen=True)
class Format:
    """An import format: how to list its files and parse them into rows."""

    name: str
    description: str
    files: Callable[[Path], list[Path]]
    parse: Callable[[Path, ImportContext], Iterator[Parsed]]


FORMATS: dict[str, Format] = {
    f.name: f for f in (
        Format("tkg", "TKG benchmark folder (ICEWS14/ICEWS18: train/valid/test.txt, entity2id, relation2id)",
               tkg.files, tkg.parse),
        Format("icews", "ICEWS coded event TSV (Dataverse columns)", icews.files, icews.parse),
        Format("polecat", "POLECAT event TSV (PLOVER-coded)", polecat.files, polecat.parse),
        Format("gdelt", "GDELT 2.0 events export (61 tab-separated columns, no header)", gdelt.files, gdelt.parse),
        Format("acled", "ACLED CSV export", acled.files, acled.parse),
        Format("plover", "PLOVER JSON (array or one object per line)", plover.files, plover.parse),
        Format("jsonl", "axisgraph assertion records, one JSON object per line", table.jsonl_files, table.parse_jsonl),
        Format("csv", "axisgraph assertions CSV export", table.csv_files, table.parse_csv),
        Format("parquet", "axisgraph assertions Parquet export", table.parquet_files, table.parse_parquet),
    )
}


def default_dataset(fmt: str, path: Path) -> str:
    """The dataset name written into origins: the folder name for TKG, else the format name."""
    return tkg.dataset_name(path) if fmt == "tkg" else fmt


def import_files(fmt: str, path: str | Path) -> list[Path]:
    """The files an import of `path` in format `fmt` will read (raises for unknown formats or paths)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return FORMATS[fmt].files(path)


def remove_imported(store: Store, dataset: str, files: list[Path]) -> int:
    """Delete the assertions earlier imports of these files wrote (origins "dataset:file:…"); returns how many."""
    removed = 0
    with store.engine.begin() as conn:
        for file in files:
            prefix = f"{dataset}:{file.name}:"
            result = conn.execute(delete(assertions).where(
                func.substr(assertions.c.origin, 1, len(prefix)) == prefix))
            removed += result.rowcount or 0
    return removed


def import_path(store: Store, fmt: str, path: str | Path, kb: ActorKB | None = None, dataset: str | None = None,
                progress: Callable[[int], None] | None = None, replace: bool = False,
                **options: Any) -> ImportReport:
    """Import a file or folder of event data into the store; returns the report (bad rows included).

    Re-importing the same file adds nothing: each row's key derives from its origin
    (dataset, file, line), its resolved actors and its relation. After a change of the
    actor KB, `replace` first removes what earlier imports of the same files wrote, so
    that rows resolved differently replace the old ones instead of adding to them.
    """
    path = Path(path)
    paths = import_files(fmt, path)
    name = dataset or default_dataset(fmt, path)
    removed = remove_imported(store, name, paths) if replace else 0
    resolver = ActorResolver(kb, origin=name)
    ctx = ImportContext(resolver=resolver, dataset=name, store=store, options=options)
    report = ImportReport(dataset=name, files=[str(p) for p in paths], replaced=removed)
    run_id = store.begin_run(f"import {fmt} {path}")
    try:
        run_import(store, FORMATS[fmt].parse(path, ctx), report, resolver, progress)
    except BaseException:
        _finish(store, run_id, "failed", report)
        raise
    _finish(store, run_id, "done", report)
    return report


def _finish(store: Store, run_id: int, status: str, report: ImportReport) -> None:
    """Record the run: rows without assertions (skipped or bad) as skipped, new assertions, bad rows."""
    not_imported = sum(report.skipped.values()) + report.bad_count
    store.finish_run(run_id, status, 0, not_imported, report.assertions_stored, report.problems())


def total_size(fmt: str, path: str | Path) -> int:
    """Bytes the import will read (for progress bars)."""
    return sum(p.stat().st_size for p in import_files(fmt, path))


__all__ = [
    "FORMATS", "ActorResolver", "BadRow", "Format", "ImportContext", "ImportReport", "Parsed", "ResolvedActor",
    "import_files", "import_path", "remove_imported", "total_size",
]
