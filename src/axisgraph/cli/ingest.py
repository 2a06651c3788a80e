"""`axisgraph ingest`: read, extract and store documents with a progress bar."""

from __future__ import annotations

import signal
from enum import Enum
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..documents import DEFAULT_MAX_CHARS
from ..ingest import IngestResult, ingest, stop_workers
from .app import app, console, err_console
from .common import (
    DEFAULT_DB,
    ActorsOption,
    DbOption,
    VerbsOption,
    VerbsWinOption,
    load_actor_kb,
    load_lexicon,
    open_store,
)
from .summary import print_summary


class Engine(str, Enum):
    """Where extraction runs."""

    local = "local"
    dask = "dask"


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    verbs_win: VerbsWinOption = False,
    n_process: Annotated[int, typer.Option(
        "--n-process", "-j", help="Extraction worker processes (each loads the spaCy pipeline once).")] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per database transaction.")] = 20,
    max_chars: Annotated[int, typer.Option(help="Skip documents longer than this.")] = DEFAULT_MAX_CHARS,
    summary: Annotated[bool, typer.Option("--summary/--no-summary", help="Show what the store holds after.")] = True,
    engine: Annotated[Engine, typer.Option(help="local: this process and --n-process spaCy workers; "
                                                "dask: Dask workers, one partition per file or Parquet row group.")
                      ] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:8786); "
                                                       "default: a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(help="Workers of the local Dask cluster (default: cores).")] = None,
    staging: Annotated[str | None, typer.Option(help="Folder for the Dask workers' Parquet output, shared with "
                                                     "the workers; kept. Default: a temporary folder.")] = None,
) -> None:
    """Store documents and their assertions; documents already stored are skipped, so reruns resume."""
    kb = load_actor_kb(actors)
    if verbs is not None and engine is Engine.dask:
        err_console.print("[red]error:[/red] --verbs works with --engine local only")
        raise typer.Exit(2)
    lexicon = load_lexicon(verbs, verbs_win)
    store = open_store(db, must_exist=False)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[assertions]} assertions"), TimeElapsedColumn(),
                  console=err_console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, assertions=0)
        counts = {"assertions": 0}

        def step(_doc: object, n: int) -> None:
            counts["assertions"] += n
            bar.update(task, advance=1, assertions=counts["assertions"])

        command = "ingest " + " ".join(paths)
        if engine is Engine.dask:
            from ..distributed import ingest_dask

            result = ingest_dask(paths, store, actors=[str(p) for p in actors or []], kb=kb, scheduler=scheduler,
                                 n_workers=workers, staging=staging, batch_size=batch_size, max_chars=max_chars,
                                 progress=step, command=command + " --engine dask")
        else:
            from ..workers import WorkerDied

            try:
                result = ingest(paths, store, kb=kb, lexicon=lexicon, n_process=n_process, batch_size=batch_size,
                                max_chars=max_chars, progress=step, command=command)
            except WorkerDied as exc:
                err_console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(1) from exc
    report_result(result)
    if summary:
        print_summary(store)
    if result.documents_read == 0 and result.report.errors:
        raise typer.Exit(1)


def _interrupt(_signum: int, _frame: object) -> None:
    """On SIGINT or SIGTERM stop the extraction workers first (spaCy waits for them), then interrupt."""
    stop_workers()
    raise KeyboardInterrupt


def report_result(result: IngestResult) -> None:
    """Print counts and every problem of an ingest."""
    for problem in result.report.problems:
        err_console.print(f"[{'red' if problem.level == 'error' else 'yellow'}]{problem.level}:[/] {problem}")
    console.print(
        f"[bold]{result.documents_stored}[/bold] documents stored with "
        f"[bold]{result.assertions_stored}[/bold] assertions; "
        f"{result.already_stored} already stored, {len(result.report.errors)} skipped as unreadable, "
        f"{len(result.report.warnings)} warnings."
    )
