"""`axisgraph import FORMAT PATH`: bring coded event data into the store, with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..importers import FORMATS, ImportReport, import_path, total_size
from .app import app, console, err_console
from .common import (
    DEFAULT_DB,
    ActorsOption,
    DbOption,
    JsonOption,
    load_actor_kb,
    open_store,
    parse_date,
    print_json,
)


def _print_report(report: ImportReport, shown: int) -> None:
    console.print(f"[bold]{report.dataset}[/bold]: {report.rows_read:,} rows read, "
                  f"{report.assertions_built:,} assertions built, [green]{report.assertions_stored:,} new[/green], "
                  f"{report.duplicates:,} already stored, {report.actors_seen:,} actors, {report.seconds:.1f} s")
    if report.replaced:
        console.print(f"  replaced {report.replaced:,} assertions of earlier imports of these files")
    for reason, count in report.skipped.most_common():
        console.print(f"  skipped by design: {count:,} × {reason}")
    if report.bad_count:
        err_console.print(f"[yellow]{report.bad_count:,} bad rows[/yellow] (file:line: reason):")
        for bad in report.bad_rows[:shown]:
            err_console.print(f"  {bad}")
        if report.bad_count > shown:
            err_console.print(f"  … {report.bad_count - shown:,} more (use --show-bad)")


@app.command("import")
def import_command(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}.")],
    path: Annotated[Path, typer.Argument(help="File or folder to import.")],
    db: DbOption = DEFAULT_DB,
    dataset: Annotated[str | None, typer.Option(help="Dataset name written into origins (default: "
                                                     "folder name for tkg, else the format).")] = None,
    start: Annotated[str | None, typer.Option(help="tkg: date of time index 0 (or of the first index), "
                                                   "for datasets without a preset.")] = None,
    units_per_day: Annotated[int | None, typer.Option(help="tkg: time units per day (24 for hours).")] = None,
    actors: ActorsOption = None,
    replace: Annotated[bool, typer.Option(help="First remove what earlier imports of these files wrote "
                                                "(re-resolves actors after a KB change).")] = False,
    show_bad: Annotated[int, typer.Option(help="Bad rows to list.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Import ICEWS, POLECAT, GDELT, ACLED, PLOVER or TKG event data; bad rows are reported by line."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="FORMAT")
    store = open_store(db, must_exist=False)
    kb = load_actor_kb(actors)
    options = {"start": parse_date(start, "start"), "units_per_day": units_per_day}
    try:
        total = total_size(fmt, path)
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=err_console, transient=as_json) as progress:
            task = progress.add_task(f"import {fmt}", total=total)
            report = import_path(store, fmt, path, kb=kb, dataset=dataset, replace=replace,
                                 progress=lambda n: progress.advance(task, n), **options)
            progress.update(task, completed=total)
    except (FileNotFoundError, ValueError) as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print_json(report.to_dict())
    else:
        _print_report(report, show_bad)
