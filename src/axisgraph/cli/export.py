"""`axisgraph export --format F -o OUT`: write assertions or ties for Gephi, spreadsheets and event tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..exporters import FORMATS, TABLES, export
from .app import app, console, err_console
from .common import DEFAULT_DB, DbOption, SinceOption, UntilOption, open_store, parse_date


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    table: Annotated[str, typer.Option(help=f"For csv/parquet: {' or '.join(TABLES)}.")] = "assertions",
) -> None:
    """Export GraphML/GEXF graphs (with time attributes), CSV/Parquet of assertions or ties, JSONL, PLOVER, ICEWS."""
    store = open_store(db)
    try:
        report = export(store, fmt, out, parse_date(since, "since"), parse_date(until, "until"), table=table)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"wrote {report.written:,} {report.table} to {report.path} ({report.format})")
    for reason, count in report.skipped.most_common():
        console.print(f"  left out: {count:,} × {reason}")
