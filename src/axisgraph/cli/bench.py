"""`axisgraph bench tkg ICEWS14|ICEWS18`: the temporal-graph forecasting benchmark."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from ..forecast.bench import MODELS, dataset_config, run_tkg
from .app import app, console, err_console
from .common import JsonOption, print_frame, print_json

bench_app = typer.Typer(help="Benchmarks on the shared evaluation data.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("tkg")
def tkg(
    dataset: Annotated[str, typer.Argument(help="ICEWS14 or ICEWS18.")],
    model: Annotated[list[str] | None, typer.Option("--model", help="recurrency and/or learned (repeat).")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Folder holding the dataset folders.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Time-aware filtered MRR and Hits@1/3/10 on the test split, with wall time and peak memory."""
    models = model or list(MODELS)
    bad = [m for m in models if m not in MODELS]
    if bad:
        raise typer.BadParameter(f"unknown model(s) {bad}; choose from {list(MODELS)}", param_hint="--model")
    rows = run_tkg(dataset, models, data_dir, dataset_config(dataset), log=lambda m: err_console.print(m))
    if as_json:
        print_json(rows)
        return
    print_frame(pd.DataFrame(rows).round(2), title=f"{dataset} (time-aware filtered, single-step)")
    console.print("MRR and Hits in %; ties count as the expected rank.")
